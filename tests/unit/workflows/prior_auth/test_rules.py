from __future__ import annotations

import json
from pathlib import Path

from clinllm.workflows.prior_auth import RULES
from clinllm.workflows.prior_auth.rules import extract_rules
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput

EXTRA = Path(__file__).parents[3] / "data" / "prior_auth_extra.jsonl"


def rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in EXTRA.read_text(encoding="utf-8").splitlines()]


def test_rules_is_registered_for_the_model_schema() -> None:
    assert RULES[PriorAuthModelOutput] is extract_rules


def test_every_rules_quote_is_source_text_and_output_validates() -> None:
    for row in rows():
        text = row["input"]["text"]  # type: ignore[index]
        out = extract_rules(text)
        PriorAuthModelOutput.model_validate(out.model_dump())
        for item in [*out.procedures, *out.diagnoses]:
            assert item.quote in text
        for q in (out.payer, out.member_id, out.provider_name, out.service_date):
            assert q is None or q.quote in text


def test_rules_generalize_to_the_extra_synthetic_set() -> None:
    from clinllm.workflows.prior_auth.measure import score

    figures = score(rows())
    assert figures["code_f1"] >= 0.95
    assert figures["hallucinated_code_rate"] == 0.0
    assert figures["payer_acc"] >= 0.9
    assert figures["missing_fields_f1"] >= 0.9
