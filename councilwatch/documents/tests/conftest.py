"""Fixtures of the documents tests: Kent's council row from the real registry, stored documents, workers."""

from collections.abc import Callable

import pytest

from councilwatch.councils.models import Council
from councilwatch.councils.registry import load_councils
from councilwatch.documents.models import Document
from councilwatch.documents.storage import store_bytes


@pytest.fixture
def kent(db) -> Council:
    load_councils()
    return Council.objects.get(code="KEN")


@pytest.fixture
def stored_document(kent, document_storage) -> Callable[..., Document]:
    """Store bytes and create a Document for them, as the ingest engineer's importer does."""

    def make(data: bytes, title: str, **fields: object) -> Document:
        blob = store_bytes(data)
        return Document.objects.create(
            council=kent,
            upstream_id=f"test:{title}",
            title=title,
            sha256=blob.sha256 if data else "",
            size=blob.size,
            storage_path=blob.path if data else "",
            **fields,
        )

    return make
