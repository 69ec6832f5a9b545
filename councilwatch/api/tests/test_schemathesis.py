"""schemathesis against the generated OpenAPI schema: no server errors, no response that breaks the schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis import checks
from schemathesis.generation import GenerationMode

from councilwatch.api.tests import factories
from councilwatch.search.services import index_meeting
from councilwatch.wsgi import application

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 12  # per operation and mode: the whole run stays well under a minute


@pytest.fixture
def keep_test_connection():
    """Django's WSGI handler closes the connection after each request; the test transaction must survive it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_conforms_to_the_schema(keep_test_connection):
    index_meeting(factories.kent_cabinet_meeting().pk)
    factories.make_meetings(factories.other_council(), 30)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 24, [op.label for op in operations]
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: schemathesis.Case) -> None:
                response = case.call()
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:  # nothing can be wrong about an operation without parameters
                assert mode == GenerationMode.NEGATIVE and not operation.query and not operation.path_parameters


@pytest.mark.django_db
def test_every_operation_conforms_at_the_default_rate_limit(keep_test_connection, settings):
    """At the real anonymous limit most answers are 429: the schema must say every operation can give one."""
    settings.API_ANON_RATE_PER_MINUTE = 60
    index_meeting(factories.kent_cabinet_meeting().pk)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    statuses: set[int] = set()
    for operation in [result.ok() for result in schema.get_all_operations()]:

        @given(case=operation.as_strategy(generation_mode=GenerationMode.POSITIVE))
        @hypothesis_settings(
            max_examples=4, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
        )
        def run(case: schemathesis.Case) -> None:
            response = case.call()
            statuses.add(response.status_code)
            case.validate_response(response, checks=CHECKS)

        run()
    assert 429 in statuses
