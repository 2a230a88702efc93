"""Requirement sentences the date probe's open side wrote and the rules missed (s27).

A review held back until something arrives, a criterion that "hinges on" evidence, and a
Spanish obligation in the plan's voice; with sentences of the same words that state no
requirement. Written for the tests, in no corpus's words.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.obligations import find_obligations


@pytest.mark.parametrize(
    ("sentence", "requirement"),
    [
        ("Approval hinges on a signed home safety evaluation.", "a signed home safety evaluation"),
        (
            "The plan will only consider this once you provide the audiology report.",
            "the audiology report",
        ),
        (
            "The carrier decides only after we fax the nerve conduction results.",
            "the nerve conduction results",
        ),
        (
            "La aseguradora requiere la nota de consulta de neurologia.",
            "la nota de consulta de neurologia",
        ),
        (
            "El plan exige the pulmonary function test results.",
            "the pulmonary function test results",
        ),
    ],
)
def test_a_held_review_a_hinge_and_a_spanish_obligation(
    sentence: str, requirement: str | None
) -> None:
    found = [s.value for s in find_obligations(sentence)]
    assert found == ([requirement] if requirement else [])


@pytest.mark.parametrize(
    "sentence",
    [
        "We will only review the wound once a week at the clinic.",
        "Her mood hinges on the weather most days.",
        "The patient requires a walker at home.",
    ],
)
def test_the_same_words_without_a_payer_or_evidence_are_not_requirements(sentence: str) -> None:
    assert find_obligations(sentence) == []
