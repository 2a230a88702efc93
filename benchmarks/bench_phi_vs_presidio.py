"""PHI detection: clinllm's detector against Presidio on the same texts, in one run.

Usage::

    python3 scripts/dev.py bench    # installs Presidio + spaCy (requirements/bench-lock.txt)
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py    # dev set, 5 repetitions
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py --data tests/data/phi/phi_synthetic.jsonl
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py --repeat 9 --presidio-engine spacy-blank

Presidio is configured to run offline, as it can here: the ``no_op`` NLP engine (regex and
checksum recognizers only), or ``spacy-blank``: a blank English spaCy pipeline saved to a
temporary directory and loaded by path (no NER, no download). Its US healthcare recognizers
(NPI, MBI, member id, claim, prescription, prior-auth, referral, provider TIN, medical
licence) are switched on. Models that would have to be downloaded are not usable offline.

Scoring is token-level and type-agnostic (the two tools name types differently): a token
is a run of letters/digits; it is gold if it overlaps a gold span, predicted if it overlaps
a detected span.

Timing: the two tools are timed in alternation (clinllm, Presidio, clinllm, ...) so that both
see the same load on a shared machine; each pass over the whole set is measured in CPU
seconds of this process (``time.process_time``) with the garbage collector paused (as
``timeit`` does); each tool is warmed up once first. Throughput is characters per CPU
second, from the median pass; the ratio is also given per round (median, min, max).
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import re
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from clinllm.phi import PhiDetector

DEFAULT_DATA = Path("/work/shared/data/dev/phi.jsonl")
Found = tuple[int, int, str]  # start, end, type
Detect = Callable[[str], list[Found]]


def load(path: Path) -> list[tuple[str, list[dict[str, Any]]]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append((row["input"]["text"], row["expected"]["spans"]))
    return rows


# Clinical content that must never be redacted, listed independently of the detector's own
# clinical filter: eponyms, ICD-10-CM / HCPCS / CPT codes, doses and lab values with units,
# vital signs, and common drug names.
CLINICAL_TERMS = re.compile(
    r"\b(?:Parkinson|Foley|Apgars?|Crohn|Glasgow|Hodgkin|Bell|Gehrig|Graves|Alzheimer|Epley"
    r"|Whipple|Romberg|Babinski|Kirby-Bauer|Gram|Osgood-Schlatter|Brown's|Swan-Ganz|Holter"
    r"|Braxton|Hicks|Dix-Hallpike|McMurray|Lachman|Trendelenburg|Ortolani|Barlow|Leopold"
    r"|Kussmaul|Mallampati|Marfan|Gilbert|Baker's|Barrett's|Nissen|Hashimoto|Raynaud|Down"
    r"|Tanner|Braden|Epworth|Cushing|Addison|Tyrer-Cuzick|Lou)\b"
    r"|\b[A-TV-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b|\b[A-V]\d{4}\b|(?<=CPT )\d{5}\b"
    r"|\b\d+(?:\.\d+)?\s?(?:mg|mcg|mL|g/dL|mg/dL|mmol/L|units|%|mmHg|bpm)(?![A-Za-z])"
    r"|\bBP \d{2,3}/\d{2,3}\b"
    r"|\b(?:metformin|apixaban|warfarin|enoxaparin|oxycodone|albuterol|sertraline|trazodone"
    r"|furosemide|metoprolol|lisinopril|naproxen|gabapentin|amoxicillin|prednisone|insulin"
    r"|tacrolimus|carbidopa-levodopa|nitrofurantoin|ciprofloxacin|naloxone|meloxicam)\b"
)


def score(
    rows: Sequence[tuple[str, list[dict[str, Any]]]], predictions: Sequence[list[Found]]
) -> dict[str, Any]:
    """Token-level recall and precision, recall per gold type (any predicted type, and the
    same predicted type when the tool's types are ours), and clinical-term false positives."""
    token = re.compile(r"[^\W_]+")
    gold_n = pred_n = hit = clinical_fp = 0
    per_type: Counter[str] = Counter()
    per_type_hit: Counter[str] = Counter()
    per_type_typed: Counter[str] = Counter()
    for (text, spans), pred in zip(rows, predictions, strict=True):
        clinical = [m.span() for m in CLINICAL_TERMS.finditer(text)]
        for m in token.finditer(text):
            s, e = m.span()
            gold = next((g for g in spans if g["start"] < e and s < g["end"]), None)
            found = next((p for p in pred if p[0] < e and s < p[1]), None)
            pred_n += found is not None
            if gold is None and found is not None and any(cs < e and s < ce for cs, ce in clinical):
                clinical_fp += 1
            if gold is not None:
                gold_n += 1
                per_type[gold["type"]] += 1
                if found is not None:
                    hit += 1
                    per_type_hit[gold["type"]] += 1
                    per_type_typed[gold["type"]] += found[2] == gold["type"]
    return {
        "recall": hit / gold_n if gold_n else 0.0,
        "precision": hit / pred_n if pred_n else 0.0,
        "per_type": {t: per_type_hit[t] / n for t, n in sorted(per_type.items())},
        "per_type_typed": {t: per_type_typed[t] / n for t, n in sorted(per_type.items())},
        "clinical_fp": clinical_fp,
    }


def presidio_detector(engine: str, workdir: Path) -> Detect:
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        MedicalLicenseRecognizer,
        UsClaimNumberRecognizer,
        UsHealthInsuranceMemberIdRecognizer,
        UsMbiRecognizer,
        UsNpiRecognizer,
        UsPrescriptionNumberRecognizer,
        UsPriorAuthorizationNumberRecognizer,
        UsProviderTaxIdRecognizer,
        UsReferralNumberRecognizer,
    )

    if engine == "no_op":
        config: dict[str, Any] = {
            "nlp_engine_name": "no_op",
            "models": [{"lang_code": "en", "model_name": "none"}],
        }
    else:
        import spacy

        model_dir = workdir / "blank_en"
        spacy.blank("en").to_disk(model_dir)
        config = {
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": str(model_dir)}],
        }
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine)
    for recognizer in (
        UsNpiRecognizer(),
        UsMbiRecognizer(),
        UsHealthInsuranceMemberIdRecognizer(),
        UsClaimNumberRecognizer(),
        UsPrescriptionNumberRecognizer(),
        UsPriorAuthorizationNumberRecognizer(),
        UsProviderTaxIdRecognizer(),
        UsReferralNumberRecognizer(),
        MedicalLicenseRecognizer(),
    ):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])

    def detect(text: str) -> list[Found]:
        return [(r.start, r.end, r.entity_type) for r in analyzer.analyze(text=text, language="en")]

    return detect


