"""Traces through OpenTelemetry, configured by the standard ``OTEL_*`` variables, never content.

:class:`Telemetry` is the :class:`~clinllm.domain.ports.RunTracer` adapter the composition root
hands to the runner and the gateway. It does two things with each span:

- **traces** it through an OpenTelemetry ``TracerProvider`` when tracing is on
  (:func:`tracer_provider_from_env`), with every attribute checked against
  :data:`~clinllm.observability.genai.ALLOWED_ATTRIBUTES` as it is set, and once more by
  :class:`ScrubbingSpanProcessor` before any exporter sees the span (which also covers spans
  other code opens, and strips event attributes, exception events and status descriptions);
- **measures** it into :class:`~clinllm.observability.metrics.Metrics` when the span is one
  that metrics are made of (a GenAI ``chat`` client span, a ``model_call``, a
  ``workflow_run``), whether tracing is on or not, so ``/metrics`` works without a collector.

Tracing is off unless ``OTEL_TRACES_EXPORTER`` names an exporter (``otlp``, ``console``) or an
OTLP endpoint is set. Off means OpenTelemetry is not even imported: a stage span is one method
call returning a shared no-op scope. Content is never captured, whatever
``OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT`` says: nothing here reads it, no code of
ours passes content to a span, and the allowlist would drop it if one did.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar, Token
from types import TracebackType
from typing import TYPE_CHECKING

from clinllm.domain.ports import SpanAttribute, SpanKind, SpanScope
from clinllm.domain.tracing import NO_TRACER
from clinllm.observability.genai import ALLOWED_ATTRIBUTES, ERROR_TYPE

if TYPE_CHECKING:
    from opentelemetry.context import Context
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Span, Tracer

    from clinllm.observability.metrics import Metrics

__all__ = [
    "Telemetry",
    "clean_attribute",
    "current_workflow",
    "safe_span_name",
    "tracer_provider_from_env",
    "tracing_exporters",
]

#: A string attribute value must look like an identifier, a name or a route template.
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9_.:\-/@+{} ]{0,128}$")
#: Span names are chosen by code (``stage.ground``, ``chat gpt-4o-mini``, ``GET /v1/triage``).
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.:\-/@+{} ]{1,128}$")
_REDACTED = "<redacted>"

#: The workflow of the run in progress, so model-call metrics are labelled by workflow.
_WORKFLOW: ContextVar[str | None] = ContextVar("clinllm_workflow", default=None)

_METERED_INTERNAL = frozenset({"workflow_run", "model_call"})


def current_workflow() -> str | None:
    """The workflow whose run is in progress in this task, if any."""
    return _WORKFLOW.get()


def clean_attribute(key: str, value: object) -> SpanAttribute | None:
    """The value to export for ``key``, or None when the key is off the allowlist.

    Numbers and booleans pass; a string passes only when it is identifier-shaped, otherwise it
    is replaced by ``<redacted>`` (an allowlisted key given content by mistake still leaks
    nothing). Anything else (lists, bytes, objects) is dropped.
    """
    if key not in ALLOWED_ATTRIBUTES:
        return None
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if _SAFE_VALUE.match(value) else _REDACTED
    return None


def safe_span_name(name: str) -> str:
    """``name`` when it is identifier-shaped (code chose it), else a fixed ``span``."""
    return name if _SAFE_NAME.match(name) else "span"


# ------------------------------------------------------------------------------ the scope
class _Scope:
    """One open span: an OpenTelemetry span when tracing is on, and the values metrics need."""

    __slots__ = (
        "_attrs",
        "_failed",
        "_kind",
        "_name",
        "_otel",
        "_parent",
        "_started",
        "_telemetry",
        "_tokens",
    )

    def __init__(
        self,
        telemetry: Telemetry,
        name: str,
        attributes: Mapping[str, SpanAttribute | None] | None,
        kind: SpanKind,
        parent: Context | None = None,
    ) -> None:
        self._telemetry = telemetry
        self._name = name
        self._kind = kind
        self._attrs: dict[str, SpanAttribute] = (
            {k: v for k, v in attributes.items() if v is not None} if attributes else {}
        )
        self._otel: Span | None = None
        self._tokens: tuple[Token[Context] | None, Token[str | None] | None] | None = None
        self._started = 0.0
        self._parent = parent
        self._failed = False

    def set(self, key: str, value: SpanAttribute | None) -> None:
        """Set one attribute (exported at the span's end, dropped when off the allowlist).

        Attributes are handed to OpenTelemetry once, when the span ends: one call (and one
        lock) per span instead of one per attribute.
        """
        if value is not None:
            self._attrs[key] = value

    def fail(self, error_type: str) -> None:
        """Mark the span failed with ``error.type`` (a type name) and an ERROR status."""
        self._attrs[ERROR_TYPE] = error_type
        self._failed = True

    def rename(self, name: str) -> None:
        """Rename the span once more is known (a server span learns its route late)."""
        self._name = name
        if self._otel is not None:
            self._otel.update_name(safe_span_name(name))

    def __enter__(self) -> _Scope:
        telemetry = self._telemetry
        workflow_token = None
        if self._name == "workflow_run":
            workflow = self._attrs.get("clinllm.workflow")
            workflow_token = _WORKFLOW.set(workflow if isinstance(workflow, str) else None)
        api = telemetry.api
        if api is not None:
            span = api.tracer.start_span(
                safe_span_name(self._name),
                context=self._parent,
                kind=api.kinds[self._kind],
                record_exception=False,
                set_status_on_exception=False,
            )
            self._otel = span
            otel_token = api.attach(api.set_span_in_context(span))
            self._tokens = (otel_token, workflow_token)
        else:
            self._tokens = (None, workflow_token)
        self._started = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        duration = time.perf_counter() - self._started
        if exc_type is not None and issubclass(exc_type, Exception):
            self.fail(exc_type.__name__)
        otel_token, workflow_token = self._tokens or (None, None)
        api = self._telemetry.api
        if self._otel is not None and api is not None:
            self._otel.set_attributes(
                {k: c for k, v in self._attrs.items() if (c := clean_attribute(k, v)) is not None}
            )
            if self._failed:
                self._otel.set_status(api.error_status)
            self._otel.end()
            if otel_token is not None:
                api.detach(otel_token)
        metrics = self._telemetry.metrics
        if metrics is not None:
            metrics.observe_span(self._name, self._kind, self._attrs, duration)
        if workflow_token is not None:
            _WORKFLOW.reset(workflow_token)


class _OtelApi:
    """The OpenTelemetry functions a span needs, looked up once (imported only when tracing)."""

    __slots__ = ("attach", "detach", "error_status", "kinds", "set_span_in_context", "tracer")

    def __init__(self, provider: TracerProvider) -> None:
        from opentelemetry import context, trace

        self.tracer: Tracer = provider.get_tracer("clinllm")
        self.attach = context.attach
        self.detach = context.detach
        self.set_span_in_context = trace.set_span_in_context
        self.error_status = trace.Status(trace.StatusCode.ERROR)
        self.kinds = {
            "internal": trace.SpanKind.INTERNAL,
            "client": trace.SpanKind.CLIENT,
            "server": trace.SpanKind.SERVER,
        }


# -------------------------------------------------------------------------- the adapter
class Telemetry:
    """The :class:`~clinllm.domain.ports.RunTracer` adapter: traces and metrics from spans.

    Args:
        metrics: Where GenAI, model-call and run metrics go; None records none.
        provider: The OpenTelemetry tracer provider; None when tracing is off (no span is
            created and OpenTelemetry is never imported).
    """

    def __init__(self, *, metrics: Metrics | None = None, provider: TracerProvider | None = None):
        self.metrics = metrics
        self.provider = provider
        self.api = _OtelApi(provider) if provider is not None else None
        self.tracer: Tracer | None = self.api.tracer if self.api is not None else None

    def __repr__(self) -> str:
        return f"Telemetry(tracing={self.tracer is not None}, metrics={self.metrics is not None})"

    @property
    def tracing(self) -> bool:
        """Whether spans are created and exported."""
        return self.tracer is not None

    def span(
        self,
        name: str,
        attributes: Mapping[str, SpanAttribute | None] | None = None,
        *,
        kind: SpanKind = "internal",
    ) -> AbstractContextManager[SpanScope]:
        """A span scope; the shared no-op one when neither traced nor measured."""
        if self.tracer is None and (
            self.metrics is None or (kind != "client" and name not in _METERED_INTERNAL)
        ):
            return NO_TRACER.span(name)
        return _Scope(self, name, attributes, kind)

    @contextmanager
    def server_span(
        self, method: str, headers: Mapping[str, str], attributes: Mapping[str, SpanAttribute]
    ) -> Iterator[_Scope | None]:
        """A server span for one inbound request, child of the caller's ``traceparent``.

        Yields None when tracing is off (the request histogram needs no span).
        """
        if self.tracer is None:
            yield None
            return
        from opentelemetry.propagate import extract

        carrier = {k: v for k, v in headers.items() if k in ("traceparent", "tracestate")}
        parent = extract(carrier) if carrier else None
        with _Scope(self, method, attributes, "server", parent=parent) as scope:
            yield scope

    def shutdown(self) -> None:
        """Flush and stop the exporters (at process exit)."""
        if self.provider is not None:
            self.provider.shutdown()


# ------------------------------------------------------------------------- configuration
def tracing_exporters(env: Mapping[str, str]) -> tuple[str, ...]:
    """The trace exporters ``env`` asks for; empty when tracing is off.

    ``OTEL_SDK_DISABLED=true`` or ``OTEL_TRACES_EXPORTER=none`` turn it off. Unlike the SDK's
    own default (``otlp``), no variable at all means off: a library in a clinic's process must
    not start sending data because nobody configured it.
    """
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return ()
    named = env.get("OTEL_TRACES_EXPORTER", "").strip().lower()
    if not named:
        endpoint = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or env.get(
            "OTEL_EXPORTER_OTLP_ENDPOINT"
        )
        return ("otlp",) if endpoint else ()
    exporters = tuple(dict.fromkeys(e.strip() for e in named.split(",") if e.strip()))
    return () if exporters == ("none",) else tuple(e for e in exporters if e != "none")


def tracer_provider_from_env(env: Mapping[str, str]) -> TracerProvider | None:
    """The tracer provider the ``OTEL_*`` variables in ``env`` ask for; None when off.

    OpenTelemetry's SDK is imported only here, when tracing is on.

    Raises:
        ConfigError: An unknown exporter, or ``otlp`` without the ``otlp`` extra installed.
    """
    names = tracing_exporters(env)
    if not names:
        return None
    from clinllm.observability.otel import exporter_named, tracer_provider

    built = [exporter_named(name) for name in names]
    return tracer_provider([e for e, _ in built], batch=[b for _, b in built])
