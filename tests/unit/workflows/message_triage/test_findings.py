"""The finding-level reader: a part in an abnormal state, read with its scope.

Messages here are written for the test, in the voices of the s27 probe's tune side, and by
class: each finding fires on a description with no alarm word, and not on the same parts
negated, in the past, at rest or in an everyday state.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.findings import EMERGENCY_FINDINGS
from clinllm.workflows.message_triage.redflags import find_red_flags
from clinllm.workflows.message_triage.rules import classify

FIRES = [
    ("finding_cyanosis", "he keeps coughing and his lips look kind of grey-blue to me"),
    ("finding_cyanosis", "her color is off, sort of bluish, and she's so sleepy"),
    ("finding_mottled_skin", "her legs are cold and blotchy since this afternoon"),
    ("finding_respiratory_distress", "my 2 year old is grunting with every breath"),
    ("finding_respiratory_distress", "I'm out of breath just sitting on the couch"),
    ("finding_altered_mind", "grandma started talking nonsense about an hour ago"),
    ("finding_altered_mind", "he's just staring at the wall and his hand keeps jerking"),
    ("finding_face_asymmetry", "one side of his mouth looks lower than the other"),
    ("finding_child_ingestion", "my son got into the cabinet and drank some of the drain cleaner"),
    ("finding_cardiac_equivalent", "dad is in a cold sweat and his jaw aches, he feels sick"),
    ("finding_shock", "BP 82/50 and pulse 134 on the home monitor, she looks awful"),
]

QUIET = [
    "no blue lips, he is breathing fine, just a runny nose",
    "when she was a toddler her lips went blue once during a breath-holding spell",
    "my son picked a blue shirt for picture day, can you send the school form",
    "she has a blotchy red rash on her arms from the new soap",
    "the baby grunts when she poops, is that normal?",
    "I get out of breath running up three flights of stairs",
    "the receptionist is not answering the phone today, can someone call me back",
    "my 3 year old loves staring at the ceiling fan, can we book his checkup",
    "I bought bleach for the bathroom, do I need to cancel the visit if I have a cold",
    "I was sweating at the gym and my shoulder aches a bit from lifting",
    "my blood pressure was 118/76 and pulse 72 this morning",
]


@pytest.mark.parametrize(("finding", "message"), FIRES)
def test_finding_fires_on_a_description_with_no_alarm_word(finding: str, message: str) -> None:
    hits = {h.rule_id: h for h in find_red_flags(message)}
    assert finding in hits
    assert hits[finding].urgency == "emergency"
    assert classify(message).urgency == "emergency"


@pytest.mark.parametrize("message", QUIET)
def test_no_finding_on_look_alikes(message: str) -> None:
    ids = {h.rule_id for h in find_red_flags(message)}
    assert not ids & {f.id for f in EMERGENCY_FINDINGS}


def test_a_negated_part_is_no_finding() -> None:
    assert not find_red_flags("her lips are not blue and she is not grunting")


def test_an_altered_mind_needs_an_onset_or_a_second_sign() -> None:
    ids = {h.rule_id for h in find_red_flags("mom is out of it")}
    assert "finding_altered_mind" not in ids
    ids = {h.rule_id for h in find_red_flags("mom is suddenly out of it")}
    assert "finding_altered_mind" in ids


def test_every_finding_names_its_harm() -> None:
    assert len({f.id for f in EMERGENCY_FINDINGS}) == len(EMERGENCY_FINDINGS)
    assert all(f.id.startswith("finding_") and f.harm for f in EMERGENCY_FINDINGS)
