"""Every ``clinllm`` command over hostile files, lines, arguments and settings.

The command lines run in one subprocess (:mod:`tests.badinput.driver`): each through the real
entry point with its own exit code and captured output. Each case must end with its documented
exit code (``docs/cli.md``), a one-line ``error:`` for a failure, no traceback and no sentinel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .hostile import SENTINEL, letter

DRIVER = Path(__file__).with_name("driver.py")
S = SENTINEL


@dataclass(frozen=True)
class CliCase:
    name: str
    args: list[str]
    code: int
    env: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # a fragment the error line must hold


def _jsonl(path: Path, *lines: object) -> str:
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
        errors="surrogatepass",
    )
    return str(path)


def build(root: Path) -> list[CliCase]:
    os.mkfifo(root / "fifo")
    os.mkfifo(root / "fifo.md")
    (root / "dir").mkdir()
    good = root / "good.txt"
    good.write_text(letter(), encoding="utf-8")
    note = root / "note.txt"
    note.write_text(f"Discharge summary. {S}. COPD exacerbation, improved.\n", encoding="utf-8")
    a_file = root / "a_file"
    a_file.write_text("x")
    msg = {"id": "m1", "message": "Please refill my metformin"}
    j = root / "j"
    j.mkdir()
    t = ["triage", "--provider", "rules", "--file"]
    cases = [
        # --- triage --file: wrong types and broken lines (nothing runs, exit 2)
        CliCase(
            "tri_message_int", [*t, _jsonl(j / "1", {"id": "a", "message": 12})], 2, error="line 1"
        ),
        CliCase(
            "tri_message_list",
            [*t, _jsonl(j / "2", {"id": "a", "message": [S]})],
            2,
            error="line 1",
        ),
        CliCase("tri_message_null", [*t, _jsonl(j / "3", {"id": "a", "message": None})], 2),
        CliCase("tri_message_obj", [*t, _jsonl(j / "4", {"id": "a", "message": {"t": S}})], 2),
        CliCase("tri_message_bool", [*t, _jsonl(j / "5", {"id": "a", "message": True})], 2),
        CliCase("tri_input_str", [*t, _jsonl(j / "6", {"id": "a", "input": S})], 2),
        CliCase("tri_line_array", [*t, _jsonl(j / "7", [S])], 2),
        CliCase("tri_line_string", [*t, _jsonl(j / "8", S)], 2),
        CliCase("tri_line_number", [*t, _jsonl(j / "9", 42)], 2),
        CliCase("tri_line_null", [*t, _jsonl(j / "10", None)], 2),
        CliCase("tri_not_json", [*t, _jsonl(j / "11", msg, f"{{{S}")], 2, error="line 2"),
        CliCase("tri_truncated", [*t, _jsonl(j / "12", json.dumps(msg)[:-3])], 2),
        CliCase("tri_deep", [*t, _jsonl(j / "13", "[" * 100_000 + "]" * 100_000)], 2),
        CliCase(
            "tri_huge_int",
            [*t, _jsonl(j / "14", '{"id": 1, "message": "x", "n": ' + "9" * 5000 + "}")],
            2,
        ),
        CliCase("tri_nan", [*t, _jsonl(j / "15", '{"id": "a", "message": NaN}')], 2),
        CliCase(
            "tri_nul_escape",
            [*t, _jsonl(j / "16", {"id": "a", "message": S + "\x00"})],
            2,
            error="NUL",
        ),
        CliCase(
            "tri_surrogate_escape",
            [*t, _jsonl(j / "17", '{"id": "a", "message": "' + S + '\\ud800"}')],
            2,
            error="surrogate",
        ),
        CliCase(
            "tri_too_long",
            [*t, _jsonl(j / "18", {"id": "a", "message": S * 3000})],
            2,
            {"CLINLLM_LIMITS__MAX_MESSAGE_CHARS": "1000"},
            "limit",
        ),
        CliCase(
            "tri_id_object",
            [*t, _jsonl(j / "19", {"id": {"x": S}, "message": "hi"})],
            2,
            error="id",
        ),
        CliCase("tri_id_newline", [*t, _jsonl(j / "20", {"id": f"a\n{S}", "message": "hi"})], 2),
        CliCase("tri_id_long", [*t, _jsonl(j / "21", {"id": "a" * 500, "message": "hi"})], 2),
        CliCase("tri_id_float", [*t, _jsonl(j / "22", {"id": 1.5, "message": "hi"})], 2),
        CliCase(
            "tri_latin1",
            [
                *t,
                str(
                    _bytes(
                        j / "23", ('{"id":"a","message":"caf\xe9 ' + S + '"}\n').encode("latin-1")
                    )
                ),
            ],
            2,
            error="UTF-8",
        ),
        CliCase(
            "tri_utf16", [*t, str(_bytes(j / "24", (json.dumps(msg) + "\n").encode("utf-16")))], 2
        ),
        CliCase("tri_binary", [*t, str(_bytes(j / "25", b"\x00\xff" * 100))], 2),
        CliCase("tri_fifo", [*t, str(root / "fifo")], 2, error="FIFO"),
        CliCase("tri_dir", [*t, str(root / "dir")], 2, error="directory"),
        CliCase("tri_dev_zero", [*t, "/dev/zero"], 2, error="not a regular file"),
        CliCase("tri_missing", [*t, str(root / "missing.jsonl")], 2),
        CliCase(
            "tri_batch_limit",
            [*t, _jsonl(j / "26", *[msg] * 50)],
            2,
            {"CLINLLM_LIMITS__MAX_BATCH_BYTES": "100"},
            "limit",
        ),
        # --- triage --file: unusual but valid
        CliCase("tri_empty_file", [*t, _jsonl(j / "27", "")], 0),
        CliCase(
            "tri_bom_crlf",
            [*t, str(_bytes(j / "28", b"\xef\xbb\xbf" + (json.dumps(msg) + "\r\n").encode() * 2))],
            0,
        ),
        CliCase("tri_blank_lines", [*t, _jsonl(j / "29", "", msg, "   ", msg)], 0),
        CliCase("tri_extra_keys", [*t, _jsonl(j / "30", {**msg, "extra": [S], "expected": 5})], 0),
        CliCase(
            "tri_dup_keys",
            [*t, _jsonl(j / "31", '{"id": "a", "message": "x", "message": "refill please"}')],
            0,
        ),
        CliCase("tri_sql_id", [*t, _jsonl(j / "32", {"id": "a';--", "message": "hi"})], 2),
        # --- triage arguments
        CliCase("tri_both", ["triage", "--provider", "rules", "hi", "--file", str(good)], 2),
        CliCase("tri_neither", ["triage", "--provider", "rules"], 2),
        CliCase("tri_bad_drafts", ["triage", "--drafts", S, "hi"], 2),
        CliCase(
            "tri_arg_controls", ["triage", "--provider", "rules", f"\x1b[31m{S} chest pain\x07"], 0
        ),
        CliCase(
            "tri_arg_too_long",
            ["triage", "--provider", "rules", S * 100],
            2,
            {"CLINLLM_LIMITS__MAX_MESSAGE_CHARS": "500"},
        ),
        CliCase(
            "tri_output_dir",
            ["triage", "--provider", "rules", "hi", "--output", str(root / "dir")],
            2,
            error="--output",
        ),
        CliCase(
            "tri_output_no_parent",
            ["triage", "--provider", "rules", "hi", "--output", str(root / "no" / "x.jsonl")],
            2,
        ),
        CliCase("tri_unknown_provider", ["triage", "--provider", "nosuch:model", "hi"], 3),
        # --- extract arguments and --out
        CliCase("ext_no_files", ["extract", "--provider", "rules"], 2),
        CliCase(
            "ext_out_is_file",
            ["extract", "--provider", "rules", "--out", str(a_file), str(good)],
            2,
            error="--out",
        ),
        CliCase(
            "ext_out_uncreatable",
            ["extract", "--provider", "rules", "--out", str(a_file / "sub"), str(good)],
            2,
            error="--out",
        ),
        CliCase(
            "ext_out_proc",
            ["extract", "--provider", "rules", "--out", "/proc/clinllm-out", str(good)],
            2,
        ),
        CliCase(
            "ext_same_stem",
            [
                "extract",
                "--provider",
                "rules",
                "--out",
                str(root / "o1"),
                str(good),
                str(root / "dir" / ".." / "good.txt"),
            ],
            2,
            error="both write",
        ),
        CliCase("ext_clean", ["extract", "--provider", "rules", str(good)], 0),
        CliCase(
            "ext_two_bad",
            [
                "extract",
                "--provider",
                "rules",
                str(_bytes(j / "e1.txt", b"")),
                str(_bytes(j / "e2.txt", b"\x00" + S.encode())),
            ],
            2,
        ),
        CliCase("ext_fifo_only", ["extract", "--provider", "rules", str(root / "fifo")], 2),
        CliCase("ext_dev_zero_only", ["extract", "--provider", "rules", "/dev/zero"], 2),
        CliCase(
            "ext_mixed",
            ["extract", "--provider", "rules", "--out", str(root / "o2"), str(good), "/dev/zero"],
            5,
        ),
        CliCase("ext_unknown_option", ["extract", "--no-such-option", str(good)], 2),
        # --- summarize, redact, policies, review, codes, eval on special files
        CliCase("sum_fifo", ["summarize", "--provider", "rules", str(root / "fifo")], 2),
        CliCase("sum_dev_zero", ["summarize", "--provider", "rules", "/dev/zero"], 2),
        CliCase("sum_dir", ["summarize", "--provider", "rules", str(root / "dir")], 2),
        CliCase("sum_mixed", ["summarize", "--provider", "rules", str(note), "/dev/zero"], 5),
        CliCase(
            "sum_fhir_bad_type",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(j / "f1.json", {"resourceType": S, "content": []}),
            ],
            2,
        ),
        CliCase(
            "sum_fhir_content_int",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(j / "f2.json", {"resourceType": "DocumentReference", "content": 5}),
            ],
            2,
        ),
        CliCase(
            "sum_fhir_entry_str",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(j / "f3.json", {"resourceType": "Bundle", "entry": S}),
            ],
            2,
        ),
        CliCase(
            "sum_fhir_huge_int",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(j / "f4.json", '{"resourceType": "Bundle", "n": ' + "7" * 5000 + "}"),
            ],
            2,
        ),
        CliCase(
            "sum_fhir_deep",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(
                    j / "f5.json",
                    '{"resourceType": "Bundle", "entry": ' + "[" * 50_000 + "]" * 50_000 + "}",
                ),
            ],
            2,
        ),
        CliCase(
            "sum_fhir_bad_b64",
            [
                "summarize",
                "--provider",
                "rules",
                _jsonl(
                    j / "f6.json",
                    {"resourceType": "DocumentReference", "content": [{"attachment": {"data": S}}]},
                ),
            ],
            2,
        ),
        CliCase("redact_fifo", ["redact", str(root / "fifo")], 2),
        CliCase("redact_dev_zero", ["redact", "/dev/zero"], 2),
        CliCase("redact_dir", ["redact", str(root / "dir")], 2),
        CliCase("pol_fifo", ["policies", "ingest", str(root / "fifo.md"), "--groups", "all"], 2),
        CliCase("pol_dev_zero", ["policies", "ingest", "/dev/zero", "--groups", "all"], 2),
        CliCase(
            "review_payload_fifo",
            ["review", "correct", "1", "--by", "me", "--payload", str(root / "fifo")],
            2,
        ),
        CliCase(
            "review_payload_dev_zero",
            ["review", "correct", "1", "--by", "me", "--payload", "/dev/zero"],
            2,
        ),
        CliCase(
            "review_payload_deep",
            [
                "review",
                "correct",
                "1",
                "--by",
                "me",
                "--payload",
                _jsonl(j / "p1.json", "[" * 100_000),
            ],
            2,
        ),
        CliCase("codes_fifo", ["codes", "import", str(root / "fifo"), "--system", "cpt"], 2),
        CliCase("codes_dev_zero", ["codes", "import", "/dev/zero", "--system", "cpt"], 2),
        CliCase(
            "codes_huge_field",
            [
                "codes",
                "import",
                _jsonl(j / "c1.csv", "code,description", "72148," + "x" * 200_000),
                "--system",
                "cpt",
            ],
            2,
        ),
        CliCase(
            "codes_binary",
            ["codes", "import", str(_bytes(j / "c2.csv", b"\x00\xff" * 50)), "--system", "cpt"],
            2,
        ),
        CliCase(
            "eval_data_is_file",
            ["eval", "run", "--suite", "triage", "--provider", "rules", "--data", str(a_file)],
            2,
        ),
        CliCase(
            "eval_data_fifo",
            [
                "eval",
                "run",
                "--suite",
                "triage",
                "--provider",
                "rules",
                "--data",
                str(_fifo_dataset(root)),
            ],
            2,
        ),
        # --- settings
        CliCase(
            "set_limit_text",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_LIMITS__MAX_FILE_BYTES": S},
            "CLINLLM_LIMITS__MAX_FILE_BYTES",
        ),
        CliCase(
            "set_limit_negative",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_LIMITS__MAX_PAGES": "-1"},
            "CLINLLM_LIMITS__MAX_PAGES",
        ),
        CliCase(
            "set_limit_zero",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_LIMITS__MAX_MESSAGE_CHARS": "0"},
        ),
        CliCase(
            "set_limit_float",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_LIMITS__MAX_FILE_BYTES": "1.5"},
        ),
        CliCase(
            "set_deadline_nan",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_DEADLINE_S": "nan"},
        ),
        CliCase(
            "set_deadline_neg",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_DEADLINE_S": "-5"},
        ),
        CliCase(
            "set_drafts", ["triage", "--provider", "rules", "hi"], 3, {"CLINLLM_TRIAGE_DRAFTS": S}
        ),
        CliCase("set_chain", ["triage", "hi"], 3, {"CLINLLM_DEFAULT_CHAIN": "bogus:model"}),
        CliCase(
            "set_limits_json",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_LIMITS": "{not json"},
        ),
        CliCase(
            "set_salt_short",
            ["triage", "--provider", "rules", "hi"],
            3,
            {"CLINLLM_PSEUDONYM_SALT": "short"},
        ),
    ]
    return cases


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fifo_dataset(root: Path) -> Path:
    data = root / "dataset"
    data.mkdir()
    os.mkfifo(data / "triage.jsonl")
    return data


@dataclass
class Ran:
    cases: list[CliCase]
    results: list[dict[str, Any]]
    stderr: str


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Ran:
    root = tmp_path_factory.mktemp("cli")
    cases = build(root)
    env = {**os.environ, "CLINLLM_DATA_DIR": str(root / "data"), "CLINLLM_LOG_LEVEL": "DEBUG"}
    env.pop("CLINLLM_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, str(DRIVER)],
        input=json.dumps([{"args": c.args, "env": c.env} for c in cases]),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env=env,
        cwd=root,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return Ran(cases, json.loads(done.stdout.splitlines()[-1]), done.stderr)


def _names() -> list[str]:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        return [c.name for c in build(Path(tmp))]


NAMES = _names()


@pytest.mark.parametrize("name", NAMES)
def test_each_command_ends_with_its_documented_code_and_a_clean_message(
    ran: Ran, name: str
) -> None:
    index = NAMES.index(name)
    case, result = ran.cases[index], ran.results[index]
    err = result["stderr"]
    assert result["code"] == case.code, err[-1500:]
    assert "Traceback" not in err
    assert "Traceback" not in result["stdout"]
    assert SENTINEL not in err
    if case.code not in (0, 5):
        errors = [line for line in err.splitlines() if line.startswith("error:")]
        usage = "Usage:" in err or "No such option" in err or "Missing" in err
        batch = "failed: " in err + result["stdout"]  # extract/summarize: each item in the table
        assert errors or usage or batch, err[-500:]
        if case.error is not None:
            assert case.error in err, err[-500:]


def test_nothing_leaked_to_the_process_streams(ran: Ran) -> None:
    assert "Traceback" not in ran.stderr
    assert SENTINEL not in ran.stderr
