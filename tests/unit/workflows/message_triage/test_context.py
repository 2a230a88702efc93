"""Negation, hypotheticals, history and offsets."""

from __future__ import annotations

import re

import pytest

from clinllm.workflows.message_triage.context import Text

CHEST = re.compile(r"chest pain")


def assertion_of(message: str) -> tuple[bool, bool, bool]:
    text = Text.of(message)
    match = next(text.finditer(CHEST))
    a = text.assertion(match)
    return a.negated, a.hypothetical, a.historical


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("I have chest pain right now", (False, False, False)),
        ("No chest pain today", (True, False, False)),
        ("No shortness of breath or chest pain", (True, False, False)),
        ("I don't have any chest pain", (True, False, False)),
        ("If I get chest pain, what do I do?", (False, True, False)),
        ("Last year I had chest pain", (False, False, True)),
        ("ER visit in 2024 for chest pain", (False, False, True)),
        ("The chest pain went away after an hour", (False, False, True)),
        ("not sure if this is chest pain or heartburn", (False, False, False)),
        ("Last year I had a stent and now chest pain again", (False, False, False)),
        ("I have no idea why I have chest pain", (False, False, False)),
        ("My dad had chest pain this morning", (False, False, False)),
        ("My dad had chest pain at 50, family history", (False, False, True)),
    ],
)
def test_assertion(message: str, expected: tuple[bool, bool, bool]) -> None:
    assert assertion_of(message) == expected


def test_normalized_text_keeps_offsets_with_accents_and_curly_quotes() -> None:
    message = "Mi mamá está “mareada” y no puede hablar — it’s bad"
    text = Text.of(message)
    assert len(text.norm) == len(message)
    assert 'mama esta "mareada"' in text.norm
    assert "it's" in text.norm
    match = next(text.finditer(re.compile(r"mareada")))
    assert message[match.start : match.end] == "mareada"


def test_spanish_negation_does_not_reach_past_a_new_verb() -> None:
    text = Text.of("mi mama no puede hablar bien y tiene la boca torcida")
    match = next(text.finditer(re.compile(r"boca torcida")))
    assert text.present(match)


def test_repr_never_shows_content() -> None:
    assert "Jane" not in repr(Text.of("Jane Sentinel has chest pain"))


@pytest.mark.parametrize(
    ("message", "finding"),
    [
        ("Thanks. > If this is an emergency, call 911 or go to the ER.", "911"),
        ("For medical emergencies, please call 911.", "911"),
        ("What are the signs of a stroke I should watch for?", "stroke"),
    ],
)
def test_instructions_after_a_condition_and_signs_to_watch_for_are_hypothetical(
    message: str, finding: str
) -> None:
    text = Text.of(message)
    start = text.norm.index(finding)
    m = next(x for x in text.finditer(re.compile(re.escape(finding))) if x.start == start)
    assert text.assertion(m).hypothetical


def test_a_report_after_a_condition_is_still_asserted() -> None:
    text = Text.of("If I walk, the chest pain gets worse.")
    m = next(text.finditer(re.compile("chest pain")))
    assert text.present(m)


def test_a_medicine_named_by_what_it_treats_is_no_finding() -> None:
    text = Text.of("Se me acabaron las pastillas para las convulsiones")
    m = next(text.finditer(re.compile("convulsiones")))
    assert text.assertion(m).named


@pytest.mark.parametrize(
    "message",
    [
        "si algun dia tengo dolor de pecho con esta medicina, que hago?",
        "Si me da dolor de pecho otra vez, voy a urgencias?",
        "si jamais j'ai une douleur dans la poitrine, j'appelle qui?",
        "se algum dia eu tiver dor no peito, o que faco?",
    ],
)
def test_a_spanish_french_or_portuguese_condition_is_hypothetical(message: str) -> None:
    text = Text.of(message)
    m = next(text.finditer(re.compile(r"dolor|douleur|dor")))
    assert text.assertion(m).hypothetical


def test_a_plain_spanish_yes_is_no_condition() -> None:
    # "sí" folds to "si": a bare "si" must not make every Spanish finding hypothetical.
    text = Text.of("Si, me duele el pecho ahora mismo")
    m = next(text.finditer(re.compile("duele")))
    assert not text.assertion(m).hypothetical


@pytest.mark.parametrize(
    ("message", "word", "present"),
    [
        # An abnormal process the writer says has ended is resolved...
        ("I stopped bleeding after the procedure, when can I shower?", "bleeding", False),
        ("she finally quit vomiting around noon", "vomiting", False),
        # ...unless it came back; and a function that stops is the finding itself.
        ("I stopped bleeding but it started again tonight", "bleeding", True),
        ("he stopped breathing for a few seconds", "breathing", True),
        ("she stopped eating yesterday", "eating", True),
        ("I'm bleeding from the gums on Eliquis", "bleeding", True),
    ],
)
def test_a_process_said_to_have_stopped_is_resolved(message: str, word: str, present: bool) -> None:
    text = Text.of(message)
    m = next(text.finditer(re.compile(word)))
    assert text.present(m) is present
