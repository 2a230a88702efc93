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


def test_rules_generalize_to_the_extra_synthetic_set() -> None:
    from clinllm.workflows.prior_auth.measure import score

    figures = score(rows())
    assert figures["code_f1"] >= 0.95
    assert figures["hallucinated_code_rate"] == 0.0
    assert figures["payer_acc"] >= 0.9
    assert figures["missing_fields_f1"] >= 0.9
