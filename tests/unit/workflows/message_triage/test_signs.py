"""Session 24 (issue 16): emergencies by a combination of signs, and what stays below them.

Each rule is checked on its class and on the everyday look-alikes of that class (one sign
alone, the same words long past, a normal value), so a rule that grows into its neighbours
fails here. The tempering of similarity-only emergencies and the farewell-as-absence idiom
are checked here too: each of these tests fails without the change it names.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from clinllm.workflows.message_triage.context import Text
from clinllm.workflows.message_triage.measurements import normal_readings
from clinllm.workflows.message_triage.redflags import find_red_flags
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.semantic import SemanticFlags, SentenceClassifier
from clinllm.workflows.message_triage.signs import critical_lab, lab_readings, normal_labs


class KeywordEmbedder:
    """``glorbix`` reads as an emergency sentence, anything else as routine."""

    name = "keywords-3"
    answer_floor: float | None = None

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        return [[1.0, 0.0, 0.0] if "glorbix" in t.lower() else [0.0, 0.0, 1.0] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_passages([text])[0]


def keyword_layer() -> SemanticFlags:
    classifier = SentenceClassifier(
        embedder="keywords-3",
        vectors=np.eye(3, dtype=np.float32),
        labels="EUN",
        similar_at=0.9,
        margin=0.05,
        clear_lead=2.0,
    )
    return SemanticFlags(KeywordEmbedder(), classifier)


def fired(message: str) -> set[str]:
    return {hit.rule_id for hit in find_red_flags(message)}


@pytest.mark.parametrize(
    ("rule_id", "message"),
    [
        ("postictal_signs", "our toddler had a febrile convulsion, it's over but she's limp"),
        (
            "postictal_signs",
            "18 month old had a seizure this morning, now isn't moving his left arm",
        ),
        ("abdominal_trauma", "came off his bike onto the handlebars, his tummy is getting bigger"),
        ("abdominal_trauma", "fell off a ladder, pain under my left ribs and I feel faint"),
        ("abdominal_trauma", "the seatbelt left a bruise across my belly after the crash"),
        ("angle_closure_glaucoma", "sudden eye pain with blurry vision and a pounding headache"),
        ("angle_closure_glaucoma", "my left eye is aching badly and feels rock hard, halos too"),
        ("critical_lab_value", "coumadin clinic result: INR 8.4. I feel fine, no bleeding"),
        ("critical_lab_value", "The lab portal says my potassium is 7.1, is that bad?"),
        ("critical_lab_value", "my sodium came back at 118 and I feel foggy"),
        # The shared table's units and limits (clinllm.domain.labs): mEq/L is a lab unit.
        ("critical_lab_value", "my potassium came back at 6.2 mEq/L, what do I do"),
    ],
)
def test_each_class_is_an_emergency(rule_id: str, message: str) -> None:
    assert rule_id in fired(message)
    assert classify(message).urgency == "emergency"


@pytest.mark.parametrize(
    "message",
    [
        # One sign alone, the event long past, or an everyday eye.
        "Had a seizure as a kid but none since, do I need a note for my license?",
        "His fever seizure was two years ago and he's been fine since",
        "I was in a fender bender two months ago, all healed up, need my records",
        "The ER bill from the car accident came to me instead of the auto insurance",
        "My eyes get red and itchy every allergy season, can you refill the drops?",
        # A red, painful, blurred eye (a contact lens, a keratitis) is same-day, not this.
        "My eye is red and painful and my vision is blurry.",
        # Normal and merely high values; a dose is no reading.
        "INR was 2.6 this week, right in range",
        "My INR came back 4.3 today, no bleeding",
        # Above the lab's critical 5.0 but not a message's emergency (a same-day call).
        "My INR was 5.2 today at the pharmacy, no bleeding",
        "My potassium was 4.2, can I stop the potassium chloride 10 meq?",
        "Please refill potassium 20 meq",
    ],
)
def test_the_look_alikes_are_not_these_emergencies(message: str) -> None:
    new = {"postictal_signs", "abdominal_trauma", "angle_closure_glaucoma", "critical_lab_value"}
    assert not fired(message) & new


def test_lab_readings_name_the_value_and_normal_ones_are_marked() -> None:
    text = Text.of("INR 9.6. Potassium is 4.1 and K+ 2.1")
    assert [(n, v) for n, v, _ in lab_readings(text)] == [
        ("inr", 9.6),
        ("potassium", 4.1),
        ("potassium", 2.1),
    ]
    assert [m.text for m in critical_lab(text)] == ["INR 9.6"]
    assert [m.text.lower()[:9] for m in normal_labs(text)] == ["potassium"]


def test_normal_vital_readings_are_read_and_abnormal_ones_are_not() -> None:
    normal = normal_readings(Text.of("resting pulse 48, oxygen 97%, BP 112/70, temp 98.6"))
    assert len(normal) == 4
    assert normal_readings(Text.of("pulse 36, oxygen 84%, BP 190/120, temp 103.2")) == ()


@pytest.mark.parametrize(
    "message",
    [
        "I won't be here next week, I'm traveling. Can we move my appointment?",
        "I won't be around tomorrow for the call, please leave a voicemail",
        "Honestly I don't want to be here for the procedure, can I be sedated?",
    ],
)
def test_a_farewell_form_said_of_an_event_is_no_ideation(message: str) -> None:
    assert not fired(message) & {"suicidal_plan", "suicidal_ideation"}


@pytest.mark.parametrize(
    "message",
    [
        "I don't want to be here anymore. I have the pills ready",
        "I won't be here tomorrow. I've said goodbye to everyone",
        "I won't be here for the call because I want to kill myself tonight",
    ],
)
def test_a_farewell_without_an_event_still_counts(message: str) -> None:
    assert "suicidal_plan" in fired(message)


def test_an_idiomatic_dying_to_is_no_short_alarm() -> None:
    assert "short_alarm" not in fired("I'm dying to know my biopsy results")
    assert "short_alarm" in fired("I think I'm dying")


def test_a_pulse_with_a_black_out_is_an_emergency() -> None:
    assert "pulse_extreme_with_symptoms" in fired("resting pulse 36 and I nearly blacked out")


@pytest.mark.parametrize(
    "message",
    [
        "My 6 week old arm is glorbix a bit",
        "his arm is glorbix but he is breathing fine",
        "resting pulse 48 and my arm is glorbix",
        "My son had a minor glorbix in his arm",
    ],
)
def test_a_tempered_sentence_is_a_semantic_same_day_need_not_an_emergency(message: str) -> None:
    verdict = classify(message, keyword_layer())
    assert verdict.urgency == "urgent"
    assert verdict.urgency_rule == "rule:semantic_urgent"


def test_an_untempered_semantic_emergency_stays_an_emergency() -> None:
    verdict = classify("his arm is glorbix since an hour", keyword_layer())
    assert verdict.urgency == "emergency"


def test_a_qualifier_does_not_temper_a_sign_of_collapse_beside_it() -> None:
    # The "not" of "not eating much" reaches "hard to wake" for the rules; the layer's
    # emergency stands because the sentence names a sign no qualifier makes mild.
    verdict = classify("my newborn is glorbix, not eating much and hard to wake", keyword_layer())
    assert verdict.urgency == "emergency"
    assert verdict.urgency_rule == "rule:semantic_emergency"
