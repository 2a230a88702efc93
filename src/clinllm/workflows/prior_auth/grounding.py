"""Grounding: a value is accepted only when it points at source text that supports it.

A value is searched for in the source: inside a quote when one is given (located exactly, then
ignoring case and runs of whitespace, as OCR and models both reflow text), else on every line.
It must be *supported* there (the code is written there, possibly as an OCR variant; the date
parses from the words; the name or id is there; a brand name supports its generic), and the
evidence span is narrowed to the supporting characters and checked against the source. Nothing
inside a prompt-injection sentence supports anything. A value that fails is dropped and
counted: the model cannot add a value the document does not support.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from clinllm.codes import cpt, hcpcs, icd10cm
from clinllm.domain.evidence import Evidence
from clinllm.workflows.prior_auth.dates import find_dates
from clinllm.workflows.prior_auth.injection import InjectionSpan
from clinllm.workflows.prior_auth.narrative import BRAND_TO_GENERIC

__all__ = [
    "locate",
    "support_code",
    "support_date",
    "support_digits",
    "support_phrase",
    "support_text",
]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*")
_GLUED = re.compile(r"^(?:CPT|HCPCS|ICD-?10(?:-CM)?|ICD|DX)[:#-]?", re.I)


def _overlaps(start: int, end: int, avoid: Sequence[InjectionSpan]) -> bool:
    return any(start < a.end and a.start < end for a in avoid)


def locate(text: str, quote: str, avoid: Sequence[InjectionSpan] = ()) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text``.

    Exact first, then case/space-insensitive, excluding places inside prompt-injection sentences.
    """
    quote = quote.strip()
    if not quote:
        return []
    found: list[tuple[int, int]] = []
    pos = text.find(quote)
    while pos != -1:
        found.append((pos, pos + len(quote)))
        pos = text.find(quote, pos + 1)
    if not found:
        words = quote.split()
        pattern = r"\s+".join(re.escape(w) for w in words)
        found = [m.span() for m in re.finditer(pattern, text, re.I)]
    return [(s, e) for s, e in found if not _overlaps(s, e, avoid)]


def _within(
    text: str,
    quote: str | None,
    avoid: Sequence[InjectionSpan],
    test: Callable[[str, int], tuple[int, int] | None],
) -> Evidence | None:
    # Without a quote every line of the source is searched; the hit itself must lie outside
    # prompt-injection sentences either way.
    chunks = (
        locate(text, quote, avoid)
        if quote is not None
        else [m.span() for m in re.finditer(r"[^\n\f]+", text)]
    )
    for s, e in chunks:
        hit = test(text[s:e], s)
        if hit is not None and not _overlaps(hit[0], hit[1], avoid):
            ev = Evidence.at(text, hit[0], hit[1])
            if ev.matches(text):
                return ev
    return None


def _norm_code(tok: str, system: str) -> str | None:
    if system == "ICD-10-CM":
        return icd10cm.normalize(tok)
    if system == "CPT":
        return cpt.normalize(tok)
    return hcpcs.normalize(tok)


def support_code(
    text: str, quote: str | None, code: str, system: str, avoid: Sequence[InjectionSpan] = ()
) -> Evidence | None:
    """Evidence for ``code`` (normalized) inside the quoted words (or anywhere), or None."""

    def test(chunk: str, base: int) -> tuple[int, int] | None:
        for m in _TOKEN.finditer(chunk):
            tok = m.group(0).rstrip(".")
            if _norm_code(tok, system) == code:
                return base + m.start(), base + m.start() + len(tok)
            # A system keyword glued to the code ("CPT72148").
            bare = _GLUED.sub("", tok)
            if bare != tok and _norm_code(bare, system) == code:
                s = m.start() + len(tok) - len(bare)
                return base + s, base + s + len(bare)
        return None

    return _within(text, quote, avoid, test)


def support_text(
    text: str, quote: str | None, value: str, avoid: Sequence[InjectionSpan] = ()
) -> Evidence | None:
    """Evidence for a name or id ``value`` written inside the quote.

    Case and spacing aside; a brand name in the quote supports its generic ``value``.
    """
    words = value.split()
    if not words:
        return None
    pattern = re.compile(r"\s*".join(re.escape(w) for w in words).replace(r"\-", r"\s*-\s*"), re.I)
    brands = [b for b, g in BRAND_TO_GENERIC.items() if g == value.lower()]

    def test(chunk: str, base: int) -> tuple[int, int] | None:
        m = pattern.search(chunk)
        if m:
            return base + m.start(), base + m.end()
        for brand in brands:
            b = re.search(rf"\b{re.escape(brand)}\b", chunk, re.I)
            if b:
                return base + b.start(), base + b.end()
        return None

    return _within(text, quote, avoid, test)


def support_digits(
    text: str, quote: str | None, digits: str, avoid: Sequence[InjectionSpan] = ()
) -> Evidence | None:
    """Evidence for a digit string (an NPI) written inside the quote."""

    def test(chunk: str, base: int) -> tuple[int, int] | None:
        m = re.search(rf"(?<!\d){re.escape(digits)}(?!\d)", chunk)
        return (base + m.start(), base + m.end()) if m else None

    return _within(text, quote, avoid, test)


def support_date(
    text: str, quote: str | None, iso: str, avoid: Sequence[InjectionSpan] = ()
) -> Evidence | None:
    """Evidence for an ISO date that a date written inside the quote parses to."""

    def test(chunk: str, base: int) -> tuple[int, int] | None:
        for d in find_dates(chunk):
            if d.value.isoformat() == iso:
                return base + d.start, base + d.end
        return None

    return _within(text, quote, avoid, test)


def support_phrase(text: str, phrase: str, avoid: Sequence[InjectionSpan] = ()) -> Evidence | None:
    """Evidence for a requirement phrase.

    The phrase itself, or the one line that holds at least 80% of its words (models
    shorten requirements).
    """
    spots = locate(text, phrase, avoid)
    if spots:
        s, e = spots[0]
        return Evidence.at(text, s, e)
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9]{3,}", phrase)}
    if len(words) < 2:
        return None
    best: tuple[float, int, int] = (0.0, 0, 0)
    offset = 0
    for line in re.split(r"(?<=\n)", text):
        have = {w.lower() for w in re.findall(r"[A-Za-z0-9]{3,}", line)}
        score = len(words & have) / len(words)
        if score > best[0]:
            best = (score, offset, offset + len(line.rstrip("\n")))
        offset += len(line)
    if best[0] >= 0.8 and not _overlaps(best[1], best[2], avoid):
        return Evidence.at(text, best[1], best[2])
    return None
