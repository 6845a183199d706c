"""Turning a request that names a document by hash into one that carries its text.

Automatic persisted queries (Apollo's protocol, `extensions.persistedQuery =
{version: 1, sha256Hash}`): a client first sends only the hash; an unknown hash gets the
error `PERSISTED_QUERY_NOT_FOUND`, and the client sends hash and text, which the service
checks (the text must hash to the hash) and remembers in a bounded LRU store. GET
requests can then carry only the hash, short enough for HTTP caches and CDNs.

Trusted documents (production): with a manifest loaded at start, a request names a
document by hash (`extensions.persistedQuery.sha256Hash`, `documentId` or Relay's `id`),
or sends a text whose sha256 is in the manifest; anything else is refused, and APQ
registration is off.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from strawberry.http import GraphQLRequestData

from graph_service.api.persisted.lru import LRUCache
from graph_service.api.persisted.manifest import load_manifest, strip_prefix
from graph_service.settings import Settings

NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
BAD_REQUEST = "BAD_PERSISTED_QUERY"
UNTRUSTED = "UNTRUSTED_DOCUMENT"


class DocumentRefused(Exception):
    """The request's document cannot be run; `code` goes to the error's extensions."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class PersistedDocuments:
    apq: LRUCache | None
    trusted: dict[str, str] | None = None

    def resolve(
        self, data: GraphQLRequestData, document_id: str | None = None
    ) -> GraphQLRequestData:
        """`data` with its document's text filled in and checked; DocumentRefused if not.

        `document_id` is the request's `documentId` (GraphQL over HTTP) or `id` (Relay).
        """
        if self.trusted is not None:
            return self._trusted(data, document_id)
        hash_ = _apq_hash(data.extensions)
        if hash_ is None:
            return data
        if self.apq is None:
            raise DocumentRefused(NOT_SUPPORTED, "PersistedQueryNotSupported")
        if data.query is None:
            query = self.apq.get(hash_)
            if query is None:
                raise DocumentRefused(NOT_FOUND, "PersistedQueryNotFound")
            return replace(data, query=query)
        if sha256_hex(data.query) != hash_:
            raise DocumentRefused(HASH_MISMATCH, "provided sha does not match query")
        self.apq.put(hash_, data.query)
        return data

    def _trusted(self, data: GraphQLRequestData, document_id: str | None) -> GraphQLRequestData:
        assert self.trusted is not None
        document_id = _apq_hash(data.extensions) or (
            strip_prefix(document_id) if document_id else None
        )
        if data.query is not None:
            if sha256_hex(data.query) in self.trusted:
                return data
            raise DocumentRefused(
                UNTRUSTED,
                "this service runs only the operations of its trusted-documents manifest "
                "(GRAPH_SERVICE_TRUSTED_DOCUMENTS), and this document is not one of them: "
                "add it to the manifest (e.g. codegen's persisted-documents.json) and redeploy",
            )
        if document_id is None:
            raise DocumentRefused(
                UNTRUSTED,
                "send the id of a trusted document (extensions.persistedQuery.sha256Hash"
                ", documentId, or id)",
            )
        query = self.trusted.get(document_id)
        if query is None:
            raise DocumentRefused(NOT_FOUND, f"no trusted document has the id {document_id!r}")
        return replace(data, query=query)


def _apq_hash(extensions: dict[str, Any] | None) -> str | None:
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return None
    if not isinstance(persisted, dict) or persisted.get("version") != 1:
        raise DocumentRefused(BAD_REQUEST, "extensions.persistedQuery must have version 1")
    hash_ = persisted.get("sha256Hash")
    if not isinstance(hash_, str) or len(hash_) != 64:
        raise DocumentRefused(
            BAD_REQUEST, "extensions.persistedQuery.sha256Hash must be 64 hex digits"
        )
    return hash_.lower()


def persisted_documents_for(settings: Settings) -> PersistedDocuments:
    trusted = load_manifest(settings.trusted_documents) if settings.trusted_documents else None
    apq = LRUCache(settings.apq_cache_size) if settings.apq_cache_size > 0 else None
    return PersistedDocuments(apq=None if trusted is not None else apq, trusted=trusted)
