"""The layout of a prior-auth document: lines, field labels, blocks and sections.

Why: forms, letters and faxes put the *requested* codes in labelled fields ("Requested
service:", "Diagnosis codes:", "Items requested:" and the indented lines under them) or in
code-led table rows, while history, prior procedures and family history sit under other labels
("PMH:", "Other history") or in narrative sentences. Reading a code's place in the layout is
how the recognizers tell a request from a distractor without knowing any particular form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["CODE_LED", "Context", "Layout", "Line", "label_kind"]

#: What a label, heading or block says about the values under it.
Context = Literal["request", "diagnosis", "history", "neutral"]

_LABEL = re.compile(
    r"(?P<label>(?:ICD-10(?:-CM)?|[A-Za-z])[A-Za-z0-9 /&#'()+.,-]{0,48}?)"
    r"\s*(?::|\.{2,}|#\s*:)(?=\s|$)[ \t.]*"
)
_BULLET = re.compile(r"^\s*(?:[-*•>]+|\(?[0-9a-z]{1,2}[.)]|\[\s*[xX✓✔]?\s*\])?\s*")

_HISTORY = re.compile(
    r"\b(history|hx|pmh|psh|fhx|past|prior|previous|previously|family|s/p|former|"
    r"conservative|to date|tried|failed|treatment history|prior therap\w*|"
    r"medications|meds|current medications|other)\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(request\w*|service\w*|procedures?|study|tests?|items?|equipment|supplies|"
    r"drug|agent|codes?|cpt|hcpcs|cpt/hcpcs|proc|surgery|operation|treatment requested|"
    r"medication requested|product|device|dme|therapy requested|services requested)\b",
    re.IGNORECASE,
)
_DIAGNOSIS = re.compile(r"\b(diagnos\w*|dx|icd|icd-10|icd-10-cm|indication)\b", re.IGNORECASE)
_PA_PHRASE = re.compile(r"\bprior[ -]?auth\w*|\bpre-?(?:service|cert\w*)", re.IGNORECASE)


def label_kind(label: str) -> Context:
    """Classify a label or heading by its words; history wins over request.

    Why history wins: "Prior procedures:" or "Past surgical history (CPT codes):" name codes
    too, and treating them as requests is exactly the distractor error to avoid.
    """
    text = _PA_PHRASE.sub(" ", label)
    if _HISTORY.search(text):
        return "history"
    if _DIAGNOSIS.search(text):
        return "diagnosis"
    if _REQUEST.search(text):
        return "request"
    return "neutral"


@dataclass(frozen=True, slots=True)
class Label:
    """One ``Label: value`` pair on a line (offsets are absolute)."""

    text: str
    kind: Context
    start: int
    value_start: int


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document with its labels and the context it inherits.

    Attributes:
        index: 0-based line number.
        start: Offset of the first character.
        end: Offset of the end (the newline is not included).
        text: The line's characters.
        indent: Leading spaces (tabs count as 4).
        labels: ``Label:`` pairs found on the line, left to right.
        heading: The line is a heading (a short title or a label with no value).
        context: What the line inherits: its own label's kind, its block's or its section's.
        section: The kind of the heading it sits under.
    """

    index: int
    start: int
    end: int
    text: str
    indent: int
    labels: tuple[Label, ...]
    heading: bool
    context: Context
    section: Context

    @property
    def blank(self) -> bool:
        """Whether the line has no visible characters."""
        return not self.text.strip()

    def label_before(self, offset: int) -> Label | None:
        """The nearest label left of ``offset`` on this line."""
        best = None
        for lab in self.labels:
            if lab.value_start <= offset:
                best = lab
        return best


def _labels(text: str, base: int) -> tuple[Label, ...]:
    found: list[Label] = []
    pos = 0
    # A label starts the line (after a bullet) or follows two or more spaces.
    starts = [_BULLET.match(text).end() if _BULLET.match(text) else 0]  # type: ignore[union-attr]
    starts += [m.end() for m in re.finditer(r"\s{2,}", text)]
    for s in starts:
        if s < pos:
            continue
        m = _LABEL.match(text, s)
        if m is None:
            continue
        lab = m.group("label").strip()
        if re.search(r"\d", lab.replace("ICD-10", "")) or len(lab.split()) > 7:
            continue
        found.append(Label(lab, label_kind(lab), base + s, base + m.end()))
        pos = m.end()
    return tuple(found)


