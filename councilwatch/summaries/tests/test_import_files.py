"""The demo path: a Kent meeting built by the documents app's `import_files`, then `summarise --pending`."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from councilwatch.councils.models import Council

FOLDER = Path(settings.BASE_DIR) / "data" / "kent" / "cabinet_2025-01-30" / "originals"
FILES = [
    "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf",
    "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
    "24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf",
]


@pytest.mark.django_db
def test_summarise_pending_on_a_meeting_imported_from_files(document_storage):
    Council.objects.create(
        code="KEN", gss_code="E10000016", official_name="Kent County Council", name="Kent", nation="england",
        la_type="CTY", la_type_name="County council",
    )  # fmt: skip
    call_command(
        "import_files", "KEN", "--committee", "Cabinet", "--start", "2025-01-30 10:00",
        *[str(FOLDER / name) for name in FILES], stdout=StringIO(),
    )  # fmt: skip
    out = StringIO()
    call_command("summarise", "--pending", stdout=out)
    assert "summarised 1" in out.getvalue()
    out = StringIO()
    meeting_id = Council.objects.get(code="KEN").meetings.get().pk
    call_command("show_meeting", str(meeting_id), "--json", stdout=out)
    summary = json.loads(out.getvalue())["summary"]
    assert summary["kind"] == "outcome" and summary["verification"]["unsupported"] == []
    item9 = next(s for s in summary["sections"] if s["item_number"] == "9")
    assert any("Commissioning Plan for Education Provision in Kent 2025-29" in d for d in item9["decisions"])
    assert {c["document"] for c in item9["citations"]} >= {"Printed minutes 30th-Jan-2025 10.00 Cabinet"}
    assert any(a["name"] == "Mr R W Gough" for a in summary["attendees"])
    out = StringIO()
    call_command("summarise", "--pending", stdout=out)
    assert "summarised 0" in out.getvalue()  # nothing changed: no new version
