"""Medication reconciliation tables: one row per drug, the action in a column.

An EHR exports a reconciliation as a table flattened to text ("Medication | Prior dose | Status
| New dose", or columns padded with spaces). Read as prose, a row's status word sits between
two drug names and the clause reader gave it to the wrong one ("STOP | - omeprazole" stopped
omeprazole). A row is one decision: its action is the status cell when the table has one, and
otherwise what the before and after columns show (nothing before: started; nothing after:
stopped; different: dose changed; the same: continued).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinllm.workflows.note_summary.schema import Action

__all__ = ["TableRow", "find_table_rows"]


@dataclass(frozen=True, slots=True)
class TableRow:
    """One drug row of a reconciliation table.

    Attributes:
        start: Offset of the row's first character.
        end: Offset one past its last.
        action: What the row says is done with the drug.
        dose: The dose after the encounter (None when stopped or not given).
        cue_start: Offset of the cell that gave the action.
        cue_end: Offset one past it.
    """

    start: int
    end: int
    action: Action
    dose: str | None
    cue_start: int
    cue_end: int


_SPLIT = re.compile(r"\s*\|\s*|\t+|\s{3,}")
_STATUS_HEAD = re.compile(r"(?i)^(?:status|action|change|plan|disposition|decision)$")
_BEFORE_HEAD = re.compile(r"(?i)\b(?:prior|before|previous|home|current|old|admission)\b")
_AFTER_HEAD = re.compile(r"(?i)\b(?:new|now|after|discharge|updated|going\s+forward)\b")
_DRUG_HEAD = re.compile(r"(?i)\b(?:medications?|meds?|drugs?|name)\b")
_EMPTY = re.compile(r"^(?:-+|—|none|n/?a|0)?$", re.I)
_STATUS: tuple[tuple[Action, re.Pattern[str]], ...] = (
    ("stopped", re.compile(r"(?i)\b(?:stop\w*|discontinu\w*|d/?c'?d?|held|hold|remove\w*)\b")),
    (
        "dose_changed",
        re.compile(r"(?i)\b(?:chang\w*|adjust\w*|increas\w*|decreas\w*|titrat\w*|modif\w*)\b"),
    ),
    ("started", re.compile(r"(?i)\b(?:new|start\w*|add\w*|begin|began|initiat\w*)\b")),
    ("continued", re.compile(r"(?i)\b(?:continu\w*|unchanged|same|no\s+change|resume\w*)\b")),
)


def _cells(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table line, relative to the line."""
    out: list[tuple[int, int]] = []
    pos = 0
    for sep in _SPLIT.finditer(line):
        if sep.start() == 0 and sep.end() == 0:
            continue
        out.append((pos, sep.start()))
        pos = sep.end()
    out.append((pos, len(line.rstrip())))
    return [(s, e) for s, e in out if e >= s]


def _columns(header: list[str]) -> tuple[int, int | None, int | None, int | None] | None:
    """(drug, status, before, after) column indexes of a header row, or None for no table."""
    if len(header) < 3 or not _DRUG_HEAD.search(header[0]):
        return None
    status = next((i for i, h in enumerate(header) if _STATUS_HEAD.match(h.strip())), None)
    before = next((i for i, h in enumerate(header[1:], 1) if _BEFORE_HEAD.search(h)), None)
    after = next(
        (i for i, h in enumerate(header[1:], 1) if i != before and _AFTER_HEAD.search(h)), None
    )
    if status is None and (before is None or after is None):
        return None
    return 0, status, before, after


def _action(status: str | None, before: str | None, after: str | None) -> Action | None:
    if status is not None:
        for action, pattern in _STATUS:
            if pattern.search(status):
                return action
    if before is None or after is None:
        return None
    if _EMPTY.match(before.strip()) and not _EMPTY.match(after.strip()):
        return "started"
    if _EMPTY.match(after.strip()):
        return "stopped"
    return "continued" if before.strip().lower() == after.strip().lower() else "dose_changed"


def find_table_rows(text: str) -> list[TableRow]:
    """Every drug row of every reconciliation table in the note."""
    rows: list[TableRow] = []
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    i = 0
    while i < len(lines):
        base, line = lines[i]
        spans = _cells(line)
        columns = _columns([line[s:e] for s, e in spans])
        i += 1
        if columns is None:
            continue
        _, status, before, after = columns
        width = len(spans)
        while i < len(lines):
            base, line = lines[i]
            spans = _cells(line)
            if len(spans) != width:
                break
            i += 1
            cells = [line[s:e] for s, e in spans]
            action = _action(
                cells[status] if status is not None else None,
                cells[before] if before is not None else None,
                cells[after] if after is not None else None,
            )
            if action is None:
                continue
            dose = None
            if after is not None and action != "stopped" and not _EMPTY.match(cells[after]):
                dose = cells[after].strip()
            cue = spans[status] if status is not None else spans[after if after else 0]
            rows.append(
                TableRow(base, base + len(line), action, dose, base + cue[0], base + cue[1])
            )
    return rows
