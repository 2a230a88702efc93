"""The embedded model: a small instruction-tuned GGUF run in this process by llama.cpp.

Output is constrained by a grammar built from the JSON schema, so the model can only write JSON
of the right shape (the gateway still validates: the converter silently falls back to plain
JSON for schemas it cannot express). The model is loaded on first use, after its SHA-256 is
checked. llama.cpp is not thread-safe: calls are serialized, and run in a worker thread so the
event loop stays responsive. The deadline is enforced between generated tokens.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from llama_cpp import Llama
from llama_cpp.llama_grammar import LlamaGrammar

from clinllm.errors import ProviderTimeout, ProviderUnavailable
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage

__all__ = ["LocalLlamaProvider"]


class LocalLlamaProvider:
    """An embedded GGUF model behind the :class:`clinllm.gateway.ports.ChatModel` port.

    Args:
        name: Provider string, e.g. ``local:qwen2.5-coder-1.5b``.
        model_path: A GGUF file whose hash was already verified.
        model_label: The model name reported in results.
        n_ctx: Context window in tokens.
        n_threads: CPU threads.
        seed: Sampling seed, for repeatable output.
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
    ) -> None:
        self._name = name
        self._path = model_path
        self._label = model_label
        self._n_ctx = n_ctx
        self._n_threads = n_threads
        self._seed = seed
        self._llm: Llama | None = None
        self._grammars: dict[str, LlamaGrammar] = {}
        self._thread_lock = threading.Lock()
        # One long-lived thread runs every generation: llama.cpp's compute threads then keep
        # their warm state, instead of a fresh worker thread per call (measured ~10% slower).
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="clinllm-llama")

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def capabilities(self) -> Capabilities:
        """Grammar-constrained decoding from the JSON schema."""
        return Capabilities(grammar=True)

    @property
    def data_policy(self) -> DataPolicy:
        """Runs in this process: PHI never leaves it."""
        return DataPolicy(phi_allowed=True, local=True)

    def load(self) -> Llama:
        """Load the model now (otherwise it loads on the first call)."""
        with self._thread_lock:
            return self._load_locked()

    def _load_locked(self) -> Llama:
        if self._llm is None:
            try:
                self._llm = Llama(
                    model_path=str(self._path),
                    n_ctx=self._n_ctx,
                    n_threads=self._n_threads,
                    n_threads_batch=self._n_threads,
                    seed=self._seed,
                    verbose=False,
                )
            except (ValueError, RuntimeError) as exc:
                raise ProviderUnavailable(self._name, detail="model failed to load") from exc
        return self._llm

    def _grammar(self, request: ModelRequest) -> LlamaGrammar:
        key = json.dumps(request.json_schema, sort_keys=True)
        grammar = self._grammars.get(key)
        if grammar is None:
            grammar = LlamaGrammar.from_json_schema(key, verbose=False)
            self._grammars[key] = grammar
        return grammar

    def _generate_blocking(self, request: ModelRequest, end: float) -> ModelResponse:
        # Streaming keeps the token loop in Python, so the deadline is checked between tokens
        # (a logits processor cannot stop generation: llama.cpp calls it through ctypes, which
        # swallows exceptions).
        with self._thread_lock:
            llm = self._load_locked()
            kwargs: dict[str, Any] = {
                "messages": [{"role": m.role, "content": m.content} for m in request.messages],
                "max_tokens": request.max_output_tokens,
                "temperature": request.temperature,
                "seed": self._seed,
                "stream": True,
            }
            if request.output_mode == "native":
                kwargs["grammar"] = self._grammar(request)
            pieces: list[str] = []
            generated = 0
            finish_reason: str | None = None
            try:
                stream: Any = llm.create_chat_completion(**kwargs)
                try:
                    for chunk in stream:
                        choice = chunk["choices"][0]
                        piece = choice.get("delta", {}).get("content")
                        if piece:
                            pieces.append(piece)
                            generated += 1  # llama.cpp streams one chunk per sampled token
                        finish_reason = choice.get("finish_reason") or finish_reason
                        if time.monotonic() >= end:
                            raise ProviderTimeout(
                                self._name, detail="deadline reached during generation"
                            )
                finally:
                    stream.close()
            except ValueError as exc:  # e.g. prompt longer than the context window
                raise ProviderUnavailable(self._name, detail=type(exc).__name__) from exc
            text = "".join(pieces)
            completion_tokens = (
                len(llm.tokenize(text.encode("utf-8"), add_bos=False)) if text else 0
            )
            prompt_tokens = max(0, llm.n_tokens - completion_tokens)
        return ModelResponse(
            text=text,
            usage=Usage(prompt_tokens, completion_tokens),
            model=self._label,
            finish_reason="length" if finish_reason == "length" else "stop",
        )

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """Generate on the provider's own thread; calls queue there one at a time."""
        end = time.monotonic() + request.timeout_s
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._queued, request, end)

    def _queued(self, request: ModelRequest, end: float) -> ModelResponse:
        if time.monotonic() >= end:
            raise ProviderTimeout(self._name, detail="deadline reached while queued")
        return self._generate_blocking(request, end)

    async def aclose(self) -> None:
        """Free the model's memory and stop the generation thread."""
        with self._thread_lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None
        self._executor.shutdown(wait=False, cancel_futures=True)
