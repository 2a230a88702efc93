"""Planted sentinel identifiers must never reach logs, exception text or error output.

The sentinels go through every entrypoint of this package: detection, pseudonymization,
the gateway guard (with failures injected: a detector that raises, a provider that
errors), model validation, and the redact CLI's failure paths (run as a subprocess).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pydantic
import pytest
from pydantic import BaseModel

from clinllm.errors import ProviderUnavailable
from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.phi import (
    PhiDetectionFailed,
    PhiDetector,
    PhiFinding,
    Pseudonymizer,
    PseudonymizingGuard,
    detect,
)
from clinllm.pipeline.phi import PhiDataPolicy

NAME = "Zebulon Quixtar-Vantablack"
MRN = "ZQ-99120377"
PHONE = "555-010-9917"
SENTINELS = (NAME, "Quixtar", MRN, PHONE)
DOCUMENT = (
    f"Patient: {NAME}, MRN: {MRN}. Daughter reachable at {PHONE}. Mr. Quixtar-Vantablack agrees."
)
SALT = b"leak-test-salt-000000"


class Answer(BaseModel):
    patient: str


def _assert_clean(*texts: str) -> None:
    for text in texts:
        for sentinel in SENTINELS:
            assert sentinel not in text


class _Exploding(PhiDetector):
    def __init__(self) -> None:
        super().__init__(())

    def detect(self, text: str) -> list[PhiFinding]:
        raise ValueError(f"cannot parse {text!r}")


def test_library_paths_do_not_log_or_raise_values(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    findings = detect(DOCUMENT)
    result = Pseudonymizer(PhiDetector.default(), salt=SALT, style="realistic").pseudonymize(
        DOCUMENT, scope="t"
    )
    _assert_clean(result.text, repr(result), repr(result.vault), *(repr(f) for f in findings))
    with pytest.raises(PhiDetectionFailed) as failed:
        PseudonymizingGuard(Pseudonymizer(_Exploding(), salt=SALT)).protect([DOCUMENT], scope="t")
    with pytest.raises(pydantic.ValidationError) as invalid:
        PhiFinding(start=-1, end=0, type="NAME", text=NAME, confidence=3, recognizer="x")
    _assert_clean(str(failed.value), repr(failed.value), str(invalid.value), caplog.text)


@pytest.mark.anyio
async def test_gateway_calls_with_failures_never_leak(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    remote = FakeChatModel(
        [ProviderUnavailable("remote", status_code=503), '{"patient": "[NAME_1]"}'],
        name="remote",
        phi_allowed=False,
    )
    guard = PseudonymizingGuard(Pseudonymizer(PhiDetector.default(), salt=SALT))
    gateway = Gateway({"remote": remote}, outbound=PhiDataPolicy(guard, scope="tenant-a"))
    messages = [Message(role="system", content="Extract."), Message(role="user", content=DOCUMENT)]
    result = await gateway.complete(
        messages, output=Answer, policy=CallPolicy(contains_phi=True, deadline_s=10)
    )
    assert result.output is not None
    assert result.output.patient == NAME
    sent = " ".join(m.content for r in remote.requests for m in r.messages)
    _assert_clean(sent, caplog.text)

    broken = FakeChatModel(['{"patient": "x"}'], name="remote", phi_allowed=False)
    refusing = Gateway(
        {"remote": broken},
        outbound=PhiDataPolicy(
            PseudonymizingGuard(Pseudonymizer(_Exploding(), salt=SALT)), scope="t"
        ),
    )
    refused = await refusing.complete(messages, output=Answer, policy=CallPolicy(contains_phi=True))
    assert broken.requests == []
    assert refused.output is None
    _assert_clean(str(refused.error), repr(refused.attempts), caplog.text)


@pytest.mark.parametrize(
    ("payload", "args"),
    [
        (DOCUMENT.encode() + b"\x00\x01", []),
        (DOCUMENT.encode() + b"\xff\xfe", []),
        (DOCUMENT.encode(), ["--max-bytes", "20"]),
        (DOCUMENT.encode(), []),
        (DOCUMENT.encode(), ["--json"]),
    ],
)
def test_redact_cli_never_prints_sentinels(tmp_path: Path, payload: bytes, args: list[str]) -> None:
    source = tmp_path / "note.txt"
    source.write_bytes(payload)
    proc = subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.commands.redact", *args, str(source)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    _assert_clean(proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
