"""PHI detection: clinllm's detector against Presidio on the same texts, every set in one run.

Usage::

    python3 scripts/dev.py bench phi    # installs Presidio + spaCy (requirements/bench-lock.txt)
                                        # and the public set's sources (bench-data.txt), runs this
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py              # every set, 5 rounds
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py --set dev --set public --repeat 9
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py --data my.jsonl --presidio-engine \
        spacy-blank
    .venv/bin/python benchmarks/bench_phi_vs_presidio.py --no-presidio   # clinllm only

Sets (each skipped with a note when missing): ``dev`` (``../shared/data/dev/phi.jsonl``),
``synthetic`` (``tests/data/phi/phi_synthetic.jsonl``), ``tune`` (``evals/data/tune/phi.jsonl``,
what the rules were tuned on), ``tune_ids`` and ``tune_ids_hand`` (identifiers, the second
round's tune sets), ``public`` (presidio-research's synthetic PII set, 1,500 texts,
rendered by ``scripts/synth/phi_public.py`` from the pinned ``presidio-evaluator`` package) and
``heldout`` (``evals/data/heldout/phi.jsonl``, written blind by another helper, when present),
``tune_phi3`` and ``heldout_phi3`` (the fourth round's: ``scripts/synth/tune_phi3.py``, and
``heldout_phi3.py`` written first and not read while tuning),
``tune_varied`` and ``heldout_varied`` (the third round's corpus: ``scripts/synth/phi_varied.py``
for tuning, ``heldout_phi_varied.py`` written first and not read while tuning).

``--ner`` adds the ablation: the rules plus spaCy's small English NER
(:class:`clinllm.phi.recognizers.ner.NerNameRecognizer`), scored per set and timed per note
beside the rules alone in the same run.

Presidio is configured to run offline, as it can here: the ``no_op`` NLP engine (regex and
checksum recognizers only), or ``spacy-blank``: a blank English spaCy pipeline saved to a
temporary directory and loaded by path (no NER, no download). Its US healthcare recognizers
(NPI, MBI, member id, claim, prescription, prior-auth, referral, provider TIN, medical
licence) are switched on; tldextract's network fetch is switched off. Models that would have
to be downloaded are not usable offline.

Scoring is token-level and type-agnostic (the two tools name types differently): a token
is a run of letters/digits; it is gold if it overlaps a gold span, predicted if it overlaps
a detected span. Recall per class is over the gold class; precision per class over the
tokens clinllm predicted with that class.

Timing: the two tools are timed in alternation (clinllm, Presidio, clinllm, ...) so that both
see the same load on a shared machine; each pass over the texts is measured in CPU seconds
of this process (``time.process_time``) with the garbage collector paused (as ``timeit``
does); each tool is warmed up once first. Throughput is characters per CPU second, from the
median pass; the ratio is also given per round (median, min, max). The "1 KB note" figure is
the median time per note over the dev texts cut to 1,024 characters.
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
    pred_type: Counter[str] = Counter()
    pred_type_hit: Counter[str] = Counter()
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
            if found is not None:
                pred_type[found[2]] += 1
                pred_type_hit[found[2]] += gold is not None
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
        "precision_by_type": {t: pred_type_hit[t] / n for t, n in sorted(pred_type.items())},
        "clinical_fp": clinical_fp,
        "gold_tokens": gold_n,
    }


def presidio_detector(engine: str, workdir: Path) -> Detect:
    import importlib

    # Presidio's email recognizer calls tldextract, whose default fetches the public suffix
    # list from the network first; the bundled snapshot is what an offline install has.
    # (Imported by name so that type checks pass where the bench lock is not installed.)
    tld = importlib.import_module("tldextract")
    vars(tld)["extract"] = tld.TLDExtract(suffix_list_urls=())
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


def ner_detector() -> Detect:
    """The rules plus the optional NER recognizer (spaCy's small English pipeline)."""
    from clinllm.phi.recognizers import default_recognizers
    from clinllm.phi.recognizers.ner import NerNameRecognizer, ner_available

    if not ner_available():
        print("--ner: no spaCy English pipeline: run `python3 scripts/dev.py bench phi`")
        raise SystemExit(2)
    detector = PhiDetector([*default_recognizers(), NerNameRecognizer()])

    def detect(text: str) -> list[Found]:
        return [(f.start, f.end, f.type) for f in detector.detect(text)]

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


ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "dev": ROOT.parent / "shared" / "data" / "dev" / "phi.jsonl",
    "synthetic": ROOT / "tests" / "data" / "phi" / "phi_synthetic.jsonl",
    "tune": ROOT / "evals" / "data" / "tune" / "phi.jsonl",
    "tune_ids": ROOT / "evals" / "data" / "tune" / "phi_ids.jsonl",
    "tune_ids_hand": ROOT / "evals" / "data" / "tune" / "phi_ids_hand.jsonl",
    "tune_varied": ROOT / "evals" / "data" / "tune_phi_varied" / "phi.jsonl",
    "heldout_varied": ROOT / "evals" / "data" / "heldout_phi_varied" / "phi.jsonl",
    "tune_phi3": ROOT / "evals" / "data" / "tune_phi3" / "phi.jsonl",
    "heldout_phi3": ROOT / "evals" / "data" / "own_heldout_phi3" / "phi.jsonl",
    "public": ROOT / "out" / "phi-public" / "phi.jsonl",
    "heldout": ROOT / "evals" / "data" / "heldout" / "phi.jsonl",
}


