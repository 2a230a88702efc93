"""Prompt tokens llama.cpp evaluates for prior-auth documents 2..N: a count, not a timing.

The companion of ``bench_prefix_cache.py`` for a machine too busy for timings to mean much:
the child's engine (:class:`clinllm.gateway.providers.local_llama_child.LlamaEngine`) runs in
this process and llama.cpp's own counter (``llama_perf_context().n_p_eval``) says how many
prompt tokens each prior-auth call really evaluated, versus the prompt's length. Configs as in
``bench_prefix_cache.py`` (``none``, ``previous``, ``cache``); documents one after another, or
each after a triage message.

    .venv/bin/python benchmarks/bench_prefix_tokens.py [--docs 4] [--model smollm2-135m]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import llama_cpp
from pydantic import BaseModel

from clinllm.gateway.config import LocalModelConfig, ProvidersConfig
from clinllm.gateway.providers.local_llama_child import LlamaEngine
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.structured import json_schema_for
from clinllm.workflows.message_triage.prompt import triage_messages
from clinllm.workflows.message_triage.schema import TriageModelOutput
from clinllm.workflows.prior_auth.prompt import INSTRUCTIONS
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev"
CONFIGS: dict[str, dict[str, Any]] = {
    "none": {"reuse_prefix": False, "prefix_cache_bytes": 0},
    "previous": {"prefix_cache_bytes": 0},
    "cache": {"prefix_cache_bytes": 256 << 20},
}


def inputs(name: str, field: str, n: int) -> list[str]:
    lines = (DEV / name).read_text().splitlines()[:n]
    return [json.loads(line)["input"][field] for line in lines]


def request(messages: list[dict[str, str]], output: type[BaseModel]) -> dict[str, Any]:
    schema = json.dumps(json_schema_for(output), sort_keys=True)
    return {"messages": messages, "max_tokens": 4, "temperature": 0.0, "seed": 0, "grammar": schema}


def count(
    path: str, config: dict[str, Any], docs: list[str], msgs: list[str], *, alternate: bool
) -> list[tuple[int, int]]:
    engine = LlamaEngine(model_path=path, n_ctx=8192, n_threads=2, seed=0, **config)
    llm: Any = engine._llm
    evaluated: list[tuple[int, int]] = []
    for i, doc in enumerate(docs):
        if alternate:
            chat = [{"role": m.role, "content": m.content} for m in triage_messages(msgs[i])]
            list(engine.stream(request(chat, TriageModelOutput)))
        llama_cpp.llama_perf_context_reset(llm._ctx.ctx)
        chat = [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": doc}]
        list(engine.stream(request(chat, PriorAuthModelOutput)))
        if i:  # the 1st document has nothing to reuse
            n_eval = int(llama_cpp.llama_perf_context(llm._ctx.ctx).n_p_eval)
            evaluated.append((n_eval, engine.usage("")[0]))
    llm.close()
    return evaluated


def main() -> None:
    parser = argparse.ArgumentParser(description="prompt tokens evaluated per document")
    parser.add_argument("--docs", type=int, default=4)
    parser.add_argument("--model", default="smollm2-135m")
    args = parser.parse_args()
    provider: Any = ProviderRegistry(ProvidersConfig(local=LocalModelConfig()))(
        f"local:{args.model}"
    )
    path = str(provider.model_path)
    docs = inputs("prior_auth.jsonl", "text", args.docs)
    msgs = inputs("triage.jsonl", "message", args.docs)
    for name, config in CONFIGS.items():
        for alternate in (False, True):
            pairs = count(path, config, docs, msgs, alternate=alternate)
            shown = ", ".join(f"{n}/{total}" for n, total in pairs)
            scenario = "alternating" if alternate else "sequential"
            print(f"{name:8s} {scenario:11s} evaluated/prompt tokens, docs 2..{args.docs}: {shown}")


if __name__ == "__main__":
    main()
