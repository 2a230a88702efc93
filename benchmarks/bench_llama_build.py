"""Tokens/s of the portable llama.cpp build against a native one, on this machine.

clinllm compiles llama-cpp-python with fixed portable flags (AVX2/FMA/F16C, no AVX-512 or
AMX: ``LLAMA_CMAKE_ARGS`` in ``scripts/dev.py``) because a ``-march=native`` build crashes on
other CPUs of the same machine kind. This measures what that costs: the same version is built
(or taken from the wheel cache, each under its own flag key) both ways, installed into two
throwaway virtual environments, and one worker process per build loads the same model. The same
prompt (the prior-auth instructions and a bundled sample letter, greedy, the prior-auth schema
as grammar) then runs alternately in each, several rounds, from an empty KV cache every time.

Printed per model: medians of prompt tokens/s (prefill: prompt tokens / time to the first
token) and generation tokens/s (tokens after the first / the time they took), and the ratios
portable/native. The first native build compiles for about 5 minutes on 2 idle cores.

    .venv/bin/python benchmarks/bench_llama_build.py [--rounds 5]
        [--models smollm2-135m,qwen2.5-coder-1.5b]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

from clinllm.gateway.config import LocalModelConfig, ProvidersConfig
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.structured import json_schema_for
from clinllm.samples import sample_paths
from clinllm.workflows.prior_auth.prompt import INSTRUCTIONS
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput

ROOT = Path(__file__).resolve().parent.parent
#: Packages llama-cpp-python imports, installed from the runtime lock with their hashes.
LLAMA_DEPENDENCIES = ("numpy", "typing-extensions", "diskcache", "jinja2", "markupsafe")

WORKER = r"""
import json, sys, time
from llama_cpp import Llama
from llama_cpp.llama_grammar import LlamaGrammar

job = json.loads(sys.stdin.readline())
llm = Llama(model_path=job["model"], n_ctx=4096, n_threads=2, n_threads_batch=2, seed=0,
            verbose=False)
grammar = LlamaGrammar.from_json_schema(job["schema"], verbose=False)
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    llm.reset()  # every round from an empty cache: prefill is measured, not skipped
    started = time.perf_counter()
    first = None
    pieces = []
    for chunk in llm.create_chat_completion(
        messages=job["messages"], grammar=grammar, max_tokens=job["max_tokens"],
        temperature=0.0, seed=0, stream=True,
    ):
        piece = chunk["choices"][0].get("delta", {}).get("content")
        if piece:
            if first is None:
                first = time.perf_counter()
            pieces.append(piece)
    ended = time.perf_counter()
    generated = len(pieces)
    prompt_tokens = llm.n_tokens - generated
    print(json.dumps({
        "prompt_tokens": prompt_tokens,
        "generated": generated,
        "prompt_tps": prompt_tokens / (first - started),
        "gen_tps": (generated - 1) / (ended - first) if generated > 1 else 0.0,
        "text": "".join(pieces),
    }), flush=True)
"""


def load_dev() -> ModuleType:
    """``scripts/dev.py``, for its flags, wheel cache and lock reader (one source of truth)."""
    spec = importlib.util.spec_from_file_location("clinllm_dev", ROOT / "scripts" / "dev.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_venv(dev: ModuleType, wheel: Path, where: Path) -> Path:
    """A throwaway venv with ``wheel`` and the locked packages it imports."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", where], check=True)
    python = where / "bin" / "python"
    pins = where / "pins.txt"
    pins.write_text(
        "".join(dev.locked_requirement(dev.REQ / "lock.txt", n) for n in LLAMA_DEPENDENCIES)
    )
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"]
    subprocess.run([*pip, "--require-hashes", "-r", pins], check=True)
    subprocess.run([*pip, "--no-deps", wheel], check=True)
    return python


