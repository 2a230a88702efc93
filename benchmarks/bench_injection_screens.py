#!/usr/bin/env python3
"""Injection screens side by side: clinllm's default screen against the offline rule-based guards.

    .venv/bin/python benchmarks/bench_injection_screens.py [--runs 3] [--rebuff N]

Datasets (FORMAT.md ``injection.jsonl``): the dev set (``../shared/data/dev``), our tune split
(``evals/data/tune``), and the public benchmark ``bastioncorpus`` 0.6.0 (MIT; 181 labelled
texts, never used for training), converted to ``out/public/bastioncorpus/injection.jsonl``
so that ``clinllm eval run --suite injection --data out/public/bastioncorpus`` scores it too.
Label mapping: ``malicious`` -> ``injection``, ``benign`` -> ``benign``; channel
``user_input`` -> ``user``, ``tool_output`` and ``memory`` -> ``document``.

Peers, each run offline from its pinned wheel (read as a zip, not installed, so that their
network-bound dependencies never load):

- rebuff 0.1.1 (Apache-2.0) ``detect_pi_heuristics``: fuzzy match against 8,800 generated
  "ignore previous instructions" phrases; flagged at its default threshold 0.75. It takes
  tens of seconds per short text here (difflib over every phrase), so it runs only with
  ``--rebuff N``, on the first N texts of each set.
- ai-injection-guard 0.3.0 (MIT) ``prompt_shield.PromptScanner``: 75 weighted regexes;
  flagged at its default threshold (MEDIUM and above).

LLM Guard's ``PromptInjection`` scanner and Vigil need model downloads from a hub, which this
project never does; they are not measured. Speed is the median over ``--runs`` runs of the
time per text, reported as a ratio to clinllm measured in the same run.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import io
import json
import statistics
import subprocess
import sys
import time
import zipfile
import zipimport
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path.home() / ".cache" / "clinllm" / "bench-wheels"
PUBLIC = ROOT / "out" / "public" / "bastioncorpus"

WHEELS = {
    "bastioncorpus": ("0.6.0", "96d7268cfafc2be0908382b61af8b67dec19058e2877657b217e68be0552a00a"),
    "rebuff": ("0.1.1", "20b726b0bbcf78f03b0a733dbc203329f7d9a0080605b8f6e74cb8bc4af9ac15"),
    "ai-injection-guard": (
        "0.3.0",
        "096928e5e971cb9a4bcf1edfd7e430fd194157e8cb6415ee842bf0677d0fba17",
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


def bastioncorpus() -> list[Row]:
    """The public benchmark in FORMAT.md shape, also written under out/ for the eval CLI."""
    zf = zipfile.ZipFile(io.BytesIO(wheel_path("bastioncorpus").read_bytes()))
    raw = zf.read("bastioncorpus/corpus/injections.jsonl").decode("utf-8")
    out: list[dict[str, Any]] = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        channel = "user" if r["channel"] == "user_input" else "document"
        label = "injection" if r["label"] == "malicious" else "benign"
        out.append(
            {"id": r["id"], "input": {"text": r["text"], "channel": channel},
             "expected": {"label": label}}
        )  # fmt: skip
    PUBLIC.mkdir(parents=True, exist_ok=True)
    target = PUBLIC / "injection.jsonl"
    target.write_text("".join(json.dumps(r) + "\n" for r in out), encoding="utf-8")
    return load_jsonl(target)


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


def clinllm_detectors() -> dict[str, Detector]:
    sys.path.insert(0, str(ROOT / "src"))
    from clinllm.screening import RuleScreen, default_screen

    full = default_screen()
    rules = default_screen(classifier=False)
    old = RuleScreen()
    return {
        "clinllm default (rules + classifier)": lambda t, c: full.screen(t, c).flagged,
        "clinllm rules only": lambda t, c: rules.screen(t, c).flagged,
        "clinllm RuleScreen (before)": lambda t, c: old.screen(t, c).flagged,
    }


def score(rows: list[Row], detect: Detector, runs: int) -> dict[str, Any]:
    times: list[float] = []
    predicted: list[bool] = []
    for run in range(runs):
        start = time.perf_counter()
        flags = [detect(text, channel) for text, channel, _ in rows]
        times.append((time.perf_counter() - start) / max(1, len(rows)))
        if run == 0:
            predicted = flags
    result: dict[str, Any] = {"us_per_text": statistics.median(times) * 1e6}
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
    args = parser.parse_args()
    datasets = {
        "dev": load_jsonl(ROOT.parent / "shared" / "data" / "dev" / "injection.jsonl"),
        "tune": load_jsonl(ROOT / "evals" / "data" / "tune" / "injection.jsonl"),
        "bastioncorpus": bastioncorpus(),
    }
    detectors = clinllm_detectors()
    detectors["ai-injection-guard 0.3.0"] = prompt_shield_detector()
    reference = "clinllm default (rules + classifier)"
    if args.rebuff:
        rebuff = rebuff_detector()
        datasets = {f"{k} (first {args.rebuff})": v[: args.rebuff] for k, v in datasets.items()}
        detectors = {reference: detectors[reference], "rebuff 0.1.1 heuristics": rebuff}
    for name, rows in datasets.items():
        print(f"\n== {name} ({len(rows)} texts)")
        print(
            f"{'screen':38} {'recall':>6} {'fpr':>6} | {'user R':>6} {'user F':>6} | "
            f"{'doc R':>6} {'doc F':>6} | {'us/text':>9} {'x clinllm':>9}"
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
                f"{r['us_per_text']:9.0f} {ratio:9.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
