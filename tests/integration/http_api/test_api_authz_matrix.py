"""Authorization matrix: roles x tenants x endpoints x policy groups, counting leaks (must be 0).

A leak is any of: a role reaching an endpoint above it (anything but 403), a key reading or
moving another tenant's record (anything but 404, or the record's marker in the body), a policy
passage of another tenant or of a document sharing no group with the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

import pytest

from clinllm.domain.identity import ROLES, Role, role_allows

from .live import LiveService, start_service, stop_service

TENANTS = ("acme", "globex")
GROUPS: tuple[tuple[str, ...], ...] = ((), ("billing",), ("nursing",), ("billing", "nursing"))
DOC_GROUPS = {
    "billing-doc": ("billing",),
    "nursing-doc": ("nursing",),
    "shared-doc": ("billing", "nursing"),
    "x": ("billing",),  # ingested by the role matrix's admins
}


@dataclass
class Records:
    """One tenant's records: a review item, a job, a key id."""

    item: int
    job: str
    key_id: str


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[LiveService, dict[str, Records]]]:
    live, server, thread = start_service(tmp_path_factory.mktemp("matrix"))
    records: dict[str, Records] = {}
    try:
        for tenant in TENANTS:
            with live.client(live.key(tenant, "admin")) as admin:
                for key, groups in DOC_GROUPS.items():
                    text = (
                        f"# {tenant} {key}\n\nPrior authorization requests for {tenant} "
                        f"must be filed within 14 days ({key})."
                    )
                    response = admin.post(
                        "/v1/policies",
                        json={
                            "id": key,
                            "text": text,
                            "groups": list(groups),
                            "media_type": "text/markdown",
                        },
                    )
                    assert response.status_code == 201, response.text
                made = admin.post("/v1/keys", json={"role": "staff"}).json()
            with live.client(live.key(tenant, "staff")) as staff:
                decision = staff.post(
                    "/v1/triage", json={"message": "fever of 38.4 in my 3 week old"}
                )
                job = staff.post(
                    "/v1/triage",
                    json={"message": "refill please"},
                    headers={"Prefer": "respond-async"},
                )
            records[tenant] = Records(
                item=decision.json()["escalation"]["id"],
                job=job.json()["id"],
                key_id=made["key_id"],
            )
        yield live, records
    finally:
        stop_service(live, server, thread)


def _endpoints(r: Records, caller: str) -> list[tuple[str, str, dict[str, Any] | None, Role]]:
    """(method, path, json body, least role) for every /v1 endpoint."""
    item = f"/v1/review/items/{r.item}"
    return [
        ("POST", "/v1/triage", {"message": "hello"}, "staff"),
        ("POST", "/v1/prior-auth/extractions", {"text": "Member ID: AB12345"}, "staff"),
        ("POST", "/v1/notes/summaries", {"text": "Assessment: hypertension, stable."}, "staff"),
        ("POST", "/v1/policies/search", {"question": "filing limit"}, "staff"),
        (
            "POST",
            "/v1/policies",
            {
                "id": "x",
                "text": f"{caller} prior authorization filed within days",
                "groups": ["billing"],
            },
            "admin",
        ),
        ("GET", f"/v1/jobs/{r.job}", None, "staff"),
        ("GET", "/v1/review/items", None, "reviewer"),
        ("GET", item, None, "reviewer"),
        ("POST", f"{item}/claim", None, "reviewer"),
        ("GET", "/v1/audit/verify", None, "admin"),
        ("GET", "/v1/audit/events", None, "admin"),
        ("GET", "/v1/keys", None, "admin"),
        ("POST", "/v1/keys", {"role": "staff"}, "admin"),
    ]


def test_roles_and_tenants_matrix_has_no_leak(
    world: tuple[LiveService, dict[str, Records]],
) -> None:
    live, records = world
    leaks: list[str] = []
    checked = 0
    for tenant, role in product(TENANTS, ROLES):
        with live.client(live.key(tenant, role)) as client:
            for owner in TENANTS:
                for method, path, body, needed in _endpoints(records[owner], tenant):
                    own_record = owner == tenant or not any(
                        marker in path for marker in ("/jobs/", "/review/items/")
                    )
                    if owner != tenant and own_record:
                        continue  # not a record endpoint: checked with the caller's own
                    response = client.request(method, path, json=body)
                    checked += 1
                    allowed = role_allows(role, needed)
                    if not allowed:
                        expected = {403}
                    elif not own_record:
                        expected = {404}
                    else:
                        expected = {200, 201, 202, 409}  # 409: already claimed
                    if response.status_code not in expected:
                        leaks.append(f"{tenant}/{role} {method} {path}: {response.status_code}")
                    other = records["globex" if tenant == "acme" else "acme"]
                    listed = path == "/v1/review/items" and response.status_code == 200
                    if listed and other.item in [i["id"] for i in response.json()]:
                        leaks.append(f"{tenant}/{role}: another tenant's item listed")
                    if other.key_id in response.text or other.job in response.text:
                        leaks.append(f"{tenant}/{role} {method} {path}: another tenant's id")
    assert checked >= 90
    assert leaks == []


def test_policy_groups_matrix_has_no_leak(world: tuple[LiveService, dict[str, Records]]) -> None:
    live, _ = world
    leaks: list[str] = []
    seen = 0
    for tenant, groups, role in product(TENANTS, GROUPS, ROLES):
        with live.client(live.key(tenant, role, groups)) as client:
            hits = client.post(
                "/v1/policies/search", json={"question": "prior authorization filed within days"}
            ).json()["results"]
            answer = client.post(
                "/v1/policies/ask", json={"question": "prior authorization filed within days"}
            ).json()
        readable = {d for d, g in DOC_GROUPS.items() if set(g) & set(groups)}
        for hit in hits:
            seen += 1
            if hit["document"] not in readable or tenant not in hit["text"]:
                leaks.append(f"{tenant}/{groups}/{role}: {hit['document']}")
        for citation in answer["citations"]:
            if citation["document"] not in readable:
                leaks.append(f"{tenant}/{groups}/{role}: cited {citation['document']}")
        if groups and not hits:
            leaks.append(f"{tenant}/{groups}/{role}: nothing found in readable documents")
    assert seen > 0
    assert leaks == []
