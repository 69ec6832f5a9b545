"""Each item's section gains "what was said", cited to the second of the segment that holds its figures."""

import pytest

from councilwatch.documents.models import Document, DocumentKind
from councilwatch.summaries.services import summarise_meeting
from councilwatch.webcasts.models import TranscriptSegment
from councilwatch.webcasts.services import save_transcript
from councilwatch.webcasts.types import Segment

SAID = [
    Segment(2.0, 6.5, "Good afternoon. We start with item 1, coronavirus and the health of children."),
    Segment(7.0, 15.2, "How much do we understand about how this virus impacts children and young people?"),
    Segment(16.0, 30.0, "I think it's fair to say that our understanding is developing across all age ranges."),
    Segment(75.4, 80.0, "Thank you. We move on to item 2, access to health services."),
    Segment(81.0, 92.0, "We have put £2.4 million into dental access this year.", "Vaughan Gething"),
    Segment(93.0, 99.0, "That is welcome, and I have nothing to add on that."),
    Segment(100.0, 108.0, "Will the 14 health boards publish their waiting times?", "Dawn Bowden"),
]


@pytest.mark.django_db
def test_what_was_said_cites_the_segment_holding_each_figure(meeting, client, settings):
    settings.WEB_PAGE_CACHE_SECONDS = 0
    document = Document.objects.create(
        council=meeting.council, meeting=meeting, upstream_id="webcast:m1", title="Transcript of the webcast",
        kind=DocumentKind.TRANSCRIPT, sha256="a" * 64, size=10, storage_path="sha256/aa/aa/x",
    )  # fmt: skip
    save_transcript(document, SAID)
    summary = summarise_meeting(meeting.pk)
    assert summary is not None
    sections = {s["numbers"][0]: s for s in summary.body["sections"]}
    item1 = [s["text"] for s in sections["1"]["said"]]
    assert item1 == ["Asked: “How much do we understand about how this virus impacts children and young people?”"]
    item2 = sections["2"]["said"]
    assert [s["text"] for s in item2] == [
        "Vaughan Gething said: “We have put £2.4 million into dental access this year.”",
        "Dawn Bowden asked: “Will the 14 health boards publish their waiting times?”",
    ]
    for said, figure in zip(item2, ("£2.4 million", "14"), strict=True):
        (citation,) = said["citations"]
        segment = TranscriptSegment.objects.get(document=document, start=citation["seconds"])
        assert figure in segment.text
        assert segment.item.number == "2"
    page = client.get(f"/councils/WLS/meetings/{meeting.pk}/").content.decode()
    assert f'href="/documents/{document.pk}/transcript/#t81"' in page
    assert ">[01:21<span" in page