def resolve_sets(names: Sequence[str], extra: Sequence[Path]) -> dict[str, Path]:
    """The sets to measure, building the public one from its pinned sources if needed."""
    chosen: dict[str, Path] = {}
    for name in names:
        path = SETS[name]
        if name == "public" and not path.exists():
            try:
                build_public(path)
            except ImportError as exc:
                print(f"skip public: {exc} (run: python3 scripts/dev.py bench phi)")
                continue
        if not path.exists():
            print(f"skip {name}: {path} not found")
            continue
        chosen[name] = path
    for path in extra:
        chosen[path.stem if path.stem not in chosen else str(path)] = path
    return chosen


def build_public(path: Path) -> None:
    """Render the public set with ``scripts/synth/phi_public.py`` (needs presidio-evaluator)."""
    import importlib.util
    from importlib import metadata

    try:
        metadata.distribution("presidio-evaluator")
    except metadata.PackageNotFoundError:
        raise ImportError("presidio-evaluator is not installed") from None
    spec = importlib.util.spec_from_file_location(
        "phi_public", ROOT / "scripts" / "synth" / "phi_public.py"
    )
    if spec is None or spec.loader is None:
        raise ImportError("scripts/synth/phi_public.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.build(None, 1500, 20261206)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def note_times(detect: Detect, notes: Sequence[str], repeat: int) -> float:
    """Median CPU milliseconds per note over ``repeat`` passes."""
    return statistics.median(_one_pass(detect, notes) for _ in range(repeat)) / len(notes) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--set", action="append", choices=sorted(SETS), dest="sets")
    parser.add_argument("--data", type=Path, action="append", default=[])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--presidio-engine", choices=("no_op", "spacy-blank"), default="no_op")
    parser.add_argument(
        "--no-presidio", action="store_true", help="Score clinllm only (Presidio not installed)."
    )
    parser.add_argument("--json", type=Path, help="Also write the figures as JSON here.")
    parser.add_argument(
        "--ner",
        action="store_true",
        help="Also score the rules plus spaCy's small NER (the ablation; needs bench-data.txt).",
    )
    args = parser.parse_args()
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

    names = args.sets or ([] if args.data else list(SETS))
    sets = resolve_sets(names, args.data)
    ours = PhiDetector.default()

    def clinllm_detect(text: str) -> list[Found]:
        return [(f.start, f.end, f.type) for f in ours.detect(text)]

    with_ner: Detect | None = None
    if args.ner:
        with_ner = ner_detector()

    theirs: Detect | None = None
    tmp = tempfile.TemporaryDirectory()
    if not args.no_presidio:
        try:
            theirs = presidio_detector(args.presidio_engine, Path(tmp.name))
        except ImportError:
            print(
                "Presidio is not installed: run `python3 scripts/dev.py bench phi` (installs "
                "requirements/bench-lock.txt), or pass --no-presidio."
            )
            raise SystemExit(2) from None
        print(f"presidio engine: {args.presidio_engine} + US healthcare recognizers")
    report: dict[str, Any] = {"repeat": args.repeat, "sets": {}}
    all_texts: list[str] = []
    for name, path in sets.items():
        rows = load(path)
        texts = [t for t, _ in rows]
        all_texts.extend(texts)
        s_ours = score(rows, [clinllm_detect(t) for t in texts])
        s_theirs = score(rows, [theirs(t) for t in texts]) if theirs else None
        report["sets"][name] = {"texts": len(texts), "clinllm": s_ours, "presidio": s_theirs}
        if with_ner is not None:
            s_ner = score(rows, [with_ner(t) for t in texts])
            report["sets"][name]["clinllm_ner"] = s_ner
        print(f"\n== {name}: {path} ({len(texts)} texts, {s_ours['gold_tokens']} gold tokens)")
        line = f"clinllm  recall {s_ours['recall']:.4f}  precision {s_ours['precision']:.4f}"
        print(f"{line}  clinical-term FP tokens {s_ours['clinical_fp']}")
        if with_ner is not None:
            s_ner = report["sets"][name]["clinllm_ner"]
            line = f"+ner     recall {s_ner['recall']:.4f}  precision {s_ner['precision']:.4f}"
            print(f"{line}  clinical-term FP tokens {s_ner['clinical_fp']}")
        if s_theirs is not None:
            recall, precision = s_theirs["recall"], s_theirs["precision"]
            line = f"presidio recall {recall:.4f}  precision {precision:.4f}"
            print(f"{line}  clinical-term FP tokens {s_theirs['clinical_fp']}")
        print("  class            recall clinllm (same type) | presidio | precision clinllm")
        for kind, value in s_ours["per_type"].items():
            other = f"{s_theirs['per_type'][kind]:.3f}" if s_theirs else "  -  "
            prec = s_ours["precision_by_type"].get(kind)
            prec_text = f"{prec:.3f}" if prec is not None else "  -  "
            print(
                f"  {kind:15s}  {value:.3f} ({s_ours['per_type_typed'][kind]:.3f})"
                f"               | {other}    | {prec_text}"
            )

    if SETS["dev"].exists():
        notes = [t[:1024] for t, _ in load(SETS["dev"])]
    else:
        notes = [t[:1024] for t in all_texts[:40]]
    print(f"\n== speed ({args.repeat} alternating rounds over {len(all_texts)} texts)")
    chars = sum(len(t) for t in all_texts)
    if theirs is None:
        runs = [_one_pass(clinllm_detect, all_texts) for _ in range(args.repeat)]
        t_ours = statistics.median(runs)
        ms = note_times(clinllm_detect, notes, args.repeat)
        print(f"clinllm {chars / t_ours:.0f} chars/s; 1 KB note {ms:.2f} ms")
        report["speed"] = {"clinllm_chars_per_s": chars / t_ours, "clinllm_ms_per_1kb": ms}
    else:
        runs_ours, runs_theirs = interleaved(clinllm_detect, theirs, all_texts, args.repeat)
        t_ours, t_theirs = statistics.median(runs_ours), statistics.median(runs_theirs)
        ratios = [b / a for a, b in zip(runs_ours, runs_theirs, strict=True)]
        ms_ours = note_times(clinllm_detect, notes, args.repeat)
        ms_theirs = note_times(theirs, notes, args.repeat)
        print(f"clinllm  {chars / t_ours:10.0f} chars/s   1 KB note {ms_ours:.2f} ms")
        print(f"presidio {chars / t_theirs:10.0f} chars/s   1 KB note {ms_theirs:.2f} ms")
        print(
            f"throughput ratio (clinllm / presidio): {t_theirs / t_ours:.2f}x of medians; "
            f"per round median {statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, "
            f"max {max(ratios):.2f}x)"
        )
        report["speed"] = {
            "clinllm_chars_per_s": chars / t_ours,
            "presidio_chars_per_s": chars / t_theirs,
            "ratio_of_medians": t_theirs / t_ours,
            "ratio_per_round_median": statistics.median(ratios),
            "clinllm_ms_per_1kb": ms_ours,
            "presidio_ms_per_1kb": ms_theirs,
        }
    if with_ner is not None:
        ms_rules = note_times(clinllm_detect, notes, args.repeat)
        ms_ner = note_times(with_ner, notes, args.repeat)
        print(
            f"rules {ms_rules:.2f} ms, rules + NER {ms_ner:.2f} ms per 1 KB note "
            f"({ms_ner / ms_rules:.1f}x)"
        )
        report["speed"]["ner_ms_per_1kb"] = ms_ner
        report["speed"]["rules_ms_per_1kb_beside_ner"] = ms_rules
    tmp.cleanup()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2), "utf-8")


if __name__ == "__main__":
    main()
