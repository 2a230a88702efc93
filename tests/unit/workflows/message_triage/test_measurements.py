"""Temperatures, infant ages, glucose and blood pressure as patients write them."""

from __future__ import annotations

import pytest

from clinllm.workflows.message_triage.context import Text
from clinllm.workflows.message_triage.measurements import (
    fever_spans,
    glucose_readings,
    high_blood_pressure,
    infant_ages,
)


@pytest.mark.parametrize(
    ("message", "fever"),
    [
        ("temp of 100.8 rectally", True),
        ("39.1 rectal", True),
        ("fiebre de 38.5", True),
        ("temp 99.1 this morning", False),
        ("no fever", False),
        ("appointment on 3/12 at 10", False),
    ],
)
def test_fever(message: str, fever: bool) -> None:
    assert bool(fever_spans(Text.of(message))) is fever


@pytest.mark.parametrize(
    ("message", "infant"),
    [
        ("my 7 weeks old", True),
        ("a 2-month-old", True),
        ("mi bebe de 2 meses", True),
        ("our newborn", True),
        ("my 4 month old", False),
        ("my 18 month old", False),
    ],
)
def test_infant_age(message: str, infant: bool) -> None:
    assert bool(infant_ages(Text.of(message), max_days=90)) is infant


@pytest.mark.parametrize(
    ("message", "values"),
    [
        ("her sugar meter says 38", [38]),
        ("sugars have been 350-390", [350, 390]),
        ("sugars in the 300s all week", [300]),
        ("blood sugar test on the 15th", []),
        ("sugar fine, I take 20 units", []),
    ],
)
def test_glucose(message: str, values: list[int]) -> None:
    assert [v for v, _ in glucose_readings(Text.of(message))] == values


@pytest.mark.parametrize(
    ("message", "high"),
    [
        ("BP 182/104 twice", True),
        ("blood pressure was 150/125", True),
        ("my pressure is 135/85", False),
        ("appointment 12/20", False),
    ],
)
def test_blood_pressure(message: str, high: bool) -> None:
    assert bool(high_blood_pressure(Text.of(message))) is high
