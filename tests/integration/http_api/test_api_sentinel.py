"""Sentinel PHI: known synthetic identifiers sent through every endpoint, valid and malformed,
never appear in the service's logs or in any error body.

(Observability adds its exported spans and metrics to this test when it is wired in.)
"""

from __future__ import annotations

from typing import Any

from .live import LiveService

NAME = "Quintessa Vandermolen-Okafor"
MRN = "MRN 84-7719-3302"
PHONE = "(617) 555-0143"
SENTINELS = (NAME, MRN, PHONE, "Vandermolen", "84-7719-3302", "555-0143")
TEXT = f"Patient {NAME}, {MRN}, phone {PHONE}. Chest pain since this morning, short of breath."


def _requests(item: int) -> list[tuple[str, str, dict[str, Any]]]:
    valid: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/v1/triage", {"json": {"message": TEXT}}),
        ("POST", "/v1/prior-auth/extractions", {"json": {"text": TEXT}}),
        (
            "POST",
            "/v1/prior-auth/extractions",
            {"files": {"file": ("note.txt", TEXT.encode(), "text/plain")}},
        ),
        ("POST", "/v1/notes/summaries", {"json": {"text": TEXT}}),
        (
            "POST",
            "/v1/notes/summaries",
            {"json": {"text": TEXT}, "headers": {"Accept": "application/fhir+json"}},
        ),
        ("POST", "/v1/policies", {"json": {"id": "p1", "text": TEXT, "groups": ["billing"]}}),
        ("POST", "/v1/policies/search", {"json": {"question": TEXT[:1900]}}),
        ("POST", "/v1/policies/ask", {"json": {"question": TEXT[:1900]}}),
        ("POST", f"/v1/review/items/{item}/edit", {"json": {"text": TEXT}}),
        ("POST", f"/v1/review/items/{item}/correct", {"json": {"set": {"member_id": NAME}}}),
    ]
    malformed: list[tuple[str, str, dict[str, Any]]] = [
        ("POST", "/v1/triage", {"json": {"message": TEXT, "id": NAME}}),
        ("POST", "/v1/triage", {"json": {"message": TEXT * 400}}),
        ("POST", "/v1/triage", {"json": {NAME: TEXT}}),
        (
            "POST",
            "/v1/triage",
            {"content": TEXT.encode(), "headers": {"Content-Type": "text/plain"}},
        ),
        (
            "POST",
            "/v1/triage",
            {
                "content": b'{"message": "' + TEXT.encode(),
                "headers": {"Content-Type": "application/json"},
            },
        ),
        (
            "POST",
            "/v1/prior-auth/extractions",
            {"files": {"file": (f"{NAME}.pdf", b"%PDF-1.4 " + TEXT.encode(), "application/pdf")}},
        ),
        (
            "POST",
            "/v1/prior-auth/extractions",
            {
                "files": {
                    "file": ("x.bin", b"\x00\x01" + TEXT.encode(), "application/octet-stream")
                },
                "data": {"source_name": NAME},
            },
        ),
        ("POST", "/v1/notes/summaries", {"json": {"text": TEXT, "patient": NAME}}),
        ("POST", "/v1/policies", {"json": {"id": NAME, "text": TEXT, "groups": [NAME]}}),
        ("POST", "/v1/keys", {"json": {"role": "staff", "name": NAME, "groups": [NAME]}}),
        ("GET", f"/v1/review/items/{NAME}", {}),
        ("GET", f"/v1/jobs/{NAME}", {}),
        ("GET", "/v1/review/items", {"params": {"kind": NAME}}),
        ("POST", f"/v1/review/items/{item}/correct", {"json": {"set": {NAME: TEXT}}}),
    ]
    return valid + malformed


def test_sentinel_phi_never_reaches_logs_or_error_bodies(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as staff:
        decision = staff.post("/v1/triage", json={"message": "Please refill my inhaler."}).json()
    item = decision["draft_id"]
    errors: list[str] = []
    statuses: set[int] = set()
    with service.client(service.key("acme", "admin")) as client:
        for method, path, options in _requests(item):
            response = client.request(method, path, **options)
            statuses.add(response.status_code)
            if response.status_code >= 400:
                errors.append(response.text)
                assert response.headers["content-type"].startswith("application/problem+json")
    with service.client("clk_" + NAME) as bad_key:
        response = bad_key.post("/v1/triage", json={"message": TEXT})
        errors.append(response.text)
    assert {200, 201, 415, 422} <= statuses  # both paths were exercised
    logs = service.logs.getvalue()
    assert logs  # the service logged (allowlisted events)
    for sentinel in SENTINELS:
        assert sentinel not in logs
        assert all(sentinel not in body for body in errors), sentinel
