"""Thresholds and validation for the injection classifier, on text it did not train on.

Used by ``scripts/train_injection_classifier.py``. Two kinds of held-out text set a
threshold: the tune split (``evals/data/tune/injection.jsonl``, scored as the screen scores
it), and the training texts themselves, each scored by a model trained without its whole
source (leave-one-source-out), because a corpus the model has not seen scores its benign texts
far higher than the tune split does.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from clinllm.screening.classifier import HashedLinearClassifier  # noqa: E402
from clinllm.screening.layered import LayeredScreen  # noqa: E402

__all__ = ["out_of_source", "source_thresholds", "tune_thresholds", "validation_report"]

TUNE = ROOT / "evals" / "data" / "tune" / "injection.jsonl"
Example = tuple[str, str, int, tuple[int, int] | None]  # text, channel, label, payload span


def tune_thresholds(model: HashedLinearClassifier, target_fpr: float) -> dict[str, float]:
    """Per channel, the lowest threshold at which the classifier alone flags at most
    ``target_fpr`` of the tune split's benign texts (a text counts once, by its highest
    segment over every view, scored as the screen scores it: reported speech blanked).

    The tune split shares no template with the training split, and its benign texts are the
    hard ones (clinical imperatives, policy, quoted attacks), unlike the easy negatives that
    dominate the training data; thresholds set on the training data's own hold-out came out
    far too low.
    """
    screen = LayeredScreen(model, {"user": 1.01, "document": 1.01})
    scores: dict[str, list[float]] = {"user": [], "document": []}
    for line in TUNE.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["expected"]["label"] != "benign":
            continue
        text, channel = row["input"]["text"], row["input"]["channel"]
        scores[channel].append(screen.classifier_score(text, channel))
    out: dict[str, float] = {}
    for channel, values in scores.items():
        values.sort(reverse=True)
        k = int(target_fpr * len(values))
        out[channel] = round(max(0.5, min(0.99, values[k] + 1e-4)), 4)
    return out


def out_of_source(
    examples: list[Example],
    sources: list[str],
    x: sparse.csr_matrix,
    y: np.ndarray,  # type: ignore[type-arg]
    w: np.ndarray,  # type: ignore[type-arg]
    owner: list[int],
    c: float,
) -> dict[int, float]:
    """Every training text's score from a model trained without the text's whole source.

    A text counts by its highest segment. These scores answer what the shipped figures
    cannot: how the classifier does on text written by someone whose style it never saw.
    They set the thresholds and fill the artefact's validation report.
    """
    owners = np.array(owner)
    seg_source = np.array([sources[o] for o in owner])
    best: dict[int, float] = {}
    for source in sorted(set(sources)):
        held = seg_source == source
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        model.fit(x[~held], y[~held], sample_weight=w[~held])
        for p, o in zip(model.predict_proba(x[held])[:, 1], owners[held], strict=True):
            best[int(o)] = max(best.get(int(o), 0.0), float(p))
        print(f"  scored {source} out of source", file=sys.stderr, flush=True)
    return best


def source_thresholds(
    examples: list[Example], sources: list[str], oof: dict[int, float], target_fpr: float
) -> dict[str, float]:
    """Per channel, the lowest threshold at which benign texts are flagged at most
    ``target_fpr`` of the time, averaged over sources (each source weighs the same, so that
    a thousand easy paragraphs of Python docs cannot hide a source of hard negatives)."""
    out: dict[str, float] = {}
    for channel in ("user", "document"):
        by_source: dict[str, list[float]] = {}
        for i, score in oof.items():
            if examples[i][1] == channel and examples[i][2] == 0:
                by_source.setdefault(sources[i], []).append(score)
        pools = [np.array(v) for v in by_source.values() if len(v) >= 10]
        candidates = np.unique(np.concatenate([*pools, np.array([0.5, 0.99])]))
        chosen = 0.99
        for t in candidates[(candidates >= 0.5) & (candidates <= 0.99)]:
            if np.mean([np.mean(pool >= t) for pool in pools]) <= target_fpr:
                chosen = float(t)
                break
        out[channel] = round(chosen + 1e-4, 4)
    return out


def validation_report(
    examples: list[Example],
    sources: list[str],
    oof: dict[int, float],
    thresholds: dict[str, float],
) -> dict[str, dict[str, dict[str, float]]]:
    """Out-of-source recall and false-positive rate of the classifier alone, per source."""
    report: dict[str, dict[str, dict[str, float]]] = {}
    for source in sorted(set(sources)):
        for channel in ("user", "document"):
            ids = [i for i in oof if sources[i] == source and examples[i][1] == channel]
            pos = [oof[i] for i in ids if examples[i][2] == 1]
            neg = [oof[i] for i in ids if examples[i][2] == 0]
            if not ids:
                continue
            cell: dict[str, float] = {"injections": len(pos), "benign": len(neg)}
            if pos:
                cell["recall"] = round(sum(p >= thresholds[channel] for p in pos) / len(pos), 3)
            if neg:
                cell["fpr"] = round(sum(n >= thresholds[channel] for n in neg) / len(neg), 3)
            report.setdefault(source, {})[channel] = cell
    return report
