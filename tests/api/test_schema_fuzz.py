"""schemathesis against /api/schema/: a few generated requests per operation, none may get a 5xx, and
every JSON error has a code and a message.

Bounded for CI (marker `schemathesis`; it runs once, in the SQLite pass: the schema does not depend on the
database): the explicit examples plus 2 generated cases per operation (fuzzing phase, positive and negative
data), no coverage phase (it enumerates hundreds of boundary cases per operation, unbounded by
max_examples) and no stateful phase (write chains). Input validation of the writes themselves is tested
case by case in test_records_api.py and test_workflow_actions_api.py."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from sitroom.wsgi import application


def _load_schema():
    """The schema /api/schema/ serves (it needs a signed-in user, so it is generated here directly)."""
    import json

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = application
    loaded.location = "/api/schema/"
    loaded.config.phases.coverage.enabled = False
    loaded.config.phases.stateful.enabled = False
    return loaded


schema = _load_schema()
pytestmark = pytest.mark.schemathesis


@pytest.fixture
def admin_token(db):
    from rest_framework.authtoken.models import Token

    from exchange.seed import seed_period
    from shipped_users import make_user

    seed_period()  # the reference data is loaded once per database (conftest)
    user = make_user("fuzz-admin", "admin", "ihrc")
    return Token.objects.create(user=user).key


@schema.parametrize()
@settings(max_examples=2, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_server_error(case, admin_token):
    response = case.call(headers={"Authorization": f"Token {admin_token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:500]}"
    if response.status_code >= 400 and response.headers.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        assert "code" in body and "message" in body, body
