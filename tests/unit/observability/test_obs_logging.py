"""JSON log lines written inside a span carry its trace and span ids."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from clinllm.observability.logging import configure_logging, get_logger, log_event

from .conftest import Exported


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    stream = io.StringIO()
    configure_logging("INFO", stream)
    yield stream
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def test_a_log_line_inside_a_span_names_the_span(
    exported: Exported, log_stream: io.StringIO
) -> None:
    log = get_logger("clinllm.test")
    with exported.telemetry.span("workflow_run", {"clinllm.workflow": "triage"}):
        log_event(log, "pipeline.run", workflow="triage")
    log_event(log, "pipeline.after", workflow="triage")

    inside, outside = (json.loads(line) for line in log_stream.getvalue().splitlines())
    (span,) = exported.named("workflow_run")
    assert inside["trace_id"] == f"{span.context.trace_id:032x}"
    assert inside["span_id"] == f"{span.context.span_id:016x}"
    assert inside["event"] == "pipeline.run"
    assert "trace_id" not in outside
    assert "span_id" not in outside


def test_without_tracing_log_lines_carry_no_ids(log_stream: io.StringIO) -> None:
    from clinllm.observability.tracing import Telemetry

    with Telemetry().span("workflow_run"):
        log_event(get_logger("clinllm.test"), "pipeline.run", workflow="triage")
    (line,) = (json.loads(x) for x in log_stream.getvalue().splitlines())
    assert "trace_id" not in line
