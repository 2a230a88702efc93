"""Identifiers and names in tables, typed by their column header.

A device inventory, a crash report's vehicle list or a CSV export puts a label once, in a
header, and the values below it: ``Serial No.`` over ``MN.4790.56``, ``Tag No.`` over
``GP1 3506``, ``MedRecNo`` over ``A65-7430-13``, ``Name`` over ``Bergkamp Verity``. Prose
rules see a bare value with no label, and a short serial or a plate with a space in it is
then missed. This recognizer finds header lines (pipe, tab, comma or space-aligned
columns whose cells are labels) and reads each following row cell by the header of its
column: a PHI type, a person's name, or ``NOT_PHI`` for lot, model, code and unit columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.id_labels import NOT_PHI, header_kind
from clinllm.phi.recognizers.labelled_ids import id_value_at

__all__ = ["TableColumnRecognizer"]

_SPACE_SPLIT: Final = LazyPattern(r"\S+(?: \S+)*")
_RULE_LINE: Final = LazyPattern(r"[\s|+:=_-]*")
_HEADER_CELL: Final = LazyPattern(r"[^\W\d_][\w .#/'’()-]{0,30}[:.#]?")
_NAME_CELL: Final = LazyPattern(
    r"[^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*(?:,? [^\W\d_a-z][^\W\d_]*(?:['’-][^\W\d_]+)*\.?){0,3}"
)
_MAX_ROWS: Final = 60
#: Column names that type nothing but show a line is a header ("DOB", "Phone", "Status").
_PLAIN_HEADERS: Final = frozenset(
    """date dob birth born phone tel telephone cell mobile fax email address street city state
    zip postcode country sex gender age time description desc notes note comments comment
    status type item items qty amount total balance charge charges result results provider
    physician doctor dept department location site role relationship implanted placed issued
    due seen visit service field value label color colour year make brand manufacturer""".split()
)


#: Column names of a vehicle's registration ("Reg", "Rego", "Registration").
_PLATE_HEADERS: Final = frozenset({"reg", "reg.", "rego", "registration", "reg no", "reg no."})


#: Column names of a person's age ("Age", "Age (yrs)", "Edad", "Alter"): a cell of 90 or over
#: below one is an age over 89.
_AGE_HEADERS: Final = frozenset(
    {"age", "age (yrs)", "age (y)", "age (years)", "age in years", "age, y", "edad", "edad (años)"}
    | {"idade", "età", "eta", "alter", "âge", "âge (ans)", "leeftijd", "wiek"}
)
_AGE_CELL: Final = LazyPattern(
    r"(9\d|1[01]\d)(?:[ \t]?(?:y|yrs?|yo|y/o|y\.o\.|years?|a|ans|años|J|Jahre))?\.?"
)


def _column_kind(cell: str) -> str | None:
    """What a header cell types its column as (``header_kind``, plus registrations and ages)."""
    low = " ".join(cell.lower().strip(" :").split())
    if low in _PLATE_HEADERS:
        return "VEHICLE"
    if low in _AGE_HEADERS:
        return "AGE_OVER_89"
    return header_kind(cell)


def _split(line: str, sep: str) -> list[tuple[int, int]]:
    """Cell spans of a line (offsets within the line), trimmed of spaces."""
    if sep == "  ":
        return [m.span() for m in _SPACE_SPLIT.finditer(line.replace("\t", "  "))]
    spans = []
    pos = 0
    parts = line.split(sep)
    if sep == "|":
        if parts and not parts[0].strip():
            pos += len(parts[0]) + 1
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
    for part in parts:
        lead = len(part) - len(part.lstrip())
        spans.append((pos + lead, pos + len(part.rstrip())))
        pos += len(part) + 1
    return spans


def _separator(line: str) -> str | None:
    if line.count("|") >= 2:
        return "|"
    if "\t" in line:
        return "\t"
    if line.count(",") >= 2:
        return ","
    if "  " in line:
        return "  "
    return None


def _header(line: str, sep: str) -> list[tuple[int, int, str | None]] | None:
    """The columns of a header line: (start, end, kind), or None if it is not a header."""
    cells = _split(line, sep)
    if len(cells) < (2 if sep in "|\t" else 3):
        return None
    columns = []
    typed = plain = 0
    for start, end in cells:
        cell = line[start:end]
        if not cell or _HEADER_CELL.fullmatch(cell) is None or len(cell.split()) > 4:
            return None
        kind = _column_kind(cell)
        typed += kind is not None and kind != NOT_PHI
        plain += kind is not None or any(w in _PLAIN_HEADERS for w in _words(cell))
        columns.append((start, end, kind))
    # Every cell of a header is a column name, bar one in a wide table: "| Patient | Cordelia
    # Haverkamp |" is a row of a two-column form, not a header.
    return columns if typed and plain >= max(2, len(cells) - 1) else None


def _words(cell: str) -> list[str]:
    return re.findall(r"[a-z]+", cell.lower())


def _column_of(columns: list[tuple[int, int, str | None]], start: int, end: int) -> int:
    """The space-aligned column a cell falls under: the one it overlaps most."""
    best, best_overlap = -1, 0
    for i, (c_start, _, _) in enumerate(columns):
        c_end = columns[i + 1][0] if i + 1 < len(columns) else 10**9
        overlap = min(end, c_end) - max(start, c_start - 2)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    return best


class TableColumnRecognizer:
    """Cells of a table typed by the label in their column header."""

    name = "table"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield a candidate for every typed cell below a header line."""
        if "\n" not in text:
            return
        lines: list[tuple[int, str]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        i = 0
        while i < len(lines):
            line = lines[i][1]
            sep = _separator(line)
            columns = _header(line, sep) if sep is not None else None
            i += 1
            if columns is None or sep is None:
                continue
            rows = 0
            while i < len(lines) and rows < _MAX_ROWS:
                row_offset, row = lines[i]
                if not row.strip():
                    break
                if _RULE_LINE.fullmatch(row):
                    i += 1
                    continue
                cells = _split(row, sep)
                if len(cells) < 2 or (sep != "  " and len(cells) != len(columns)):
                    break
                # A space-aligned row with one cell per column is read by position: a long
                # name pushes the cells after it to the right of their headers.
                by_index = sep != "  " or len(cells) == len(columns)
                for k, (start, end) in enumerate(cells):
                    col = k if by_index else _column_of(columns, start, end)
                    kind = columns[col][2] if col >= 0 else None
                    if kind is not None:
                        yield from self._cell(text, row_offset + start, row_offset + end, kind)
                rows += 1
                i += 1

    def _cell(self, text: str, start: int, end: int, kind: str) -> Iterator[Candidate]:
        cell = text[start:end]
        if kind == "NAME":
            if _NAME_CELL.fullmatch(cell) and not any(ch.isdigit() for ch in cell):
                yield Candidate(start, end, "NAME", 0.6, self.name, priority=48)
            return
        if kind == "AGE_OVER_89":
            age = _AGE_CELL.fullmatch(cell)
            if age is not None:  # 89 and under stay; the number alone is the age token
                yield Candidate(start, start + age.end(1), kind, 0.8, self.name, priority=75)
            return
        if kind == NOT_PHI:
            # A lot, model, code, make or unit column: "Kia" under "Make" is no person.
            yield Candidate(start, end, NOT_PHI, 0.8, self.name, priority=90)
            return
        if not any(ch.isdigit() for ch in cell):
            return
        found = id_value_at(text, start, kind)
        if found is not None and found[1] <= end:
            yield Candidate(found[0], found[1], kind, 0.8, self.name, priority=65)
        elif re.fullmatch(r"[\w()./-]{3,40}", cell):
            yield Candidate(start, end, kind, 0.7, self.name, priority=62)
