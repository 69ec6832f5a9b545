"""Topics by keyword weights, the glossary's footnotes, the evaluation measures, the model weights' checks."""

from pathlib import Path

import pytest

from councilwatch.summaries.backends.base import BackendError
from councilwatch.summaries.backends.weights import resolve_model
from councilwatch.summaries.glossary import footnotes_for, load_glossary
from councilwatch.summaries.metrics import flesch_reading_ease, rouge_l, rouge_n
from councilwatch.summaries.models import Topic
from councilwatch.summaries.topic_rules import TOPICS
from councilwatch.summaries.topics import assign_topics, meeting_topics


@pytest.mark.django_db
def test_the_taxonomy_is_seeded_by_migration():
    assert Topic.objects.count() == len(TOPICS) >= 20
    assert set(Topic.objects.values_list("slug", flat=True)) == {t["slug"] for t in TOPICS}


@pytest.mark.parametrize(
    ("title", "text", "first"),
    [
        (
            "Planning application 24/0012 - land at Mill Lane",
            "The local plan allocates the site; a section 106 agreement.",
            "planning",
        ),
        ("Household waste recycling centres", "Three HWRCs cannot accept POPs; recycling rates and landfill.", "waste"),
        ("Special School Review", "Places for pupils with an EHCP and SEND provision in schools.", "education-send"),
        ("Premises licence review: The Red Lion", "The licensing sub-committee heard the police.", "licensing"),
        ("Budget monitoring", "A forecast overspend of £23.3m against the revenue budget; reserves.", "budget-finance"),
    ],
)
def test_items_get_their_topic_first(title, text, first):
    assert assign_topics(title, text)[0] == first


def test_an_item_with_no_signal_has_no_topic_and_meetings_rank_by_frequency():
    assert assign_topics("Any other business", "The chairman thanked everyone.") == []
    assert meeting_topics([["waste", "planning"], ["planning"], []]) == ["planning", "waste"]


def test_footnotes_come_from_the_glossary_then_the_papers():
    citation = {"document": "Report", "document_id": 3, "page": 2, "url": "/documents/3/#page=2"}
    notes = footnotes_for(
        "The MTFP and SEND places; the VCFSE sector and a call-in. The SIS transfers.",
        {"SIS": ("Strengthening Independence Service", citation), "MTFP": ("Medium Term Financial Plan", citation)},
    )
    terms = [n["term"] for n in notes]
    assert terms == ["VCFSE", "SEND", "MTFP", "call-in", "SIS"]
    assert notes[-1] == {
        "term": "SIS",
        "text": "SIS stands for Strengthening Independence Service in the papers.",
        "source": "papers",
        "citations": [citation],
    }
    assert footnotes_for("Send the letter.") == []  # acronyms match only in capitals


def test_the_glossary_has_the_terms_the_brief_names():
    terms = {t.term for t in load_glossary()}
    assert {"LGA", "VCFSE", "SEND", "MTFP", "section 106", "call-in"} <= terms


def test_rouge_and_flesch():
    assert rouge_n("the cat sat on the mat", "the cat sat on the mat", 1) == 1.0
    assert rouge_n("the cat sat", "the dog sat", 1) == pytest.approx(2 / 3)
    assert rouge_n("the cat sat", "the dog sat", 2) == 0.0
    assert rouge_l("a b c d", "a x c d") == pytest.approx(0.75)
    assert flesch_reading_ease("The cat sat on the mat.") > 100
    assert flesch_reading_ease("Notwithstanding considerable organisational interdependencies.") < 0


def test_model_names_resolve_to_checked_files(tmp_path: Path):
    with pytest.raises(BackendError, match="neither"):
        resolve_model(str(tmp_path / "missing.gguf"))
    own = tmp_path / "own.gguf"
    own.write_bytes(b"GGUF")
    assert resolve_model(str(own)) == (own, None)
