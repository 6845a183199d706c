"""The trusted-documents manifest: the only operations a production service runs.

Both common shapes are one JSON object from a document's id to its text:
`@graphql-codegen/client-preset` with `persistedDocuments: true` writes
`persisted-documents.json` as `{sha256: document}`, and Relay's compiler
(`persistConfig.file`) writes `{id: text}` (an md5 by default). Ids may carry a
`sha256:` prefix (the GraphQL-over-HTTP persisted-documents proposal); it is dropped.
"""

from __future__ import annotations

import json
from pathlib import Path


class ManifestError(ValueError):
    """The manifest cannot be used; the message says why and where."""


def strip_prefix(document_id: str) -> str:
    return document_id.removeprefix("sha256:")


def load_manifest(path: Path) -> dict[str, str]:
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ManifestError(f"cannot read the trusted-documents manifest {path}: {error}") from None
    except json.JSONDecodeError as error:
        raise ManifestError(f"{path} is not JSON: {error}") from None
    if not isinstance(entries, dict) or not entries:
        raise ManifestError(f"{path} must be a non-empty JSON object {{id: document}}")
    for key, document in entries.items():
        if not isinstance(document, str) or not document.strip():
            raise ManifestError(f"{path}: the entry {key!r} is not a GraphQL document")
    return {strip_prefix(key): document for key, document in entries.items()}
