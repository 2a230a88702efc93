"""File names that try to drive the terminal or Rich: shown escaped, never obeyed, never fatal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinllm.entrypoints.display import cell, markup, shown
from clinllm.files import write_atomic
from clinllm.samples import sample_paths

HOSTILE = (
    "recolour\x1b[31mred\x1b[0m.txt",  # an ANSI colour sequence
    "retitle\x1b]0;owned\x07.txt",  # an OSC sequence that retitles the terminal
    "fax\u202etxt.exe.txt",  # a right-to-left override that reverses what follows
    "[reverse]markup[blink].txt",  # Rich markup: would restyle the rest of the line
    "[link=mailto:x@example.invalid]click.txt",  # a hyperlink in terminals that support them
    "back\\slash.txt",
)


def _cli(*args: str | Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
        env=env,
    )


def test_unprintable_characters_are_escaped_and_text_is_kept() -> None:
    assert shown("a\x1b[31mb") == "a\\x1b[31mb"
    assert shown("fax\u202etxt") == "fax\\u202etxt"
    assert shown("zero\u200bwidth") == "zero\\u200bwidth"
    assert shown("back\\slash") == "back\\\\slash"
    assert shown("Müller résumé 東京.txt") == "Müller résumé 東京.txt"
    assert cell("[/]x").plain == "[/]x"  # not read as markup
    assert markup("[/]x") == "\\[/]x"


def test_a_result_file_is_replaced_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.json"
    write_atomic(target, '{"v": 1}\n')
    write_atomic(target, '{"v": 2}\n')
    assert target.read_text(encoding="utf-8") == '{"v": 2}\n'
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]  # no temporary left
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "\udc00")  # a lone surrogate cannot be written
    assert target.read_text(encoding="utf-8") == '{"v": 2}\n'
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


def test_extract_shows_hostile_file_names_escaped(tmp_path: Path) -> None:
    letter = next(p for p in sample_paths() if p.name == "pa_mri_lumbar_letter.txt")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for index, name in enumerate(HOSTILE):
        # distinct bytes per file: the same bytes would be one document
        (inputs / name).write_text(letter.read_text(encoding="utf-8") + f"\nref {index}\n")
    (inputs / "empty\x1b[2J.txt").write_bytes(b"")  # refused: its name is in the error
    env = {**os.environ, "CLINLLM_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "400"}
    env.pop("CLINLLM_DATABASE_URL", None)
    done = _cli(
        "extract", "--provider", "rules", "--out", tmp_path / "out",
        *sorted(inputs.iterdir()), env=env,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 5, done.stderr[-2000:]
    assert "Traceback" not in output
    assert "\x1b" not in output
    assert "\x07" not in output
    assert "\u202e" not in output
    assert "\\x1b[31mred" in output
    assert "\\u202e" in output
    assert "[reverse]markup[blink].txt" in output  # printed as text, not applied
    assert "[link=mailto:x@example.invalid]click.txt" in output
    assert len(list((tmp_path / "out").glob("*.json"))) == len(HOSTILE) + 1


def test_an_error_naming_a_hostile_file_is_escaped(tmp_path: Path) -> None:
    env = {**os.environ, "CLINLLM_DATA_DIR": str(tmp_path / "data")}
    env.pop("CLINLLM_DATABASE_URL", None)
    missing = tmp_path / "gone\x1b[2J\u202e.jsonl"
    done = _cli("triage", "--provider", "rules", "--file", missing, env=env)
    assert done.returncode == 2, done.stderr
    assert "\x1b" not in done.stderr
    assert "\u202e" not in done.stderr
    assert done.stderr.startswith("error: ")
    assert done.stderr.count("\n") == 1