def _one_pass(detect: Detect, texts: Sequence[str]) -> float:
    gc.collect()
    gc.disable()  # as timeit does: a collection triggered by the other tool's garbage
    try:  # must not be charged to this one
        started = time.process_time()
        for t in texts:
            detect(t)
        return time.process_time() - started
    finally:
        gc.enable()


def interleaved(
    ours: Detect, theirs: Detect, texts: Sequence[str], repeat: int
) -> tuple[list[float], list[float]]:
    """Time both tools in alternation, so both see the same machine load in every round."""
    for detect in (ours, theirs):  # warm-up: lazy compiles, caches
        for t in texts:
            detect(t)
    t_ours: list[float] = []
    t_theirs: list[float] = []
    for _ in range(repeat):
        t_ours.append(_one_pass(ours, texts))
        t_theirs.append(_one_pass(theirs, texts))
    return t_ours, t_theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--presidio-engine", choices=("no_op", "spacy-blank"), default="no_op")
    parser.add_argument(
        "--no-presidio", action="store_true", help="Score clinllm only (Presidio not installed)."
    )
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    rows = load(args.data)
    texts = [t for t, _ in rows]
    chars = sum(len(t) for t in texts)
    ours = PhiDetector.default()

    def clinllm_detect(text: str) -> list[Found]:
        return [(f.start, f.end, f.type) for f in ours.detect(text)]

    print(f"data: {args.data} ({len(texts)} texts, {chars} chars), repeat={args.repeat}")
    p_ours = [clinllm_detect(t) for t in texts]
    s_ours = score(rows, p_ours)
    if args.no_presidio:
        runs = [_one_pass(clinllm_detect, texts) for _ in range(args.repeat)]
        t = statistics.median(runs)
        print(
            f"clinllm recall {s_ours['recall']:.4f} precision {s_ours['precision']:.4f} "
            f"clinical-term FP tokens {s_ours['clinical_fp']} chars/s {chars / t:.0f}"
        )
        for kind, value in s_ours["per_type"].items():
            print(
                f"  {kind:15s} recall {value:.3f}  same-type {s_ours['per_type_typed'][kind]:.3f}"
            )
        return

    with tempfile.TemporaryDirectory() as tmp:
        theirs = presidio_detector(args.presidio_engine, Path(tmp))
        p_theirs = [theirs(t) for t in texts]
        runs_ours, runs_theirs = interleaved(clinllm_detect, theirs, texts, args.repeat)
    t_ours, t_theirs = statistics.median(runs_ours), statistics.median(runs_theirs)
    ratios = [b / a for a, b in zip(runs_ours, runs_theirs, strict=True)]

    s_theirs = score(rows, p_theirs)
    print(f"presidio engine: {args.presidio_engine} + US healthcare recognizers")
    header = ("", "recall", "precision", "clin.FP", "chars/s", "median s")
    print("{:10s} {:>8s} {:>10s} {:>8s} {:>10s} {:>9s}".format(*header))
    for name, s, t in (("clinllm", s_ours, t_ours), ("presidio", s_theirs, t_theirs)):
        print(
            f"{name:10s} {s['recall']:8.4f} {s['precision']:10.4f} {s['clinical_fp']:8d} "
            f"{chars / t:10.0f} {t:9.4f}"
        )
    print(
        f"throughput ratio (clinllm / presidio): {t_theirs / t_ours:.2f}x of medians; "
        f"per round median {statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, "
        f"max {max(ratios):.2f}x)"
    )
    print("recall per gold type (clinllm any-type / clinllm same-type / presidio any-type):")
    for kind in s_ours["per_type"]:
        print(
            f"  {kind:15s} {s_ours['per_type'][kind]:.3f} / "
            f"{s_ours['per_type_typed'][kind]:.3f} / {s_theirs['per_type'][kind]:.3f}"
        )


if __name__ == "__main__":
    main()
