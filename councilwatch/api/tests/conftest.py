import pytest
from django.core.cache import caches

from councilwatch.api.tests import factories


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Each test starts with empty rate-limit counters and a generous anonymous limit."""
    settings.API_ANON_RATE_PER_MINUTE = 10_000
    caches["api"].clear()
    yield
    caches["api"].clear()


@pytest.fixture
def meeting(db):
    return factories.kent_cabinet_meeting()
