"""The session cookie and CSRF tokens of the review pages."""

from __future__ import annotations

import time

import pytest

from clinllm.entrypoints.api.ui.session import SessionSigner
from clinllm.errors import ConfigError

SECRET = b"s" * 32


def test_a_session_round_trips_and_never_holds_the_key() -> None:
    signer = SessionSigner(SECRET, ttl_s=60)
    value = signer.issue("abc123", "acme")
    session = signer.read(value)
    assert session is not None
    assert (session.key_id, session.tenant) == ("abc123", "acme")
    assert session.expires > time.time()
    assert "clk_" not in value


@pytest.mark.parametrize(
    "tamper",
    [
        lambda v: v[:-2] + ("AA" if not v.endswith("AA") else "BB"),  # MAC changed
        lambda v: "x" + v,  # body changed
        lambda v: v.replace(".", ""),  # no separator
        lambda v: "",
        lambda v: v + "." + v,
    ],
)
def test_a_tampered_cookie_is_no_session(tamper: object) -> None:
    signer = SessionSigner(SECRET)
    value = signer.issue("abc123", "acme")
    assert callable(tamper)
    assert signer.read(tamper(value)) is None


def test_another_secret_or_an_expired_cookie_is_no_session() -> None:
    value = SessionSigner(SECRET, ttl_s=60).issue("abc123", "acme")
    assert SessionSigner(b"t" * 32).read(value) is None
    assert SessionSigner(SECRET).read(value, now=time.time() + 61) is None


def test_csrf_tokens_are_bound_to_their_nonce() -> None:
    signer = SessionSigner(SECRET)
    token = signer.csrf_token("nonce-1")
    assert signer.csrf_ok("nonce-1", token)
    assert not signer.csrf_ok("nonce-2", token)
    assert not signer.csrf_ok("nonce-1", "")
    assert not signer.csrf_ok(None, token)
    assert not SessionSigner(b"t" * 32).csrf_ok("nonce-1", token)


def test_a_short_secret_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="at least 32 bytes"):
        SessionSigner(b"short")
