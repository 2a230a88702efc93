"""Two tenants sending the same document each get their own record, result and review item."""

from __future__ import annotations

from clinllm.samples import sample_paths

from .live import LiveService, problem


def test_the_same_letter_from_two_tenants_is_two_documents(service: LiveService) -> None:
    path = next(p for p in sample_paths() if p.name == "pa_mri_lumbar_letter.txt")
    text = path.read_text(encoding="utf-8")
    answers = {}
    for tenant in ("initech", "umbrella"):
        with service.client(service.key(tenant, "staff")) as staff:
            response = staff.post(
                "/v1/prior-auth/extractions", json={"text": text, "source_name": f"{tenant}.txt"}
            )
        assert response.status_code == 200, response.text
        answers[tenant] = response.json()

    first, second = answers["initech"], answers["umbrella"]
    assert first["document_id"] != second["document_id"]
    assert first["extraction_id"] != second["extraction_id"]
    assert first["extraction"] == second["extraction"]  # the same answer, stored twice
    if first["review_id"] is not None:
        with service.client(service.key("umbrella", "reviewer")) as other:
            hidden = other.get(f"/v1/review/items/{first['review_id']}")
            assert hidden.status_code == 404
            problem(hidden)
    with service.client(service.key("initech", "staff")) as staff:
        again = staff.post("/v1/prior-auth/extractions", json={"text": text}).json()
    assert again["document_id"] == first["document_id"]  # idempotent within the tenant
