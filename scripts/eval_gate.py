#!/usr/bin/env python3
"""Run the evaluation suites and fail on a regression against the committed baselines.

    python scripts/eval_gate.py              # CI: every suite with a rules baseline, rules provider
    python scripts/eval_gate.py --embedded   # make eval: the embedded default chain, JSON + HTML

Reports go to ``out/eval/``. The dataset folder is ``../shared/data/dev`` unless
``--data`` or ``CLINLLM_EVAL_DATA`` names another one in the same format.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "clinllm.entrypoints.cli"]
BASELINES = ROOT / "evals" / "baselines"
OUT = ROOT / "out" / "eval"
EMBEDDED_SUITES = ("prior_auth", "triage", "phi", "note_summary", "policy_search")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--embedded", action="store_true", help="use the embedded default chain")
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    data = args.data or Path(
        os.environ.get("CLINLLM_EVAL_DATA", ROOT.parent / "shared" / "data" / "dev")
    )
    if not data.is_dir():
        print(
            f"eval gate: dataset folder {data} not found (set CLINLLM_EVAL_DATA)", file=sys.stderr
        )
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    label = "embedded" if args.embedded else "rules"
    if args.embedded:
        suites = list(EMBEDDED_SUITES)
    else:
        suites = sorted(p.name.split(".")[0] for p in BASELINES.glob("*.rules.json"))
    failed: list[str] = []
    for suite in suites:
        report = OUT / f"{suite}.{label}.json"
        command = [*CLI, "eval", "run", "--suite", suite, "--data", str(data), "--out", str(report)]
        if args.embedded:
            command += ["--html", str(OUT / f"{suite}.{label}.html")]
        else:
            command += ["--provider", "rules"]
        if args.limit:
            command += ["--limit", str(args.limit)]
        print(f"== eval {suite} ({label}) on {data}", flush=True)
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            failed.append(f"{suite}: run")
            continue
        baseline = BASELINES / f"{suite}.{label}.json"
        if baseline.exists():
            print(f"== compare {suite} against {baseline.relative_to(ROOT)}", flush=True)
            compare = [*CLI, "eval", "compare", str(baseline), str(report)]
            if subprocess.run(compare, cwd=ROOT, check=False).returncode != 0:
                failed.append(f"{suite}: regression")
    if failed:
        print(f"eval gate FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    print(f"eval gate passed: {', '.join(suites)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
