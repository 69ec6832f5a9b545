"""A caption file (WebVTT, SubRip) given as a meeting's recording is read into segments with their speakers."""

import pytest

from councilwatch.webcasts.captions import caption_segments, is_captions
from councilwatch.webcasts.services import import_webcast

pytestmark = pytest.mark.django_db

VTT = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:04.500\n<v Chair>Good afternoon. We start with item one, apologies for absence.\n\n"
    "00:00:05.000 --> 00:00:09.000\n<v Cllr Evans>Apologies were received from Councillor Jones.\n\n"
    "00:01:10.000 --> 00:01:15.250\nClerk: The minutes of the last meeting were circulated.\n"
)


def test_voice_tags_and_name_prefixes_give_each_segment_its_speaker():
    srt = "1\n00:00:01,000 --> 00:00:02,500\nChair: Item two.\n"
    assert is_captions(VTT.encode()) and is_captions(srt.encode()) and not is_captions(b"RIFF....WAVEfmt ")
    assert [(s.start, s.end, s.speaker, s.text) for s in caption_segments(srt.encode())] == [
        (1.0, 2.5, "Chair", "Item two.")
    ]


def test_a_caption_file_is_read_into_segments_pages_and_items(meeting, document_storage, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    captions = tmp_path / "meeting.vtt"
    captions.write_text(VTT, encoding="utf-8")
    document = import_webcast(meeting.pk, str(captions))
    assert document.extraction_error == ""
    segments = list(document.segments.order_by("index"))
    assert [(s.start, s.end, s.speaker) for s in segments] == [
        (1.0, 4.5, "Chair"),
        (5.0, 9.0, "Cllr Evans"),
        (70.0, 75.25, "Clerk"),
    ]
    assert segments[1].text == "Apologies were received from Councillor Jones."
    assert document.pages.get(number=1).text.startswith("[00:01] Chair: Good afternoon.")
    assert [s.page for s in segments] == [1, 1, 2]  # a page a minute
    assert segments[0].item is not None and segments[0].item.number == "1"  # "we start with item one"


def test_a_caption_file_without_cues_is_a_clear_failure(meeting, document_storage, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    empty = tmp_path / "empty.vtt"
    empty.write_text("WEBVTT\n\nNOTE nothing was said\n", encoding="utf-8")
    document = import_webcast(meeting.pk, str(empty))
    assert document.extraction_error == "the caption file has no timed cues (no 'hh:mm:ss --> hh:mm:ss' lines)"
    assert not document.segments.exists()
