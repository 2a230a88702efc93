"""HTTP service overhead per triage request, against calling the library directly.

Peer: the same triage run through the same composition root in-process (``Service.run``, what
``POST /v1/triage`` calls), on the same kind of database, against the same mock model server
(an OpenAI-compatible server in its own process, :mod:`clinllm.testing.fault_server`).

(a) Latency, one request at a time: p50 of ``POST /v1/triage`` over loopback (a keep-alive
    client; auth, rate limit, JSON, problem handlers, uvicorn) minus p50 of the direct call.
    Target: <= 2 ms added at p50.
(b) Throughput at 32 concurrent clients: requests/s over HTTP versus 32 concurrent direct calls.
(c) CPU per request, one at a time: the service process's CPU time (every thread, from
    ``/proc/<pid>/stat``) per ``POST /v1/triage`` minus this process's CPU time per direct call.
    On a shared, busy machine wall-clock latency mostly measures waiting for a core; CPU time
    is what the service itself spends, so (c) is the figure that still means something there.

The service runs in its own process (as deployed), the client in this one. Rounds alternate
direct and HTTP; every figure is a median over rounds. The machine is small and shared, so the
ratio and the difference are what to read, not absolute times.

    .venv/bin/python benchmarks/bench_http.py [--rounds 5] [--calls 200] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx  # the httpx fork the SDKs already bring

from clinllm.bootstrap import build_app
from clinllm.bootstrap.service import build_service
from clinllm.settings import HttpSettings, Settings, load_settings

MODEL_ANSWER = json.dumps({"category": "other", "urgency": "routine", "evidence": []})
MESSAGE = "Hello, I had a question about the paperwork from my visit last week."


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _settings(data_dir: Path, mock_url: str) -> Settings:
    return load_settings(
        data_dir=data_dir,
        database_url=f"sqlite:///{data_dir / 'bench.db'}",
        endpoints={"mock": {"base_url": mock_url, "phi_allowed": True}},
        default_chain="mock:fault-model,rules",
        log_level="ERROR",
    )


def serve(
    port: int, data_dir: Path, mock_url: str, key_file: Path, http: str = "auto", loop: str = "auto"
) -> None:
    """The service process: build, write a staff key to ``key_file``, serve until killed.

    ``http`` and ``loop`` are uvicorn's choices (``auto``: httptools and uvloop when installed,
    as ``clinllm serve`` runs; ``h11``/``asyncio`` for the pure-Python ones).
    """
    import uvicorn

    from clinllm.entrypoints.api import create_app

    app = build_app(_settings(data_dir, mock_url))
    keys = build_service(app).keys()
    secret, _ = keys.create(tenant="bench", role="staff")
    key_file.write_text(secret)
    api = create_app(
        app, keys=keys, settings=HttpSettings(rate_per_minute=1e9, rate_burst=1_000_000)
    )
    uvicorn.run(
        api,
        host="127.0.0.1",
        port=port,
        log_level="error",
        access_log=False,
        http=http,
        loop=loop,
    )


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system, every thread) a process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _timed(calls: int, concurrency: int, one: Any) -> tuple[list[float], float]:
    latencies: list[float] = []
    queue = list(range(calls))

    async def worker() -> None:
        while queue:
            queue.pop()
            started = time.perf_counter()
            await one()
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, calls / (time.perf_counter() - started)


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    mock_port, api_port = _port(), _port()
    mock = subprocess.Popen(  # noqa: ASYNC220 - started once, before any timing
        [
            sys.executable,
            "-m",
            "clinllm.testing.fault_server",
            "--port",
            str(mock_port),
            "--content",
            MODEL_ANSWER,
        ],
        stdout=subprocess.PIPE,
    )
    assert mock.stdout is not None
    mock_url = mock.stdout.readline().decode().strip()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "direct").mkdir()
        (root / "http").mkdir()
        key_file = root / "key"
        server = subprocess.Popen(  # noqa: ASYNC220 - started once, before any timing
            [
                sys.executable,
                __file__,
                "--serve",
                str(api_port),
                str(root / "http"),
                mock_url,
                str(key_file),
                args.server_http,
                args.server_loop,
            ]
        )
        app = build_app(_settings(root / "direct", mock_url))
        service = build_service(app)
        try:
            base = f"http://127.0.0.1:{api_port}"
            async with httpx.AsyncClient(base_url=base, timeout=60) as probe:
                for _ in range(300):
                    try:
                        if (await probe.get("/livez")).status_code == 200 and key_file.exists():
                            break
                    except httpx.TransportError:
                        pass
                    await asyncio.sleep(0.1)
            secret = key_file.read_text()
            limits = httpx.Limits(max_connections=args.concurrency, max_keepalive_connections=64)
            async with httpx.AsyncClient(
                base_url=base,
                timeout=60,
                limits=limits,
                headers={"Authorization": f"Bearer {secret}"},
            ) as client:

                async def over_http() -> None:
                    response = await client.post("/v1/triage", json={"message": MESSAGE})
                    response.raise_for_status()

                async def direct() -> None:
                    outcome = await service.run(
                        "bench", "triage", MESSAGE, source_name="message", actor="bench"
                    )
                    assert outcome.output.category

                for one in (over_http, direct):  # warm up both paths
                    await _timed(20, 1, one)
                rows: dict[str, list[float]] = {
                    k: []
                    for k in (
                        "direct_p50_ms",
                        "http_p50_ms",
                        "overhead_p50_ms",
                        "direct_rps",
                        "http_rps",
                        "throughput_ratio",
                        "direct_cpu_ms",
                        "http_server_cpu_ms",
                        "overhead_cpu_ms",
                    )
                }
                for _ in range(args.rounds):
                    cpu = time.process_time()
                    d_lat, _ = await _timed(args.calls, 1, direct)
                    d_cpu = (time.process_time() - cpu) / args.calls * 1000
                    cpu = _cpu_s(server.pid)
                    h_lat, _ = await _timed(args.calls, 1, over_http)
                    h_cpu = (_cpu_s(server.pid) - cpu) / args.calls * 1000
                    rows["direct_cpu_ms"].append(d_cpu)
                    rows["http_server_cpu_ms"].append(h_cpu)
                    rows["overhead_cpu_ms"].append(h_cpu - d_cpu)
                    _, d_rps = await _timed(args.calls, args.concurrency, direct)
                    _, h_rps = await _timed(args.calls, args.concurrency, over_http)
                    d50 = statistics.median(d_lat) * 1000
                    h50 = statistics.median(h_lat) * 1000
                    rows["direct_p50_ms"].append(d50)
                    rows["http_p50_ms"].append(h50)
                    rows["overhead_p50_ms"].append(h50 - d50)
                    rows["direct_rps"].append(d_rps)
                    rows["http_rps"].append(h_rps)
                    rows["throughput_ratio"].append(h_rps / d_rps)
        finally:
            server.terminate()
            server.wait(timeout=30)
            mock.terminate()
            mock.wait(timeout=30)
            await app.aclose()
    result = {k: round(statistics.median(v), 3) for k, v in rows.items()}
    result["rounds"] = args.rounds
    result["calls_per_round"] = args.calls
    result["concurrency"] = args.concurrency
    result["server_http"] = args.server_http
    result["server_loop"] = args.server_loop
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    result["overhead_target_ms"] = 2.0
    result["overhead_within_target"] = result["overhead_p50_ms"] <= 2.0
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], Path(sys.argv[5]), *sys.argv[6:8])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--server-http", choices=("auto", "h11", "httptools"), default="auto", help="uvicorn's"
    )
    parser.add_argument(
        "--server-loop", choices=("auto", "asyncio", "uvloop"), default="auto", help="uvicorn's"
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main_async(args)), indent=2))


if __name__ == "__main__":
    main()
