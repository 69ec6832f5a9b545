"""Stored documents: the file itself (inline, so ``#page=N`` works) and its text page by page."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from councilwatch.documents.models import Document, DocumentPage
from councilwatch.documents.storage import document_storage
from councilwatch.web.cache import cached_page
from councilwatch.web.middleware import DOCUMENT_CSP

#: Media types safe to show inline from our origin; anything else (HTML, SVG ...) is downloaded instead.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "text/plain"}


def serve_document(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(Document, pk=pk)
    if not document.storage_path:
        raise Http404("This document has not been downloaded yet")
    storage = document_storage()
    if not storage.exists(document.storage_path):
        raise Http404("The stored file of this document is missing")
    media_type = (document.media_type or "application/octet-stream").split(";")[0].strip().lower()
    inline = media_type in INLINE_TYPES
    extension = {"application/pdf": ".pdf", "text/plain": ".txt"}.get(media_type, "")
    response = FileResponse(
        storage.open(document.storage_path, "rb"),
        as_attachment=not inline,
        filename=f"document-{document.pk}{extension}",
        content_type=media_type if inline else "application/octet-stream",
    )
    response["Content-Security-Policy"] = DOCUMENT_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Cache-Control"] = "public, max-age=86400, immutable"
    return response


@cached_page()
def document_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.select_related("meeting__committee", "council"), pk=pk)
    pages = Paginator(DocumentPage.objects.filter(document=document).order_by("number"), 1)
    if not pages.count:
        raise Http404("No text has been extracted from this document yet")
    if number < 1 or number > pages.num_pages:
        raise Http404(f"This document has {pages.num_pages} pages")
    page = pages.page(number)
    return render(
        request,
        "web/document_page.html",
        {"document": document, "page": page, "text": page.object_list[0], "council": document.council},
    )
