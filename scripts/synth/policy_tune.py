#!/usr/bin/env python3
"""Write the policy-search tune set: evals/data/tune/policy_docs.jsonl and policy_questions.jsonl.

    python scripts/synth/policy_tune.py

The texts are in ``policy_tune_docs.py`` and ``policy_tune_questions.py`` beside this file,
written by hand for tuning the retrieval and refusal thresholds (never the held-out set).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from policy_tune_docs import DOCS
from policy_tune_questions import Q

OUT = Path(__file__).resolve().parents[2] / "evals" / "data" / "tune"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    ids = {d[0] for d in DOCS}
    with (OUT / "policy_docs.jsonl").open("w") as fh:
        for doc_id, title, groups, injected, text in DOCS:
            row = {
                "id": doc_id,
                "input": {"title": title, "text": text, "groups": groups},
                "expected": {"contains_injection": injected},
            }
            fh.write(json.dumps(row) + "\n")
    with (OUT / "policy_questions.jsonl").open("w") as fh:
        for qid, question, user, groups, relevant, forbidden, answerable in Q:
            assert set(relevant) <= ids, qid
            assert set(forbidden) <= ids, qid
            row = {
                "id": qid,
                "input": {"question": question, "user": {"id": user, "groups": groups}},
                "expected": {
                    "relevant_doc_ids": relevant,
                    "forbidden_doc_ids": forbidden,
                    "answerable": answerable,
                },
            }
            fh.write(json.dumps(row) + "\n")
    print(f"{len(DOCS)} documents, {len(Q)} questions -> {OUT}")


if __name__ == "__main__":
    main()
