"""The embedded model: a small instruction-tuned GGUF run by llama.cpp in a child process.

llama.cpp is native code: a segfault, an abort or an out-of-memory kill inside it would take
the caller down with it, and a prefill (the prompt's evaluation, one uninterruptible native
call per batch of 512 tokens) cannot be stopped from Python at a deadline. So the model runs
in its own process (:mod:`clinllm.gateway.providers.local_llama_child`), started and owned by
this provider:

- a crash ends that process only: the attempt fails with :class:`ProviderCrashed` (the
  gateway falls back down the chain) and a fresh process is started at once, so the next call
  finds the model loading or loaded;
- a deadline that passes during generation stops it between tokens inside the child, which
  stays loaded; one that passes during prefill gets the child killed ``kill_grace_s`` after
  the deadline, then restarted (the reload costs the next call up to the model's load time);
- calls queue on one thread of this provider and reach the child one at a time; the child
  loads the model once and keeps it, with the grammar per schema and the KV state of the
  shared prompt prefixes of recent calls.

Output is constrained by a grammar built from the JSON schema, so the model can only write JSON
of the right shape (the gateway still validates: the converter silently falls back to plain
JSON for schemas it cannot express). The model file's SHA-256 is checked by the registry before
this provider exists, and the CPU is checked for the instructions the llama.cpp build needs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from clinllm.errors import ProviderCrashed, ProviderRejected, ProviderTimeout, ProviderUnavailable
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage
from clinllm.gateway.providers.local_cpu import check_cpu_features
from clinllm.observability.logging import get_logger, log_event

__all__ = ["CHILD_COMMAND", "LocalLlamaProvider"]

#: The child process: this interpreter running the child module.
CHILD_COMMAND: tuple[str, ...] = (
    sys.executable,
    "-m",
    "clinllm.gateway.providers.local_llama_child",
)

_log = get_logger("clinllm.gateway.local")


class _ChildDied(Exception):
    """The child's end of the pipe closed: it exited or was killed."""

    def __init__(self, returncode: int | None) -> None:
        super().__init__(returncode)
        self.returncode = returncode

    @property
    def reason(self) -> str:
        code = self.returncode
        if code is None:
            return "exit status unknown"
        if code < 0:
            try:
                return f"signal {signal.Signals(-code).name}"
            except ValueError:
                return f"signal {-code}"
        return f"exit status {code}"


