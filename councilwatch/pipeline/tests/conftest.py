"""Fixtures of the pipeline's tests: councils, meetings and documents as rows, and a probe stage."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.documents.models import Document, ExtractionStatus
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline import stages


def make_council(code: str = "KEN", base_url: str = "http://127.0.0.1:9/") -> Council:
    return Council.objects.create(
        code=code,
        gss_code="E10000016",
        official_name=f"{code} County Council",
        name=f"{code} council",
        nation="England",
        la_type="CTY",
        la_type_name="County council",
        platform="moderngov",
        platform_base_url=base_url,
        support_level=SupportLevel.FULL,
    )


def make_meeting(council: Council, upstream_id: str = "1") -> Meeting:
    return Meeting.objects.create(council=council, upstream_id=upstream_id, start=datetime(2025, 1, 30, 10, tzinfo=UTC))


def make_document(meeting: Meeting, upstream_id: str, sha256: str = "", extracted: str = "") -> Document:
    return Document.objects.create(
        council=meeting.council,
        meeting=meeting,
        upstream_id=upstream_id,
        title=f"paper {upstream_id}",
        source_url=f"http://127.0.0.1:9/documents/{upstream_id}.pdf",
        sha256=sha256,
        extracted_sha256=extracted,
        extraction_status=ExtractionStatus.DONE if extracted else ExtractionStatus.PENDING,
    )


@dataclass
class Probe:
    """A stage of the tests' own that records its calls and fails the first ``fail_times`` of them."""

    fail_times: int = 0
    calls: list[int] = field(default_factory=list)
    fingerprint_value: str | None = "v1"

    def run(self, object_id: int, params: dict) -> None:
        self.calls.append(object_id)
        if len(self.calls) <= self.fail_times:
            raise RuntimeError(f"probe failure number {len(self.calls)}")


@pytest.fixture
def probe(monkeypatch: pytest.MonkeyPatch) -> Iterator[Probe]:
    p = Probe()
    stage = stages.Stage("probe", stages.CPU, p.run, lambda _id: p.fingerprint_value, lambda _id: None)
    monkeypatch.setitem(stages.STAGES, "probe", stage)
    yield p
