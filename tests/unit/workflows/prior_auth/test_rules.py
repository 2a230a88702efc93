from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.runner import Runner
from clinllm.screening import RuleScreen
from clinllm.testing.fakes import FakeStructuredModel
from clinllm.workflows.prior_auth import PRIOR_AUTH, RULES
from clinllm.workflows.prior_auth.rules import extract_rules
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput

EXTRA = Path(__file__).parents[3] / "data" / "prior_auth_extra.jsonl"


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in EXTRA.read_text(encoding="utf-8").splitlines()]


def test_the_spec_hands_its_rules_to_the_gateways_rules_provider() -> None:
    assert RULES[PriorAuthModelOutput] is extract_rules
    assert PRIOR_AUTH.rules_provider is extract_rules
    assert PRIOR_AUTH.model_schema is PriorAuthModelOutput


def test_rules_output_validates_and_every_value_is_in_the_text() -> None:
    for row in rows():
        text = row["input"]["text"]  # type: ignore[index]
        out = extract_rules(text)
        PriorAuthModelOutput.model_validate(out.model_dump())
        squashed = text.replace(".", "").upper().translate(str.maketrans("OIL", "011"))
        ocr = str.maketrans("OIL", "011")
        for code in [*out.procedures, *out.diagnoses]:
            assert code.replace(".", "").translate(ocr) in squashed
        for value in (out.member_id, out.provider_npi):
            assert value is None or value in text


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def test_the_spec_generalizes_to_the_extra_synthetic_set() -> None:
    runner = Runner(
        model=FakeStructuredModel(), screen=RuleScreen(), base_policy=CallPolicy(), use_model=False
    )
    tp = fp = fn = mtp = mfp = mfn = payer = 0
    for row in rows():
        expected: Any = row["expected"]
        got = asyncio.run(runner.run(PRIOR_AUTH, row["input"]["text"])).output  # type: ignore[index]
        gold = {p["code"] for p in expected["procedures"]} | {
            d["code"] for d in expected["diagnoses"]
        }
        pred = {p.code for p in got.procedures} | {d.code for d in got.diagnoses}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        gmiss, pmiss = set(expected["missing_fields"]), set(got.missing_fields)
        mtp, mfp, mfn = mtp + len(gmiss & pmiss), mfp + len(pmiss - gmiss), mfn + len(gmiss - pmiss)
        payer += (got.payer or "").lower() == (expected["payer"] or "").lower()
    assert _f1(tp, fp, fn) >= 0.95
    assert _f1(mtp, mfp, mfn) >= 0.9
    assert payer / len(rows()) >= 0.9
