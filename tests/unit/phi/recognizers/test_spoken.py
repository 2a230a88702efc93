"""Identifiers, phone numbers and years read out in words (issue 16: dictations)."""

from __future__ import annotations

import pytest

from clinllm.phi import detect


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "Please call me back at five five five, oh one oh, four four one two.",
            "five five five, oh one oh, four four one two",
            "PHONE",
        ),
        (
            "MRN is zero zero four eight two nine one three, thanks",
            "zero zero four eight two nine one three",
            "MRN",
        ),
        ("member ID is W nine nine two four four one", "W nine nine two four four one", None),
        (
            "M R N six one one one seven nine nine three, DOB",
            "six one one one seven nine nine three",
            "MRN",
        ),
        ("She can be reached at five five five oh one oh two nine one three.", None, "PHONE"),
        ("call double five five oh one oh two two four seven", None, "PHONE"),
        ("born March third, nineteen thirty-one, in", "March third, nineteen thirty-one", "DATE"),
    ],
)
def test_numbers_in_words(text: str, value: str | None, kind: str | None) -> None:
    found = _found(text)
    assert len(found) == 1
    assert value is None or found[0][0] == value
    assert kind is None or found[0][1] == kind


@pytest.mark.parametrize(
    "text",
    [
        "Blood pressure one forty over ninety, pulse eighty-two, pain six out of ten.",
        "Take two tablets twice a day for five days; grade two of four.",
        "Symptoms began in twenty twenty-two.",
        "G two P two, one two three",
    ],
)
def test_counts_vitals_and_years_in_words_stay(text: str) -> None:
    assert detect(text) == []
