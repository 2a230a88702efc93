"""A recording fake of the :class:`~clinllm.domain.ports.RunTracer` port.

Tests of a runner or a gateway assert which spans opened, in which nesting, with which
attributes, without OpenTelemetry::

    tracer = RecordingTracer()
    runner = Runner(..., tracer=tracer)
    await runner.run(spec, text)
    assert tracer.names()[0] == "workflow_run"
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from clinllm.domain.ports import SpanAttribute, SpanKind

__all__ = ["RecordedSpan", "RecordingTracer"]


@dataclass(slots=True)
class RecordedSpan:
    """One span as the fake saw it.

    Attributes:
        name: The span's name.
        kind: internal, client or server.
        parent: The index of the enclosing span in :attr:`RecordingTracer.spans`, if any.
        attributes: Attributes given at start and set later (None values skipped).
        error_type: What ``fail`` recorded, or the type of the exception that left the block.
    """

    name: str
    kind: SpanKind
    parent: int | None
    attributes: dict[str, SpanAttribute] = field(default_factory=dict)
    error_type: str | None = None

    def set(self, key: str, value: SpanAttribute | None) -> None:
        """Record an attribute."""
        if value is not None:
            self.attributes[key] = value

    def fail(self, error_type: str) -> None:
        """Record the failure's type."""
        self.error_type = error_type


class RecordingTracer:
    """Records every span in the order they opened."""

    def __init__(self) -> None:
        self.spans: list[RecordedSpan] = []
        self._open: list[int] = []

    def names(self) -> list[str]:
        """Span names in the order they opened."""
        return [span.name for span in self.spans]

    def children(self, name: str) -> list[str]:
        """Names of the spans opened directly inside the first span called ``name``."""
        index = self.names().index(name)
        return [span.name for span in self.spans if span.parent == index]

    @contextmanager
    def span(
        self,
        name: str,
        attributes: Mapping[str, SpanAttribute | None] | None = None,
        *,
        kind: SpanKind = "internal",
    ) -> Iterator[RecordedSpan]:
        """Record a span; an exception leaving the block records its type and propagates."""
        recorded = RecordedSpan(name, kind, self._open[-1] if self._open else None)
        for key, value in (attributes or {}).items():
            recorded.set(key, value)
        self.spans.append(recorded)
        self._open.append(len(self.spans) - 1)
        try:
            yield recorded
        except Exception as exc:
            recorded.fail(type(exc).__name__)
            raise
        finally:
            self._open.pop()
