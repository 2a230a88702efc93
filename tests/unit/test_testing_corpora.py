"""The corpus checks every generator pair's disjointness test relies on."""

from __future__ import annotations

import json
from pathlib import Path

from clinllm.testing.corpora import input_texts, word_runs


def test_word_runs_are_every_eight_consecutive_words_folded() -> None:
    runs = word_runs(["One two, three four five six seven EIGHT nine."])
    assert runs == {
        ("one", "two", "three", "four", "five", "six", "seven", "eight"),
        ("two", "three", "four", "five", "six", "seven", "eight", "nine"),
    }
    assert word_runs(["too short to hold a run"]) == set()
    assert word_runs(["a b c"], n=2) == {("a", "b"), ("b", "c")}


def test_two_sides_sharing_a_sentence_share_its_runs(tmp_path: Path) -> None:
    sentence = "the member must send six months of progress notes first"
    path = tmp_path / "triage.jsonl"
    rows = [{"id": "a", "input": {"message": f"Hello. {sentence}."}}, {"id": "b", "input": {}}]
    path.write_text("\n".join(json.dumps(r) for r in rows[:1]) + "\n\n", "utf-8")
    tune = word_runs(input_texts(path, "message"))
    assert tune & word_runs([f"Other words. {sentence.upper()}"])
    assert not tune & word_runs(["nothing in common with the other side at all here"])
