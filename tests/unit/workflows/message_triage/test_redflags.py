"""Each red-flag rule: fires when asserted now, not when negated, hypothetical or past."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.redflags import RED_FLAG_RULES, find_red_flags

# rule id, positive (as patients write it), negated, hypothetical or past
CASES: list[tuple[str, str, str, str]] = [
    ("chest_pain_now",
     "my chst pain started 10 min ago and is crushing, sweating",
     "No chest pain, just a cough for a week.",
     "What should I do if I get chest pain on the new pill?"),
    ("chest_pain_now",
     "tengo dolor en el pecho desde hace una hora",
     "no tengo dolor de pecho, solo tos",
     "Last year I had chest pain and it was reflux. Refill my omeprazole."),
    ("stroke_signs",
     "Writing for my dad: his face started drooping on the left and his words are slurred",
     "His speech is fine and there is no slurred speech at all.",
     "If his face starts drooping what are the signs of a stroke?"),
    ("stroke_signs",
     "mi mama tiene la boca torcida y no puede hablar bien",
     "She denies any slurred speech or weakness.",
     "My father had a stroke in 2019, he needs a refill of clopidogrel."),
    ("anaphylaxis",
     "ate shrimp and now my lips are swelling and my throat is closing",
     "I had hives but no swelling of my lips or tongue.",
     "In case my son's lips swell again, should we keep an epipen?"),
    ("trouble_breathing",
     "mi papa can't breathe bien, his lips se ven azules",
     "mi papa no tiene problems breathing, solo tos",
     "what if my asthma gets bad and I can't breathe on the plane?"),
    ("trouble_breathing",
     "cant breath good, lips look kinda blue says my roommate",
     "No trouble breathing, just a runny nose.",
     "If I ever have trouble breathing on this inhaler, who do I call?"),
    ("suicidal_plan",
     "I dont want to live anymore. I have been saving up my pills and there's enough.",
     "I am not suicidal and have no thoughts of hurting myself.",
     "Years ago I had suicidal thoughts; doing well now, need a refill of sertraline."),
    ("suicidal_plan",
     "my husband dice que se quiere matar, he has a gun in the garage",
     "He is not suicidal and would never hurt himself, he needs his refill.",
     "What are the signs of suicide risk in teenagers?"),
    ("suicidal_plan",
     "my son texted that he wants to kill himself tonight",
     "My son denies wanting to kill himself, he is just stressed about exams.",
     "If a teen says he wants to kill himself, who should we call?"),
    ("heavy_bleeding",
     "2 weeks postpartum, soaking a pad every 20 minutes and passing big clots",
     "No heavy bleeding, just light spotting.",
     "What if the bleeding doesn't stop after my biopsy next week?"),
    ("infant_fever",
     "my 6 week old baby has a temp of 100.8 rectal and is sleepy",
     "my 6 week old has no fever, just a stuffy nose",
     "my 6 week old gets vaccines tomorrow, what if she gets a fever?"),
    ("overdose_poisoning",
     "my 2 year old got into my purse and swallowed some of my blood pressure pills",
     "I did not take too many pills, I counted and took the right dose.",
     "What happens if someone took too many Tylenol by accident?"),
    ("unresponsive_or_seizure",
     "he fell and now he wont wake up, breathing funny",
     "She is not unresponsive, she is talking to us normally.",
     "My son had a first seizure years ago, can we renew his rescue med?"),
    ("hypoglycemia_severe",
     "her sugar meter says 38 and she is confused and sweaty",
     "I no longer check, my sugar is fine at 110",
     "Last year my sugar was 45 once. Need new test strips."),
    ("thunderclap_headache",
     "worst headache of my life came on suddenly an hour ago",
     "Mild headache, not the worst headache of my life, just tension.",
     "What are the signs of a thunderclap headache?"),
    ("head_injury_high_risk",
     "Mom is on warfarin and fell this afternoon and hit her head",
     "Dad is on warfarin but he did not hit his head, no fall.",
     "If someone on eliquis hit their head, what should they do?"),
]  # fmt: skip


def fired(message: str) -> set[str]:
    return {hit.rule_id for hit in find_red_flags(message)}


@pytest.mark.parametrize(("rule_id", "positive", "negated", "hypothetical"), CASES)
def test_rule_fires_only_when_asserted_now(
    rule_id: str, positive: str, negated: str, hypothetical: str
) -> None:
    assert rule_id in fired(positive)
    assert rule_id not in fired(negated)
    assert rule_id not in fired(hypothetical)


@pytest.mark.parametrize(("rule_id", "positive", "negated", "hypothetical"), CASES)
def test_emergency_rules_report_spans_from_the_original_text(
    rule_id: str, positive: str, negated: str, hypothetical: str
) -> None:
    hit = next(h for h in find_red_flags(positive) if h.rule_id == rule_id)
    assert hit.urgency == "emergency"
    for span in hit.spans:
        assert positive[span.start : span.end] == span.text


def test_every_rule_has_a_unique_id_and_a_stated_harm() -> None:
    ids = [rule.id for rule in RED_FLAG_RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.harm for rule in RED_FLAG_RULES)


def test_ideation_with_a_safety_statement_is_urgent_not_emergency() -> None:
    message = "Some days I think everyone would be better off without me, but no plan, I'm safe."
    hits = {h.rule_id: h.urgency for h in find_red_flags(message)}
    assert hits.get("suicidal_ideation") == "urgent"
    assert "suicidal_plan" not in hits


def test_hives_without_airway_signs_are_urgent_only() -> None:
    message = (
        "Itchy hives on my arms since the amoxicillin. No trouble breathing, no face swelling."
    )
    hits = {h.rule_id: h.urgency for h in find_red_flags(message)}
    assert hits == {"allergic_reaction": "urgent"}


@pytest.mark.parametrize(
    ("message", "rule_id"),
    [
        ("BP 196/118 this morning with a pounding headache and blurry vision",
         "hypertensive_emergency"),
        ("BP 184/104 twice this morning, mild headache, no vision changes", "blood_pressure_high"),
        ("sugars have been 280-320 all week", "glucose_out_of_range"),
        ("my 3 year old has a fever of 101.5", "fever"),
        ("can't keep any water down since last night", "dehydration"),
    ],
)  # fmt: skip
def test_numeric_and_same_day_rules(message: str, rule_id: str) -> None:
    assert rule_id in fired(message)
