"""``clinllm serve`` with its job queue: ``Prefer: respond-async`` -> 202 -> the in-process
worker runs the job -> ``GET /v1/jobs/{id}?wait=`` answers it done with its result.

A real ``clinllm serve`` subprocess on loopback over a temporary SQLite database (the embedded
default: the worker runs inside the service), rules provider, keys made in that database.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

import httpx2 as httpx  # the httpx fork the SDKs already bring
import pytest
from sqlalchemy import create_engine, text

from clinllm.bootstrap.service import build_key_store
from clinllm.settings import load_settings

EMERGENCY = "I have crushing chest pain and my left arm is numb since an hour."
NOTE = (
    "Assessment and plan:\n1. Type 2 diabetes mellitus, uncontrolled. Increase metformin to "
    "1000 mg twice daily.\n2. Essential hypertension, stable. Continue lisinopril 10 mg daily.\n"
)
PRIOR_AUTH = (
    "PRIOR AUTHORIZATION REQUEST\nMember ID: ZX99812345\nService: MRI lumbar spine without "
    "contrast, CPT 72148\nDiagnosis: M54.16 lumbar radiculopathy\nUrgency: standard\n"
)


@dataclass
class Served:
    base: str
    url: str
    acme: str
    globex: str
    process: subprocess.Popen[bytes]

    def client(self, secret: str, **headers: str) -> httpx.Client:
        auth = {"Authorization": f"Bearer {secret}"}
        return httpx.Client(base_url=self.base, headers={**auth, **headers}, timeout=120)


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    data = tmp_path_factory.mktemp("serve-jobs")
    url = f"sqlite:///{data / 'serve.db'}"
    keys = build_key_store(load_settings(data_dir=data, database_url=url))
    acme, _ = keys.create(tenant="acme", role="staff", groups=())
    globex, _ = keys.create(tenant="globex", role="admin", groups=())
    env = {
        **os.environ,
        "CLINLLM_POLICY__EMBEDDER": "hashing",
        "CLINLLM_DATA_DIR": str(data),
        "CLINLLM_DATABASE_URL": url,
    }
    port = _port()
    command = [sys.executable, "-m", "clinllm.entrypoints.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--provider", "rules", "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            httpx.get(f"{base}/livez", timeout=5)
            break
        except httpx.TransportError:
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "clinllm serve did not start"
            time.sleep(0.2)
    served = Served(base, url, acme, globex, process)
    try:
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_a_queued_triage_runs_in_the_service_and_is_answered_done(served: Served) -> None:
    with served.client(served.acme, Prefer="respond-async") as client:
        queued = client.post("/v1/triage", json={"message": EMERGENCY, "id": "m-1"})
        assert queued.status_code == 202, queued.text
        location = queued.headers["location"]
        job_id = queued.json()["id"]
        assert location == f"/v1/jobs/{job_id}"
        done = client.get(location, params={"wait": 60})
    assert done.status_code == 200
    body = done.json()
    assert body["status"] == "done", body
    assert body["kind"] == "run:triage"
    assert body["result"]["workflow"] == "triage"
    assert isinstance(body["result"]["extraction_id"], int)
    assert "crushing" not in done.text
    with served.client(served.globex) as other:  # another tenant's key, an admin's even
        missing = other.get(location)
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_resubmitting_gives_the_same_job(served: Served) -> None:
    with served.client(served.acme, Prefer="respond-async") as client:
        keyed = {"Idempotency-Key": "resubmit-1"}
        first = client.post("/v1/prior-auth/extractions", json={"text": PRIOR_AUTH}, headers=keyed)
        again = client.post("/v1/prior-auth/extractions", json={"text": PRIOR_AUTH}, headers=keyed)
        plain = client.post("/v1/prior-auth/extractions", json={"text": PRIOR_AUTH})
        plain_again = client.post("/v1/prior-auth/extractions", json={"text": PRIOR_AUTH})
        assert first.status_code == again.status_code == plain.status_code == 202, first.text
        assert again.json()["id"] == first.json()["id"]
        assert plain_again.json()["id"] == plain.json()["id"]
        done = client.get(f"/v1/jobs/{first.json()['id']}", params={"wait": 60}).json()
    assert done["status"] == "done", done
    assert done["result"]["workflow"] == "prior_auth"
    with served.client(served.globex, Prefer="respond-async") as other:
        theirs = other.post("/v1/prior-auth/extractions", json={"text": PRIOR_AUTH}, headers=keyed)
    assert theirs.status_code == 202
    assert theirs.json()["id"] != first.json()["id"]  # idempotency keys are per tenant


def test_a_note_summary_is_a_job_too(served: Served) -> None:
    with served.client(served.acme, Prefer="respond-async") as client:
        queued = client.post("/v1/notes/summaries", json={"text": NOTE, "patient": "Patient/42"})
        assert queued.status_code == 202, queued.text
        done = client.get(queued.headers["location"], params={"wait": 60}).json()
    assert done["status"] == "done", done
    assert done["kind"] == "run:note_summary"
    assert isinstance(done["result"]["extraction_id"], int)


def test_sigterm_stops_the_service_and_its_worker_cleanly(served: Served) -> None:
    with served.client(served.acme, Prefer="respond-async") as client:
        for n in range(3):
            queued = client.post("/v1/triage", json={"message": f"{EMERGENCY} ({n})"})
            assert queued.status_code == 202
    served.process.send_signal(signal.SIGTERM)
    try:
        _, errors = served.process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        served.process.kill()
        raise
    assert served.process.returncode == 0, errors.decode(errors="replace")[-2000:]
    assert b"Traceback" not in errors
    # Graceful: the worker finished what it held; nothing is left half-run.
    engine = create_engine(served.url)
    try:
        with engine.connect() as connection:
            statuses = set(connection.execute(text("SELECT status FROM jobs")).scalars())
    finally:
        engine.dispose()
    assert "running" not in statuses
    assert "failed" not in statuses
