"""Mechanism shared by the prior-auth generators (``tune_pa2/3.py``, ``heldout_pa2/3.py``).

Mechanism only: date formats, OCR noise, the blank/illegible/see-attached markers, building a
context's identifiers and checking a case against its gold. Every phrase pool, scenario and
layout lives in the generator that uses it, so the tune and held-out halves share no wording.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pa_model import Ctx, Scenario, check_case, gold_for

__all__ = [
    "MONTHS",
    "build_rows",
    "check_meds",
    "digits",
    "fmt",
    "missing_marker",
    "ocr_noise",
    "upper_id",
    "write_or_check",
]

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


def build_rows(
    *,
    seed: int,
    n: int,
    scenarios: Sequence[Scenario],
    layouts: Mapping[str, Callable[[Scenario, Ctx], str]],
    make_ctx: Callable[[random.Random, Scenario, int, set[str]], Ctx],
    tag: str,
    id_prefix: str,
) -> list[dict[str, Any]]:
    """``n`` cases, scenarios and layouts in rotation, each checked against its gold."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    used: set[str] = set()
    names = list(layouts)
    for k in range(n):
        s = scenarios[k % len(scenarios)]
        layout = names[(k // len(scenarios) + k) % len(names)]
        c = make_ctx(rng, s, k, used)
        text = layouts[layout](s, c)
        gold = gold_for(s, c)
        check_meds(f"{tag}-{k}", gold, text)
        check_case(f"{tag}-{k}", gold, text, c, s, fmt)
        rows.append({"id": f"{id_prefix}{k + 1:03d}", "input": {"text": text}, "expected": gold})
    return rows


def write_or_check(doc: str, out: Path, root: Path, rows: list[dict[str, Any]]) -> int:
    """The generators' command line: write ``out``, or with ``--check`` compare it (exit 1)."""
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if args.check:
        return 0 if out.exists() and out.read_text("utf-8") == body else 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(body, "utf-8")
    print(f"wrote {body.count(chr(10))} rows to {out.relative_to(root)}")
    return 0
