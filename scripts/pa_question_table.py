#!/usr/bin/env python3
"""Per-question-kind table for the prior-auth questions: rules' guess vs the model, on OPEN sets.

Why: the s26 ablation showed the embedded model's role answers making prior auth worse on the
blind set. This lists every question the rules leave open on the open sets (the same questions
the pipeline asks: :func:`clinllm.workflows.prior_auth.questions.open_questions` on the screened
text), the answer the gold implies, the rules' own guess (a code guessed requested, the chosen
provider, date and id), and the model's answer asked the way the pipeline asks it (one
schema-constrained call per document, the provider of ``--provider``). With ``--probs`` each
question is also asked alone and the probability of each option's first token is read from the
model's logits (llama-cpp-python in process), which is what confidence gating would read.

Held-out folders are refused: the table prints cases.

    python scripts/pa_question_table.py ../shared/data/dev evals/data/tune_pa_missing ...
    python scripts/pa_question_table.py --provider local:qwen2.5-coder-1.5b --probs DIR ...
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from clinllm.evals.datasets import PriorAuthCase, load_prior_auth  # noqa: E402
from clinllm.pipeline.screen import screen  # noqa: E402
from clinllm.screening import default_screen  # noqa: E402
from clinllm.workflows.prior_auth.questions import QUESTIONS, open_questions  # noqa: E402
from clinllm.workflows.prior_auth.rules import Candidates, recognize  # noqa: E402

#: The answer that agrees with the rules' own reading, per question kind.
RULES_SAY = {"code": "requested", "provider": "yes", "service_date": "service", "member_id": "yes"}


def _norm(s: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def kind_of(key: str) -> str:
    return "code" if key.startswith("code:") else key


def gold_answer(key: str, case: PriorAuthCase, c: Candidates) -> str:
    """The answer the gold record implies for one question."""
    g = case.expected
    if key.startswith("code:"):
        code = key.split(":", 1)[1]
        wanted = {p.code for p in g.procedures} | {d.code for d in g.diagnoses}
        return "requested" if code in wanted else "not_requested"
    if key == "provider":
        name = c.provider_name.value if c.provider_name else None
        return "yes" if _norm(name) == _norm(g.requesting_provider.name) else "no"
    if key == "service_date":
        d = c.service_date
        return "service" if d is not None and d.value.isoformat() == g.service_date else "other"
    if key == "member_id":
        mid = c.member_id.value if c.member_id else None
        return "yes" if _norm(mid) == _norm(g.member_id) else "no"
    raise ValueError(key)


def scan(dirs: list[Path]) -> list[dict[str, Any]]:
    screener = default_screen()
    rows: list[dict[str, Any]] = []
    for d in dirs:
        if "heldout" in str(d):
            raise SystemExit(f"{d}: held-out sets are blind; this script prints cases")
        for case in load_prior_auth(d).cases:
            text = case.input.text
            masked = screen(text, "document", screener).masked
            c = recognize(masked)
            qs = open_questions(masked, c)
            for q in qs:
                rows.append(
                    {
                        "set": d.name,
                        "id": case.id,
                        "key": q.key,
                        "kind": kind_of(q.key),
                        "gold": gold_answer(q.key, case, c),
                        "rules": RULES_SAY[kind_of(q.key)],
                        "question": q,
                        "doc_questions": qs,
                        "masked": masked,
                    }
                )
    return rows


async def ask_batched(rows: list[dict[str, Any]], provider: str) -> None:
    """The pipeline's call: one per document, all its questions in order."""
    from clinllm.bootstrap import build_app
    from clinllm.domain.calls import CallPolicy
    from clinllm.pipeline.questions import ask_questions
    from clinllm.settings import load_settings

    async with build_app(load_settings(), chain=(provider,), persist=False) as app:
        model = app.gateway
        done: dict[tuple[str, str], dict[str, str]] = {}
        for r in rows:
            doc = (r["set"], r["id"])
            if doc not in done:
                answers, _ = await ask_questions(
                    model,
                    QUESTIONS,
                    r["doc_questions"],
                    policy=CallPolicy(
                        max_output_tokens=QUESTIONS.max_output_tokens,
                        deadline_s=900,
                        contains_phi=True,
                        fallback_on_content_error=False,
                    ),
                    source_text=r["masked"],
                )
                done[doc] = dict(answers)
                print(doc, dict(answers), file=sys.stderr, flush=True)
            r["model"] = done[doc].get(r["key"], "-")


def table(rows: list[dict[str, Any]]) -> str:
    by: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        k = by[r["kind"]]
        k["n"] += 1
        k["rules_right"] += r["rules"] == r["gold"]
        if "model" in r:
            k["asked"] += 1
            k["model_right"] += r["model"] == r["gold"]
            k["model_agrees"] += r["model"] == r["rules"]
            k["agree_right"] += r["model"] == r["rules"] == r["gold"]
            k["flip_fix"] += r["model"] != r["rules"] and r["model"] == r["gold"]
            k["flip_break"] += r["model"] != r["rules"] and r["rules"] == r["gold"]
    out = [
        "| kind | questions | rules' guess right | model right | model agrees"
        " | agree & right | model fixes | model breaks |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for kind, k in sorted(by.items()):
        out.append(
            f"| {kind} | {k['n']} | {k['rules_right']} | {k['model_right']} | {k['model_agrees']}"
            f" | {k['agree_right']} | {k['flip_fix']} | {k['flip_break']} |"
        )
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--provider", help="ask the model (e.g. local:qwen2.5-coder-1.5b)")
    ap.add_argument("--json", type=Path, help="write the rows here")
    ap.add_argument("--list", action="store_true", help="print each question's row")
    ap.add_argument("--only", help="comma-separated case ids (the rest are skipped)")
    args = ap.parse_args()
    rows = scan(args.dirs)
    if args.only:
        rows = [r for r in rows if r["id"] in args.only.split(",")]
    if args.provider:
        asyncio.run(ask_batched(rows, args.provider))
    if args.list:
        for r in rows:
            print(r["set"], r["id"], r["key"], "gold", r["gold"], "model", r.get("model", "?"))
    if args.json:
        keep = [
            {k: v for k, v in r.items() if k not in ("question", "doc_questions", "masked")}
            for r in rows
        ]
        args.json.write_text(json.dumps(keep, indent=1))
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
