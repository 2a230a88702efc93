"""The child's serving loop, in this process, with a scripted engine."""

from __future__ import annotations

import io
import json
import time
from collections.abc import Iterator
from typing import Any

from clinllm.gateway.providers.local_llama_child import serve


class Engine:
    def __init__(self, pieces: list[str], delay_s: float = 0.0, error: Exception | None = None):
        self.pieces = pieces
        self.delay_s = delay_s
        self.error = error
        self.closed = False

    def stream(self, request: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        if self.error is not None:
            raise self.error
        try:
            for piece in self.pieces:
                time.sleep(self.delay_s)
                yield piece, None
            yield "", "length" if request["max_tokens"] <= len(self.pieces) else "stop"
        finally:
            self.closed = True

    def usage(self, text: str) -> tuple[int, int]:
        return 7, len(text)


def run(requests: list[object], engine: Engine | Exception) -> tuple[int, list[dict[str, Any]]]:
    lines = b"".join(
        (r if isinstance(r, bytes) else json.dumps(r).encode()) + b"\n" for r in requests
    )
    replies: list[dict[str, Any]] = []

    def load(**settings: Any) -> Engine:
        if isinstance(engine, Exception):
            raise engine
        return engine

    status = serve(io.BytesIO(lines), replies.append, load)
    return status, replies


GENERATE = {
    "op": "generate",
    "messages": [{"role": "user", "content": "hi"}],
    "max_tokens": 50,
    "temperature": 0.0,
    "seed": 0,
    "grammar": None,
    "timeout_s": 10,
}


def test_init_then_generate_answers_text_usage_and_finish_reason() -> None:
    status, replies = run([{"op": "init"}, GENERATE, {"op": "exit"}], Engine(['{"a"', ": 1}"]))
    assert status == 0
    assert replies[0]["ok"] is True
    assert replies[1] == {
        "ok": True,
        "text": '{"a": 1}',
        "prompt_tokens": 7,
        "completion_tokens": 8,
        "finish_reason": "stop",
    }


def test_hitting_max_tokens_is_reported_as_length() -> None:
    _, replies = run([{"op": "init"}, {**GENERATE, "max_tokens": 2}], Engine(["a", "b"]))
    assert replies[1]["finish_reason"] == "length"


def test_the_deadline_stops_generation_between_tokens_and_closes_the_stream() -> None:
    engine = Engine(["x"] * 100, delay_s=0.02)
    started = time.monotonic()
    _, replies = run([{"op": "init"}, {**GENERATE, "timeout_s": 0.1}], engine)
    assert time.monotonic() - started < 1.0
    assert replies[1] == {"ok": False, "error": "timeout", "detail": "during generation"}
    assert engine.closed


def test_errors_are_reported_by_kind_and_type_never_by_their_text() -> None:
    secret = "Jane Roe 555-12-3456"
    _, replies = run(
        [{"op": "init"}, GENERATE], Engine([], error=ValueError(f"too long: {secret}"))
    )
    assert replies[1] == {"ok": False, "error": "prompt_rejected", "detail": "ValueError"}
    _, replies = run([{"op": "init"}, GENERATE], Engine([], error=RuntimeError(secret)))
    assert replies[1] == {"ok": False, "error": "generation_failed", "detail": "RuntimeError"}


def test_a_failed_load_is_reported_and_ends_the_child() -> None:
    status, replies = run([{"op": "init"}, GENERATE], OSError("no such model"))
    assert status == 1
    assert replies == [{"ok": False, "error": "load_failed", "detail": "OSError"}]


def test_bad_requests_get_an_answer_and_the_loop_goes_on() -> None:
    status, replies = run(
        [b"not json", {"no": "op"}, GENERATE, {"op": "init"}, {"op": "dance"}, GENERATE],
        Engine(["{}"]),
    )
    assert status == 0  # end of input: the parent went away
    assert [r.get("error") for r in replies] == [
        "bad_request",  # not JSON
        "bad_request",  # no op
        "bad_request",  # generate before init
        None,  # init
        "bad_request",  # unknown op
        None,  # generate
    ]
