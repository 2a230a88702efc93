"""Reading what an HTTP failure tells us, shared by the SDK-based adapters."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

from clinllm.errors import (
    ProviderError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
)

__all__ = ["retry_after_seconds", "status_error"]


def retry_after_seconds(
    headers: Mapping[str, str] | None, *, now: float | None = None
) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (delta-seconds or HTTP date).

    Returns None when the provider did not say, or said something unreadable.
    """
    if not headers:
        return None
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def status_error(
    provider: str,
    status: int,
    *,
    request_id: str | None,
    headers: Mapping[str, str] | None,
) -> ProviderError:
    """The typed error for an HTTP error status: 429 busy, 408 timeout, 5xx down, else rejected.

    Only the status, the request id and ``Retry-After`` are kept; the body is dropped because it
    may echo the request.
    """
    if status == 429:
        return RateLimited(
            provider, retry_after_s=retry_after_seconds(headers), request_id=request_id
        )
    if status == 408:
        return ProviderTimeout(provider, status_code=status, request_id=request_id)
    if status >= 500:  # includes Anthropic's 529 overloaded
        return ProviderUnavailable(provider, status_code=status, request_id=request_id)
    return ProviderRejected(provider, status_code=status, request_id=request_id)
