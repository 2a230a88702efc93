"""A form view of a document: table rows and machine labels rewritten as ``Label: value``.

Why: the recognizers read labelled fields (``Member ID: X``, ``Diagnosis: Y``). Exported forms
write the same fields in other shapes: markdown or pipe tables (``| Member ID | X |``), portal
exports with machine keys (``member_id: X``, ``PATIENT_INFORMATION``). Rather than teach every
recognizer every shape, this module rewrites those shapes into the one they read, character for
character (same length, same offsets), so every span found in the view points at the same
characters of the original text and evidence stays exact.
"""

from __future__ import annotations

import re

__all__ = ["form_view"]

_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MACHINE_KEY = re.compile(r"^(\s*)([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+)(?=\s*(?::|$))")


def _pipe_row(line: str) -> str:
    """``| Label | value | more |`` -> ``  Label : value   more  `` (same length).

    The first cell becomes a label when it reads like one (letters, no code-like digits), so the
    value after it is a labelled field; further cell borders become column gaps (two or more
    spaces), which the recognizers already treat as the end of a value.
    """
    if _SEPARATOR_ROW.match(line):
        return " " * len(line)
    chars = list(line)
    bars = [i for i, ch in enumerate(line) if ch == "|"]
    if not bars:
        return line
    leading = line[: bars[0]].strip() == ""
    first_cell_end = bars[1] if leading and len(bars) > 1 else bars[0]
    first_cell = line[bars[0] + 1 : first_cell_end] if leading else line[: bars[0]]
    labelish = bool(
        re.fullmatch(r"\s*(?:ICD-?10(?:-CM)?|[A-Za-z][A-Za-z /&#()'.,-]{0,40})\s*", first_cell)
    )
    for i in bars:
        chars[i] = " "
    if labelish and first_cell_end in bars and first_cell_end != bars[-1]:
        chars[first_cell_end] = ":"
    return "".join(chars)


# "Member #..........PSM 669" / "Health plan ....... Keystone": a label, a dotted leader, a value.
_LEADER = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9 /&#'()+,-]{0,40}?)\s?(\.{4,})(?=\s*[^\s.])")


def _leader(m: re.Match[str]) -> str:
    """``Label.......value`` -> ``Label:      value`` (same length)."""
    return m.group(1) + ":" + " " * (len(m.group(0)) - len(m.group(1)) - 1)


# A field label alone on its line with its value on the next ("Birth date" / "9/16/61"): the
# shape a table takes when extraction puts each cell on its own line.
_STACKED_LABEL = re.compile(
    r"(?im)^([ \t]*(?:patient(?: name)?|member(?: name| id| #)?|name|d\.?o\.?b\.?|date of birth|"
    r"birth ?date|plan|payer|insurer|insurance|health plan|id|member number|subscriber id|"
    r"npi|provider|requesting provider|ordering (?:physician|provider)|prescriber|"
    r"date of service|service date|dos|start date))[ \t]*\n(?=[ \t]*[^\s:][^:\n]{0,60}$)"
)


def _stacked(m: re.Match[str]) -> str:
    """``Label`` then ``value`` on the next line -> ``Label:value`` (same length)."""
    return m.group(0)[:-1] + ":"


# "Member ID - HHP2041": a label, a dash between spaces, a value. Only a form that writes
# several fields this way is read so, or a title ("MRI - lumbar spine") would become a field.
_DASHED = re.compile(r"(?m)^([ \t]*[A-Za-z][A-Za-z0-9 /#().'&]{0,30}?[ \t]+)[-–—]([ \t]+)(?=\S)")
_DASHED_FORM = 3


def _field_like(label: str) -> bool:
    """A field label, not a heading: ``Member ID``, ``DOB``; not ``SECTION A`` or ``HOME CARE``."""
    label = label.strip()
    return any(ch.islower() for ch in label) or len(label) <= 4


def _dashed(text: str) -> str:
    """``Label - value`` -> ``Label : value`` (same length) in a form of dashed fields."""
    if sum(_field_like(m.group(1)) for m in _DASHED.finditer(text)) < _DASHED_FORM:
        return text
    return _DASHED.sub(
        lambda m: m.group(1) + ":" + m.group(2) if _field_like(m.group(1)) else m.group(0), text
    )


def form_view(text: str) -> str:
    """The text with table rows and machine labels rewritten as labelled fields.

    Same length as ``text``: offsets are unchanged. Only lines that are table rows (two or
    more ``|``), start with a ``snake_case`` key, a dotted leader or (in a form of several such
    lines) ``Label - value`` are touched.
    """
    out: list[str] = []
    text = _dashed(_STACKED_LABEL.sub(_stacked, text))
    for line in re.split(r"(\n|\f)", text):
        if line in ("\n", "\f"):
            out.append(line)
            continue
        if line.count("|") >= 2:
            line = _pipe_row(line)
        line = _LEADER.sub(_leader, line)
        m = _MACHINE_KEY.match(line)
        if m:
            key = m.group(2).replace("_", " ")
            line = m.group(1) + key + line[m.end() :]
        out.append(line)
    return "".join(out)
