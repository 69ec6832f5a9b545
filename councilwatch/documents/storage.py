"""Content-addressed storage of document bytes through Django's storage API.

Bytes are stored once under ``sha256/<aa>/<bb>/<sha256>`` in the ``documents`` storage; the same content
is never written twice, whatever document it belongs to.

Writes are crash-safe: on the file system the bytes go to a temporary file beside the final one, are fsynced
and renamed into place (then the folder is fsynced), so a file at a hash path is always whole; other storages
(object stores) write an object at once. A file already at the hash path is trusted only when its size is
right: a damaged one (cut short by a crash before this was so, or by a disk) is written again. The hash itself
is checked when reading gives trouble (:func:`check_blob`), and for every stored file by ``councilwatch verify``.
"""

import hashlib
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage, storages

log = logging.getLogger(__name__)
CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredBlob:
    sha256: str
    size: int
    path: str
    created: bool  # the bytes were written now (first time, or over a damaged copy)


class DamagedBlob(OSError):
    """A stored file is missing or is not the bytes its path names; the message says what is wrong with it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"the stored file {path} {problem}")
        self.path = path
        self.problem = problem


def document_storage() -> Storage:
    return storages["documents"]


def blob_path(sha256: str) -> str:
    return f"sha256/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def _write_atomically(storage: Storage, path: str, data: bytes) -> None:
    if not isinstance(storage, FileSystemStorage):
        if storage.exists(path):
            storage.delete(path)
        saved = storage.save(path, ContentFile(data))
        if saved != path:  # pragma: no cover - a storage that renames instead of writing where asked
            raise OSError(f"the documents storage saved {path} as {saved}")
        return
    final = Path(storage.path(path))
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, storage.file_permissions_mode or 0o644)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(final.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a crash
    finally:
        os.close(folder)


def _size(storage: Storage, path: str) -> int | None:
    try:
        return storage.size(path)
    except (OSError, NotImplementedError):
        return None


def store_bytes(data: bytes) -> StoredBlob:
    """Store ``data`` under its sha256 unless a whole copy is there already (a damaged one is replaced)."""
    digest = hashlib.sha256(data).hexdigest()
    path = blob_path(digest)
    storage = document_storage()
    if storage.exists(path):
        size = _size(storage, path)
        if size == len(data):
            return StoredBlob(digest, len(data), path, created=False)
        log.warning("stored file %s has %s of its %d bytes: writing it again", path, size, len(data))
    _write_atomically(storage, path, data)
    return StoredBlob(digest, len(data), path, created=True)


def read_bytes(path: str, *, size: int | None = None) -> bytes:
    """The stored bytes at ``path``; with ``size``, a file of another size raises DamagedBlob."""
    try:
        with document_storage().open(path, "rb") as fh:
            data = fh.read()
    except FileNotFoundError as exc:
        raise DamagedBlob(path, "is missing") from exc
    if size is not None and len(data) != size:
        raise DamagedBlob(path, f"has {len(data)} of its {size} bytes")
    return data


def _mismatch(actual: str, sha256: str) -> str:
    return "" if actual == sha256 else f"holds other bytes than its sha256 {sha256[:12]}… (read {actual[:12]}…)"


def hash_problem(data: bytes, sha256: str) -> str:
    """What is wrong with bytes read from the file stored for ``sha256`` ('' when they are those bytes)."""
    return _mismatch(hashlib.sha256(data).hexdigest(), sha256)


def check_blob(path: str, sha256: str, size: int | None = None) -> str:
    """What is wrong with the stored file at ``path`` ('' when it is whole: its size and sha256 are right)."""
    storage = document_storage()
    digest = hashlib.sha256()
    length = 0
    try:
        with storage.open(path, "rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                length += len(chunk)
    except FileNotFoundError:
        return "is missing"
    if size is not None and length != size:
        return f"has {length} of its {size} bytes"
    return _mismatch(digest.hexdigest(), sha256)


def set_aside(path: str) -> str:
    """Move a damaged stored file out of the hash tree (kept under ``damaged/`` for a person to look at), so the
    next download writes the right bytes there. Returns where it went ('' when there was nothing to move)."""
    storage = document_storage()
    if not storage.exists(path):
        return ""
    if isinstance(storage, FileSystemStorage):
        aside = Path(storage.path("damaged")) / Path(path).name
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(storage.path(path), aside)
        return str(aside)
    storage.delete(path)
    return "deleted"
