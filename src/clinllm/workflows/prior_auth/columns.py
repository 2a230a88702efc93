"""Tables whose labels head the columns: a header row of field labels over a row of values.

Why: a request exported as a grid (``Patient Name   DOB   Member ID`` over
``Dana Okonkwo   04/05/1977   HHP2041``, or the same as a pipe table) puts each value under its
label, not after it. Read line by line, the header row looks like a run of empty fields and the
value row like unlabelled text, so every field of a filled grid would be reported missing and
an empty cell would go unnoticed. This module pairs each value with the label above it, by the
cell's index in a pipe table and by column position in an aligned one, and keeps the value's
offsets in the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Cell", "header_tables"]

_GAP = re.compile(r"[ \t]{2,}|\t")
_RULE = re.compile(r"^[\s|:_=+-]*$")


@dataclass(frozen=True, slots=True)
class Cell:
    """A value under its column's label (offsets into the text; empty cells have start == end).

    Attributes:
        label: The column's label as written.
        start: Offset of the value.
        end: Offset after the value.
    """

    label: str
    start: int
    end: int


def _segments(line: str) -> list[tuple[int, int]]:
    """Spans of the text runs of an aligned line, split at gaps of two or more spaces."""
    out: list[tuple[int, int]] = []
    pos = 0
    for gap in _GAP.finditer(line):
        if line[pos : gap.start()].strip():
            out.append((pos, gap.start()))
        pos = gap.end()
    if line[pos:].strip():
        end = len(line.rstrip())
        start = pos + len(line[pos:]) - len(line[pos:].lstrip())
        out.append((start, end))
    return [(s + len(line[s:e]) - len(line[s:e].lstrip()), e) for s, e in out]


def _cells(line: str) -> list[tuple[int, int]]:
    """Spans of a pipe row's cells (inner text, stripped; an empty cell is a zero-width span)."""
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    if line[: bars[0]].strip():
        bars.insert(0, -1)
    if line[bars[-1] + 1 :].strip():
        bars.append(len(line))
    out = []
    for a, b in pairwise(bars):
        raw = line[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        out.append((a + 1 + lead, a + 1 + lead + len(raw.strip())))
    return out


def _is_header(texts: list[str], is_label: Callable[[str], bool]) -> bool:
    named = [t for t in texts if t.strip()]
    return len(named) >= 2 and all(is_label(t.strip().rstrip(":")) for t in named)


def _value_row(lines: list[str], i: int) -> int | None:
    """The row of values under header row ``i``: the next line that is not a rule or blank."""
    for j in range(i + 1, min(i + 3, len(lines))):
        if lines[j].strip() and not _RULE.match(lines[j]):
            return j
        if not lines[j].strip():
            return None
    return None


def _piped_value_row(lines: list[str], i: int) -> int | None:
    """The pipe row of values under piped header row ``i``, across a page break.

    Why: a grid printed over two pages keeps its header row at the foot of one page and its
    values at the top of the next, with the page's footer and header between them. What lies
    between may be blank lines, rules and short page furniture (no ``Label:`` pair, no pipe);
    any other text ends the search, so a header row is never paired with a distant table.
    """
    for j in range(i + 1, min(i + 7, len(lines))):
        line = lines[j]
        if _RULE.match(line):
            continue
        if line.count("|") >= 2:
            return j
        if ":" in line or "|" in line or len(line.strip()) > 60:
            return None
    return None


def _aligned(header: str, row: str) -> list[tuple[int, int, int, int]] | None:
    """Header segments with the value under each: (label start, label end, value start, end)."""
    heads = _segments(header)
    values = _segments(row)
    if not values or len(values) > len(heads):
        return None
    out = []
    for k, (hs, he) in enumerate(heads):
        right = heads[k + 1][0] if k + 1 < len(heads) else None
        mine = [
            (vs, ve)
            for vs, ve in values
            if (k == 0 or vs >= hs - 2) and (right is None or vs < right - 2)
        ]
        if mine:
            out.append((hs, he, mine[0][0], mine[-1][1]))
        else:
            column = min(hs, len(row))
            out.append((hs, he, column, column))
    return out


def header_tables(
    lines: list[str], bases: list[int], is_label: Callable[[str], bool]
) -> tuple[list[Cell], set[int]]:
    """Every value under a header row of labels, and the line numbers the tables take.

    Args:
        lines: The document's lines (the original text split at line and page breaks).
        bases: Offset of each line in the text.
        is_label: Whether a cell's text is a field label.

    Returns:
        The cells (label, value offsets) and the indexes of the header and value lines, which
        a line-by-line reader should then leave alone.
    """
    cells: list[Cell] = []
    used: set[int] = set()
    for i, line in enumerate(lines):
        if i in used or not line.strip():
            continue
        piped = line.count("|") >= 2
        spans = _cells(line) if piped else _segments(line)
        if not _is_header([line[s:e] for s, e in spans], is_label):
            continue
        j = _piped_value_row(lines, i) if piped else _value_row(lines, i)
        if j is None:
            continue
        row = lines[j]
        if piped:
            values = _cells(row)
            if len(values) != len(spans) or _is_header([row[a:b] for a, b in values], is_label):
                continue
            pairs = [(hs, he, vs, ve) for (hs, he), (vs, ve) in zip(spans, values, strict=True)]
        else:
            if "|" in row or _is_header([row[s:e] for s, e in _segments(row)], is_label):
                continue
            aligned = _aligned(line, row)
            if aligned is None:
                continue
            pairs = aligned
        for hs, he, vs, ve in pairs:
            if line[hs:he].strip():
                cells.append(Cell(line[hs:he].strip().rstrip(":"), bases[j] + vs, bases[j] + ve))
        used.update(range(i, j + 1))
    return cells, used
