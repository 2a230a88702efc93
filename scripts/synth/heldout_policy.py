#!/usr/bin/env python3
"""Generate the HELD-OUT policy-search set (D2).

Writes evals/data/heldout/policy_docs.jsonl and policy_questions.jsonl from the hand-written
sources scripts/synth/heldout_policy_docs.txt and heldout_policy_questions.txt, and checks the
labels: groups from the known set, every user in all_staff, relevant documents readable by the
user, forbidden documents not readable, answerable exactly when a readable document answers.

Held-out material: do not open this file's sources or outputs while writing or tuning retrieval,
screens, rules or prompts (evals/data/README.md). Running it is fine.

    python3 scripts/synth/heldout_policy.py            # writes both files
    python3 scripts/synth/heldout_policy.py --check    # exit 1 if the committed files differ
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
DOCS_SRC = HERE / "heldout_policy_docs.txt"
QUESTIONS_SRC = HERE / "heldout_policy_questions.txt"
OUT_DIR = ROOT / "evals" / "data" / "heldout"

GROUPS = {
    "utilization_review",
    "care_management",
    "billing",
    "clinical_staff",
    "compliance_legal",
    "all_staff",
}
USERS = {
    "ho-u01": ["utilization_review", "all_staff"],
    "ho-u02": ["care_management", "all_staff"],
    "ho-u03": ["billing", "all_staff"],
    "ho-u04": ["clinical_staff", "all_staff"],
    "ho-u05": ["compliance_legal", "all_staff"],
    "ho-u06": ["all_staff"],
    "ho-u07": ["utilization_review", "clinical_staff", "all_staff"],
    "ho-u08": ["care_management", "clinical_staff", "all_staff"],
    "ho-u09": ["billing", "compliance_legal", "all_staff"],
    "ho-u10": ["all_staff"],
    "ho-u11": ["utilization_review", "care_management", "all_staff"],
    "ho-u12": ["billing", "utilization_review", "all_staff"],
}

Line = dict[str, object]


def fail(message: str) -> None:
    raise SystemExit(f"heldout_policy: {message}")


def parse_docs(path: Path) -> list[Line]:
    docs: list[Line] = []
    blocks = path.read_text(encoding="utf-8").split("\n=== ")[1:]
    for block in blocks:
        head, _, body = block.partition("\n---\n")
        lines = head.splitlines()
        doc_id = lines[0].strip()
        meta = dict(line.split(": ", 1) for line in lines[1:])
        groups = [g.strip() for g in meta["groups"].split(",")]
        if not set(groups) <= GROUPS:
            fail(f"{doc_id}: unknown group")
        if meta["injection"] not in ("yes", "no"):
            fail(f"{doc_id}: injection must be yes or no")
        docs.append(
            {
                "id": doc_id,
                "input": {"title": meta["title"], "text": body.strip() + "\n", "groups": groups},
                "expected": {"contains_injection": meta["injection"] == "yes"},
            }
        )
    return docs


def ids(field: str) -> list[str]:
    value = field.split("=", 1)[1]
    return [v for v in value.split(",") if v]


def parse_questions(path: Path, docs: list[Line]) -> list[Line]:
    groups_of: dict[str, set[str]] = {}
    for doc in docs:
        doc_input = doc["input"]
        assert isinstance(doc_input, dict)
        groups_of[str(doc["id"])] = set(doc_input["groups"])
    questions: list[Line] = []
    head: list[str] | None = None
    body: list[str] = []

    def flush() -> None:
        if head is None:
            return
        qid, user = head[1], head[2]
        rel, forb = ids(head[3]), ids(head[4])
        user_groups = USERS[user]
        for doc_id in rel + forb:
            if doc_id not in groups_of:
                fail(f"{qid}: unknown document")
        for doc_id in rel:
            if not groups_of[doc_id] & set(user_groups):
                fail(f"{qid}: relevant document not readable by the user")
        for doc_id in forb:
            if groups_of[doc_id] & set(user_groups):
                fail(f"{qid}: forbidden document readable by the user")
        questions.append(
            {
                "id": qid,
                "input": {
                    "question": " ".join(body).strip(),
                    "user": {"id": user, "groups": user_groups},
                },
                "expected": {
                    "relevant_doc_ids": rel,
                    "forbidden_doc_ids": forb,
                    "answerable": bool(rel),
                },
            }
        )

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("? "):
            flush()
            head, body = line.split(), []
        elif head is not None:
            body.append(line)
    flush()
    return questions


def render(lines: list[Line]) -> str:
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def build() -> dict[str, str]:
    docs = parse_docs(DOCS_SRC)
    questions = parse_questions(QUESTIONS_SRC, docs)
    for group in ("all_staff",):
        for user, groups in USERS.items():
            if group not in groups:
                fail(f"{user}: every user has all_staff")
    return {"policy_docs.jsonl": render(docs), "policy_questions.jsonl": render(questions)}


def main(argv: list[str]) -> int:
    files = build()
    if "--check" in argv:
        same = all((OUT_DIR / n).read_text(encoding="utf-8") == t for n, t in files.items())
        return 0 if same else 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT_DIR / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
