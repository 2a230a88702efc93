"""The published contract the request path's shortcuts must keep: security scheme, bodies.

The bearer check is our own dependency (no ``HTTPBearer`` sub-dependency) and responses are
encoded straight from their models; the live ``/v1/openapi.json`` must still declare the
bearer scheme on every ``/v1`` operation and the same response models, and the bodies sent
must be the models' JSON.
"""

from __future__ import annotations

import json
from typing import Any

from clinllm.entrypoints.api.schemas import JobView, TriageResult

from .live import LiveService

_OPEN = {"/livez", "/readyz"}


def _spec(service: LiveService) -> dict[str, Any]:
    with service.client() as anonymous:
        response = anonymous.get("/v1/openapi.json")
    assert response.status_code == 200
    spec: dict[str, Any] = response.json()
    return spec


def test_every_v1_operation_declares_the_bearer_scheme(service: LiveService) -> None:
    spec = _spec(service)
    assert spec["components"]["securitySchemes"] == {
        "HTTPBearer": {"type": "http", "scheme": "bearer"}
    }
    operations = [
        (path, method, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) >= 20
    for path, method, operation in operations:
        if path in _OPEN:
            assert "security" not in operation, (method, path)
        else:
            assert operation.get("security") == [{"HTTPBearer": []}], (method, path)


def test_triage_publishes_its_models_and_answers_with_their_json(service: LiveService) -> None:
    spec = _spec(service)
    responses = spec["paths"]["/v1/triage"]["post"]["responses"]
    schema_of = {
        status: responses[status]["content"]["application/json"]["schema"]
        for status in ("200", "202")
    }
    assert schema_of == {
        "200": {"$ref": "#/components/schemas/TriageResult"},
        "202": {"$ref": "#/components/schemas/JobView"},
    }
    published = spec["components"]["schemas"]
    assert set(published["TriageResult"]["required"]) == {
        name for name, field in TriageResult.model_fields.items() if field.is_required()
    }
    assert set(published["JobView"]["properties"]) == set(JobView.model_fields)

    with service.client(service.key("acme", "staff")) as staff:
        response = staff.post("/v1/triage", json={"message": "please refill my lisinopril"})
        queued = staff.post(
            "/v1/triage",
            json={"message": "can I move my appointment to Friday"},
            headers={"Prefer": "respond-async"},
        )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body = json.loads(response.content)
    # The model's JSON: every published field, and the extra fields the model lets through.
    assert set(TriageResult.model_fields) <= set(body)
    assert {"provider", "model", "latency_s", "fallback_used"} <= set(body)
    assert TriageResult.model_validate(body).model_dump(mode="json") == body
    assert queued.status_code == 202, queued.text
    assert queued.headers["content-type"] == "application/json"
    job = json.loads(queued.content)
    assert set(job) == set(JobView.model_fields)
    assert queued.headers["location"] == f"/v1/jobs/{job['id']}"
