"""The model answers only what the rules leave open; the rules keep the last word."""

from __future__ import annotations

import pytest

from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.workflows.note_summary import RULES, NoteSummarizer
from clinllm.workflows.note_summary.questions import apply_answers, open_questions
from clinllm.workflows.note_summary.rules import recognize
from clinllm.workflows.note_summary.schema import NoteAnswers

pytestmark = pytest.mark.anyio

FAST = CallPolicy(deadline_s=5, max_attempts=1, backoff_initial_s=0.0, contains_phi=True)

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


def _gateway(*script: object) -> tuple[Gateway, FakeChatModel]:
    fake = FakeChatModel(script, repeat_last=True)  # type: ignore[arg-type]
    return (
        Gateway(
            providers={"fake": fake, "rules": RulesProvider(RULES)},
            default_chain=("fake", "rules"),
        ),
        fake,
    )


def test_open_questions_are_the_unsettled_candidates_only() -> None:
    c = recognize(AMBIGUOUS)
    assert all(q.kind != "medication" for q in open_questions(AMBIGUOUS, c))  # off by default
    kinds = {(q.kind, q.subject) for q in open_questions(AMBIGUOUS, c, medications=True)}
    assert ("medication", "ibuprofen") in kinds
    assert ("medication", "ciprofloxacin") not in kinds  # a stated verb: settled
    assert any(k == "red_flag" and "confusion" in s for k, s in kinds)
    assert open_questions(SETTLED, recognize(SETTLED)) == []


async def test_no_open_question_means_no_model_call() -> None:
    gw, fake = _gateway({"answers": []})
    outcome = await NoteSummarizer(gw, policy=FAST).summarize_text(SETTLED)
    assert fake.requests == []
    assert outcome.call is None
    assert outcome.questions == 0
    assert [p.code for p in outcome.summary.problems] == ["I10"]


async def test_answers_settle_actions_and_flags_and_are_labelled_as_ai_output() -> None:
    c = recognize(AMBIGUOUS)
    questions = open_questions(AMBIGUOUS, c, medications=True)
    answers = ["no" for _ in questions]
    for i, q in enumerate(questions):
        if q.subject == "ibuprofen":
            answers[i] = "stopped"
        elif q.kind == "red_flag" and "confusion" in q.subject:
            answers[i] = "yes"
    gw, fake = _gateway({"answers": answers})
    summarizer = NoteSummarizer(gw, policy=FAST, ask_medications=True)
    outcome = await summarizer.summarize_text(AMBIGUOUS)
    assert len(fake.requests) == 1
    sent = fake.requests[0].messages[-1].content
    assert "Urinary tract infection" not in sent or "Excerpt" in sent  # excerpts, not the note
    actions = {m.name: m.action for m in outcome.summary.medication_changes}
    assert actions["ibuprofen"] == "stopped"  # the rules' default was "continued"
    assert actions["ciprofloxacin"] == "started"
    assert any("confusion" in r for r in outcome.summary.red_flags)
    i_med = next(
        i for i, m in enumerate(outcome.summary.medication_changes) if m.name == "ibuprofen"
    )
    assert f"medication_changes[{i_med}]" in outcome.model_fields
    i_flag = next(i for i, r in enumerate(outcome.summary.red_flags) if "confusion" in r)
    assert f"red_flags[{i_flag}]" in outcome.model_fields
    # What the model settled is below the review threshold: a person confirms it.
    assert outcome.confidence[f"medication_changes[{i_med}]"] < 0.7
    assert outcome.needs_review


def test_an_answer_outside_the_options_leaves_the_rules_reading() -> None:
    c = recognize(AMBIGUOUS)
    questions = open_questions(AMBIGUOUS, c, medications=True)
    med = next(i for i, q in enumerate(questions) if q.kind == "medication")
    wrong = ["no"] * len(questions)  # "no" is not a medication action
    settled, what = apply_answers(AMBIGUOUS, c, questions, NoteAnswers(answers=wrong))  # type: ignore[arg-type]
    before = {m.name: m.action for m in c.medications}
    after = {m.name: m.action for m in settled.medications}
    assert after[questions[med].subject] == before[questions[med].subject]
    assert what.medications == set()


async def test_the_rules_provider_abstains_and_the_rules_reading_stands() -> None:
    gw = Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",))
    outcome = await NoteSummarizer(gw, policy=FAST).summarize_text(AMBIGUOUS)
    assert outcome.questions > 0
    assert outcome.model_fields == frozenset()
    assert {m.name for m in outcome.summary.medication_changes} >= {"ciprofloxacin", "ibuprofen"}
