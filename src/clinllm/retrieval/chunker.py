"""Chunk a policy document by section, keeping offsets, the heading path and hidden parts apart.

A policy answers questions section by section ("2.3 Repeat imaging"), so a chunk is a section:
retrieval then returns the passage a reviewer would quote, and its heading path tells the
reader where it sits. Long sections are split at paragraph breaks; a heading with almost no
body is carried into the next chunk so no chunk is only a title. Every chunk keeps its offsets
into the document text, so a citation can be checked against the characters it quotes.

Headings are recognized by form, not by a list of words: Markdown ``#`` lines, numbered lines
(``2.1 Red-flag indications``), ``Section 4`` lines and short upper-case lines.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["MAX_CHARS", "Section", "TextPart", "chunk_sections"]

#: A section longer than this is split at paragraph (then line) breaks.
MAX_CHARS = 1400
#: A section shorter than this (a heading and a line) is merged into the next one.
MIN_CHARS = 160

_MD = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")
_NUMBERED = re.compile(r"^(?:section\s+)?(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+([A-Z(].{0,90})$", re.I)
_ROMAN = re.compile(r"^([IVX]{1,5})[.)]\s+([A-Z].{0,90})$")
_CAPS = re.compile(r"^[A-Z][A-Z0-9 ,&/()'-]{3,80}:?$")


@dataclass(frozen=True, slots=True)
class TextPart:
    """A stretch of the document text to chunk; hidden parts are chunked on their own.

    Attributes:
        start: Offset of the part in the document text.
        end: Offset one past its end.
        hidden: The part was hidden from a human reader.
    """

    start: int
    end: int
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """One chunk's worth of text: offsets, heading path, hidden flag."""

    start: int
    end: int
    path: str
    hidden: bool = False


def _heading(line: str) -> tuple[int, str] | None:
    """``(level, title)`` when ``line`` is a heading, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > 100:
        return None
    m = _MD.match(stripped)
    if m:
        return len(m.group(1)), m.group(2)
    m = _NUMBERED.match(stripped)
    if m and not stripped.endswith((".", ";", ",")) and len(stripped.split()) <= 14:
        return m.group(1).count(".") + 1, stripped
    m = _ROMAN.match(stripped)
    if m and not stripped.endswith("."):
        return 1, stripped
    if _CAPS.match(stripped) and len(stripped.split()) >= 2 and not re.search(r"\d{3,}", stripped):
        return 1, stripped.rstrip(":")
    return None


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at paragraph, then line, breaks into pieces of at most MAX."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    while end - cursor > MAX_CHARS:
        window = text[cursor : cursor + MAX_CHARS]
        cut = window.rfind("\n\n")
        if cut < MAX_CHARS // 3:
            cut = window.rfind("\n")
        if cut < MAX_CHARS // 3:
            cut = max(window.rfind(". "), window.rfind(" "))
        cut = cut + 1 if cut > 0 else MAX_CHARS
        pieces.append((cursor, cursor + cut))
        cursor += cut
    pieces.append((cursor, end))
    return pieces


def _visible_sections(text: str, part: TextPart) -> list[Section]:
    heads: list[tuple[int, int, str]] = []  # (offset, level, title)
    offset = part.start
    for line in text[part.start : part.end].splitlines(keepends=True):
        found = _heading(line)
        if found is not None:
            heads.append((offset, found[0], found[1]))
        offset += len(line)
    bounds = [part.start, *(h[0] for h in heads if h[0] > part.start), part.end]
    stack: list[tuple[int, str]] = []
    paths: dict[int, str] = {}
    for at, level, title in heads:
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        paths[at] = " > ".join(t for _, t in stack)
    raw = [
        Section(s, e, paths.get(s, "")) for s, e in itertools.pairwise(bounds) if text[s:e].strip()
    ]
    merged: list[Section] = []
    carry: int | None = None
    for i, section in enumerate(raw):
        start = section.start if carry is None else carry
        if section.end - start < MIN_CHARS and i + 1 < len(raw):
            carry = start
            continue
        carry = None
        merged.append(Section(start, section.end, section.path))
    out: list[Section] = []
    for section in merged:
        for s, e in _split_long(text, section.start, section.end):
            if text[s:e].strip():
                out.append(Section(s, e, section.path))
    return out


def chunk_sections(text: str, parts: list[TextPart] | None = None) -> list[Section]:
    """Sections of ``text`` in order, each at most :data:`MAX_CHARS` long.

    Args:
        text: The document's normalized text.
        parts: Visible and hidden stretches of ``text``; the whole text is visible when None.
            A hidden part is never merged with visible text.
    """
    parts = parts or [TextPart(0, len(text))]
    out: list[Section] = []
    for part in parts:
        if part.hidden:
            out += [
                Section(s, e, "hidden content", hidden=True)
                for s, e in _split_long(text, part.start, part.end)
                if text[s:e].strip()
            ]
        else:
            out += _visible_sections(text, part)
    return out
