"""The pages people open in a browser: the landing page (`/`) and the relationship explorer
(`/explore`). They use the public GraphQL API like any client; every script, style and font
comes from the package."""

from graph_service.api.pages.routes import page_routes

__all__ = ["page_routes"]
