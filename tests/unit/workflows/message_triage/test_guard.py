"""The advice guard rejects advice and accepts neutral, routing-only drafts."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.guard import AdviceGuard
from clinllm.workflows.message_triage.templates import Templates

GUARD = AdviceGuard()


@pytest.mark.parametrize(
    ("draft", "reason"),
    [
        ("Yes, you can double your insulin tonight.", "dose_change"),
        ("Please increase your metoprolol dose until you see the doctor.", "dose_change"),
        ("Take 2 tablets every 6 hours.", "dose"),
        ("You should stop taking the amoxicillin.", "medication_instruction"),
        ("Try some ibuprofen for the pain.", "otc_recommendation"),
        ("It sounds like shingles.", "diagnosis"),
        ("You probably have a urinary infection.", "diagnosis"),
        ("Apply ice and elevate your leg.", "treatment"),
        ("We recommend rest and fluids.", "treatment"),
        ("Your labs look normal, MCV is fine.", "result_interpretation"),
        ("Your A1c came back high.", "result_interpretation"),
        ("Nothing to worry about, it should go away on its own.", "reassurance"),
        ("You don't need to come in for this.", "reassurance"),
    ],
)
def test_rejects_medical_advice(draft: str, reason: str) -> None:
    verdict = GUARD.check(draft)
    assert not verdict.allowed
    assert reason in verdict.reasons


@pytest.mark.parametrize(
    "draft",
    [
        "Thank you for your message. Our scheduling team will contact you about times.",
        "Your refill request was sent to Dr. Lee's team for review.",
        "Thanks for letting us know. A nurse will review your message and call you.",
        "If this is an emergency, call 911 or go to the nearest emergency department.",
        "It sounds like you would like to reschedule; our team will reach out.",
    ],
)
def test_accepts_neutral_drafts(draft: str) -> None:
    assert GUARD.check(draft).allowed


def test_every_packaged_template_passes_the_guard() -> None:
    templates = Templates.load()
    texts = [templates.safety.text, templates.neutral.text]
    texts += [t.text for t in templates.drafts.values()]
    for text in texts:
        assert GUARD.check(text).allowed, text


def test_reasons_are_codes_never_text() -> None:
    verdict = GUARD.check("Jane Sentinel, take 2 tablets of ibuprofen.")
    assert all("Sentinel" not in r and " " not in r for r in verdict.reasons)
