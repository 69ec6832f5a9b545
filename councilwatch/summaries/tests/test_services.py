"""The outcome and preview summaries of Kent's Cabinet of 30 January 2025, from the real papers."""

from __future__ import annotations

import json
import re
from io import StringIO

from django.core.management import call_command

from councilwatch.documents.models import DocumentPage
from councilwatch.summaries.models import Summary
from councilwatch.summaries.parsing import parse_minutes
from councilwatch.summaries.services import meeting_json, pending_meetings, summarise_meeting
from councilwatch.summaries.sources import fingerprint, load_sources, meeting_fingerprint
from councilwatch.summaries.verifier import normalise

# What the printed minutes resolved, by agenda item (checked by hand against the PDF).
RESOLVED = {
    "3": ("correct record", 1),
    "5": ("Note the forecast revenue overspend of £23.3m", 10),
    "6": ("endorsed the draft budget to be presented to County Council", 13),
    "7": ("transfer the statutory functions delivered by the 18-25 section", 14),
    "8": ("Adopt the Integrated Care Strategy Delivery Plan", 15),
    "9": ("agree the Commissioning Plan for Education Provision in Kent 2025-29", 17),
}


def _section_for(sections: list[dict], number: str) -> dict:
    return next(s for s in sections if number in s["item_numbers"])


def test_outcome_has_a_cited_section_stating_every_resolved_decision(kent_cabinet):
    summary = summarise_meeting(kent_cabinet.pk, backend="extractive")
    assert summary.kind == "outcome" and summary.version == 1 and summary.is_latest
    minutes = kent_cabinet.documents.get(title__startswith="Printed minutes")
    resolved_items = [m.agenda_item for m in parse_minutes([p.text for p in minutes.pages.all()]).items if m.resolved]
    assert sorted(resolved_items) == sorted(RESOLVED)
    for number, (words, page) in RESOLVED.items():
        section = _section_for(summary.body["sections"], number)
        decision = next(d for d in section["decisions"] if words.lower() in d.lower())
        assert decision.startswith("Decided:")
        cited = [(c["document_id"], c["page"]) for c in section["citations"]]
        assert (minutes.pk, page) in cited, (number, cited)
        sentence = next(s for s in section["sentences"] if s["text"] == decision)
        citation = next(c for c in sentence["citations"] if c["document_id"] == minutes.pk)
        assert citation["url"] == f"/documents/{minutes.pk}/#page={citation['page']}"
        assert citation["source_url"].endswith(f"#page={citation['page']}")
        page_text = normalise(DocumentPage.objects.get(document=minutes, number=citation["page"]).text)
        assert normalise(words) in page_text
    assert summary.verification["unsupported"] == []
    assert summary.verification["checked"] >= 15
    assert "30 January 2025" in summary.headline


def test_outcome_collapses_procedural_items_and_lists_people_topics_footnotes(kent_cabinet):
    body = summarise_meeting(kent_cabinet.pk).body
    procedural = [s for s in body["sections"] if s["procedural"]]
    assert len(procedural) == 1 and procedural[0]["item_numbers"] == ["1", "2", "3"]
    assert "Mrs C Bell" in procedural[0]["text"]
    assert {"name": "Mr R W Gough", "role": "Chairman", "status": "present"}.items() <= body["attendees"][0].items()
    assert any(a["status"] == "apologies" and a["name"] == "Mrs C Bell" for a in body["attendees"])
    assert "Budget and finance" in body["topics"] and "Education and SEND" in body["topics"]
    assert _section_for(body["sections"], "9")["topics"][0] == "education-send"
    terms = {f["term"]: f for f in body["footnotes"]}
    assert "MTFP" in terms and "financial plan" in terms["MTFP"]["text"]
    from_papers = [f for f in body["footnotes"] if f["source"] == "papers"]
    assert from_papers and all(f["citations"][0]["page"] >= 1 for f in from_papers)


def test_preview_states_each_reports_recommendations(kent_cabinet_before):
    summary = summarise_meeting(kent_cabinet_before.pk)
    assert summary.kind == "preview"
    sections = summary.body["sections"]
    expected = {
        "5": "NOTE the forecast revenue overspend of £23.3m",
        "6": "endorse the draft budget to be presented to County Council",
        "7": "Agree to TRANSFER the statutory functions",
        "8": "Cabinet is asked to consider and agree to the proposed decision",
        "9": "Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29",
    }
    for number, words in expected.items():
        section = _section_for(sections, number)
        assert any(words.lower() in d.lower() for d in section["decisions"]), (number, section["decisions"])
        recommended = [s["text"] for s in section["sentences"] if s["text"].startswith("Recommended:")]
        assert any(words.lower() in s.lower() for s in recommended), (number, recommended)
        assert all(c["document_id"] != None for c in section["citations"])  # noqa: E711
    assert summary.verification["unsupported"] == []
    assert summary.headline.startswith(
        "At its meeting on 30 January 2025, Kent County Council's Cabinet will be asked to"
    )


def test_versions_are_kept_and_made_only_when_sources_change(kent_cabinet):
    first = summarise_meeting(kent_cabinet.pk)
    assert first.sources_fingerprint == meeting_fingerprint(kent_cabinet) == fingerprint(load_sources(kent_cabinet))
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
    section = summary["sections"][1]
    assert set(section) >= {"item_number", "title", "text", "decisions", "citations"}
    assert set(section["citations"][0]) >= {"document", "page", "url"}
    assert set(summary["attendees"][0]) >= {"name", "role", "status"}
    assert set(summary["footnotes"][0]) >= {"term", "text"}
    assert summary["verification"] == {"checked": summary["verification"]["checked"], "unsupported": []}
    assert re.match(r"^\d{4}-\d\d-\d\dT", data["meeting"]["start"])
    assert meeting_json(kent_cabinet.pk) == data
