import pytest
from django.core.cache import caches


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    caches["pages"].clear()
    yield
    caches["pages"].clear()


@pytest.fixture
def kent(db, document_storage):
    from councilwatch.testing.factories import kent_world

    return kent_world()
