"""``clinllm serve`` as a subprocess: keys from ``clinllm keys create``, then real requests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import httpx2 as httpx  # the httpx fork the SDKs already bring


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_answers_with_a_key_made_by_the_cli() -> None:
    env = {**os.environ, "CLINLLM_POLICY__EMBEDDER": "hashing"}
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "clinllm.entrypoints.cli",
            "keys",
            "create",
            "--tenant",
            "acme",
            "--role",
            "staff",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=env,
    )
    secret = made.stdout.strip()
    port = _port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "clinllm.entrypoints.cli",
            "serve",
            "--port",
            str(port),
            "--provider",
            "rules",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                ready = httpx.get(f"{base}/readyz", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read() if server.stderr else ""
                assert time.monotonic() < deadline, "clinllm serve did not start"
                time.sleep(0.2)
        assert ready.status_code == 200, ready.text
        answer = httpx.post(
            f"{base}/v1/triage",
            json={"message": "Please refill my inhaler, I have two days left."},
            headers={"Authorization": f"Bearer {secret}"},
            timeout=60,
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["category"] == "refill_request"
        anonymous = httpx.post(f"{base}/v1/triage", json={"message": "hi"}, timeout=30)
        assert anonymous.status_code == 401
        spec = httpx.get(f"{base}/v1/openapi.json", timeout=30).json()
        assert spec["openapi"].startswith("3.1")
        # What serve adds to the API: /metrics with request histograms by route template (no
        # key needed, no content), and the review pages.
        metrics = httpx.get(f"{base}/metrics", timeout=30)
        assert metrics.status_code == 200
        assert "clinllm_http_request_duration_seconds_count{" in metrics.text
        assert 'route="/v1/triage"' in metrics.text
        assert "inhaler" not in metrics.text
        signin = httpx.get(f"{base}/ui/signin", timeout=30)
        assert signin.status_code == 200
        assert "<form" in signin.text
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, errors = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, errors = server.communicate()
        assert b"Traceback" not in errors