#: A line whose first token (after a bullet and a system keyword) is a code.
CODE_LED = re.compile(
    r"^\s*(?:[-*•>]+\s*|\(?[0-9a-z]{1,2}[.)]\s+|\[\s*[xX✓✔]?\s*\]\s*)?"
    r"(?:(?:CPT|HCPCS|ICD-?10(?:-CM)?|ICD|Dx)\b[®\s:#|-]*)?"
    r"(?:[0-9OIl]{4}[0-9FTU]|[A-Z][0-9OIl]{4}|[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)"
    r"(?![\w/.]|-(?![A-Z0-9]{2}\b))"
)


def _is_heading(text: str, labels: tuple[Label, ...]) -> bool:
    stripped = text.strip()
    if not stripped or CODE_LED.match(text):
        return False
    if labels and labels[0].value_start - labels[0].start >= len(stripped.rstrip()) - 1:
        # "Tests:" / "Items requested (rental, capped):" with nothing after the colon.
        return text[labels[-1].value_start - labels[0].start :].strip() == "" or len(labels) == 1
    if labels:
        return False
    words = stripped.split()
    if len(words) > 9 or stripped.endswith((".", ",", ";")) or re.search(r"\d{3,}", stripped):
        return False
    letters = [c for c in stripped if c.isalpha()]
    return bool(letters) and (stripped.isupper() or stripped[0].isupper())


def _wrapped(previous: str, raw: str) -> bool:
    """Whether ``raw`` continues ``previous`` mid-phrase (no full stop or colon before it).

    Why: flattened PDFs wrap a long field value onto the next line at the left margin, so the
    continuation is not indented; it starts in lower case or with a parenthesis because the
    phrase goes on.
    """
    prev = previous.rstrip()
    return bool(prev) and not prev.endswith((".", ":", "!", "?")) and bool(re.match(r"[a-z(]", raw))


class Layout:
    """Lines of a document with labels, headings, blocks and sections resolved.

    Args:
        text: Normalized document text (a form feed between pages is treated as a line break).
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: tuple[Line, ...] = tuple(self._build(text))
        self._starts = [ln.start for ln in self.lines]

    def line_at(self, offset: int) -> Line:
        """The line that holds ``offset``."""
        lo, hi = 0, len(self._starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.lines[lo]

    @staticmethod
    def _build(text: str) -> list[Line]:
        out: list[Line] = []
        offset = 0
        section: Context = "neutral"
        block: Context | None = None
        block_indent = 0
        for index, raw in enumerate(re.split(r"\n|\f", text)):
            start, end = offset, offset + len(raw)
            offset = end + 1
            line_text = raw.replace("\t", "    ")
            indent = len(line_text) - len(line_text.lstrip(" "))
            labels = _labels(raw, start)
            heading = _is_heading(raw, labels)
            if not raw.strip():
                block = None
                out.append(Line(index, start, end, raw, 0, (), False, section, section))
                continue
            own = labels[0].kind if labels else None
            if block is not None and indent > block_indent and (own is None or own == "neutral"):
                context: Context = block
            elif heading:
                section = own if own is not None else label_kind(raw)
                block, block_indent = section, indent
                context = section
            elif own is not None and own != "neutral":
                block, block_indent = own, indent
                context = own
            elif own is None and block is not None and _wrapped(out[-1].text, raw):
                # "Services: skilled nursing (G0299) ...; home physical therapy" / "(G0151)
                # 2x/week": a field's value wrapped onto the next line keeps its field's kind.
                context = block
            else:
                if own is not None:
                    block, block_indent = own, indent
                else:
                    block = None
                context = own if own is not None else "neutral"
            out.append(Line(index, start, end, raw, indent, labels, heading, context, section))
        return out
