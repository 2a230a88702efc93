"""Member ids written in sentences, and values from running text held below the threshold.

Text written here for each shape (no corpus text): the other side of each test is the number
or the line the reader must not take (a group or claim number, an older card, a label).
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.prose import PROSE_CEILING, in_sentence, prose_member_id
from clinllm.workflows.prior_auth.rules import recognize
from clinllm.workflows.prior_auth.spec import REVIEW_THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "Her plan card reads QXT4471920.",
        "The subscriber number is 88-4410-2291 per the front desk.",
        "He is enrolled under number ZP7730051.",
        "Coverage: Maple Health; his coverage is listed under MH-5528-0193.",
        "Su tarjeta del seguro dice RTA0048812.",
    ],
)
def test_a_member_id_in_a_sentence_is_read_below_the_threshold(sentence: str) -> None:
    span = prose_member_id("Referral for knee pain.\n" + sentence + "\nThanks.")
    assert span is not None
    assert span.value[-4:] in sentence
    assert span.confidence == PROSE_CEILING
    assert span.confidence < REVIEW_THRESHOLD


@pytest.mark.parametrize(
    "sentence",
    [
        "His old card number QXT4471920 was replaced in May.",  # retired
        "The plan's group number is GRP551902.",  # another number's role
        "Claim for the plan: CLM8830021 was paid.",  # no id of the member's coverage
        "Please call the plan at 555-0142.",  # a phone number
        "She was seen on 2026-03-02 for the plan review.",  # a date
        "Policy # = CPB-0441-7781",  # a label the label readers refuse, not a sentence
    ],
)
def test_other_numbers_in_coverage_sentences_are_not_the_member_id(sentence: str) -> None:
    assert prose_member_id(sentence) is None


@pytest.mark.parametrize(
    ("line", "prose"),
    [
        ("The subscriber number is X1", True),
        ("Her plan card reads X1", True),
        ("Surgery is scheduled for X1", True),
        ("Mbr #: X1", False),
        ("Re: Ana Ruiz, DOB 01/02/1960, member ID X1", False),
        ("Expected service date X1", False),
        ("Requested date of service: on or after X1", False),
        ("Plan - knee MRI - date X1", False),
    ],
)
def test_a_value_after_a_label_is_not_read_from_a_sentence(line: str, prose: bool) -> None:
    assert in_sentence(line, line.index("X1")) is prose


def test_the_rules_hold_a_sentence_member_id_and_date_below_the_threshold() -> None:
    text = (
        "Fax to Maple Health utilization management\n"
        "Patient: Ana Ruiz\n"
        "Her plan card reads QXT4471920.\n"
        "Knee arthroscopy (29881) for M23.221. Surgery is scheduled for 04/02/2026.\n"
    )
    c = recognize(text)
    assert c.member_id is not None
    assert c.member_id.value == "QXT4471920"
    assert c.member_id.confidence < REVIEW_THRESHOLD
    assert c.service_date is not None
    assert c.service_date.confidence < REVIEW_THRESHOLD


def test_a_labelled_member_id_keeps_its_confidence() -> None:
    c = recognize("Patient: Ana Ruiz\nMember ID: QXT4471920\nService date: 04/02/2026\n")
    assert c.member_id is not None
    assert c.member_id.confidence >= REVIEW_THRESHOLD
    assert c.service_date is not None
    assert c.service_date.confidence >= REVIEW_THRESHOLD
