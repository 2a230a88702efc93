"""Every error is RFC 9457 problem JSON without input content: 401/403/404/405/413/415/422/429."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx  # the httpx fork the SDKs already bring
import pytest

from clinllm.settings import HttpSettings

from .live import LiveService, problem, start_service, stop_service

SENTINEL = "Zebulon Quixley-Marchetti"


def test_missing_and_unknown_keys_are_401_with_a_challenge(service: LiveService) -> None:
    with service.client() as anonymous:
        missing = anonymous.post("/v1/triage", json={"message": "hi"})
    with service.client("clk_000000000000_" + "a" * 32) as unknown:
        wrong = unknown.post("/v1/triage", json={"message": "hi"})
    for response in (missing, wrong):
        assert problem(response)["status"] == 401
        assert response.headers["www-authenticate"].startswith("Bearer")


def test_a_malformed_authorization_header_is_the_same_401_as_none(service: LiveService) -> None:
    secret = service.key("acme", "staff")
    with service.client() as anonymous:
        missing = anonymous.post("/v1/triage", json={"message": "hi"})
        malformed = [
            anonymous.post("/v1/triage", json={"message": "hi"}, headers={"Authorization": value})
            for value in (f"Basic {secret}", "Bearer", secret, f"Token {secret}")
        ]
        any_case = anonymous.post(
            "/v1/triage", json={"message": "hi"}, headers={"Authorization": f"bEaReR {secret}"}
        )
    assert problem(missing)["detail"] == "send Authorization: Bearer <API key>"
    for response in malformed:
        assert problem(response) == problem(missing)
        assert response.headers["www-authenticate"] == missing.headers["www-authenticate"]
        assert secret not in response.text
    assert any_case.status_code == 200, any_case.text  # the scheme is case-insensitive


def test_unknown_path_and_wrong_method_are_problems(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as client:
        assert problem(client.get("/v1/nothing-here"))["status"] == 404
        assert problem(client.get("/v1/triage"))["status"] == 405


def test_unsupported_media_type_is_415(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as client:
        response = client.post(
            "/v1/triage", content=SENTINEL.encode(), headers={"Content-Type": "text/plain"}
        )
    assert problem(response)["status"] == 415
    assert SENTINEL not in response.text


def test_validation_errors_name_fields_never_values(service: LiveService) -> None:
    with service.client(service.key("acme", "staff")) as client:
        too_long = client.post("/v1/triage", json={"message": SENTINEL * 2000})
        wrong_type = client.post("/v1/triage", json={"message": 42, "id": SENTINEL})
        invented = client.post("/v1/triage", json={"message": "hi", SENTINEL: "x"})
        not_json = client.post(
            "/v1/triage",
            content=b'{"message": "' + SENTINEL.encode(),
            headers={"Content-Type": "application/json"},
        )
    for response in (too_long, wrong_type, invented, not_json):
        body = problem(response)
        assert body["status"] == 422
        assert SENTINEL not in response.text
        assert "Zebulon" not in response.text
    assert {"loc": ["body", "message"], "type": "string_too_long"} in problem(too_long)["errors"]
    assert ["body", "?"] in [e["loc"] for e in problem(invented)["errors"]]


def test_a_declared_body_over_the_limit_is_413_before_it_is_read(
    service: LiveService,
) -> None:
    limit = service.app.settings.http.max_body_bytes
    with service.client(service.key("acme", "staff")) as client:
        response = client.post(
            "/v1/prior-auth/extractions",
            content=b"x" * (limit + 1),
            headers={"Content-Type": "application/json"},
        )
    assert problem(response)["status"] == 413


@pytest.fixture(scope="module")
def strict(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveService]:
    """A service with small limits: 2 requests at once, 60 a minute, 4 kB bodies."""
    live, server, thread = start_service(
        tmp_path_factory.mktemp("strict"),
        HttpSettings(rate_per_minute=60, rate_burst=2, max_body_bytes=4096),
    )
    try:
        yield live
    finally:
        stop_service(live, server, thread)


def test_a_chunked_body_over_the_limit_is_413(strict: LiveService) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(10):
            yield b"y" * 1024

    with strict.client(strict.key("acme", "staff")) as client:
        response = client.post(
            "/v1/triage", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert problem(response)["status"] == 413


def test_rate_limit_is_per_key_with_retry_after(strict: LiveService) -> None:
    first = strict.key("acme", "staff", ("rate_one",))  # fresh keys: fresh buckets
    second = strict.key("acme", "staff", ("rate_two",))
    with strict.client(first) as client:
        codes = [client.get("/v1/jobs/unknown").status_code for _ in range(3)]
        limited = client.get("/v1/jobs/unknown")
    assert codes[:2] == [404, 404]
    assert problem(limited)["status"] == 429
    assert int(limited.headers["retry-after"]) >= 1
    with strict.client(second) as other:
        assert other.get("/v1/jobs/unknown").status_code == 404  # its own bucket


def test_an_internal_error_is_a_fixed_500_problem(
    service: LiveService, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from clinllm.bootstrap.service import Service

    def boom(self: Service, *args: object, **kwargs: object) -> object:
        raise RuntimeError(SENTINEL)

    monkeypatch.setattr(Service, "review_detail", boom)
    with service.client(service.key("acme", "reviewer")) as client:
        response = client.get("/v1/review/items/1")
    assert problem(response)["status"] == 500
    assert SENTINEL not in response.text
    assert SENTINEL not in service.logs.getvalue()
    assert isinstance(response, httpx.Response)
