import pytest
from django.core.cache import caches

from councilwatch.api.tests import factories
from councilwatch.search.services import index_meeting


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with empty rate-limit counters and a generous anonymous limit."""
    settings.API_ANON_RATE_PER_MINUTE = 10_000
    caches["api"].clear()
    yield
    caches["api"].clear()


@pytest.fixture
def meeting(db):
    """The Kent Cabinet meeting, indexed for search (tests run in a transaction, so on-commit indexing never fires)."""
    meeting = factories.kent_cabinet_meeting()
    index_meeting(meeting.pk)
    return meeting
