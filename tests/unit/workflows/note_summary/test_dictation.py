"""Spoken punctuation in a transcribed dictation (dictation.py and its use by recognize)."""

from __future__ import annotations

from clinllm.workflows.note_summary.dictation import unspoken
from clinllm.workflows.note_summary.rules import recognize

TRANSCRIPT = (
    "seen in follow up comma she reports no chest pain comma no orthopnea full stop "
    "next paragraph impression colon item one comma hypothyroidism full stop item two comma "
    "hyperlipidemia full stop increase levothyroxine to 100 mcg full stop thank you full stop"
)


def test_commands_become_marks_at_the_same_length() -> None:
    out = unspoken(TRANSCRIPT)
    assert len(out) == len(TRANSCRIPT)
    assert "chest pain," in out
    assert "\n\n impression:" in out
    assert "comma" not in out
    assert "full stop" not in out


def test_a_note_that_is_not_a_transcript_is_left_alone() -> None:
    text = "Assessment: colon cancer, on chemo. No bleeding for a period of 3 weeks."
    assert unspoken(text) == text


def test_period_and_colon_as_nouns_stay_words_in_a_transcript() -> None:
    text = (
        "bleeding over a period of two weeks comma last menstrual period unknown comma "
        "polyp in the sigmoid colon period new paragraph"
    )
    out = unspoken(text)
    assert "a period of" in out
    assert "menstrual period unknown" in out
    assert "sigmoid colon." in out


def test_a_transcript_is_read_by_its_marks() -> None:
    found = recognize(TRANSCRIPT)
    assert {p.code for p in found.problems} == {"E03.9", "E78.5"}
    assert [(m.name, m.action) for m in found.medications] == [("levothyroxine", "dose_changed")]
    negated = {TRANSCRIPT[s:e] for s, e in found.negated}
    assert {"chest pain", "orthopnea"} <= negated
