"""Requirement sentences the date probe's open side wrote and the rules missed (s27).

A review held back until something arrives, a criterion that "hinges on" evidence, and a
Spanish obligation in the plan's voice; with sentences of the same words that state no
requirement. Written for the tests, in no corpus's words.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.obligations import find_obligations, opens_list
from clinllm.workflows.prior_auth.rules import recognize


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


NEED_LIST = """\
To complete the review we need:
1. Progress notes from the last two visits
2. Results of the nerve conduction study
"""
PEND_LIST = """\
The following information was not received:
\u2022 Chart notes from the referring physician
\u2022 Lab results (A1c within 90 days)
"""


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            NEED_LIST,
            ["Progress notes from the last two visits", "Results of the nerve conduction study"],
        ),
        (
            PEND_LIST,
            ["Chart notes from the referring physician", "Lab results (A1c within 90 days)"],
        ),
    ],
)
def test_an_obligation_ending_in_a_colon_opens_a_list_of_requirements(
    text: str, items: list[str]
) -> None:
    assert opens_list(text.splitlines()[0])
    assert [r.value for r in recognize(text).requirements] == items


@pytest.mark.parametrize(
    "text",
    [
        "Patient needs:\n- a ride home after sedation\n- a walker at discharge\n",
        "Plan:\n1. Start physical therapy twice weekly\n2. Follow up in 6 weeks\n",
        "Medications tried:\n- ibuprofen 800 mg\n- naproxen 500 mg\n",
    ],
)
def test_lists_under_other_headings_are_not_requirements(text: str) -> None:
    assert not opens_list(text.splitlines()[0])
    assert recognize(text).requirements == []
