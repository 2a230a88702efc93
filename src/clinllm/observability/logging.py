"""Structured logs through an allowlist: only known keys leave the process.

Content (documents, prompts, model replies, exception text) can hold PHI, so log records are
rebuilt from an allowlist of keys (ids, stage, provider, status, durations, error type). The
event name is a fixed string chosen by the code; ``record.args`` are never interpolated,
exception text and tracebacks are never written, only the exception's type name.

Use :func:`log_event` to write an event; :func:`configure_logging` installs the JSON handler
(called by the composition root, never at import time).

A record written inside a traced span carries ``trace_id`` and ``span_id`` (W3C hex), so a log
line leads to its trace. They are read from OpenTelemetry's current span only when
OpenTelemetry has been loaded (tracing on); with tracing off there is no span to name and
nothing is imported.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Mapping
from typing import Any, TextIO

__all__ = [
    "ALLOWED_KEYS",
    "AllowlistFormatter",
    "configure_logging",
    "current_trace_ids",
    "get_logger",
    "log_event",
]

#: Keys that may leave the process. Values must be identifiers, enums or numbers.
ALLOWED_KEYS: frozenset[str] = frozenset(
    {
        "request_id",
        "call_id",
        "case_id",
        "document_id",
        "document_sha256",
        "extraction_id",
        "review_id",
        "decision_id",
        "tenant",
        "actor",
        "stage",
        "workflow",
        "suite",
        "provider",
        "model",
        "prompt_version",
        "attempt",
        "outcome",
        "status",
        "status_code",
        "error_type",
        "duration_ms",
        "latency_ms",
        "wait_ms",
        "input_tokens",
        "output_tokens",
        "cost_usd",
        "count",
        "entity_counts",
        "fallback_used",
        "breaker_state",
        "repair",
        "n",
    }
)

_EVENT_NAME = re.compile(r"^[a-z][a-z0-9_.]{0,63}$")
_SAFE_STRING = re.compile(r"^[A-Za-z0-9_.:\-/@+]{0,128}$")
_EXTRA_ATTR = "clinllm_fields"


def get_logger(name: str) -> logging.Logger:
    """The stdlib logger for ``name`` (use with :func:`log_event`)."""
    return logging.getLogger(name)


def _clean(value: Any) -> Any:
    """Keep numbers, booleans and identifier-shaped strings; mask anything else."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return value if _SAFE_STRING.match(value) else "<redacted>"
    if isinstance(value, Mapping):
        return {
            str(k): _clean(v)
            for k, v in value.items()
            if isinstance(k, str) and _SAFE_STRING.match(k)
        }
    return "<redacted>"


def log_event(
    logger: logging.Logger, event: str, *, level: int = logging.INFO, **fields: Any
) -> None:
    """Write one structured event; keys outside :data:`ALLOWED_KEYS` are dropped.

    Args:
        logger: Where to write.
        event: A fixed, code-chosen name such as ``gateway.attempt``.
        level: Log level.
        **fields: Allowlisted identifiers and numbers.
    """
    if not _EVENT_NAME.match(event):
        event = "invalid_event_name"
    if not logger.isEnabledFor(level):
        return
    kept = {k: _clean(v) for k, v in fields.items() if k in ALLOWED_KEYS}
    logger.log(level, event, extra={_EXTRA_ATTR: kept})


class AllowlistFormatter(logging.Formatter):
    """Formats any record as one JSON line of allowlisted fields.

    Records from other libraries keep only their logger name, level and a fixed placeholder
    instead of their message, because their arguments may hold content.
    """

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` without its arguments, exception text or traceback."""
        fields = getattr(record, _EXTRA_ATTR, None)
        if isinstance(fields, dict):
            event = record.msg if isinstance(record.msg, str) else "invalid_event_name"
            payload: dict[str, Any] = {"event": event, **fields}
        else:
            payload = {"event": "external_log_record"}
        payload = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            **payload,
        }
        if record.exc_info and record.exc_info[0] is not None:
            payload["error_type"] = record.exc_info[0].__name__
        ids = current_trace_ids()
        if ids is not None:
            payload["trace_id"], payload["span_id"] = ids
        return json.dumps(payload, separators=(",", ":"), sort_keys=False)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """ISO-like UTC time (kept for handlers that ask for it)."""
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


def current_trace_ids() -> tuple[str, str] | None:
    """The current span's trace and span ids in W3C hex, or None outside a recorded span.

    Looks OpenTelemetry up in ``sys.modules`` instead of importing it: a process with tracing
    off never loads it, and then no span can be current.
    """
    trace = sys.modules.get("opentelemetry.trace")
    if trace is None:
        return None
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return f"{context.trace_id:032x}", f"{context.span_id:016x}"


def configure_logging(level: str = "WARNING", stream: TextIO | None = None) -> None:
    """Route every log record through :class:`AllowlistFormatter` on ``stream`` (stderr).

    Idempotent: a second call replaces the handler it installed before.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_clinllm", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(AllowlistFormatter())
    handler._clinllm = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level.upper())
