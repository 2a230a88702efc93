"""The model answers only what the rules leave open; the rules keep the last word.

The note-summary spec through a :class:`Runner` with the fakes, as every entry point runs it.
"""

from __future__ import annotations

import dataclasses

import pytest
from pydantic import BaseModel

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.runner import Runner
from clinllm.screening import RuleScreen
from clinllm.testing.fakes import FakeStructuredModel
from clinllm.workflows.note_summary import MODEL_SOURCE, NOTE_SUMMARY
from clinllm.workflows.note_summary.questions import (
    QUESTIONS,
    apply_answers,
    open_questions,
    question_set,
)
from clinllm.workflows.note_summary.rules import recognize

pytestmark = pytest.mark.anyio

ANSWERS = QUESTIONS.schema
#: The spec with the medication questions on (off by default).
ASK_MEDICATIONS = dataclasses.replace(NOTE_SUMMARY, questions=question_set(medications=True))

# Ibuprofen carries a dose and no word about it: the rules default it ("started"), which is
# exactly what they cannot know; the confusion is a finding no table decides.
AMBIGUOUS = (
    "HPI: 70F brought in by her son, new confusion since this morning.\n"
    "Meds: ibuprofen 400 mg PRN.\n"
    "Assessment: Urinary tract infection.\n"
    "Plan:\n- Start ciprofloxacin 500 mg twice daily x 3 days.\n- ibuprofen 400 mg as needed.\n"
)
SETTLED = (
    "Assessment: Essential hypertension.\nPlan: Increase lisinopril to 20 mg daily. "
    "Repeat BMP in 2 weeks.\n"
)


def runner(answers: list[str] | None) -> tuple[Runner, FakeStructuredModel]:
    table: dict[type[BaseModel], BaseModel | None] = {
        ANSWERS: ANSWERS(answers=answers) if answers is not None else None
    }
    fake = FakeStructuredModel(table)
    return Runner(model=fake, screen=RuleScreen(), base_policy=CallPolicy(deadline_s=5)), fake


def test_open_questions_are_the_unsettled_candidates_only() -> None:
    c = recognize(AMBIGUOUS)
    assert all(q.kind != "medication" for q in open_questions(AMBIGUOUS, c))  # off by default
    kinds = {(q.kind, q.subject) for q in open_questions(AMBIGUOUS, c, medications=True)}
    assert ("medication", "ibuprofen") in kinds
    assert ("medication", "ciprofloxacin") not in kinds  # a stated verb: settled
    assert any(k == "red_flag" and "confusion" in s for k, s in kinds)
    assert open_questions(SETTLED, recognize(SETTLED)) == []


async def test_no_open_question_means_no_model_call() -> None:
    r, fake = runner([])
    outcome = await r.run(NOTE_SUMMARY, SETTLED)
    assert fake.calls == []
    assert outcome.provider == "rules"  # the rules settled everything
    assert [p.code for p in outcome.output.problems] == ["I10"]
    assert outcome.route.action == "accept"


async def test_answers_settle_actions_and_flags_and_are_labelled_as_ai_output() -> None:
    questions = open_questions(AMBIGUOUS, recognize(AMBIGUOUS), medications=True)
    answers = ["no" for _ in questions]
    for i, q in enumerate(questions):
        if q.subject == "ibuprofen":
            answers[i] = "stopped"
        elif q.kind == "red_flag" and "confusion" in q.subject:
            answers[i] = "yes"
    r, fake = runner(answers)
    outcome = await r.run(ASK_MEDICATIONS, AMBIGUOUS)
    assert len(fake.calls) == 1
    sent = fake.calls[0].messages[-1].content
    assert "Excerpt" in sent  # excerpts, not the note
    assert "Plan:\n- Start" not in sent
    actions = {m.name: m.action for m in outcome.output.medication_changes}
    assert actions["ibuprofen"] == "stopped"  # the rules' default was "continued"
    assert actions["ciprofloxacin"] == "started"
    assert any("confusion" in r for r in outcome.output.red_flags)
    i_med = next(
        i for i, m in enumerate(outcome.output.medication_changes) if m.name == "ibuprofen"
    )
    i_flag = next(i for i, r in enumerate(outcome.output.red_flags) if "confusion" in r)
    for key in (f"medication_changes[{i_med}]", f"red_flags[{i_flag}]"):
        assert {e.source for e in outcome.evidence[key]} == {MODEL_SOURCE}
    i_cipro = next(
        i for i, m in enumerate(outcome.output.medication_changes) if m.name == "ciprofloxacin"
    )
    assert MODEL_SOURCE not in {
        e.source for e in outcome.evidence[f"medication_changes[{i_cipro}]"]
    }
    # What the model settled is below the review threshold: a person confirms it.
    assert outcome.confidence[f"medication_changes[{i_med}]"] < 0.7
    assert outcome.route.action == "review"
    assert outcome.prompt_version.endswith(QUESTIONS.version)


def test_an_answer_outside_the_options_leaves_the_rules_reading() -> None:
    c = recognize(AMBIGUOUS)
    questions = open_questions(AMBIGUOUS, c, medications=True)
    med = next(i for i, q in enumerate(questions) if q.kind == "medication")
    wrong = ["no"] * len(questions)  # "no" is not a medication action
    settled, what = apply_answers(AMBIGUOUS, c, questions, wrong)
    before = {m.name: m.action for m in c.medications}
    after = {m.name: m.action for m in settled.medications}
    assert after[questions[med].subject] == before[questions[med].subject]
    assert what.medications == set()


async def test_a_failed_call_leaves_the_rules_reading_with_an_info_finding() -> None:
    r, fake = runner(None)
    outcome = await r.run(ASK_MEDICATIONS, AMBIGUOUS)
    assert len(fake.calls) == 1
    assert not any(e.source == MODEL_SOURCE for v in outcome.evidence.values() for e in v)
    assert {m.name for m in outcome.output.medication_changes} >= {"ciprofloxacin", "ibuprofen"}
    assert "model_unavailable" in {f.code for f in outcome.findings}
