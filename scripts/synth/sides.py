"""The command line every two-sided probe generator shares: ``NAME tune|heldout [--check]``.

A generator builds each side's JSONL body from its own seed; this writes it to the side's file,
or with ``--check`` says whether the committed file is what the generator writes now (the
corpus tests run that).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main(
    argv: list[str],
    *,
    name: str,
    usage: str | None,
    out: Mapping[str, Path],
    build: Callable[[str], str],
    noun: str = "notes",
) -> int:
    """Write (or ``--check``) the side named by ``argv[0]``; 2 with ``usage`` for anything else."""
    if not argv or argv[0] not in out:
        print(usage)
        return 2
    side = argv[0]
    body, path = build(side), out[side]
    if "--check" in argv:
        same = path.exists() and path.read_text(encoding="utf-8") == body
        print(f"{name} {side}: " + ("up to date" if same else "DIFFERS"))
        return 0 if same else 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    print(f"wrote {body.count(chr(10))} {noun} to {path.relative_to(ROOT)}")
    return 0
