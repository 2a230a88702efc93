"""Every workflow over a real HTTP server on loopback: the answers the CLI gives, per tenant."""

from __future__ import annotations

import time

from clinllm.samples import sample_note_path, sample_paths

from .live import LiveService, problem

EMERGENCY = "my 3 week old has a fever of 38.4 and is very sleepy"
ROUTINE = "Could you refill my lisinopril prescription please, I am almost out."


def _text_sample() -> str:
    path = next(p for p in sample_paths() if p.name == "pa_mri_lumbar_letter.txt")
    return path.read_text(encoding="utf-8")


def test_health_answers_without_a_key(service: LiveService) -> None:
    with service.client() as client:
        live = client.get("/livez")
        ready = client.get("/readyz")
    assert live.status_code == 200
    assert live.json()["status"] == "ok"
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "model": "ok"}


def test_triage_routes_an_emergency_and_opens_an_escalation_in_the_tenant(
    service: LiveService,
) -> None:
    with service.client(service.key("acme", "staff")) as staff:
        response = staff.post("/v1/triage", json={"message": EMERGENCY, "id": "m-1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["id"] == "m-1"
    assert body["urgency"] == "emergency"
    escalation = body["escalation"]
    assert escalation is not None
    with service.client(service.key("acme", "reviewer")) as reviewer:
        items = reviewer.get("/v1/review/items", params={"kind": "triage.escalation"}).json()
        assert escalation["id"] in [i["id"] for i in items]
    with service.client(service.key("globex", "reviewer")) as other:
        assert escalation["id"] not in [i["id"] for i in other.get("/v1/review/items").json()]
        problem(other.get(f"/v1/review/items/{escalation['id']}"))


def test_prior_auth_from_json_text_and_from_an_upload_agree(service: LiveService) -> None:
    text = _text_sample()
    with service.client(service.key("acme", "staff")) as client:
        from_json = client.post("/v1/prior-auth/extractions", json={"text": text})
        uploaded = client.post(
            "/v1/prior-auth/extractions",
            files={"file": ("letter.txt", text.encode(), "text/plain")},
        )
    assert from_json.status_code == 200, from_json.text
    assert uploaded.status_code == 200, uploaded.text
    a, b = from_json.json(), uploaded.json()
    assert a["workflow"] == "prior_auth"
    assert a["extraction"]["member_id"]
    assert a["extraction"] == b["extraction"]
    assert a["route"] in ("accept", "review")
    assert a["evidence"]["member_id"][0]["start"] >= 0


def test_a_pdf_upload_is_ingested(service: LiveService) -> None:
    pdf = next(p for p in sample_paths() if p.name == "pa_knee_arthroscopy_fax.pdf")
    with service.client(service.key("acme", "staff")) as client:
        response = client.post(
            "/v1/prior-auth/extractions",
            files={"file": ("fax.pdf", pdf.read_bytes(), "application/pdf")},
        )
    assert response.status_code == 200, response.text
    assert response.json()["extraction"]["procedures"]


def test_note_summary_as_json_and_as_a_fhir_bundle(service: LiveService) -> None:
    note = sample_note_path().read_text(encoding="utf-8")
    with service.client(service.key("acme", "staff")) as client:
        summary = client.post("/v1/notes/summaries", json={"text": note})
        bundle = client.post(
            "/v1/notes/summaries",
            json={"text": note, "patient": "Patient/p-17"},
            headers={"Accept": "application/fhir+json"},
        )
    assert summary.status_code == 200, summary.text
    assert summary.json()["summary"]["problems"]
    assert bundle.status_code == 200, bundle.text
    assert bundle.headers["content-type"].startswith("application/fhir+json")
    resource = bundle.json()
    assert resource["resourceType"] == "Bundle"
    assert resource["type"] == "document"


def test_policy_search_sees_only_the_callers_groups_and_tenant(service: LiveService) -> None:
    document = {
        "id": "timely-filing",
        "text": "# Timely filing\n\nClaims must be filed within 90 days of the date of service.",
        "media_type": "text/markdown",
        "groups": ["billing"],
    }
    with service.client(service.key("acme", "admin")) as admin:
        created = admin.post("/v1/policies", json=document)
    assert created.status_code == 201, created.text
    assert created.json()["status"] in ("created", "unchanged")
    question = {"question": "What is the timely filing limit for claims?"}
    with service.client(service.key("acme", "staff", ("billing",))) as billing:
        hits = billing.post("/v1/policies/search", json=question).json()["results"]
        answer = billing.post("/v1/policies/ask", json=question)
    assert [h["document"] for h in hits][:1] == ["timely-filing"]
    assert answer.status_code == 200, answer.text
    assert answer.json()["decision"] in ("answered", "refused")
    with service.client(service.key("acme", "staff", ("nursing",))) as nursing:
        assert nursing.post("/v1/policies/search", json=question).json()["results"] == []
    with service.client(service.key("globex", "staff", ("billing",))) as other:
        assert other.post("/v1/policies/search", json=question).json()["results"] == []


def test_review_a_triage_draft_claim_edit_approve_with_versions(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as staff:
        decision = staff.post("/v1/triage", json={"message": ROUTINE}).json()
    draft_id = decision["draft_id"]
    assert draft_id is not None
    with service.client(service.key("acme", "reviewer")) as reviewer:
        shown = reviewer.get(f"/v1/review/items/{draft_id}")
        assert shown.status_code == 200
        etag = shown.headers["etag"]
        claimed = reviewer.post(f"/v1/review/items/{draft_id}/claim", headers={"If-Match": etag})
        assert claimed.status_code == 200, claimed.text
        assert claimed.json()["status"] == "claimed"
        stale = reviewer.post(
            f"/v1/review/items/{draft_id}/edit", json={"text": "x"}, headers={"If-Match": etag}
        )
        assert problem(stale)["status"] == 412
        edited = reviewer.post(
            f"/v1/review/items/{draft_id}/edit",
            json={"text": "We have sent your refill request to the care team."},
            headers={"If-Match": claimed.headers["etag"]},
        )
        assert edited.status_code == 200, edited.text
        approved = reviewer.post(f"/v1/review/items/{draft_id}/approve")
        assert approved.json()["status"] == "approved"
        again = reviewer.post(f"/v1/review/items/{draft_id}/approve")
        assert problem(again)["status"] == 409
        history = reviewer.get(f"/v1/review/items/{draft_id}").json()["history"]
    assert len(history) >= 4  # opened, claimed, edited, approved


def test_correct_a_prior_auth_extraction_stores_a_new_version(service: LiveService) -> None:
    # A document without its member id line needs review.
    text = "\n".join(line for line in _text_sample().splitlines() if "Member ID" not in line)
    with service.client(service.key("acme", "staff")) as staff:
        result = staff.post("/v1/prior-auth/extractions", json={"text": text}).json()
    review_id = result["review_id"]
    assert review_id is not None, result["route_reasons"]
    with service.client(service.key("acme", "reviewer")) as reviewer:
        corrected = reviewer.post(
            f"/v1/review/items/{review_id}/correct", json={"set": {"member_id": "ZX9981234"}}
        )
    assert corrected.status_code == 200, corrected.text
    body = corrected.json()
    assert body["item"]["status"] == "corrected"
    assert body["extraction"]["payload"]["member_id"] == "ZX9981234"
    assert body["extraction"]["supersedes_id"] == result["extraction_id"]


def test_audit_verify_and_export_for_admins_only(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as staff:
        staff.post("/v1/triage", json={"message": ROUTINE})
        assert problem(staff.get("/v1/audit/verify"))["status"] == 403
    with service.client(service.key("acme", "admin")) as admin:
        verified = admin.get("/v1/audit/verify").json()
        exported = admin.get("/v1/audit/events").json()
    assert verified["ok"] is True
    assert verified["entries"] >= 1
    assert exported["resourceType"] == "Bundle"
    assert exported["entry"]
    assert all(e["resource"]["resourceType"] == "AuditEvent" for e in exported["entry"])
    with service.client(service.key("initech", "admin")) as stranger:
        assert stranger.get("/v1/audit/events").json()["entry"] == []


def test_keys_created_by_an_admin_work_until_revoked(service: LiveService) -> None:
    with service.client(service.key("acme", "admin")) as admin:
        created = admin.post("/v1/keys", json={"role": "staff", "groups": ["billing"]})
        assert created.status_code == 201, created.text
        key = created.json()
        assert key["tenant"] == "acme"
        listed = admin.get("/v1/keys").json()
        assert key["key_id"] in [k["key_id"] for k in listed]
        assert all("secret" not in k for k in listed)
        with service.client(key["secret"]) as new:
            assert new.post("/v1/triage", json={"message": ROUTINE}).status_code == 200
            assert admin.delete(f"/v1/keys/{key['key_id']}").status_code == 204
            assert problem(new.post("/v1/triage", json={"message": ROUTINE}))["status"] == 401
    with service.client(service.key("globex", "admin")) as other:
        assert problem(other.delete(f"/v1/keys/{key['key_id']}"))["status"] == 404


def test_idempotency_key_replays_and_refuses_a_different_body(service: LiveService) -> None:
    with service.client(service.key("acme", "staff"), **{"Idempotency-Key": "abc-1"}) as client:
        first = client.post("/v1/triage", json={"message": ROUTINE, "id": "i-1"})
        second = client.post("/v1/triage", json={"message": ROUTINE, "id": "i-1"})
        different = client.post("/v1/triage", json={"message": EMERGENCY, "id": "i-1"})
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert second.headers.get("idempotent-replayed") == "true"
    assert problem(different)["status"] == 422


def test_jobs_answer_202_and_are_tenant_scoped(service: LiveService) -> None:
    with service.client(service.key("acme", "staff"), Prefer="respond-async") as client:
        queued = client.post("/v1/triage", json={"message": ROUTINE})
        assert queued.status_code == 202, queued.text
        location = queued.headers["location"]
        assert location == f"/v1/jobs/{queued.json()['id']}"
        started = time.monotonic()
        polled = client.get(location, params={"wait": 0.5})
        waited = time.monotonic() - started
    assert polled.status_code == 200
    assert polled.json()["status"] == "queued"  # the fake queue never runs jobs
    assert waited >= 0.45
    job = service.jobs.jobs[queued.json()["id"]]
    assert job.tenant == "acme"
    assert isinstance(job.document_id, int)
    assert "message" not in job.payload
    with service.client(service.key("globex", "admin")) as other:
        assert problem(other.get(location))["status"] == 404
