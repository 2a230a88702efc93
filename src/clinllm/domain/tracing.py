"""The tracer that traces nothing: the default of the runner and the gateway.

Without telemetry configured (no ``OTEL_*`` variables, or a library user who built a runner by
hand), every ``with tracer.span(...)`` costs one method call that returns a shared, stateless
scope: no allocation, no context switch, no clock read.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType

from clinllm.domain.ports import SpanAttribute, SpanKind

__all__ = ["NO_TRACER", "NullTracer"]


class _NullScope:
    """A span scope that records nothing; one shared instance serves every span."""

    __slots__ = ()

    def set(self, key: str, value: SpanAttribute | None) -> None:
        """Record nothing."""

    def fail(self, error_type: str) -> None:
        """Record nothing."""

    def __enter__(self) -> _NullScope:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None


_SCOPE = _NullScope()


class NullTracer:
    """A :class:`~clinllm.domain.ports.RunTracer` that opens no span."""

    __slots__ = ()

    def span(
        self,
        name: str,
        attributes: Mapping[str, SpanAttribute | None] | None = None,
        *,
        kind: SpanKind = "internal",
    ) -> _NullScope:
        """The shared no-op scope."""
        return _SCOPE

    def __repr__(self) -> str:
        return "NullTracer()"


#: The shared no-op tracer.
NO_TRACER = NullTracer()
