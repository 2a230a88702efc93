"""The answer decision: words, headings and vectors, per readable document."""

from __future__ import annotations

from itertools import pairwise

from clinllm.workflows.policy_search.evidence import (
    LEXICAL_ALONE,
    VETO_BAND,
    Evidence,
    acronyms,
    covered_terms,
    lift,
    sentences,
    spells,
    support,
)

WOUND = (
    "Negative pressure wound therapy pumps are authorized for an initial 30 days after "
    "30 days of standard moist dressings have failed."
)
#: A paraphrase: "vac", "regular" and "approved" are not the document's words.
WEIGHTS = {"regular": 3.0, "dress": 2.0, "wound": 1.5, "vac": 4.0, "approv": 2.0}
FLOOR = 0.85


def _passage(similarity: float | None, *, heading: str = "Policy\n1. Initial period") -> Evidence:
    return Evidence("npwt", WOUND, heading, similarity)


def test_a_paraphrase_the_vectors_place_near_a_passage_is_answered() -> None:
    found = support(WEIGHTS, [_passage(0.90)], floor=FLOOR)
    assert found.lexical < LEXICAL_ALONE  # the words alone would refuse it
    assert found.answers
    assert found.document == "npwt"


def test_the_same_words_far_from_every_passage_are_refused() -> None:
    assert not support(WEIGHTS, [_passage(0.80)], floor=FLOOR).answers


def test_without_a_calibrated_model_the_words_alone_decide() -> None:
    paraphrase = support(WEIGHTS, [_passage(0.99)], floor=None)
    assert not paraphrase.answers
    assert paraphrase.semantic == 0.99
    direct = {"wound": 1.0, "dress": 1.0, "day": 0.5}
    assert support(direct, [_passage(None)], floor=FLOOR).answers


def test_strong_wording_is_refused_when_the_vectors_say_another_topic() -> None:
    direct = {"wound": 1.0, "dress": 1.0, "day": 0.5, "copay": 0.8}
    assert support(direct, [_passage(FLOOR)], floor=FLOOR).answers
    assert not support(direct, [_passage(FLOOR - 0.05)], floor=FLOOR).answers


def test_strong_wording_just_under_the_floor_is_still_answered() -> None:
    # A short question against a long chunk sits a little under the floor while sharing most
    # of its rare words: "not sure" is not "another topic".
    direct = {"wound": 1.0, "dress": 1.0, "day": 0.5, "copay": 0.8}
    just_under = support(direct, [_passage(FLOOR - VETO_BAND / 2)], floor=FLOOR)
    assert just_under.answers
    assert just_under.score == just_under.lexical
    assert not support(direct, [_passage(FLOOR - VETO_BAND - 0.01)], floor=FLOOR).answers


def test_weak_wording_is_not_lifted_inside_the_band() -> None:
    # The band only stops the vectors from sinking wording; it never answers on its own.
    found = support(WEIGHTS, [_passage(FLOOR - VETO_BAND / 2)], floor=FLOOR)
    assert found.lexical < LEXICAL_ALONE
    assert not found.answers


def test_lift_is_continuous_and_monotone() -> None:
    cosines = [FLOOR - 0.1 + i * 0.001 for i in range(201)]
    lifts = [lift(c, FLOOR) for c in cosines]
    assert all(b >= a for a, b in pairwise(lifts))
    assert lift(FLOOR, FLOOR) == 0.0
    assert lift(FLOOR - VETO_BAND, FLOOR) == 0.0
    assert abs(lift(FLOOR - VETO_BAND - 0.03, FLOOR) + 0.03) < 1e-9
    assert abs(lift(FLOOR + 0.03, FLOOR) - 0.03) < 1e-9


def test_a_section_heading_covers_the_words_it_names() -> None:
    weights = {"replacement": 3.0, "wound": 1.0, "dress": 1.0}
    plain = support(weights, [_passage(None, heading="Policy")], floor=None)
    headed = support(weights, [_passage(None, heading="Policy\n2. Replacement")], floor=None)
    assert headed.lexical > plain.lexical
    assert headed.answers
    assert not plain.answers


def test_the_best_document_is_chosen_across_passages() -> None:
    other = Evidence("billing", "Claims are filed within 90 days of service.", "Billing", 0.80)
    found = support(WEIGHTS, [other, _passage(0.91)], floor=FLOOR)
    assert found.document == "npwt"
    assert support(WEIGHTS, [], floor=FLOOR).document is None


ROWS = (
    "Supplies are limited as listed below.\n"
    "Sensors | 3 per 30 days | with a phone app\n"
    "Continuous passive motion device | 21 days rental | started within 2 days of surgery"
)


def test_acronyms_are_the_questions_words_in_capitals() -> None:
    assert acronyms("How long is the CPM rented, and how many CGMs or PT visits?") == {
        "cpm",
        "cgm",
        "pt",
    }
    assert acronyms("Is a Knee brace covered? I need it") == frozenset()  # "I" is one letter
    assert acronyms("What is the A1C goal?") == {"a1c"}


def test_an_acronym_is_spelled_by_consecutive_topic_words() -> None:
    assert spells("cpm", ROWS)
    assert spells("ahi", "an apnea-hypopnea index from 5 to 30")
    assert not spells("cpm", "continuous and passive motion")  # a stop word breaks the run
    assert not spells("ed", "each day")
    assert not spells("cgm", ROWS)


def test_an_acronym_of_the_question_is_covered_by_the_words_it_abbreviates() -> None:
    weights = {"cpm": 3.0, "machine": 3.0, "rent": 3.0}
    passage = Evidence("cpm-policy", ROWS, "Rehabilitation\n2. Visit Limits", None)
    assert covered_terms(weights, ROWS, frozenset({"cpm"})) == {"cpm", "rent"}
    assert covered_terms(weights, ROWS) == {"rent"}  # written in lower case: a word, no acronym
    found = support(weights, [passage], floor=None, spelled=frozenset({"cpm"}))
    assert found.lexical == 2 / 3
    assert found.answers
    assert not support(weights, [passage], floor=None).answers
    best = max(sentences(ROWS, weights, frozenset({"cpm"})), key=lambda s: s.score)
    assert ROWS[best.start : best.end].startswith("Continuous passive motion device")
