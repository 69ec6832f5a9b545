"""import_files on the real Kent Cabinet folder, and printed minutes applied as Decisions and Attendance."""

import pytest
from django.core.management import CommandError, call_command

from councilwatch.councils.models import Person
from councilwatch.documents.local_import import import_local_files
from councilwatch.documents.models import Document, DocumentVersion
from councilwatch.documents.services import apply_minutes
from councilwatch.documents.tests.kent import CABINET, KENT
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting

PAPERS = sorted(CABINET.glob("*.pdf")) + sorted((KENT / "cabinet_2025-01-30" / "public_packs").glob("*.pdf"))


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Meeting, Document, DocumentVersion, AgendaItem, Decision, Attendance, Person)
    }


@pytest.fixture
def imported(kent, document_storage):
    call_command("import_files", "KEN", "--committee", "Cabinet", "--start", "2025-01-30 10:00", *map(str, PAPERS))
    return Meeting.objects.get()


def test_import_files_creates_one_classified_meeting_and_a_second_run_nothing(imported, capsys):
    meeting = imported
    assert (meeting.council.code, meeting.committee.name, meeting.title) == (
        "KEN",
        "Cabinet",
        "Cabinet, 30 January 2025",
    )
    documents = {d.title: d for d in Document.objects.filter(meeting=meeting)}
    assert len(documents) == len(PAPERS) == 40
    assert all(d.kind != "other" for d in documents.values()), [t for t, d in documents.items() if d.kind == "other"]
    assert all(d.extraction_status == "done" and d.page_count for d in documents.values())
    kinds = {title: d.kind for title, d in documents.items()}
    assert kinds["Agenda frontsheet 30th-Jan-2025 10.00 Cabinet"] == "agenda"
    assert kinds["Printed minutes 30th-Jan-2025 10.00 Cabinet"] == "minutes"
    assert kinds["24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report"] == "report"
    assert kinds["Appendix G - Reserves Policy"] == "appendix"
    assert kinds["24-00115 - EqIA"] == "appendix"
    assert kinds["Item 7 - Supplementary - 24-00109 - Appendix B - EqIA Updated Jan 2025"] == "supplement"
    items = list(meeting.items.values_list("number", "title"))
    assert [n for n, _ in items] == [str(n) for n in range(1, 10)]
    assert items[4] == ("5", "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25")
    assert documents["24-00115 - EqIA"].item.number == "8"
    assert documents["Item 7 - Supplementary - 24-00109 - Appendix B - EqIA Updated Jan 2025"].item.number == "7"

    # The printed minutes became decisions and attendance; the previous meeting's minutes did not.
    decisions = {d.upstream_id: d for d in meeting.decisions.all()}
    assert sorted(decisions) == [f"minutes:{n}" for n in (86, 88, 89, 90, 91, 92)]
    ics = decisions["minutes:91"]
    assert (ics.item.number, ics.page, ics.outcome) == ("8", 15, "approved")
    assert ics.document.title == "Printed minutes 30th-Jan-2025 10.00 Cabinet"
    assert ics.text.startswith("RESOLVED that Cabinet agree to:\n(a) Adopt the Integrated Care Strategy Delivery Plan")
    statuses = dict(meeting.attendances.values_list("person__name", "status"))
    assert statuses["Mr R W Gough"] == "present" and statuses["Mrs C Bell"] == "apologies"
    assert statuses["Dr A Ghosh"] == "in_attendance" and statuses["Mr S Jones"] == "virtual"
    assert meeting.attendances.get(person__name="Mr R W Gough").role == "Chairman"
    assert Person.objects.get(name="Dr A Ghosh").upstream_id == "name:a-ghosh"
    assert meeting.items.get(number="7").minutes_text.startswith("Sarah Hammond (Corporate Director")

    before = counts()
    stamps = set(Document.objects.values_list("updated_at", flat=True))
    capsys.readouterr()
    call_command("import_files", "KEN", "--committee", "Cabinet", "--start", "2025-01-30 10:00", *map(str, PAPERS))
    assert counts() == before
    assert set(Document.objects.values_list("updated_at", flat=True)) == stamps
    out = capsys.readouterr().out
    assert "existing" in out and "{'unchanged': 40}" in out


def test_apply_minutes_updates_in_place_and_extract_command(imported, capsys):
    minutes = Document.objects.get(title="Printed minutes 30th-Jan-2025 10.00 Cabinet")
    Decision.objects.filter(upstream_id="minutes:92").update(text="tampered", page=1)
    stray = Decision.objects.create(meeting=imported, upstream_id="minutes:99", text="x", document=minutes)
    report = apply_minutes(minutes)
    assert report.decisions == {"updated": 1, "unchanged": 5}
    assert report.attendance == {"unchanged": 24}
    assert Decision.objects.get(upstream_id="minutes:92").page == 17
    stray.refresh_from_db()
    assert stray.gone_upstream_at is not None

    Document.objects.filter(pk=minutes.pk).update(extraction_status="pending")
    call_command("extract", "--pending")
    assert "1 documents: 1 done, 0 partial, 0 failed, 0 skipped, 0 unchanged" in capsys.readouterr().out
    call_command("extract", "--meeting", str(imported.pk))
    assert "40 unchanged" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such document"):
        call_command("extract", "--document", "999999")


def test_import_files_reports_bad_input(kent, document_storage, tmp_path):
    with pytest.raises(CommandError, match="no council with code 'ZZZ'"):
        call_command("import_files", "ZZZ", "--committee", "Cabinet", "--start", "2025-01-30 10:00", str(PAPERS[0]))
    with pytest.raises(CommandError, match=r'--start must look like "2025-01-30 10:00"'):
        call_command("import_files", "KEN", "--committee", "Cabinet", "--start", "30/01/2025", str(PAPERS[0]))
    with pytest.raises(CommandError, match=r"missing\.pdf: no such file"):
        call_command(
            "import_files",
            "KEN",
            "--committee",
            "Cabinet",
            "--start",
            "2025-01-30 10:00",
            str(tmp_path / "missing.pdf"),
        )
    assert Meeting.objects.count() == 0


def test_transcripts_and_a_changed_file(kent, document_storage, tmp_path):
    vtt = tmp_path / "meeting captions.vtt"
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Chair>Welcome to Cabinet.\n")
    report = import_local_files("KEN", "Cabinet", "2025-01-30 10:00", [vtt])
    assert report.kinds == {"meeting captions": "transcript"}
    document = Document.objects.get()
    assert document.pages.get().text == "[00:00:01] Chair: Welcome to Cabinet."
    vtt.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Chair>Welcome, everyone.\n")
    again = import_local_files("KEN", "Cabinet", "2025-01-30 10:00", [vtt])
    assert again.documents == {"updated": 1} and not again.created_anything
    assert document.versions.count() == 2
    assert Document.objects.get().pages.get().text == "[00:00:01] Chair: Welcome, everyone."
