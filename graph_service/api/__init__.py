"""The HTTP and GraphQL face of the service: app, schema, resolvers."""
