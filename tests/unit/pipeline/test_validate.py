from __future__ import annotations

from clinllm.domain.evidence import Evidence
from clinllm.pipeline.spec import CodeRef, Draft
from clinllm.pipeline.validate import check_codes
from clinllm.testing.fakes import FakeCodeLookup
from clinllm.workflows.prior_auth.schema import Diagnosis, PriorAuthExtraction, Procedure

TEXT = "M54.16 M99.99 M54.1 72148 70553"


def _draft() -> Draft[PriorAuthExtraction]:
    draft: Draft[PriorAuthExtraction] = Draft(
        PriorAuthExtraction(
            diagnoses=[Diagnosis(code="M99.99"), Diagnosis(code="M54.16"), Diagnosis(code="M54.1")],
            procedures=[
                Procedure(code="72148", system="CPT"),
                Procedure(code="70553", system="CPT"),
            ],
        )
    )
    for key, (s, e) in {
        "diagnoses[0]": (7, 13),
        "diagnoses[1]": (0, 6),
        "diagnoses[2]": (14, 19),
        "procedures[0]": (20, 25),
        "procedures[1]": (26, 31),
    }.items():
        draft.put(key, Evidence.at(TEXT, s, e), 0.9)
    return draft


def _refs(draft: Draft[PriorAuthExtraction]) -> list[CodeRef]:
    ex = draft.output
    return [CodeRef(f"diagnoses[{i}]", "ICD-10-CM", d.code) for i, d in enumerate(ex.diagnoses)] + [
        CodeRef(f"procedures[{i}]", "CPT", p.code) for i, p in enumerate(ex.procedures)
    ]


def test_a_code_outside_its_set_is_removed_and_later_items_move_up() -> None:
    draft = _draft()
    checked = check_codes(draft, _refs(draft), FakeCodeLookup({"cpt": ["72148"]}))
    assert checked.rejected == 2
    assert [d.code for d in draft.output.diagnoses] == ["M54.16", "M54.1"]
    assert [p.code for p in draft.output.procedures] == ["72148"]
    assert draft.evidence["diagnoses[0]"][0].text == "M54.16"
    assert draft.evidence["diagnoses[0]"][0].field == "diagnoses[0]"
    assert draft.evidence["diagnoses[1]"][0].text == "M54.1"
    assert "diagnoses[2]" not in draft.evidence
    assert "procedures[1]" not in draft.confidence
    removed = [f for f in draft.findings if f.code == "code_not_in_code_set"]
    assert [(f.field, f.evidence[0].text) for f in removed] == [
        ("diagnoses", "M99.99"),
        ("procedures", "70553"),
    ]


def test_a_category_is_capped_and_flagged_at_its_new_place() -> None:
    draft = _draft()
    check_codes(draft, _refs(draft), None)
    assert draft.confidence["diagnoses[1]"] == 0.6  # M54.1, after M99.99 went
    (flag,) = [f for f in draft.findings if f.code == "icd_not_billable"]
    assert (flag.field, flag.evidence[0].text) == ("diagnoses[1]", "M54.1")


def test_without_an_imported_table_cpt_codes_stand() -> None:
    draft = _draft()
    check_codes(draft, _refs(draft), FakeCodeLookup({}))
    assert len(draft.output.procedures) == 2
