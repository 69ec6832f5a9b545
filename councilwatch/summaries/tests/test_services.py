"""The outcome and preview summaries of Kent's Cabinet of 30 January 2025, from the real papers imported as files."""

from __future__ import annotations

import json
import re
from io import StringIO

from django.core.management import call_command

from councilwatch.documents.models import DocumentPage
from councilwatch.summaries.body import SummaryBody
from councilwatch.summaries.models import Summary
from councilwatch.summaries.services import meeting_json, pending_meetings, summarise_meeting
from councilwatch.summaries.verifier import normalise

# What the printed minutes resolved, by agenda item, and the page it is on (checked by hand against the PDF).
RESOLVED = {
    "5": ("forecast revenue overspend of £23.3m", 10),
    "6": ("endorsed the draft budget to be presented to County Council", 13),
    "7": ("statutory functions delivered by the 18-25 section", 14),
    "8": ("Integrated Care Strategy Delivery Plan", 15),
    "9": ("Commissioning Plan for Education Provision in Kent 2025-29", 17),
}
# Decisions of the 9 January Cabinet, whose minutes the 30 January pack carries for approval.
PREVIOUS = ("Devolution Priority Programme", "English Devolution White Paper", "Local Government Reorganisation")


def _section(body: SummaryBody, number: str):
    return next(s for s in body.sections if number in s.numbers)


def test_outcome_states_every_decision_in_plain_words_cited_to_its_page(kent_cabinet):
    summary = summarise_meeting(kent_cabinet.pk, backend="extractive")
    assert summary.kind == "outcome" and summary.version == 1 and summary.is_latest
    body = SummaryBody.from_json(summary.body)
    minutes = kent_cabinet.documents.get(title__startswith="Printed minutes")
    for number, (words, page) in RESOLVED.items():
        decided = _section(body, number).decided
        said = next(s for s in decided if words.lower() in s.text.lower())
        assert said.text.startswith("Cabinet ") and "RESOLVED" not in said.text, said.text
        assert words.lower() in said.exact.lower()  # the exact wording is kept beside it
        assert (minutes.pk, page) in {(c.document_id, c.page) for c in said.citations}
        text = normalise(DocumentPage.objects.get(document=minutes, number=page).text)
        assert normalise(words).lower() in text.lower()
    budget = _section(body, "5").decided[0].text
    assert budget.startswith("Cabinet noted the forecast revenue overspend of £23.3m (excluding Schools)")
    assert summary.verification["unsupported"] == []
    assert summary.headline.startswith("Kent County Council's Cabinet")
    assert all(s.citations for s in body.headline)


def test_outcome_collapses_procedural_items_and_lists_people_topics_terms(kent_cabinet):
    body = SummaryBody.from_json(summarise_meeting(kent_cabinet.pk).body)
    procedural = [s for s in body.sections if s.procedural]
    assert len(procedural) == 1 and procedural[0].numbers == ["1", "2", "3"]
    gough = next(a for a in body.attendees if a.name == "Mr R W Gough")
    assert (gough.role, gough.status) == ("Chairman", "present") and gough.citations[0].page == 1
    assert any(a.status == "apologies" and a.name == "Mrs C Bell" for a in body.attendees)
    assert "Budget and finance" in body.topics and "Education and SEND" in body.topics
    assert "MTFP" in {t.term for t in body.terms}


def test_preview_gives_recommendations_and_never_the_previous_meetings_decisions(kent_cabinet_before):
    summary = summarise_meeting(kent_cabinet_before.pk)
    assert summary.kind == "preview"
    body = SummaryBody.from_json(summary.body)
    expected = {
        "5": "forecast revenue overspend of £23.3m",
        "6": "endorse the draft budget to be presented to County Council",
        "9": "agree the Commissioning Plan for Education Provision in Kent 2025-29",
    }
    for number, words in expected.items():
        decided = _section(body, number).decided
        assert any(words.lower() in s.text.lower() and "will be asked to" in s.text for s in decided), decided
    minutes_9_january = kent_cabinet_before.documents.get(title__startswith="Minutes of the meeting held on 9th")
    assert minutes_9_january.proceedings == "other"
    cited = {c.document_id for s in body.all_sentences() for c in s.citations}
    assert minutes_9_january.pk not in cited
    text = " ".join(s.text for s in body.all_sentences())
    assert not any(words in text for words in PREVIOUS)
    assert summary.verification["unsupported"] == []
    assert summary.headline.startswith("Kent County Council's Cabinet will be asked to")


def test_versions_are_kept_and_made_only_when_sources_change(kent_cabinet):
    first = summarise_meeting(kent_cabinet.pk)
    assert summarise_meeting(kent_cabinet.pk).pk == first.pk
    assert list(pending_meetings()) == []
    report = kent_cabinet.documents.get(
        title__contains="Commissioning Plan for Education Provision in Kent 2025-29 - Report"
    )
    report.extracted_sha256 = "0" * 64
    report.save()
    assert [m.pk for m in pending_meetings()] == [kent_cabinet.pk]
    second = summarise_meeting(kent_cabinet.pk)
    assert second.version == 2 and second.is_latest
    first.refresh_from_db()
    assert not first.is_latest
    assert Summary.objects.filter(meeting=kent_cabinet).count() == 2


def test_summarise_and_show_meeting_commands(kent_cabinet):
    out = StringIO()
    call_command("summarise", "--pending", stdout=out)
    assert "summarised 1" in out.getvalue()
    out = StringIO()
    call_command("show_meeting", str(kent_cabinet.pk), "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data["meeting"]) >= {"id", "council", "committee", "start", "status", "url"}
    summary = data["summary"]
    assert set(summary) >= {
        "kind",
        "backend",
        "headline",
        "sections",
        "attendees",
        "topics",
        "footnotes",
        "verification",
    }
    section = next(s for s in summary["sections"] if not s["procedural"])
    assert set(section) >= {"item_number", "title", "text", "decisions", "citations", "decided", "votes", "amendments"}
    assert set(section["citations"][0]) >= {"document", "document_id", "page"}
    assert set(summary["attendees"][0]) >= {"name", "role", "status"}
    assert summary["verification"] == {"checked": summary["verification"]["checked"], "unsupported": []}
    assert re.match(r"^\d{4}-\d\d-\d\dT", data["meeting"]["start"])
    assert meeting_json(kent_cabinet.pk) == data
    assert summary["body_version"] == 2


def test_one_staleness_rule_read_without_the_pages_agrees_with_the_sources(kent_cabinet):
    from councilwatch.summaries.services import is_current, summary_inputs
    from councilwatch.summaries.sources import fingerprint, inputs_fingerprint, load_sources

    kent_cabinet.refresh_from_db()
    reading = str(kent_cabinet.reading.get("fingerprint", ""))
    assert inputs_fingerprint(kent_cabinet) == fingerprint(load_sources(kent_cabinet), reading)
    assert not is_current(kent_cabinet)
    summary = summarise_meeting(kent_cabinet.pk)
    assert is_current(kent_cabinet) and not is_current(kent_cabinet, "openai")  # another backend's is not
    assert (summary.sources_fingerprint, summary.summariser_version, summary.backend) == summary_inputs(kent_cabinet)