class Worker:
    """One build's process, the model loaded, answering one timed run per request."""

    def __init__(self, python: Path, job: dict[str, Any]) -> None:
        self.process = subprocess.Popen(
            [python, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdin is not None
        assert self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        self.stdin.write(json.dumps(job) + "\n")
        self.stdin.flush()
        ready = json.loads(self.stdout.readline())
        assert ready == {"ready": True}

    def run(self) -> dict[str, Any]:
        self.stdin.write("run\n")
        self.stdin.flush()
        result: dict[str, Any] = json.loads(self.stdout.readline())
        return result

    def close(self) -> None:
        self.stdin.close()
        self.process.wait(30)


def model_path(key: str) -> Path:
    registry = ProviderRegistry(ProvidersConfig(local=LocalModelConfig()))
    provider: Any = registry(f"local:{key}")
    path: Path = provider.model_path
    return path


def bench_model(pythons: dict[str, Path], key: str, rounds: int, max_tokens: int) -> dict[str, Any]:
    letter = next(p for p in sample_paths() if p.suffix == ".txt").read_text(encoding="utf-8")
    job = {
        "model": str(model_path(key)),
        "schema": json.dumps(json_schema_for(PriorAuthModelOutput), sort_keys=True),
        "messages": [
            {"role": "system", "content": INSTRUCTIONS},
            {"role": "user", "content": letter},
        ],
        "max_tokens": max_tokens,
    }
    workers = {build: Worker(python, job) for build, python in pythons.items()}
    runs: dict[str, list[dict[str, Any]]] = {build: [] for build in workers}
    try:
        for build in workers:  # warm-up: page in the weights, first-call allocations
            workers[build].run()
        order = list(workers)
        for round_ in range(rounds):
            for build in order if round_ % 2 == 0 else reversed(order):
                runs[build].append(workers[build].run())
            print(f"    {key} round {round_ + 1}/{rounds} done", file=sys.stderr, flush=True)
    finally:
        for worker in workers.values():
            worker.close()
    figures: dict[str, Any] = {"model": key, "rounds": rounds}
    for build, results in runs.items():
        figures[f"{build}_prompt_tokens"] = results[0]["prompt_tokens"]
        figures[f"{build}_generated"] = results[0]["generated"]
        figures[f"{build}_prompt_tps"] = statistics.median(r["prompt_tps"] for r in results)
        figures[f"{build}_gen_tps"] = statistics.median(r["gen_tps"] for r in results)
    figures["prompt_tps_ratio"] = figures["portable_prompt_tps"] / figures["native_prompt_tps"]
    figures["gen_tps_ratio"] = figures["portable_gen_tps"] / figures["native_gen_tps"]
    figures["same_output"] = runs["portable"][0]["text"] == runs["native"][0]["text"]
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description="portable vs native llama.cpp build")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--models", default="smollm2-135m")
    parser.add_argument("--max-tokens", type=int, default=96)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    dev = load_dev()
    wheels = {
        "portable": dev.llama_wheel(dev.LLAMA_CMAKE_ARGS),
        "native": dev.llama_wheel(dev.LLAMA_NATIVE_CMAKE_ARGS, label="llama-native"),
    }
    all_figures: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-llama-build-") as tmp:
        pythons = {b: make_venv(dev, w, Path(tmp) / b) for b, w in wheels.items()}
        for key in args.models.split(","):
            f = bench_model(pythons, key.strip(), args.rounds, args.max_tokens)
            all_figures.append(f)
            print(f"{key}: portable vs native llama.cpp build, medians of {args.rounds} rounds")
            print(f"    prompt ({f['portable_prompt_tokens']} tokens): portable "
                  f"{f['portable_prompt_tps']:.1f} tok/s  native {f['native_prompt_tps']:.1f} "
                  f"tok/s  ratio {f['prompt_tps_ratio']:.3f}")  # fmt: skip
            print(f"    generation ({f['portable_generated']} tokens): portable "
                  f"{f['portable_gen_tps']:.1f} tok/s  native {f['native_gen_tps']:.1f} tok/s  "
                  f"ratio {f['gen_tps_ratio']:.3f}   same output: {f['same_output']}")  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(all_figures, indent=2))


if __name__ == "__main__":
    main()
