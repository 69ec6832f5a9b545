"""Bulk exports: the export command's three formats, the nightly dump and its download, City Scrapers validity."""

import csv
import gzip
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from councilwatch.api.exports import read_manifest, write_dump
from councilwatch.api.tests import factories
from councilwatch.meetings.models import Meeting, MeetingStatus

pytestmark = pytest.mark.django_db
CITY_SCRAPERS_SCHEMA = json.loads(
    (Path(settings.DATA_DIR) / "us_agencies" / "city_scrapers_core_meeting.schema.json").read_text()
)
VALIDATOR = jsonschema.Draft7Validator(CITY_SCRAPERS_SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def export(*args: str) -> str:
    out = io.StringIO()
    call_command("export", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def assert_city_scrapers(event: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(event), key=str)
    assert not errors, [e.message for e in errors]
    datetime.fromisoformat(event["start"])  # date-time with an offset, whatever jsonschema's format support


def test_jsonl_is_the_meeting_detail_of_the_api(client, meeting):
    factories.make_meetings(factories.other_council(), 2)
    lines = export("--format", "jsonl").splitlines()
    assert len(lines) == 3
    kent = next(json.loads(line) for line in lines if json.loads(line)["council"] == "KEN")
    assert kent == client.get(f"/api/v1/meetings/{meeting.pk}").json()
    assert kent["summary"]["body"]["sections"][2]["citations"][0]["page"] == 17


def test_csv_has_one_row_per_meeting(meeting):
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv", "--council", "ken"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["council"] == "KEN" and row["committee"] == "Cabinet" and row["items"] == "9"
    assert row["decisions"] == "6" and row["topics"] == "budget;education"
    assert row["start"].startswith("2025-01-30T10:00:00")


def test_council_and_since_select(meeting, tmp_path):
    factories.make_meetings(factories.other_council(), 4)
    assert len(export("--council", "MAN").splitlines()) == 4
    Meeting.objects.filter(council__code="MAN").update(updated_at=datetime(2024, 1, 1, tzinfo=factories.LONDON))
    assert len(export("--since", "2025-01-01").splitlines()) == 1  # only Kent changed since
    target = tmp_path / "out.csv"
    call_command("export", "--format", "csv", "--output", str(target), stderr=io.StringIO())
    assert len(target.read_text().splitlines()) == 1 + 5


def test_bad_export_arguments_are_named():
    with pytest.raises(CommandError, match="no council with code 'ZZZ'"):
        export("--council", "ZZZ")
    with pytest.raises(CommandError, match="--since must be a date as YYYY-MM-DD, got '30/01/2025'"):
        export("--since", "30/01/2025")
    with pytest.raises(CommandError, match="invalid choice: 'xml'"):
        export("--format", "xml")


def test_exported_meetings_validate_against_the_city_scrapers_schema(meeting):
    factories.make_meetings(factories.other_council(), 3)
    Meeting.objects.filter(upstream_id="bulk-2").update(end=None, location="", web_url="")
    events = [json.loads(line) for line in export("--format", "city-scrapers").splitlines()]
    assert len(events) == 4
    for event in events:
        assert_city_scrapers(event)
    cabinet = next(e for e in events if e["title"] == "Cabinet")
    assert cabinet["status"] == "passed" and cabinet["duration"] == "PT3H0M0S"
    assert cabinet["cityscrapers.org/agency"] == "Kent County Council"
    assert cabinet["cityscrapers.org/classification"] == "Committee"
    assert cabinet["links"]["cityscrapers.org/source"]["href"].startswith("https://democracy.kent.gov.uk/")
    assert cabinet["locations"]["location"]["name"].startswith("Council Chamber")
    assert {e["status"] for e in events} >= {"passed", "cancelled"}


def test_city_scrapers_endpoint_serves_the_same_valid_events(client, meeting):
    meeting.status = MeetingStatus.CANCELLED
    meeting.save()
    page = client.get("/api/v1/city-scrapers/meetings?council=KEN").json()
    assert page["count"] == 1
    assert_city_scrapers(page["results"][0])
    assert page["results"][0]["status"] == "cancelled"


def test_nightly_dump_is_listed_downloadable_and_pruned(client, meeting, settings, tmp_path):
    settings.API_EXPORT_DIR = tmp_path / "exports"
    settings.API_EXPORT_KEEP = 2
    assert client.get("/api/v1/exports").json() == {"files": []}
    for day in (date(2026, 11, 20), date(2026, 11, 21), date(2026, 11, 22)):
        write_dump(day=day)
    names = sorted(p.name for p in settings.API_EXPORT_DIR.glob("*.gz"))
    assert names == [f"meetings-2026-11-{d}.{s}.gz" for d in (21, 22) for s in ("city-scrapers.jsonl", "csv", "jsonl")]
    listing = client.get("/api/v1/exports").json()["files"]
    assert [f["date"] for f in listing] == ["2026-11-22"] * 3 + ["2026-11-21"] * 3
    entry = next(f for f in listing if f["name"] == "meetings-2026-11-22.jsonl.gz")
    assert entry["rows"] == 1 and entry["url"].endswith("/api/v1/exports/meetings-2026-11-22.jsonl.gz")
    download = client.get("/api/v1/exports/meetings-2026-11-22.jsonl.gz")
    assert download.status_code == 200 and download["Content-Type"] == "application/gzip"
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == entry["sha256"] and len(body) == entry["size"]
    assert json.loads(gzip.decompress(body))["id"] == meeting.pk
    assert client.get("/api/v1/exports/meetings-2026-11-20.jsonl.gz").status_code == 404  # pruned
    assert client.get("/api/v1/exports/..%2Fmanifest.json").status_code == 404


def test_export_dump_command_prints_what_it_wrote(meeting, settings, tmp_path):
    settings.API_EXPORT_DIR = tmp_path
    out = io.StringIO()
    call_command("export_dump", stdout=out)
    assert out.getvalue().count("1 meetings") == 3
    assert len(read_manifest()) == 3
