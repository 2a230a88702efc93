"""``clinllm redact FILE|-``: print a text with its PHI replaced, or the findings as JSON.

Input rules, each one a one-line error with exit code 2 and no content in the message:
binary input (a NUL byte), invalid UTF-8, and more than ``--max-bytes`` bytes. The JSON
findings carry types, spans, confidence and recognizer; the identifier values themselves
are printed only with ``--show-values``, because a findings file is as sensitive as the text.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, BinaryIO

import typer

from clinllm.errors import (
    BinaryInput,
    DocumentTooLarge,
    InputError,
    InputTooLarge,
    InvalidUtf8,
)
from clinllm.files import read_bounded
from clinllm.phi import PhiFinding, Pseudonymizer, default_detector

__all__ = ["DEFAULT_MAX_BYTES", "app", "main", "read_text_input", "redact_text"]

#: Largest input accepted by default (1 MB): a clinical document, not a data dump.
DEFAULT_MAX_BYTES = 1_000_000

app = typer.Typer(
    name="redact",
    help="Replace PHI in a text file (or stdin) with typed placeholders.",
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"input is larger than --max-bytes={max_bytes}")
    return data


def read_text_input(source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read ``source`` (a path, or ``-`` for stdin) as UTF-8 text within ``max_bytes``.

    Raises:
        InputError: Missing or unreadable file, binary data, invalid UTF-8, too large. The
            message names the problem and a byte offset, never the content (or the path,
            which may itself name a patient).
    """
    if source == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes)
    else:
        try:
            data = read_bounded(Path(source), max_bytes=max_bytes, name="input file")
        except DocumentTooLarge:
            raise InputTooLarge(f"input is larger than --max-bytes={max_bytes}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInput(f"input is binary (NUL byte at offset {nul}), expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidUtf8(f"input is not valid UTF-8 (byte offset {exc.start})") from None


def redact_text(text: str, findings: list[PhiFinding], *, numbered: bool) -> str:
    """Replace each finding by ``[TYPE]``, or by a consistent ``[TYPE_n]`` when ``numbered``."""
    if numbered:
        pseudonymizer = Pseudonymizer(default_detector(), salt=os.urandom(32))
        return pseudonymizer.pseudonymize(text, scope="cli").text
    parts: list[str] = []
    pos = 0
    for f in findings:
        parts.extend((text[pos : f.start], f"[{f.type}]"))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


@app.callback(invoke_without_command=True)
def redact(
    source: Annotated[
        str | None, typer.Argument(metavar="FILE|-", help="Text file, or - for stdin.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the findings as JSON instead of the text.")
    ] = False,
    show_values: Annotated[
        bool, typer.Option("--show-values", help="With --json, include the PHI values (careful).")
    ] = False,
    numbered: Annotated[
        bool, typer.Option("--numbered", help="Consistent [NAME_1], [NAME_2]... placeholders.")
    ] = False,
    max_bytes: Annotated[
        int,
        typer.Option("--max-bytes", min=1, envvar="CLINLLM_REDACT_MAX_BYTES", help="Input limit."),
    ] = DEFAULT_MAX_BYTES,
) -> None:
    """Redact PHI from FILE (or stdin) and print the result."""
    if source is None:
        raise InputError("missing FILE argument (use - to read stdin)")
    text = read_text_input(source, max_bytes)
    findings = default_detector().detect(text)
    if not as_json:
        sys.stdout.write(redact_text(text, findings, numbered=numbered))
        return
    counts: dict[str, int] = {}
    rows: list[dict[str, object]] = []
    for f in findings:
        counts[f.type] = counts.get(f.type, 0) + 1
        row: dict[str, object] = {
            "start": f.start,
            "end": f.end,
            "type": f.type,
            "confidence": f.confidence,
            "recognizer": f.recognizer,
        }
        if show_values:
            row["text"] = f.text
        rows.append(row)
    payload = {"characters": len(text), "counts": counts, "findings": rows}
    sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    """Run the command on its own, with one-line errors and exit codes (2 for bad input)."""
    from clinllm.entrypoints.errors import run_cli

    run_cli(app)


if __name__ == "__main__":
    main()
