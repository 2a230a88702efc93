"""Reading hand-written corpus files and writing JSONL, shared by the corpus generators.

Hand-written documents live in plain text files so they read like the documents they imitate.
A file holds records; each record is::

    @@@ <id>
    <gold JSON, one or more lines>
    ---
    <document text, verbatim; <FF> stands for a form feed (page break)>

PHI texts mark every span inline as ``[[TYPE|text]]``; :func:`strip_markup` removes the marks
and computes the offsets, so no offset is ever counted by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

__all__ = [
    "HandRecord",
    "read_hand_file",
    "strip_markup",
    "write_jsonl",
]

_MARK = re.compile(r"\[\[([A-Z_0-9]+)\|(.*?)\]\]", re.DOTALL)


class HandRecord:
    """One hand-written record: its id, gold (parsed JSON) and document text."""

    __slots__ = ("gold", "id", "text")

    def __init__(self, ident: str, gold: Any, text: str) -> None:
        self.id = ident
        self.gold = gold
        self.text = text


def read_hand_file(path: Path) -> list[HandRecord]:
    """Parse a hand-written corpus file (format in the module docstring)."""
    records: list[HandRecord] = []
    blocks = re.split(r"^@@@ ", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    for block in blocks[1:]:
        head, _, rest = block.partition("\n")
        gold_text, sep, body = rest.partition("\n---\n")
        if not sep:
            raise ValueError(f"{path.name}: record {head.strip()} has no --- separator")
        body = body.rstrip("\n").replace("<FF>", "\f")
        records.append(HandRecord(head.strip(), json.loads(gold_text), body))
    return records


def strip_markup(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """Remove ``[[TYPE|text]]`` marks and return the plain text and its spans in order."""
    out: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        chunk = marked[pos : m.start()]
        out.append(chunk)
        length += len(chunk)
        value = m.group(2)
        spans.append(
            {"start": length, "end": length + len(value), "type": m.group(1), "text": value}
        )
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError("unbalanced PHI markup")
    return text, spans


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write rows as UTF-8 JSON Lines, refusing duplicate ids."""
    ids = [r["id"] for r in rows]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{path.name}: duplicate ids")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
