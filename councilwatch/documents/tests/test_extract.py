"""Extraction by media type: PDF text layers, Word, ModernGov HTML, text and caption files, and fuzzing."""

import html
import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from councilwatch.documents.extract import EXTRACTORS, ExtractionError, Limits, extract_bytes, sniff
from councilwatch.documents.extract.sandbox import ExtractionWorker
from councilwatch.documents.structure import parse_agenda, parse_minutes, parse_report
from councilwatch.documents.tests.kent import CABINET, CABINET_MINUTES, pages_of

DATA = Path(settings.DATA_DIR)


def make_docx(paragraphs: list[str], page_break_after: int | None = None) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = []
    for n, text in enumerate(paragraphs):
        body.append(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>')
        if n == page_break_after:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{"".join(body)}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def test_media_types_come_from_the_bytes_not_the_name():
    pdf = CABINET_MINUTES.read_bytes()
    assert sniff.sniff_media_type(pdf) == sniff.PDF
    assert sniff.sniff_media_type(make_docx(["x"])) == sniff.DOCX
    assert (
        sniff.sniff_media_type((DATA / "moderngov/html/ieDecisionDetails_reading_policy_committee.html").read_bytes())
        == sniff.HTML
    )
    assert sniff.sniff_media_type(b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi") == sniff.VTT
    assert sniff.sniff_media_type(b"1\n00:00:01,000 --> 00:00:02,000\nhello\n") == sniff.SRT
    assert sniff.sniff_media_type("Minutes of the meeting\n£3m".encode()) == sniff.TEXT
    assert sniff.sniff_media_type(bytes(range(256)) * 4) == sniff.UNKNOWN
    assert set(EXTRACTORS) >= {sniff.PDF, sniff.DOCX, sniff.HTML, sniff.TEXT, sniff.VTT, sniff.SRT, sniff.PNG}


def test_pdf_text_layer_page_by_page():
    result = extract_bytes(CABINET_MINUTES.read_bytes())
    assert (result.status, result.media_type, len(result.pages)) == ("done", sniff.PDF, 17)
    assert [p.number for p in result.pages] == list(range(1, 18))
    assert {p.method for p in result.pages} == {"text"}
    assert "PRESENT: Mr R W Gough (Chairman)" in result.pages[0].text
    assert "RESOLVED that Cabinet agree the Commissioning Plan" in result.pages[16].text
    assert "\ufffe" not in "".join(p.text for p in result.pages)


def test_docx_pages_split_at_page_breaks():
    data = make_docx(["Report to Cabinet", "Recommendations: agree the plan", "Appendix A"], page_break_after=1)
    result = extract_bytes(data)
    assert result.status == "done"
    assert [p.text for p in result.pages] == ["Report to Cabinet\nRecommendations: agree the plan", "Appendix A"]


def test_moderngov_word_html_is_cleaned():
    data = (DATA / "moderngov/html/ieDecisionDetails_reading_policy_committee.html").read_bytes()
    result = extract_bytes(data)
    assert result.status == "done" and len(result.pages) == 1
    text = result.pages[0].text
    assert "Decision details" in text and "Minutes of Previous Meeting" in text
    assert "Decision status: Recommendations Approved" in text
    assert "<" not in text and "&#32;" not in text


def test_moderngov_minutes_word_html_from_the_web_service():
    """The minutes text GetMeeting carries (entity-escaped Word HTML, Manchester) reads as plain text."""
    xml = (DATA / "moderngov/manchester/GetMeeting_meeting_with_minutes.xml").read_text()
    fragments = re.findall(r"<minutesnonemptyhtmlbody>(.*?)</minutesnonemptyhtmlbody>", xml, re.S)
    texts = [extract_bytes(html.unescape(f).encode()).pages[0].text for f in fragments]
    assert texts[0] == "To approve the minutes of the meeting held on 25 November 2025 as a correct record."
    assert texts[1].startswith("The Committee considered a report of the Governance and Scrutiny Support Unit")


def test_html_page_breaks_and_scripts():
    html = b"<html><head><style>p{}</style><script>alert(1)</script></head><body><p>One</p><br style='page-break-before:always'><p>Two &amp; three</p></body></html>"
    assert [p.text for p in extract_bytes(html).pages] == ["One", "Two & three"]


def test_captions_keep_times_and_speakers():
    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Chair>Welcome to the meeting.\n\n00:00:04.500 --> 00:00:06.000\n<v Chair>Item one.\n\n00:01:05.000 --> 00:01:09.000\n<v Cllr Smith>I move the report.\n"
    result = extract_bytes(vtt)
    assert result.pages[0].text.splitlines() == [
        "[00:00:01] Chair: Welcome to the meeting. Item one.",
        "[00:01:05] Cllr Smith: I move the report.",
    ]
    srt = b"1\r\n00:00:01,000 --> 00:00:02,500\r\nCHAIR: Good evening\r\n\r\n2\r\n00:00:03,000 --> 00:00:04,000\r\nthank you\r\n"
    assert extract_bytes(srt).pages[0].text.splitlines() == ["[00:00:01] CHAIR: Good evening", "[00:00:03] thank you"]


def test_plain_text_is_cut_into_page_sized_chunks():
    paragraphs = [f"Paragraph {n}: " + "word " * 120 for n in range(30)]
    result = extract_bytes("\n\n".join(paragraphs).encode())
    assert len(result.pages) > 5
    assert all(len(p.text) <= 3100 for p in result.pages)
    assert "Paragraph 0:" in result.pages[0].text and "Paragraph 29:" in result.pages[-1].text


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=400), max_size=5))
def test_parsers_never_crash_on_any_text(pages):
    minutes = parse_minutes(pages)
    report = parse_report(pages)
    parse_agenda(pages)
    assert all(1 <= item.page <= max(len(pages), 1) for item in minutes.items)
    assert all(1 <= m.page <= len(pages) for m in report.money)


