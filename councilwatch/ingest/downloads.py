"""Downloading a document's bytes into content-addressed storage, keeping every version it has had."""

from __future__ import annotations

import mimetypes
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from councilwatch.core.http import Expect, PoliteClient
from councilwatch.documents.models import Document, DocumentVersion, ExtractionStatus
from councilwatch.documents.storage import store_bytes


def expected_content(url: str) -> Expect:
    """A paper whose URL says PDF must be a PDF: an HTML error page in its place is an error, not a version."""
    path = urlsplit(url).path.lower()
    return "pdf" if path.endswith(".pdf") or "mgconvert2pdf" in path else None


def media_type_of(url: str, header: str, body: bytes) -> str:
    if body.startswith(b"%PDF"):
        return "application/pdf"
    if header and header != "application/octet-stream":
        return header
    guessed, _ = mimetypes.guess_type(urlsplit(url).path)
    return guessed or "application/octet-stream"


def download_document(document: Document, client: PoliteClient) -> str:
    """Fetch and store ``document``'s bytes; return "inserted" (first bytes), "updated" (new version) or
    "unchanged". Raises a FetchError (and records it on the document) when the bytes cannot be had."""
    try:
        response = client.get(document.source_url, expect=expected_content(document.source_url))
    except Exception as exc:
        Document.objects.filter(pk=document.pk).update(fetch_error=str(exc)[:2000])
        document.fetch_error = str(exc)
        raise
    return store_document_bytes(
        document, response.content, media_type_of(response.url, response.media_type, response.content)
    )


@transaction.atomic
def store_document_bytes(document: Document, data: bytes, media_type: str) -> str:
    blob = store_bytes(data)
    now = timezone.now()
    if blob.sha256 == document.sha256:
        fields = ["fetch_error"] if document.fetch_error else []
        document.fetch_error = ""
        if blob.created:  # the stored copy was missing or damaged: written again now, so extracted again
            document.extracted_sha256, document.extraction_status = "", ExtractionStatus.PENDING
            fields += ["extracted_sha256", "extraction_status"]
        if fields:
            document.save(update_fields=[*fields, "updated_at"])
        return "unchanged"
    outcome = "inserted" if not document.sha256 else "updated"
    DocumentVersion.objects.get_or_create(
        document=document,
        sha256=blob.sha256,
        defaults={"size": blob.size, "media_type": media_type, "storage_path": blob.path, "fetched_at": now},
    )
    document.sha256 = blob.sha256
    document.size = blob.size
    document.media_type = media_type
    document.storage_path = blob.path
    document.fetched_at = now
    document.fetch_error = ""
    document.extraction_status = ExtractionStatus.PENDING
    document.extraction_error = ""
    document.save(
        update_fields=[
            "sha256",
            "size",
            "media_type",
            "storage_path",
            "fetched_at",
            "fetch_error",
            "extraction_status",
            "extraction_error",
            "updated_at",
        ]
    )
    return outcome
