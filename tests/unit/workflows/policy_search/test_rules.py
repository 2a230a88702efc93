from __future__ import annotations

import json

from clinllm.workflows.policy_search import answer_rules
from clinllm.workflows.policy_search.prompt import ContextPassage, rules_payload

PASSAGE = (
    "Commercial plans cover 30 physical therapy visits per calendar year. "
    "Medicare Advantage plans have no hard visit cap. Claims go to the billing office."
)


def _payload(question: str, weights: dict[str, float]) -> str:
    return rules_payload(
        question, [ContextPassage("P1", "pt", "PT policy", "1. Limits", PASSAGE)], weights
    )


def test_the_best_sentence_is_quoted_and_cited() -> None:
    weights = {"commercial": 2.0, "physical": 2.0, "therapy": 2.0, "visit": 1.0, "year": 1.0}
    answer = answer_rules(_payload("How many PT visits per year on commercial plans?", weights))
    assert answer.answerable
    assert answer.citations[0].passage == "P1"
    quote = answer.citations[0].quote
    assert quote == "Commercial plans cover 30 physical therapy visits per calendar year."
    assert quote in PASSAGE
    assert answer.answer.startswith(quote)


def test_a_question_whose_rare_words_are_absent_is_not_answered() -> None:
    weights = {"acupuncture": 5.0, "visit": 1.0, "year": 1.0}
    answer = answer_rules(_payload("Is acupuncture covered per visit per year?", weights))
    assert not answer.answerable
    assert answer.citations == []
    assert answer.answer == ""


def test_a_malformed_payload_is_not_answered() -> None:
    assert not answer_rules("not json").answerable
    assert not answer_rules(json.dumps({"question": "x"})).answerable


def _scored(similarity: float | None, floor: float | None) -> str:
    passage = ContextPassage("P1", "pt", "PT policy", "1. Limits", PASSAGE, similarity)
    # "rehab" and "sessions" are not the passage's words: a paraphrase.
    weights = {"rehab": 4.0, "session": 3.0, "commercial": 1.0}
    return rules_payload("How many rehab sessions on commercial?", [passage], weights, floor=floor)


def test_a_paraphrase_close_to_the_passage_is_answered_from_it() -> None:
    answer = answer_rules(_scored(0.91, 0.85))
    assert answer.answerable
    assert answer.citations[0].passage == "P1"
    assert answer.citations[0].quote in PASSAGE


def test_a_paraphrase_is_refused_without_vectors_or_far_from_the_passage() -> None:
    assert not answer_rules(_scored(None, 0.85)).answerable
    assert not answer_rules(_scored(0.91, None)).answerable
    assert not answer_rules(_scored(0.80, 0.85)).answerable


def test_wording_that_covers_the_question_is_answered_just_under_the_floor() -> None:
    # The words of the question are all in the passage; a cosine a hair under the model's
    # floor is "not sure", not "another topic" (evidence.VETO_BAND).
    weights = {"commercial": 2.0, "physical": 2.0, "therapy": 2.0, "visit": 1.0, "year": 1.0}
    passage = ContextPassage("P1", "pt", "PT policy", "1. Limits", PASSAGE, 0.835)
    payload = rules_payload("PT visits per year, commercial?", [passage], weights, floor=0.84)
    answer = answer_rules(payload)
    assert answer.answerable
    assert answer.citations[0].quote.startswith("Commercial plans cover 30 physical therapy")
    far = ContextPassage("P1", "pt", "PT policy", "1. Limits", PASSAGE, 0.78)
    far_payload = rules_payload("PT visits per year, commercial?", [far], weights, floor=0.84)
    assert not answer_rules(far_payload).answerable


def test_an_acronym_in_the_question_finds_the_row_that_spells_it_out() -> None:
    rows = (
        "Outpatient physical therapy | 24 visits | within 16 weeks of surgery\n"
        "Continuous passive motion device | 21 days rental | started within 2 days of surgery"
    )
    passage = ContextPassage("P1", "knee", "Knee rehabilitation", "2. Limits", rows)
    weights = {"cpm": 3.0, "machine": 3.0, "rent": 3.0}
    answer = answer_rules(
        rules_payload("For how long can the CPM machine be rented?", [passage], weights)
    )
    assert answer.answerable
    assert answer.citations[0].quote.startswith("Continuous passive motion device | 21 days")
    lower = rules_payload("for how long can the cpm machine be rented?", [passage], weights)
    assert not answer_rules(lower).answerable  # not written as an acronym: one word of three
