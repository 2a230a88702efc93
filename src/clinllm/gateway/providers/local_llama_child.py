"""The embedded model's own process: llama.cpp behind a JSON-lines pipe.

:class:`clinllm.gateway.providers.local_llama.LocalLlamaProvider` starts this module as a child
process (``python -m clinllm.gateway.providers.local_llama_child``) so that llama.cpp runs
outside the caller's process: a segfault, an abort or an OOM kill in native code ends this
process only, and a prefill that outlives its deadline can be stopped by killing it. The child
loads the model once and serves one request at a time, in order.

The protocol is one JSON object per line. The parent writes requests on the child's stdin; the
child answers each on its original stdout, which it keeps for itself: file descriptor 1 is
pointed at ``/dev/null`` first, so whatever native code prints cannot corrupt the protocol.

``{"op": "init", ...settings}``
    load the model; answer ``{"ok": true, "load_s": ...}`` or an error. Always the first request.
``{"op": "generate", "messages": [...], "max_tokens", "temperature", "seed", "grammar",
"timeout_s"}``
    answer ``{"ok": true, "text", "prompt_tokens", "completion_tokens", "finish_reason"}``.
    Generation streams token by token and stops with ``{"ok": false, "error": "timeout"}`` once
    ``timeout_s`` has passed (prefill cannot be interrupted from here: the parent kills).
``{"op": "exit"}``
    leave.

Errors are ``{"ok": false, "error": <kind>, "detail": <exception type name>}`` with a kind of
``load_failed``, ``prompt_rejected``, ``timeout``, ``generation_failed`` or ``bad_request``:
never an exception's text, which could quote the prompt. Nothing here logs.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
import time
from collections.abc import Callable, Iterator
from typing import IO, Any, Protocol

__all__ = [
    "Engine",
    "LlamaEngine",
    "die_with_parent",
    "protocol_channel",
    "reply_writer",
    "serve",
]


class Engine(Protocol):
    """What the serving loop needs from a model (llama.cpp, or a fake in tests)."""

    def stream(self, request: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        """Yield ``(piece, finish_reason)`` per sampled token; may raise ``ValueError``."""
        ...

    def usage(self, text: str) -> tuple[int, int]:
        """``(prompt_tokens, completion_tokens)`` of the request just streamed."""
        ...


class LlamaEngine:
    """llama-cpp-python with the grammar cache and the shared-prefix state cache.

    Args:
        model_path: A GGUF file, already SHA-256-checked by the parent.
        n_ctx: Context window in tokens.
        n_threads: CPU threads for prefill and generation.
        seed: Sampling seed.
        prefix_cache_bytes: Memory for saved KV states keyed by their tokens (0: none). With
            it, a workflow's shared instructions are evaluated once even when calls of several
            workflows alternate; without it only the previous call's prefix is reused.
        reuse_prefix: False evaluates every prompt from scratch (the benchmark's baseline).
    """

    def __init__(
        self,
        *,
        model_path: str,
        n_ctx: int,
        n_threads: int,
        seed: int,
        prefix_cache_bytes: int,
        reuse_prefix: bool = True,
    ) -> None:
        from llama_cpp import Llama

        self._llm: Any = Llama(
            model_path=model_path,
            n_ctx=n_ctx,
            n_threads=n_threads,
            n_threads_batch=n_threads,
            seed=seed,
            verbose=False,
        )
        self._grammars: dict[str, Any] = {}
        self._reuse_prefix = reuse_prefix
        if reuse_prefix and prefix_cache_bytes > 0:
            self._llm.set_cache(_slim_state_cache(prefix_cache_bytes))

    def stream(self, request: dict[str, Any]) -> Iterator[tuple[str, str | None]]:
        """Stream a chat completion, grammar-constrained when the request carries a schema."""
        kwargs: dict[str, Any] = {
            "messages": request["messages"],
            "max_tokens": request["max_tokens"],
            "temperature": request["temperature"],
            "seed": request["seed"],
            "stream": True,
        }
        if request.get("grammar"):
            kwargs["grammar"] = self._grammar(request["grammar"])
        if not self._reuse_prefix:
            self._llm.reset()  # measured baseline: evaluate every prompt from scratch
        chunks: Any = self._llm.create_chat_completion(**kwargs)
        try:
            for chunk in chunks:
                choice = chunk["choices"][0]
                yield choice.get("delta", {}).get("content") or "", choice.get("finish_reason")
        finally:
            chunks.close()

    def usage(self, text: str) -> tuple[int, int]:
        """Completion tokens by tokenizing the output; the rest of the context is the prompt."""
        completion = len(self._llm.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
        return max(0, int(self._llm.n_tokens) - completion), completion

    def _grammar(self, schema: str) -> Any:
        from llama_cpp.llama_grammar import LlamaGrammar

        grammar = self._grammars.get(schema)
        if grammar is None:
            grammar = LlamaGrammar.from_json_schema(schema, verbose=False)
            self._grammars[schema] = grammar
        return grammar


def _slim_state_cache(capacity_bytes: int) -> Any:
    """A ``LlamaRAMCache`` that stores the KV state of each prompt without its logits rows.

    llama-cpp-python saves ``n_batch x n_vocab`` float32 logits with every state (311 MB for a
    151k-token vocabulary) and leaves them out of the capacity count. Restoring a state always
    re-evaluates at least the last prompt token, so those rows are never read: keeping one row
    (the shape ``load_state`` broadcasts from) bounds the cache by its capacity.
    """
    from llama_cpp.llama_cache import LlamaRAMCache

    class SlimStateCache(LlamaRAMCache):
        def __setitem__(self, key: Any, value: Any) -> None:
            value.scores = value.scores[-1:].copy()
            super().__setitem__(key, value)

    return SlimStateCache(capacity_bytes=capacity_bytes)


def serve(
    read: IO[bytes], write: Callable[[dict[str, Any]], None], load: Callable[..., Engine]
) -> int:
    """Answer requests from ``read`` until ``exit`` or end of input; return the exit status.

    Args:
        read: The request stream (the child's stdin).
        write: Sends one reply.
        load: Builds the engine from the ``init`` request's settings.
    """
    engine: Engine | None = None
    for line in iter(read.readline, b""):
        try:
            request = json.loads(line)
            op = request["op"]
        except (ValueError, KeyError, TypeError):
            write({"ok": False, "error": "bad_request", "detail": "not a request"})
            continue
        if op == "exit":
            return 0
        if op == "init":
            started = time.monotonic()
            try:
                settings = {k: v for k, v in request.items() if k != "op"}
                engine = load(**settings)
            except Exception as exc:  # noqa: BLE001 - reported by type, then this process ends
                write({"ok": False, "error": "load_failed", "detail": type(exc).__name__})
                return 1
            write({"ok": True, "load_s": round(time.monotonic() - started, 3)})
        elif op == "generate" and engine is not None:
            write(_generate(engine, request))
        else:
            write({"ok": False, "error": "bad_request", "detail": f"unexpected op {op!r}"[:64]})
    return 0


def _generate(engine: Engine, request: dict[str, Any]) -> dict[str, Any]:
    """One request, stopped between tokens when its time is up."""
    end = time.monotonic() + float(request["timeout_s"])
    pieces: list[str] = []
    finish_reason: str | None = None
    try:
        stream = engine.stream(request)
        try:
            for piece, reason in stream:
                pieces.append(piece)
                finish_reason = reason or finish_reason
                if time.monotonic() >= end and reason is None:
                    return {"ok": False, "error": "timeout", "detail": "during generation"}
        finally:
            close = getattr(stream, "close", None)
            if callable(close):
                close()
        text = "".join(pieces)
        prompt_tokens, completion_tokens = engine.usage(text)
    except ValueError as exc:  # llama-cpp-python: the prompt does not fit the context window
        return {"ok": False, "error": "prompt_rejected", "detail": type(exc).__name__}
    except Exception as exc:  # noqa: BLE001 - reported by type; the parent decides
        return {"ok": False, "error": "generation_failed", "detail": type(exc).__name__}
    return {
        "ok": True,
        "text": text,
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "finish_reason": "length" if finish_reason == "length" else "stop",
    }


def protocol_channel() -> IO[bytes]:
    """Keep the real stdout for replies and point file descriptor 1 at ``/dev/null``.

    Native code (llama.cpp, ggml) may print to stdout whatever Python's ``verbose`` says;
    after this, those bytes go nowhere instead of into the protocol.
    """
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = sys.stderr
    return out


def reply_writer(out: IO[bytes]) -> Callable[[dict[str, Any]], None]:
    """Writes one reply as one line of JSON on ``out``."""

    def write(reply: dict[str, Any]) -> None:
        out.write(json.dumps(reply).encode("ascii") + b"\n")

    return write


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (no orphan holding the model).

    Without it an orphan would only leave after its current request, at its deadline.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent is already gone
        raise SystemExit(0)


def main() -> int:
    """Entry point of the child process."""
    die_with_parent()
    return serve(sys.stdin.buffer, reply_writer(protocol_channel()), LlamaEngine)


if __name__ == "__main__":
    raise SystemExit(main())
