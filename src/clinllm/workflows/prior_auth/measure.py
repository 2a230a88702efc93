"""Measure the prior-auth extractor on FORMAT.md JSONL files with the rules alone.

``python -m clinllm.workflows.prior_auth.measure FILE.jsonl [...] [--verbose]`` prints code F1,
hallucinated-code rate, payer / member id / NPI / date accuracy, missing-fields F1 and the rest.
Why here and not in the eval harness: it is the workflow's own quick check while rules change;
the harness (``clinllm eval run``) is the contract. It reads only the files it is given.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from clinllm.codes import cpt, hcpcs, icd10cm
from clinllm.workflows.prior_auth.merge import merge
from clinllm.workflows.prior_auth.rules import recognize

__all__ = ["main", "score"]


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", s.lower()) if len(w) > 2}


def score(rows: Iterable[dict[str, Any]], verbose: bool = False) -> dict[str, float]:
    """Score the rules-only extraction of ``rows`` against their ``expected``."""
    c: dict[str, float] = {
        k: 0
        for k in (
            "tp",
            "fp",
            "fn",
            "mtp",
            "mfp",
            "mfn",
            "dtp",
            "dfp",
            "dfn",
            "emitted",
            "halluc",
            "n",
            "payer",
            "member",
            "npi",
            "sd",
            "dl",
            "urg",
            "req_rec",
            "req_n",
            "review",
        )
    }
    latency = 0.0
    for row in rows:
        text = row["input"]["text"]
        exp = row["expected"]
        t0 = time.perf_counter()
        out = merge(text, recognize(text))
        latency += time.perf_counter() - t0
        got = out.extraction.model_dump(mode="json")
        c["n"] += 1
        c["review"] += out.needs_review
        gold = {p["code"] for p in exp["procedures"]} | {d["code"] for d in exp["diagnoses"]}
        pred = {p["code"] for p in got["procedures"]} | {d["code"] for d in got["diagnoses"]}
        c["tp"] += len(gold & pred)
        c["fp"] += len(pred - gold)
        c["fn"] += len(gold - pred)
        # OCR letters (O for 0, l/I for 1) count as the digit they stand for.
        ocr = str.maketrans("OIL", "011")
        squashed = re.sub(r"[\s.]", "", text.upper()).translate(ocr)
        for code in pred:
            c["emitted"] += 1
            exists = bool(icd10cm.normalize(code) or cpt.normalize(code) or hcpcs.normalize(code))
            if not exists or code.replace(".", "").translate(ocr) not in squashed:
                c["halluc"] += 1
        gm = {m["name"] for m in exp["medications"]}
        pm = {m["name"] for m in got["medications"]}
        c["dtp"] += len(gm & pm)
        c["dfp"] += len(pm - gm)
        c["dfn"] += len(gm - pm)
        gmiss, pmiss = set(exp["missing_fields"]), set(got["missing_fields"])
        c["mtp"] += len(gmiss & pmiss)
        c["mfp"] += len(pmiss - gmiss)
        c["mfn"] += len(gmiss - pmiss)
        checks = {
            "payer": (got["payer"] or "").lower() == (exp["payer"] or "").lower(),
            "member": got["member_id"] == exp["member_id"],
            "npi": got["requesting_provider"]["npi"] == exp["requesting_provider"]["npi"],
            "sd": got["service_date"] == exp["service_date"],
            "dl": got["deadline"] == exp["deadline"],
            "urg": got["urgency"] == exp["urgency"],
        }
        for k, ok in checks.items():
            c[k] += ok
        for phrase in exp["payer_requirements"]:
            gw = _words(phrase)
            best = (
                max((len(gw & _words(p)) / len(gw) for p in got["payer_requirements"]), default=0.0)
                if gw
                else 1.0
            )
            c["req_rec"] += best >= 0.5
            c["req_n"] += 1
        if verbose:
            bad = [k for k, ok in checks.items() if not ok]
            if pred != gold:
                bad.append(f"codes fp={sorted(pred - gold)} fn={sorted(gold - pred)}")
            if gmiss != pmiss:
                bad.append(f"missing got={sorted(pmiss)} exp={sorted(gmiss)}")
            if gm != pm:
                bad.append(f"meds got={sorted(pm)} exp={sorted(gm)}")
            for k in ("payer", "member", "npi", "sd", "dl"):
                if not checks[k]:
                    key = {
                        "payer": "payer",
                        "member": "member_id",
                        "sd": "service_date",
                        "dl": "deadline",
                    }.get(k)
                    g = got[key] if key else got["requesting_provider"]["npi"]
                    e = exp[key] if key else exp["requesting_provider"]["npi"]
                    bad.append(f"{k}: got={g!r} exp={e!r}")
            if bad:
                print(row["id"], "; ".join(b for b in bad if ":" in b or "=" in b))
    n = c["n"] or 1
    return {
        "documents": c["n"],
        "code_f1": round(_f1(int(c["tp"]), int(c["fp"]), int(c["fn"])), 3),
        "hallucinated_code_rate": round(c["halluc"] / c["emitted"], 3) if c["emitted"] else 0.0,
        "payer_acc": round(c["payer"] / n, 3),
        "member_id_acc": round(c["member"] / n, 3),
        "npi_acc": round(c["npi"] / n, 3),
        "service_date_acc": round(c["sd"] / n, 3),
        "deadline_acc": round(c["dl"] / n, 3),
        "urgency_acc": round(c["urg"] / n, 3),
        "missing_fields_f1": round(_f1(int(c["mtp"]), int(c["mfp"]), int(c["mfn"])), 3),
        "medication_f1": round(_f1(int(c["dtp"]), int(c["dfp"]), int(c["dfn"])), 3),
        "requirement_recall@0.5": round(c["req_rec"] / c["req_n"], 3) if c["req_n"] else 1.0,
        "needs_review_rate": round(c["review"] / n, 3),
        "ms_per_document": round(1000 * latency / n, 1),
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures for each file given on the command line."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in args
    files = [a for a in args if a != "--verbose"]
    if not files:
        print("usage: python -m clinllm.workflows.prior_auth.measure FILE.jsonl [...] [--verbose]")
        return 2
    for name in files:
        rows = [
            json.loads(line)
            for line in Path(name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        print(f"== {Path(name).name}")
        for key, value in score(rows, verbose=verbose).items():
            print(f"{key:>24}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