class _Child:
    """One running child process, and the bytes read from it that do not yet form a line."""

    def __init__(self, command: Sequence[str]) -> None:
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            list(command),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # native code may print prompts when it fails
            start_new_session=True,  # Ctrl-C reaches the caller, which decides
        )
        stdin, stdout = self.process.stdin, self.process.stdout
        if stdin is None or stdout is None:  # pragma: no cover - both were asked for
            raise OSError("the child has no pipes")
        self._stdin, self._stdout = stdin, stdout
        self._buffer = bytearray()
        self.started = time.monotonic()

    @property
    def pid(self) -> int:
        return self.process.pid

    def send(self, message: dict[str, Any]) -> None:
        # ASCII JSON: any string crosses, even one holding a lone surrogate that UTF-8 refuses
        data = json.dumps(message).encode("ascii") + b"\n"
        try:
            self._stdin.write(data)
            self._stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            raise _ChildDied(self._reap()) from None

    def receive(self, until: float) -> dict[str, Any] | None:
        """The next reply, or None if none came by ``until`` (monotonic)."""
        fd = self._stdout.fileno()
        while True:
            newline = self._buffer.find(b"\n")
            if newline >= 0:
                line = bytes(self._buffer[:newline])
                del self._buffer[: newline + 1]
                reply = json.loads(line)
                if not isinstance(reply, dict):
                    raise ValueError("reply is not an object")
                return reply
            left = until - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise _ChildDied(self._reap())
            self._buffer += chunk

    def _reap(self) -> int | None:
        try:
            return self.process.wait(timeout=1.0)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def kill(self) -> None:
        """Stop now (SIGKILL) and release the pipes; safe to call twice."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self._stdin, self._stdout):
            with contextlib.suppress(OSError):
                stream.close()


class LocalLlamaProvider:
    """An embedded GGUF model behind the :class:`clinllm.gateway.ports.ChatModel` port.

    Args:
        name: Provider string, e.g. ``local:qwen2.5-coder-1.5b``.
        model_path: A GGUF file whose hash was already verified.
        model_label: The model name reported in results.
        n_ctx: Context window in tokens.
        n_threads: CPU threads.
        seed: Sampling seed, for repeatable output.
        prefix_cache_mb: Memory of the child's cache of prompt KV states (0: only the previous
            call's prefix is reused, which is lost when workflows alternate).
        reuse_prefix: False makes the child evaluate every prompt from scratch (benchmarks).
        command: How to start the child; tests start a fake one speaking the same protocol.
        kill_grace_s: How long after a deadline a child still busy (in prefill) is killed.
        load_timeout_s: How long loading may take before the child is given up on.
        check_cpu: Check the CPU for the instructions of the llama.cpp build first.

    Raises:
        ConfigError: The CPU lacks instructions the installed llama.cpp build needs.
    """

    def __init__(
        self,
        *,
        name: str,
        model_path: Path,
        model_label: str,
        n_ctx: int = 8192,
        n_threads: int = 2,
        seed: int = 0,
        prefix_cache_mb: int = 256,
        reuse_prefix: bool = True,
        command: Sequence[str] = CHILD_COMMAND,
        kill_grace_s: float = 0.25,
        load_timeout_s: float = 300.0,
        check_cpu: bool = True,
    ) -> None:
        if check_cpu:
            check_cpu_features()
        self._name = name
        self._path = model_path
        self._label = model_label
        self._init: dict[str, Any] = {
            "op": "init",
            "model_path": str(model_path),
            "n_ctx": n_ctx,
            "n_threads": n_threads,
            "seed": seed,
            "prefix_cache_bytes": max(0, prefix_cache_mb) * 1024 * 1024,
            "reuse_prefix": reuse_prefix,
        }
        self._seed = seed
        self._command = tuple(command)
        self._kill_grace_s = kill_grace_s
        self._load_timeout_s = load_timeout_s
        self._child: _Child | None = None
        self._loading = False
        self._starts = 0
        self._closed = False
        # Every exchange with the child happens on this one thread, so calls queue in order and
        # the child's parent-death signal (tied to the thread that started it) stays armed.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clinllm-llama")

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def model_path(self) -> Path:
        """The verified GGUF file."""
        return self._path

    @property
    def capabilities(self) -> Capabilities:
        """Grammar-constrained decoding from the JSON schema."""
        return Capabilities(grammar=True)

    @property
    def data_policy(self) -> DataPolicy:
        """Runs on this machine in a child process: PHI never leaves it."""
        return DataPolicy(phi_allowed=True, local=True)

    @property
    def pid(self) -> int | None:
        """Process id of the current child, if one runs (for operators and tests)."""
        child = self._child
        return child.pid if child is not None and child.process.poll() is None else None

    @property
    def starts(self) -> int:
        """How many child processes were started (1 + restarts)."""
        return self._starts

    def load(self) -> None:
        """Start the child and load the model now (otherwise the first call does).

        Raises:
            ProviderError: The model failed to load or its process died.
        """
        end = time.monotonic() + self._load_timeout_s
        self._executor.submit(self._ready, end).result()

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """Send the request to the child; calls queue on the provider's thread."""
        end = time.monotonic() + request.timeout_s
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, request, end)

    async def aclose(self) -> None:
        """Kill the child (freeing the model's memory) and stop the provider's thread."""
        self._closed = True
        child = self._child
        if child is not None and child.process.poll() is None:
            child.process.kill()  # an exchange in flight sees end of file at once
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._discard)
        except RuntimeError:  # already shut down
            return
        self._executor.shutdown(wait=True)

    def _call(self, request: ModelRequest, end: float) -> ModelResponse:
        if time.monotonic() >= end:
            raise ProviderTimeout(self._name, detail="deadline reached while queued")
        child = self._ready(end)
        message = {
            "op": "generate",
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_output_tokens,
            "temperature": request.temperature,
            "seed": self._seed,
            "grammar": (
                json.dumps(request.json_schema, sort_keys=True)
                if request.output_mode == "native"
                else None
            ),
            "timeout_s": max(0.0, end - time.monotonic()),
        }
        try:
            child.send(message)
            reply = child.receive(end + self._kill_grace_s)
        except _ChildDied as died:
            raise self._lost(died.reason) from None
        except ValueError:
            self._restart("malformed_reply")
            raise ProviderUnavailable(
                self._name, detail="malformed reply from model process"
            ) from None
        if reply is None:
            self._restart("deadline")
            raise ProviderTimeout(
                self._name, detail="deadline reached during prefill; model process restarted"
            )
        if not reply.get("ok"):
            raise self._error(reply)
        try:
            return ModelResponse(
                text=str(reply["text"]),
                usage=Usage(int(reply["prompt_tokens"]), int(reply["completion_tokens"])),
                model=self._label,
                finish_reason="length" if reply.get("finish_reason") == "length" else "stop",
            )
        except (KeyError, TypeError, ValueError):
            raise ProviderUnavailable(
                self._name, detail="malformed reply from model process"
            ) from None

    def _error(self, reply: dict[str, Any]) -> Exception:
        kind = reply.get("error")
        detail = str(reply.get("detail", ""))[:64]
        if kind == "timeout":
            return ProviderTimeout(self._name, detail="deadline reached during generation")
        if kind == "prompt_rejected":
            return ProviderRejected(
                self._name, detail=f"prompt does not fit the context window ({detail})"
            )
        return ProviderUnavailable(self._name, detail=f"{kind} ({detail})")

    def _ready(self, end: float) -> _Child:
        """The child with its model loaded, started if needed; raises if not ready by ``end``."""
        if self._closed:
            raise ProviderUnavailable(self._name, detail="provider closed")
        child = self._child
        if child is None or child.process.poll() is not None:
            if child is not None:
                child.kill()
            child = self._start()
        if not self._loading:
            return child
        try:
            reply = child.receive(end)
        except _ChildDied as died:
            raise self._lost(died.reason, loading=True) from None
        except ValueError:
            self._discard()
            raise ProviderUnavailable(
                self._name, detail="malformed reply from model process"
            ) from None
        if reply is None:
            if time.monotonic() - child.started > self._load_timeout_s:
                self._discard()
                raise ProviderUnavailable(self._name, detail="model did not load in time")
            raise ProviderTimeout(self._name, detail="deadline reached while the model loads")
        if not reply.get("ok"):
            self._discard()
            raise ProviderUnavailable(self._name, detail="model failed to load")
        self._loading = False
        log_event(
            _log,
            "gateway.local.loaded",
            provider=self._name,
            duration_ms=round((time.monotonic() - child.started) * 1000, 1),
        )
        return child

    def _start(self) -> _Child:
        try:
            child = _Child(self._command)
            child.send(self._init)
        except (OSError, _ChildDied) as exc:
            self._child = None
            raise ProviderUnavailable(
                self._name, detail=f"cannot start model process ({type(exc).__name__})"
            ) from None
        self._child = child
        self._loading = True
        self._starts += 1
        log_event(_log, "gateway.local.start", provider=self._name, count=self._starts)
        return child

    def _discard(self) -> None:
        if self._child is not None:
            self._child.kill()
        self._child = None
        self._loading = False

    def _restart(self, why: str) -> None:
        """Kill the child and start a fresh one now, so it loads while the caller moves on."""
        self._discard()
        log_event(_log, "gateway.local.restart", level=logging.WARNING, provider=self._name,
                  outcome=why)  # fmt: skip
        if not self._closed:
            with contextlib.suppress(ProviderUnavailable):  # the next call tries and reports it
                self._start()

    def _lost(self, reason: str, *, loading: bool = False) -> ProviderUnavailable:
        """The child died under us: start a fresh one, and say what happened."""
        if self._closed:
            self._discard()
            return ProviderUnavailable(self._name, detail="provider closed")
        self._restart(f"died: {reason}".replace(" ", "_").replace(":", ""))
        where = "while loading" if loading else "during the call"
        return ProviderCrashed(self._name, detail=f"model process died {where} ({reason})")
