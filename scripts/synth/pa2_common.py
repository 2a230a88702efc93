"""Mechanism shared by the second-round prior-auth generators (``tune_pa2.py``, ``heldout_pa2.py``).

Mechanism only: date formats, OCR noise, the blank/illegible/see-attached markers, building a
context's identifiers and checking a case against its gold. Every phrase pool, scenario and
layout lives in the generator that uses it, so the tune and held-out halves share no wording.
"""

from __future__ import annotations

import random
from datetime import date

from pa_model import Ctx

__all__ = ["MONTHS", "check_meds", "digits", "fmt", "missing_marker", "ocr_noise", "upper_id"]

MONTHS = (
    "January February March April May June July August September October November December"
).split()


def fmt(d: date, style: str) -> str:
    """A date in one of the styles documents use."""
    if style == "us":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == "us_short":
        return f"{d.month}/{d.day}/{d.year % 100:02d}"
    if style == "long":
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == "dmy":
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == "dash":
        return f"{d.month:02d}-{d.day:02d}-{d.year}"
    return d.isoformat()


def digits(rng: random.Random, n: int) -> str:
    """``n`` random digits."""
    return "".join(rng.choice("0123456789") for _ in range(n))


def upper_id(rng: random.Random, pattern: str) -> str:
    """Fill ``#`` with digits and ``@`` with capital letters."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(rng.choice("0123456789"))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRTUVWXY"))
        else:
            out.append(ch)
    return "".join(out)


def missing_marker(c: Ctx, pool: tuple[str, ...]) -> str:
    """How this sender marks a field it did not fill (a blank, illegible, see attached...)."""
    return c.rng.choice(pool)


_OCR = {"o": "0", "l": "1", "e": "c", "rn": "m", "i": "l", "a": "a", "s": "5"}


def ocr_noise(rng: random.Random, line: str, rate: float) -> str:
    """Handwriting-ish OCR damage on the words of a line that carry no digits or codes."""
    words = line.split(" ")
    out = []
    for w in words:
        if w and w.isalpha() and w.islower() and len(w) > 3 and rng.random() < rate:
            src = rng.choice([k for k in _OCR if k in w] or ["@"])
            if src != "@":
                w = w.replace(src, _OCR[src], 1)
        out.append(w)
    return " ".join(out)


def check_meds(row_id: str, gold: dict[str, object], text: str) -> None:
    """Refuse a case whose gold drug is not named in its text (raises with the id only)."""
    meds = gold.get("medications") or []
    assert isinstance(meds, list)
    for m in meds:
        if m["name"].lower() not in text.lower():
            raise SystemExit(f"{row_id}: medication not printed")
