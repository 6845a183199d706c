"""Persisted documents: Apollo's automatic persisted queries, and trusted documents."""

from graph_service.api.persisted.documents import (
    DocumentRefused,
    PersistedDocuments,
    persisted_documents_for,
)
from graph_service.api.persisted.manifest import load_manifest

__all__ = ["DocumentRefused", "PersistedDocuments", "load_manifest", "persisted_documents_for"]
