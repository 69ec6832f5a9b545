"""Fixtures: real meetings of data/ imported as a user would (``import_files``: store, extract, read)."""

from __future__ import annotations

import pytest

from councilwatch.meetings.models import Meeting
from councilwatch.summaries.corpus import Expected, expected_files, import_meeting
from councilwatch.summaries.inputs import MeetingSources
from councilwatch.summaries.sources import load_sources


def expected(name: str) -> Expected:
    """The expected file of a meeting in data/, by its folder ('kent/cabinet_2025-01-30 (preview)')."""
    return next(e for e in expected_files() if e.name == name)


@pytest.fixture
def kent_cabinet(db, document_storage) -> Meeting:
    """Kent's Cabinet of 30 January 2025 with all its papers, its printed minutes among them."""
    return import_meeting(expected("kent/cabinet_2025-01-30"))


@pytest.fixture
def kent_cabinet_before(db, document_storage) -> Meeting:
    """The same meeting before it was held: its pack (with the 9 January minutes) but not its own minutes."""
    return import_meeting(expected("kent/cabinet_2025-01-30 (preview)"))


@pytest.fixture
def kent_cabinet_sources(kent_cabinet) -> MeetingSources:
    return load_sources(kent_cabinet)


@pytest.fixture
def kent_cabinet_before_sources(kent_cabinet_before) -> MeetingSources:
    return load_sources(kent_cabinet_before)
