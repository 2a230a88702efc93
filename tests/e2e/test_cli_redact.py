"""``clinllm redact`` run as a real subprocess: outputs, JSON, and the input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

NOTE = "Patient: Ottoline Barrowcliffe, DOB 07/04/1961, cell 555-010-7788. Parkinson disease.\n"
COMMAND = [sys.executable, "-m", "clinllm.entrypoints.commands.redact"]


def _run(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*COMMAND, *args], input=stdin, capture_output=True, timeout=60, check=False
    )


def test_redacts_a_file(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text(NOTE, encoding="utf-8")
    proc = _run([str(source)])
    assert proc.returncode == 0
    assert proc.stdout.decode() == (
        "Patient: [NAME], DOB [DATE], cell [PHONE]. Parkinson disease.\n"
    )


def test_reads_stdin_and_numbers_placeholders() -> None:
    proc = _run(["--numbered", "-"], stdin=NOTE.encode())
    assert proc.returncode == 0
    assert "[NAME_1]" in proc.stdout.decode()
    assert "Barrowcliffe" not in proc.stdout.decode()


def test_json_findings_hold_values_only_when_asked() -> None:
    plain = json.loads(_run(["--json", "-"], stdin=NOTE.encode()).stdout)
    assert plain["counts"] == {"NAME": 1, "DATE": 1, "PHONE": 1}
    assert all("text" not in f for f in plain["findings"])
    assert {"start", "end", "type", "confidence", "recognizer"} <= set(plain["findings"][0])
    shown = json.loads(_run(["--json", "--show-values", "-"], stdin=NOTE.encode()).stdout)
    assert shown["findings"][0]["text"] == "Ottoline Barrowcliffe"


@pytest.mark.parametrize(
    ("payload", "args", "message"),
    [
        (b"abc\x00def", [], "binary"),
        (b"caf\xe9 au lait", [], "not valid UTF-8"),
        (NOTE.encode(), ["--max-bytes", "10"], "larger than --max-bytes=10"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(payload: bytes, args: list[str], message: str) -> None:
    proc = _run([*args, "-"], stdin=payload)
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert message in err
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert proc.stdout == b""


def test_missing_file_is_exit_2_without_the_path(tmp_path: Path) -> None:
    proc = _run([str(tmp_path / "Barrowcliffe-note.txt")])
    assert proc.returncode == 2
    assert b"Barrowcliffe" not in proc.stderr


def test_mounted_command_behaves_the_same(tmp_path: Path) -> None:
    source = tmp_path / "note.txt"
    source.write_text(NOTE, encoding="utf-8")
    mounted = [sys.executable, "-m", "clinllm.entrypoints.cli", "redact"]
    ok = subprocess.run([*mounted, str(source)], capture_output=True, timeout=60, check=False)
    assert ok.returncode == 0
    assert b"Barrowcliffe" not in ok.stdout
    assert b"[NAME]" in ok.stdout
    bad = subprocess.run(
        [*mounted, "-"], input=b"abc\x00", capture_output=True, timeout=60, check=False
    )
    assert bad.returncode == 2
    assert b"binary" in bad.stderr
