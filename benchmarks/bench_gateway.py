"""Gateway overhead, measured against its peers in the same run.

(a) Added latency and throughput of ``Gateway.complete`` versus calling the official ``openai``
    SDK directly (and validating with pydantic, as any careful caller would), against the same
    local mock server running in another process, at concurrency 1 and 64.
    Targets: <= 1 ms median added latency, >= 0.95 throughput ratio.
(b) Tokens per second of the embedded model through the gateway versus raw ``llama-cpp-python``
    on the same prompt, grammar and model file. Target: >= 0.95.

Every figure is a median over several alternating rounds; the machine is small and noisy, so
ratios are what to read, not absolute times.

    .venv/bin/python benchmarks/bench_gateway.py [--rounds 5] [--calls 300] [--model KEY]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import openai
from pydantic import BaseModel, Field

from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.config import EndpointConfig, LocalModelConfig, ProvidersConfig
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.structured import json_schema_for, strict_json_schema

CONTENT = json.dumps({"category": "refill_request", "urgency": "routine", "score": 3})


class Answer(BaseModel):
    category: str = Field(max_length=40)
    urgency: str = Field(max_length=20)
    score: int


MESSAGES = [
    Message(role="system", content="Route the patient message. Answer in JSON."),
    Message(role="user", content="Please refill my lisinopril 10 mg, I have 3 days left."),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clinllm.testing.fault_server",
            "--port",
            str(port),
            "--content",
            CONTENT,
        ],
        stdout=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.readline()  # the server prints its URL once it listens
    return proc


async def raw_call(client: openai.AsyncOpenAI, schema: dict[str, Any]) -> Answer:
    create: Any = client.chat.completions.create  # the SDK's overloads want TypedDict literals
    completion = await create(
        model="bench",
        messages=[{"role": m.role, "content": m.content} for m in MESSAGES],
        max_tokens=1024,
        temperature=0.0,
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "Answer", "schema": schema, "strict": True},
        },
    )
    return Answer.model_validate_json(completion.choices[0].message.content or "")


async def gateway_call(gateway: Gateway, policy: CallPolicy) -> Answer:
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy)
    return result.unwrap()


async def latencies(fn: Any, n: int) -> list[float]:
    out = []
    for _ in range(n):
        started = time.perf_counter()
        await fn()
        out.append(time.perf_counter() - started)
    return out


async def throughput(fn: Any, total: int, concurrency: int) -> float:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(total):
        queue.put_nowait(i)

    async def worker() -> None:
        while not queue.empty():
            queue.get_nowait()
            await fn()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return total / (time.perf_counter() - started)


async def bench_overhead(rounds: int, calls: int) -> dict[str, float]:
    port = free_port()
    server = start_server(port)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        client = openai.AsyncOpenAI(base_url=base_url, api_key="bench", max_retries=0)
        schema = strict_json_schema(json_schema_for(Answer))
        gateway = Gateway(
            resolver=ProviderRegistry(
                ProvidersConfig(endpoints={"mock": EndpointConfig(base_url=base_url)})
            ),
            default_chain=("mock:bench",),
        )
        policy = CallPolicy(deadline_s=30)

        async def raw() -> Answer:
            return await raw_call(client, schema)

        async def gw() -> Answer:
            return await gateway_call(gateway, policy)

        await latencies(raw, 20)  # warm up both connection pools
        await latencies(gw, 20)
        raw_medians, gw_medians, raw_tp, gw_tp = [], [], [], []
        for _ in range(rounds):
            raw_medians.append(statistics.median(await latencies(raw, calls)))
            gw_medians.append(statistics.median(await latencies(gw, calls)))
            raw_tp.append(await throughput(raw, calls * 4, 64))
            gw_tp.append(await throughput(gw, calls * 4, 64))
        await client.close()
        await gateway.aclose()
    finally:
        server.terminate()
        server.wait(10)
    raw_ms = statistics.median(raw_medians) * 1000
    gw_ms = statistics.median(gw_medians) * 1000
    return {
        "c1_raw_median_ms": raw_ms,
        "c1_gateway_median_ms": gw_ms,
        "c1_added_latency_ms": gw_ms - raw_ms,
        "c64_raw_calls_per_s": statistics.median(raw_tp),
        "c64_gateway_calls_per_s": statistics.median(gw_tp),
        "c64_throughput_ratio": statistics.median(gw_tp) / statistics.median(raw_tp),
    }


class Summary(BaseModel):
    findings: list[str] = Field(max_length=6)
    plan: list[str] = Field(max_length=6)


TOKEN_MESSAGES = [
    Message(
        role="system",
        content="Summarize the clinical note as JSON with findings and plan (short phrases).",
    ),
    Message(
        role="user",
        content=(
            "58-year-old with type 2 diabetes, HbA1c 8.9%, BMI 33. Reports polyuria, no chest "
            "pain. Metformin increased to 1000 mg twice daily. Start empagliflozin 10 mg daily. "
            "Recheck HbA1c in 3 months. Referral to nutrition. Foot exam normal. Eye exam due."
        ),
    ),
]


def bench_tokens(rounds: int, model_key: str, max_tokens: int) -> dict[str, float]:
    from llama_cpp import Llama
    from llama_cpp.llama_grammar import LlamaGrammar

    registry = ProviderRegistry(ProvidersConfig(local=LocalModelConfig()))
    provider: Any = registry(f"local:{model_key}")
    path: Path = provider.model_path
    schema = json_schema_for(Summary)
    raw_llm = Llama(
        model_path=str(path), n_ctx=8192, n_threads=2, n_threads_batch=2, seed=0, verbose=False
    )
    grammar = LlamaGrammar.from_json_schema(json.dumps(schema, sort_keys=True), verbose=False)
    gateway = Gateway({provider.name: provider})
    policy = CallPolicy(deadline_s=600, max_output_tokens=max_tokens, repair=False)

    chat: Any = [{"role": m.role, "content": m.content} for m in TOKEN_MESSAGES]

    def raw_once() -> tuple[float, int, Summary]:
        started = time.perf_counter()
        out: Any = raw_llm.create_chat_completion(
            messages=chat,
            grammar=grammar,
            max_tokens=max_tokens,
            temperature=0.0,
            seed=0,
        )
        elapsed = time.perf_counter() - started
        value = Summary.model_validate_json(out["choices"][0]["message"]["content"])
        return elapsed, int(out["usage"]["completion_tokens"]), value

    def gw_once() -> tuple[float, Summary]:
        started = time.perf_counter()
        result = asyncio.run(gateway.complete(TOKEN_MESSAGES, output=Summary, policy=policy))
        return time.perf_counter() - started, result.unwrap()

    raw_once()  # warm-up: load, first prompt evaluation
    gw_once()
    raw_times, gw_times, tokens = [], [], 0
    for _ in range(rounds):
        elapsed, tokens, raw_value = raw_once()
        raw_times.append(elapsed)
        gw_elapsed, gw_value = gw_once()
        gw_times.append(gw_elapsed)
        # greedy decoding, same prompt, grammar and weights: both paths must say the same thing,
        # so the token count is the same and the time ratio is the tokens/s ratio
        assert raw_value == gw_value, "the two paths generated different outputs"
    raw_llm.close()
    asyncio.run(gateway.aclose())
    raw_s, gw_s = statistics.median(raw_times), statistics.median(gw_times)
    return {
        "generated_tokens": tokens,
        "raw_tokens_per_s": tokens / raw_s,
        "gateway_tokens_per_s": tokens / gw_s,
        "tokens_per_s_ratio": raw_s / gw_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Gateway overhead versus its peers")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=300)
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--max-tokens", type=int, default=160)
    parser.add_argument("--skip-model", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    figures: dict[str, Any] = {"rounds": args.rounds, "calls": args.calls}
    figures.update(asyncio.run(bench_overhead(args.rounds, args.calls)))
    f = figures
    print(f"(a) gateway vs openai SDK, same mock server, medians of {args.rounds} rounds")
    print(
        f"    c=1  raw {f['c1_raw_median_ms']:.3f} ms  gateway {f['c1_gateway_median_ms']:.3f} ms"
        f"  added {f['c1_added_latency_ms']:.3f} ms   (target <= 1 ms)"
    )
    print(
        f"    c=64 raw {f['c64_raw_calls_per_s']:.0f}/s"
        f"  gateway {f['c64_gateway_calls_per_s']:.0f}/s"
        f"  ratio {f['c64_throughput_ratio']:.3f}   (target >= 0.95)"
    )
    if not args.skip_model:
        figures["model"] = args.model
        figures.update(bench_tokens(args.rounds, args.model, args.max_tokens))
        print(f"(b) embedded {args.model} through the gateway vs raw llama-cpp-python")
        print(
            f"    raw {f['raw_tokens_per_s']:.1f} tok/s  gateway {f['gateway_tokens_per_s']:.1f}"
            f" tok/s  ratio {f['tokens_per_s_ratio']:.3f}   (target >= 0.95)"
        )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
