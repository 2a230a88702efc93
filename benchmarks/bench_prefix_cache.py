"""Time per prior-auth document with and without reuse of the shared prompt prefix's KV state.

Every prior-auth call starts with the same instructions; evaluating them once and reusing
their KV state saves that part of the prefill on the 2nd..Nth document. llama-cpp-python
reuses the longest common prefix with the *previous* prompt of the same context; a triage call
in between (another system prompt) breaks that, unless the child keeps saved states
(``prefix_cache_mb``). Three embedded-model children run side by side, called alternately:

- ``none``: every prompt evaluated from scratch (the peer);
- ``previous``: llama-cpp-python's reuse of the previous prompt only (``prefix_cache_mb=0``);
- ``cache``: that plus the saved-state cache (the default, 256 MB).

Two scenarios: prior-auth documents one after another, and each preceded by a triage message
(as when workflows share one process). Printed: the median time of documents 2..N per child,
and the ratio to ``none``. Generation is capped (``--max-tokens``) so that the prefill, which
reuse changes, is what is measured.

    .venv/bin/python benchmarks/bench_prefix_cache.py [--docs 6] [--model smollm2-135m]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clinllm.gateway.config import LocalModelConfig, ProvidersConfig
from clinllm.gateway.ports import Message, ModelRequest
from clinllm.gateway.providers.local_llama import LocalLlamaProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.structured import json_schema_for
from clinllm.workflows.message_triage.prompt import triage_messages
from clinllm.workflows.message_triage.schema import TriageModelOutput
from clinllm.workflows.prior_auth.prompt import INSTRUCTIONS
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev"

CONFIGS: dict[str, dict[str, Any]] = {
    "none": {"reuse_prefix": False, "prefix_cache_mb": 0},
    "previous": {"reuse_prefix": True, "prefix_cache_mb": 0},
    "cache": {"reuse_prefix": True, "prefix_cache_mb": 256},
}


def texts(name: str, field: str, n: int) -> list[str]:
    rows = (json.loads(line) for line in (DEV / name).read_text().splitlines() if line.strip())
    return [row["input"][field] for _, row in zip(range(n), rows, strict=False)]


def request(messages: list[Message], output: type[BaseModel], max_tokens: int) -> ModelRequest:
    return ModelRequest(
        messages=tuple(messages),
        schema_name=output.__name__,
        json_schema=json_schema_for(output),
        output_mode="native",
        max_output_tokens=max_tokens,
        temperature=0.0,
        timeout_s=600.0,
    )


async def timed(provider: LocalLlamaProvider, req: ModelRequest) -> tuple[float, int]:
    started = time.perf_counter()
    response = await provider.generate(req)
    return time.perf_counter() - started, response.usage.input_tokens


async def scenario(
    providers: dict[str, LocalLlamaProvider],
    documents: list[str],
    messages: list[str],
    max_tokens: int,
    *,
    alternate: bool,
) -> dict[str, Any]:
    times: dict[str, list[float]] = {name: [] for name in providers}
    prompt_tokens: list[int] = []
    for i, document in enumerate(documents):
        pa = request(
            [Message(role="system", content=INSTRUCTIONS), Message(role="user", content=document)],
            PriorAuthModelOutput,
            max_tokens,
        )
        tr = request(triage_messages(messages[i % len(messages)]), TriageModelOutput, max_tokens)
        names = list(providers) if i % 2 == 0 else list(reversed(providers))
        for name in names:
            if alternate:
                await providers[name].generate(tr)
            elapsed, tokens = await timed(providers[name], pa)
            if i > 0:  # the 1st document has nothing to reuse
                times[name].append(elapsed)
                if name == "none":
                    prompt_tokens.append(tokens)
        print(f"    document {i + 1}/{len(documents)} done", file=sys.stderr, flush=True)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "median_prompt_tokens": statistics.median(prompt_tokens),
        **{f"{name}_s": value for name, value in medians.items()},
        **{f"{name}_vs_none": value / medians["none"] for name, value in medians.items()},
    }


async def run(model: str, docs: int, max_tokens: int) -> dict[str, Any]:
    registry = ProviderRegistry(ProvidersConfig(local=LocalModelConfig()))
    base: Any = registry(f"local:{model}")
    path: Path = base.model_path
    await base.aclose()
    providers = {
        name: LocalLlamaProvider(
            name=f"local:{model}", model_path=path, model_label=model, n_ctx=8192, **config
        )
        for name, config in CONFIGS.items()
    }
    try:
        for provider in providers.values():
            await asyncio.to_thread(provider.load)
        # each scenario gets documents of its own: a document seen before would be found
        # whole in the state cache, which is not what is measured here
        documents = texts("prior_auth.jsonl", "text", 2 * docs)
        messages = texts("triage.jsonl", "message", 2 * docs)
        figures: dict[str, Any] = {"model": model, "documents": docs, "max_tokens": max_tokens}
        figures["sequential"] = await scenario(
            providers, documents[:docs], messages[:docs], max_tokens, alternate=False
        )
        figures["alternating"] = await scenario(
            providers, documents[docs:], messages[docs:], max_tokens, alternate=True
        )
    finally:
        for provider in providers.values():
            await provider.aclose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="shared-prefix KV reuse in the embedded model")
    parser.add_argument("--docs", type=int, default=6)
    parser.add_argument("--model", default="smollm2-135m")
    parser.add_argument("--max-tokens", type=int, default=16)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    figures = asyncio.run(run(args.model, args.docs, args.max_tokens))
    print(
        f"{args.model}: prior-auth documents 2..{args.docs}, median seconds per document "
        f"(generation capped at {args.max_tokens} tokens)"
    )
    for key in ("sequential", "alternating"):
        f = figures[key]
        print(
            f"    {key:11s} ({f['median_prompt_tokens']:.0f} prompt tokens): "
            f"none {f['none_s']:.2f} s   previous {f['previous_s']:.2f} s "
            f"({f['previous_vs_none']:.2f}x)   cache {f['cache_s']:.2f} s "
            f"({f['cache_vs_none']:.2f}x)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
