"""Text given directly: the character limit, NUL and lone surrogates refused by count/offset."""

from __future__ import annotations

import time

import pytest

from clinllm.domain.text_input import check_text
from clinllm.errors import BinaryInput, InputTooLarge, InvalidUtf8

SENTINEL = "Zebulon Quixfeather"


def test_text_within_the_limit_passes() -> None:
    check_text(SENTINEL + " refill please", max_chars=100)


def test_a_megabyte_message_is_refused_in_microseconds_without_quoting_it() -> None:
    text = (SENTINEL + " ") * 60_000
    started = time.monotonic()
    with pytest.raises(InputTooLarge, match="more than the limit of 200000") as caught:
        check_text(text, max_chars=200_000)
    assert time.monotonic() - started < 0.05
    assert SENTINEL not in str(caught.value)


@pytest.mark.parametrize(
    ("text", "error", "offset"),
    [
        (SENTINEL + "\x00", BinaryInput, len(SENTINEL)),
        (SENTINEL + "\ud800", InvalidUtf8, len(SENTINEL)),
        ("\udfff" + SENTINEL, InvalidUtf8, 0),
    ],
)
def test_nul_and_lone_surrogates_are_refused_by_offset(
    text: str, error: type[Exception], offset: int
) -> None:
    with pytest.raises(error, match=f"offset {offset}") as caught:
        check_text(text, max_chars=1000)
    assert SENTINEL not in str(caught.value)
