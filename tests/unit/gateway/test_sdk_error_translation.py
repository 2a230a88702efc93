"""Vendor SDK exceptions become clinllm errors at the adapter: status and request id only."""

import anthropic
import httpx2 as httpx  # the SDKs build on the httpx2 fork
import openai
import pytest

from clinllm.errors import (
    ProviderConnectionError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
)
from clinllm.gateway.providers.anthropic import translate_anthropic_error
from clinllm.gateway.providers.openai_compat import translate_openai_error

SECRET = "Patient Zebulon Quixtar-Vantablack"
REQUEST = httpx.Request("POST", "http://127.0.0.1:9/v1/chat")


def response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(
        status,
        headers={"request-id": "req_42", "x-request-id": "req_42", **headers},
        json={"error": {"message": f"echo: {SECRET}"}},
        request=REQUEST,
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (429, RateLimited),
        (500, ProviderUnavailable),
        (529, ProviderUnavailable),
        (400, ProviderRejected),
        (401, ProviderRejected),
        (408, ProviderTimeout),
    ],
)
def test_anthropic_status_errors(status: int, expected: type[Exception]) -> None:
    exc = anthropic.APIStatusError(
        f"bad: {SECRET}", response=response(status, **{"retry-after": "2"}), body=None
    )
    err = translate_anthropic_error("anthropic:claude-haiku-4-5", exc)
    assert type(err) is expected
    assert err.status_code == status
    assert SECRET not in str(err)
    if isinstance(err, RateLimited):
        assert err.retry_after_s == 2.0


@pytest.mark.parametrize(
    ("status", "expected"),
    [(429, RateLimited), (503, ProviderUnavailable), (404, ProviderRejected)],
)
def test_openai_status_errors(status: int, expected: type[Exception]) -> None:
    exc = openai.APIStatusError(
        f"bad: {SECRET}", response=response(status, **{"retry-after-ms": "250"}), body=None
    )
    err = translate_openai_error("openai:gpt-4o-mini", exc)
    assert type(err) is expected
    assert err.request_id == "req_42"
    assert SECRET not in str(err)
    if isinstance(err, RateLimited):
        assert err.retry_after_s == 0.25


def test_timeouts_and_connection_errors() -> None:
    assert isinstance(
        translate_anthropic_error("a", anthropic.APITimeoutError(request=REQUEST)), ProviderTimeout
    )
    assert isinstance(
        translate_anthropic_error("a", anthropic.APIConnectionError(request=REQUEST)),
        ProviderConnectionError,
    )
    assert isinstance(
        translate_openai_error("o", openai.APITimeoutError(request=REQUEST)), ProviderTimeout
    )
