"""schemathesis against the OpenAPI document, through WSGI (no server): every
operation, generated parameters, every built-in check (status codes documented,
response schema conformance, content type, no 5xx)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from resultat.config.wsgi import application

pytestmark = pytest.mark.usefixtures("published")


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(autouse=True)
def keep_connection_open():
    """Like Django's test client: the WSGI handler must not close the test's database
    connection after each request (on PostgreSQL that ends the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_conforms_to_the_schema():
    operations = _operations()
    assert len(operations) >= 20
    failures = []
    for operation in operations:

        @settings(max_examples=12, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            case.call_and_validate(headers={"Host": "localhost"})

        try:
            run()
        except Exception as exc:  # collect them all, then fail with the list
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:800]}")
    assert not failures, "\n\n".join(failures)
