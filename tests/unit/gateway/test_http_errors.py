import email.utils

from clinllm.gateway.providers.http_errors import retry_after_seconds


def test_retry_after_in_seconds_and_milliseconds() -> None:
    assert retry_after_seconds({"retry-after": "2"}) == 2.0
    assert retry_after_seconds({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5


def test_retry_after_as_http_date() -> None:
    when = email.utils.formatdate(1_000_030, usegmt=True)
    assert retry_after_seconds({"retry-after": when}, now=1_000_000) == 30.0


def test_unreadable_or_missing_retry_after_is_none() -> None:
    assert retry_after_seconds({"retry-after": "soon"}) is None
    assert retry_after_seconds({}) is None
    assert retry_after_seconds(None) is None
