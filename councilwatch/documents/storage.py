"""Content-addressed storage of document bytes through Django's storage API.

Bytes are stored once under ``sha256/<aa>/<bb>/<sha256>`` in the ``documents`` storage; the same content
is never written twice, whatever document it belongs to.
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: str
    created: bool


def document_storage() -> Storage:
    return storages["documents"]


def blob_path(sha256: str) -> str:
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def store_bytes(data: bytes) -> StoredBlob:
    """Store ``data`` under its sha256 unless it is there already."""
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(digest)
    storage = document_storage()
    if storage.exists(path):
        return StoredBlob(digest, len(data), path, created=False)
    saved = storage.save(path, ContentFile(data))
    return StoredBlob(digest, len(data), saved, created=True)


def read_bytes(path: str) -> bytes:
    with document_storage().open(path, "rb") as fh:
        return fh.read()
