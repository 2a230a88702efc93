"""Mechanism shared by the PHI generators (``tune_phi3.py``, ``heldout_phi3.py``, ``phi_weak.py``,
``phi_probe.py``).

Only mechanism lives here (slot filling, VIN check digits, inline marks, OCR-like noise, writing
and ``--check``); every name, place, phrase and layout is in the generator that uses it, so the
two halves share no pool.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ids import vin_check_digit

MARK = re.compile(r"⟦([A-Z_0-9]+):(.*?)⟧", re.DOTALL)
#: A slot in a phrasing template ("{N} called about {D}").
SLOT = re.compile(r"\{(\w+)\}")
Layout = Callable[[random.Random], str]


def fill(rng: random.Random, pattern: str) -> str:
    """``#`` a digit, ``@`` a capital letter (no I/O/Q), ``%`` a hex digit, else kept."""
    out = []
    for ch in pattern:
        if ch == "#":
            out.append(str(rng.randint(0, 9)))
        elif ch == "@":
            out.append(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ"))
        elif ch == "%":
            out.append(rng.choice("0123456789ABCDEF"))
        else:
            out.append(ch)
    return "".join(out)


def vin(rng: random.Random) -> str:
    """A 17-character VIN with a valid check digit (position 9)."""
    body = list(fill(rng, "@@@@@##@#@@######"))
    body[8] = vin_check_digit(body)
    return "".join(body)


def m(kind: str, value: str) -> str:
    """Mark ``value`` as a gold span of ``kind``."""
    return f"⟦{kind}:{value}⟧"


def person(rng: random.Random, pool: Mapping[str, Any]) -> str:
    """A marked full name: a given name and a family name from the half's ``pool``."""
    return m("NAME", f"{rng.choice(pool['given'])} {rng.choice(pool['family'])}")


def noise(rng: random.Random, marked: str) -> str:
    """OCR-like noise outside the marks: doubled spaces, a comma's line break, a stray bar."""
    parts = re.split(r"(⟦.*?⟧)", marked, flags=re.DOTALL)
    out = []
    for part in parts:
        if not part.startswith("⟦"):
            part = re.sub(r", (?=[a-z])", lambda _: ",\n" if rng.random() < 0.25 else ", ", part)
            if rng.random() < 0.3:
                part = part.replace(". ", ".  ", 1)
            if rng.random() < 0.1:
                part = part.replace("\n", " |\n", 1)
        out.append(part)
    return "".join(out)


def unmark(marked: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and its gold spans (offsets computed, never typed)."""
    text: list[str] = []
    spans: list[dict[str, Any]] = []
    pos = length = 0
    for match in MARK.finditer(marked):
        before = marked[pos : match.start()]
        text.append(before)
        length += len(before)
        kind, value = match.group(1), match.group(2)
        spans.append({"start": length, "end": length + len(value), "type": kind, "text": value})
        text.append(value)
        length += len(value)
        pos = match.end()
    text.append(marked[pos:])
    return "".join(text), spans


def build(
    layouts: Sequence[Layout], count: int, seed: int, prefix: str, noisy: float
) -> list[dict[str, Any]]:
    """``count`` cases, layouts taken in turn, noise on a share ``noisy`` of them."""
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        layout = layouts[i % len(layouts)]
        marked = layout(rng)
        if rng.random() < noisy:
            marked = noise(rng, marked)
        text, spans = unmark(marked)
        assert "⟦" not in text, layout.__name__
        assert "⟧" not in text, layout.__name__
        assert all(text[s["start"] : s["end"]] == s["text"] for s in spans)
        assert all(s["text"] == s["text"].strip() and s["text"] for s in spans), layout.__name__
        rows.append(
            {"id": f"{prefix}-{i:03d}", "input": {"text": text}, "expected": {"spans": spans}}
        )
    return rows


def write_sets(
    doc: str,
    sets: Sequence[tuple[Path, Sequence[Layout], int, str]],
    *,
    count: int,
    noisy: float,
) -> None:
    """Write each ``(out, layouts, seed, prefix)`` set as JSONL, or with ``--check`` compare.

    ``--check`` compares every set with its committed file and exits 1 if any differs; each
    set draws from its own ``random.Random(seed)``, so a tune half and a held-out half written
    together are the same as written apart.
    """
    parser = argparse.ArgumentParser(description=doc.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--count", type=int, default=count)
    args = parser.parse_args()
    stale = []
    for out, layouts, seed, prefix in sets:
        rows = build(layouts, args.count, seed, prefix, noisy=noisy)
        body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        if args.check:
            if not out.exists() or out.read_text("utf-8") != body:
                stale.append(str(out))
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(body, "utf-8")
    raise SystemExit(1 if stale else 0)


def main(doc: str, out: Path, layouts: Sequence[Layout], seed: int, prefix: str) -> None:
    """Write one JSONL set, or with ``--check`` compare it with the committed file."""
    write_sets(doc, [(out, layouts, seed, prefix)], count=180, noisy=0.3)
