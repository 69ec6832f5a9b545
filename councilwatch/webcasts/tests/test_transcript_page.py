"""The transcript on the site: linked from the meeting page, times per item, searchable, accessible."""

import pytest

from councilwatch.documents.models import Document, DocumentKind
from councilwatch.search.models import SearchEntry
from councilwatch.search.services import index_meeting
from councilwatch.webcasts.services import save_transcript
from councilwatch.webcasts.types import Segment

SAID = [
    Segment(2.0, 6.5, "Good afternoon. We start with item 1, coronavirus and the health of children."),
    Segment(7.0, 15.2, "How much do we understand about how this virus impacts children?"),
    Segment(75.4, 80.0, "Thank you. We move on to item 2, access to health services."),
    Segment(81.0, 92.0, "Parents and carers may not be taking their children to the dentist.", "Dawn Bowden"),
]


@pytest.fixture
def transcript(meeting, settings) -> Document:
    settings.WEB_PAGE_CACHE_SECONDS = 0
    meeting.webcast_url = "https://example.org/webcast/77"
    meeting.save()
    document = Document.objects.create(
        council=meeting.council, meeting=meeting, upstream_id="webcast:m1", title="Transcript of the webcast",
        kind=DocumentKind.TRANSCRIPT, sha256="a" * 64, size=10, storage_path="sha256/aa/aa/x",
    )  # fmt: skip
    save_transcript(document, SAID)
    return document


@pytest.mark.django_db
def test_the_transcript_page_shows_each_item_with_times(client, transcript, meeting):
    meeting_page = client.get(f"/councils/WLS/meetings/{meeting.pk}/").content.decode()
    assert f'href="/documents/{transcript.pk}/transcript/"' in meeting_page
    page = client.get(f"/documents/{transcript.pk}/transcript/").content.decode()
    first, second = page.index("Item 1: Coronavirus and the health of children"), page.index("Item 2: Access to")
    assert first < page.index("[00:02]") < page.index("[00:07]") < second < page.index("[01:15]")
    assert 'href="https://example.org/webcast/77#t=81"' in page
    assert "<strong>Dawn Bowden:</strong>" in page
    assert transcript.pages.get(number=2).text.startswith("[01:15] Thank you.")


@pytest.mark.django_db
def test_transcript_pages_are_searchable(transcript, meeting):
    index_meeting(meeting.pk)
    found = list(SearchEntry.objects.search("dentist"))
    assert [e.meeting_id for e in found] == [meeting.pk]


@pytest.mark.django_db(transaction=True)
def test_the_transcript_page_passes_axe(transcript, live_server, document_storage):
    from councilwatch.core.testing import AXE, axe_violations, chromium

    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install`")
    with chromium() as browser:
        page = browser.new_page()
        response = page.goto(f"{live_server.url}/documents/{transcript.pk}/transcript/")
        assert response is not None and response.status == 200
        assert "Before the first item" not in page.inner_text("main")
        assert axe_violations(page) == []
