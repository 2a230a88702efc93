"""A stand-in for the embedded model's child process that fails on purpose.

It runs the real serving loop of :mod:`clinllm.gateway.providers.local_llama_child` (same
protocol, same deadline handling, same stdout guard) around a scripted engine instead of
llama.cpp, so :class:`clinllm.gateway.providers.local_llama.LocalLlamaProvider` can be tested
against crashes, hangs and garbage in milliseconds::

    LocalLlamaProvider(..., command=fake_child_command("crash"), check_cpu=False)

Behaviours: ``ok`` (the reply, one character per token), ``crash`` (``os.abort()`` on
generate), ``crash_once`` (crash on the first generate, then ``ok``; needs ``marker``),
``hang`` (never answers: a prefill that outlives any deadline), ``slow`` (a token every 50 ms
until the deadline stops it), ``fail_load``, ``garbage`` (a reply that is not JSON),
``too_long`` (the prompt does not fit the context). Every behaviour also writes noise to file
descriptor 1, as native code may.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from clinllm.gateway.providers.local_llama_child import (
    die_with_parent,
    protocol_channel,
    reply_writer,
    serve,
)

__all__ = ["BEHAVIOURS", "FakeEngine", "fake_child_command"]

BEHAVIOURS = ("ok", "crash", "crash_once", "hang", "slow", "fail_load", "garbage", "too_long")


def fake_child_command(
    behaviour: str,
    *,
    reply: str = '{"answer": "ok"}',
    load_s: float = 0.0,
    marker: Path | None = None,
) -> tuple[str, ...]:
    """The command line that starts a fake child with ``behaviour``."""
    if behaviour not in BEHAVIOURS:
        raise ValueError(f"unknown behaviour {behaviour!r}")
    command = [sys.executable, "-m", "clinllm.testing.fake_llama_child", behaviour]
    command += ["--reply", reply, "--load-s", str(load_s)]
    if marker is not None:
        command += ["--marker", str(marker)]
    return tuple(command)


class FakeEngine:
    """A scripted engine; see the module docstring for the behaviours."""

    def __init__(self, behaviour: str, reply: str, marker: Path | None) -> None:
        self._behaviour = behaviour
        self._reply = reply
        self._marker = marker
        self._prompt_chars = 0

    def stream(self, request: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        """Act out the behaviour for one request."""
        os.write(1, b"native noise on stdout\n")
        self._prompt_chars = sum(len(m["content"]) for m in request["messages"])
        behaviour = self._behaviour
        if behaviour == "crash_once" and self._marker is not None:
            if self._marker.exists():
                behaviour = "ok"
            else:
                self._marker.write_text("crashed once")
                behaviour = "crash"
        if behaviour == "crash":
            os.abort()
        if behaviour == "hang":
            time.sleep(3600)
        if behaviour == "too_long":
            raise ValueError("Requested tokens exceed context window")
        if behaviour == "garbage":
            raise _Garbage
        if behaviour == "slow":
            while True:
                time.sleep(0.05)
                yield "x", None
        for char in self._reply:
            yield char, None
        yield "", "stop"

    def usage(self, text: str) -> tuple[int, int]:
        """A character per token."""
        return self._prompt_chars, len(text)


class _Garbage(Exception):
    """Raised to make the fake write a reply that is not JSON."""


def main() -> int:
    """Entry point of the fake child."""
    parser = argparse.ArgumentParser()
    parser.add_argument("behaviour", choices=BEHAVIOURS)
    parser.add_argument("--reply", default='{"answer": "ok"}')
    parser.add_argument("--load-s", type=float, default=0.0)
    parser.add_argument("--marker", type=Path)
    args = parser.parse_args()
    die_with_parent()
    out = protocol_channel()
    write = reply_writer(out)

    def load(**settings: Any) -> FakeEngine:
        time.sleep(args.load_s)
        if args.behaviour == "fail_load":
            raise RuntimeError("cannot load")
        return FakeEngine(args.behaviour, args.reply, args.marker)

    def guarded_write(reply: dict[str, Any]) -> None:
        if args.behaviour == "garbage" and reply.get("detail") == "_Garbage":
            out.write(b"this is not json\n")
            return
        write(reply)

    return serve(sys.stdin.buffer, guarded_write, load)


if __name__ == "__main__":
    raise SystemExit(main())