KENT_LINES = [line for page in pages_of(CABINET_MINUTES) for line in page.splitlines()]


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(KENT_LINES), max_size=80), st.integers(min_value=1, max_value=4))
def test_parsers_on_shuffled_real_minutes(lines, split):
    pages = ["\n".join(lines[i::split]) for i in range(split)]
    minutes = parse_minutes(pages)
    for item in minutes.items:
        assert item.minute_number
        assert 1 <= item.page <= item.page_end <= len(pages)
        for span in item.resolved:
            assert "RESOLVED" in span.text or span.text.split()[0] in ("AGREED", "DECIDED", "RECOMMENDED", "Resolved")


@hsettings(max_examples=40, deadline=None)
@given(
    st.binary(max_size=2000), st.sampled_from([b"", b"WEBVTT\n\n", b"<html>", b"1\n00:00:01,000 --> 00:00:02,000\n"])
)
def test_extractors_never_raise_on_any_bytes(data, prefix):
    """Whatever the bytes, every extractor either gives pages or raises ExtractionError, never anything else."""
    for media_type, extractor in EXTRACTORS.items():
        if media_type in (sniff.PDF, sniff.PNG, sniff.JPEG, sniff.TIFF):
            continue  # native libraries and OCR: fuzzed in the worker below
        try:
            pages = list(extractor(prefix + data, Limits(), []))
        except ExtractionError as exc:
            assert str(exc)
        else:
            assert pages and all(p.number == n for n, p in enumerate(pages, start=1))
    result = extract_bytes(prefix + data)
    assert result.status in ("done", "partial", "failed", "skipped")
    assert result.status == "done" or result.reason()


def test_mutated_real_pdfs_never_break_the_worker():
    """Bytes of a real Kent PDF flipped, cut and spliced: each ends with a status, and the worker goes on."""
    original = (CABINET / "24-00108 - PROD.pdf").read_bytes()
    rng = random.Random(20250130)
    mutants = []
    for _ in range(12):
        data = bytearray(original)
        for _ in range(rng.randint(1, 40)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.5:
            cut = rng.randrange(len(data))
            data = data[:cut] + data[cut + rng.randrange(1, 5000) :]
        mutants.append(bytes(data))
    with ExtractionWorker(timeout=30, memory_mb=1024) as worker:
        for data in mutants:
            result = worker.extract(data)
            assert result.status in ("done", "partial", "failed", "skipped")
            assert result.status == "done" or result.reason()
        assert worker.extract(original).status == "done"


@pytest.mark.parametrize(
    "path", sorted((DATA / "kent").glob("*/originals/*Report*.pdf"))[:3], ids=lambda p: p.name[:30]
)
def test_reports_all_have_recommendations(path):
    assert parse_report(list(pages_of(path))).recommendations


def test_zip_bomb_word_file_is_refused():
    """A .docx whose text part unpacks to far more than the cap is refused before it is unpacked."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document>" + b" " * 20_000_000 + b"</w:document>")
    assert len(buffer.getvalue()) < 100_000
    result = extract_bytes(buffer.getvalue(), Limits(max_text_bytes=5_000_000))
    assert result.status == "failed"
    assert "would unpack to 20 MB, more than the 5 MB cap: refused as a possible decompression bomb" in result.error
