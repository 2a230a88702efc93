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
