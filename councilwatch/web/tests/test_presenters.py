"""Pairing a summary's citations with its sentences."""

import pytest

from councilwatch.web.presenters import CitationResolver, present_sections, split_sentences

pytestmark = pytest.mark.django_db


def test_split_sentences():
    text = "Cabinet noted a £23.3m overspend. It agreed 3 changes! Was it right? “Yes.” Mr J. Smith spoke."
    assert split_sentences(text) == [
        "Cabinet noted a £23.3m overspend.",
        "It agreed 3 changes!",
        "Was it right?",
        "“Yes.”",
        "Mr J. Smith spoke.",
    ]


def test_citations_pair_by_order_index_or_fall_back_to_sources(kent):
    minutes = kent["cabinet"].documents.get(kind="minutes")
    resolver = CitationResolver(list(kent["cabinet"].documents.all()))
    by_order = {
        "text": "One. Two.",
        "citations": [{"document": minutes.pk, "page": 1}, {"document": minutes.title, "page": 2}],
    }
    by_index = {"text": "One. Two.", "citations": [{"document": str(minutes.pk), "page": 5, "sentence": 1}]}
    loose = {
        "text": "One. Two. Three.",
        "citations": [
            {"url": minutes.source_url + "#page=3", "page": 3},
            {"document": "Elsewhere", "url": "javascript:x"},
        ],
    }
    order, index, rest = present_sections({"sections": [by_order, by_index, loose]}, resolver)
    assert [c.url for s in order.sentences for c in s.citations] == [
        f"/documents/{minutes.pk}/pages/1/",
        f"/documents/{minutes.pk}/pages/2/",
    ]
    assert index.sentences[0].citations == [] and index.sentences[1].citations[0].page == 5
    assert [c.url for c in rest.extra_citations] == [f"/documents/{minutes.pk}/pages/3/", ""]
    assert rest.extra_citations[1].label == "Elsewhere"


def test_unsupported_sentences_are_flagged_on_the_page(client, kent):
    summary = kent["cabinet"].summaries.get()
    summary.verification = {
        "checked": 8,
        "unsupported": ["Cabinet  agreed the Commissioning Plan for Education Provision in Kent 2025-29."],
    }
    summary.save()
    html = client.get(f"/councils/KEN/meetings/{kent['cabinet'].pk}/").content.decode()
    assert html.count("(not confirmed by the papers)") == 1
    assert "1 could not be confirmed" in html


def test_summaries_app_shape_sentences_decisions_and_attendees(kent):
    from councilwatch.testing.factories import cite
    from councilwatch.web.presenters import present_summary

    meeting = kent["full_council"]
    minutes = meeting.documents.get(kind="minutes")
    summary = meeting.summaries.create(
        version=1,
        kind="outcome",
        backend="extractive",
        summariser_version="1.0",
        sources_fingerprint="0" * 64,
        headline="County Council met.",
        body={
            "headline_citations": [cite(minutes, 1)],
            "sections": [
                {
                    "item_number": "3",
                    "title": "English Devolution White Paper",
                    "text": "ignored when sentences are given",
                    "sentences": [
                        {
                            "text": "Mr Gough proposed joining the programme.",
                            "citations": [cite(minutes, 2), cite(minutes, 3)],
                        },
                        {
                            "text": "Decided: The County Council endorses the joint work.",
                            "citations": [cite(minutes, 10)],
                        },
                    ],
                    "decisions": ["Decided: The County Council endorses the joint work."],
                }
            ],
            "attendees": [
                {"name": "Mr N Baker", "role": "Member", "status": "present", "citations": [cite(minutes, 1)]},
                {"name": "Mr M Baldock", "role": "Member", "status": "present", "citations": [cite(minutes, 1)]},
            ],
        },
    )
    shown = present_summary(summary, list(meeting.documents.all()))
    (section,) = shown["sections"]
    assert [s.text for s in section.sentences] == ["Mr Gough proposed joining the programme."]
    assert [c.page for c in section.sentences[0].citations] == [2, 3]
    assert [(d.text, [c.page for c in d.citations]) for d in section.decisions] == [
        ("The County Council endorses the joint work.", [10])
    ]
    assert [c.url for c in shown["headline_citations"]] == [f"/documents/{minutes.pk}/pages/1/"]
    assert len(shown["attendee_citations"]) == 1


def test_a_forward_plans_decisions_due_are_listed_with_their_pages(client, kent):
    from councilwatch.testing.factories import cite

    summary = kent["cabinet"].summaries.get()
    minutes = kent["cabinet"].documents.get(kind="minutes")
    sentence = "On 5 Feb 2026, for decision: Streetspace 2: Denmark St and Rosemary Lane."  # the shape plans.py writes
    summary.body = {**summary.body, "expected": [{"text": sentence, "citations": [cite(minutes, 2)]}]}
    summary.save()
    html = client.get(f"/councils/KEN/meetings/{kent['cabinet'].pk}/").content.decode()
    assert "Decisions expected" in html and sentence in html
    assert f"/documents/{minutes.pk}/pages/2/" in html.split("Decisions expected", 1)[1]
