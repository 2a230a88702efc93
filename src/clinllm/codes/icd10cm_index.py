"""Search the ICD-10-CM code set by meaning: a diagnosis phrase in, the best billable codes out.

Why a search and not a lookup table: a note says "Graves disease without thyroid storm" or
"costochondritis", the code set says "Thyrotoxicosis with diffuse goiter without thyrotoxic
crisis or storm" and keeps "Costochondritis" as an inclusion term of M94.0. Every billable
code is indexed under its description and its inclusion terms (and those of its parents,
combined with the words that distinguish the leaf), read with the code set's own conventions:

* words in parentheses are nonessential modifiers and words in square brackets are synonyms
  (a category's apply to its leaves): neither has to be supported, and either explains the
  note's word when the note says it;
* "and" and "or" joining two words mean either (guideline I.A.14): "Syncope and collapse" is
  also indexed as "Syncope" and as "collapse";
* ``unspecified``, ``NOS``, ``other`` are what a code says when the note does not: free
  (``other`` costs a little, so "unspecified" wins a tie, as coding guidelines ask);
* a ``without X`` axis is the default when the note is silent, so it is free; a ``with X``
  axis must be supported, and a code whose required words the note *negates* is penalised.

The score is an F-measure of how much of the phrase the code explains (weighted by how rare
each word is in the code set) and how much of the code's required wording the phrase supports:
the most specific code the note supports wins, and a code that claims detail the note does not
give loses.
"""

from __future__ import annotations

import math
import os
import pickle
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from clinllm.codes.icd10cm import library
from clinllm.domain.hashing import sha256_hex

__all__ = ["IcdMatch", "IcdSearch", "index", "tokenize"]

_STOP = frozenset(
    "a an and or the of in on to for by as at from into its is are be this that these than "
    "other specified unspecified nos not elsewhere classified site type's due with without "
    "through".split()
)
# Words that cost nothing when unsupported: the code set's "default" vocabulary.
_FREE = frozenset(
    "unspecified nos other specified elsewhere classified site not part unsp uncomplicated".split()
)
_WORD = re.compile(r"[a-z0-9]+")
#: Weight of a phrase word the code does not explain, relative to one it does.
_UNEXPLAINED = 0.6
#: One index entry: code, term, required words, free words, says "other", "without" words.
_Entry = tuple[str, str, set[str], set[str], bool, set[str]]
#: Words listed under more terms than this do not seed candidates (they still score).
_CANDIDATE_POSTINGS = 4000


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


# One word for one meaning, on both sides (the code set writes "hemorrhage" where a note
# says "bleeding", and "embolism" where it says "emboli"; its own inclusion terms use both
# "Clostridioides" and "Clostridium").
_SAME = {
    "bleeding": "hemorrhage",
    "bleed": "hemorrhage",
    "emboli": "embolism",
    "embolus": "embolism",
    "clostridioide": "clostridium",
}


def tokenize(text: str) -> list[str]:
    """Lower-cased, stemmed words without stop words (the same for phrases and descriptions)."""
    folded = text.lower().replace("'s", "").replace("’s", "")
    stems = (_stem(w) for w in _WORD.findall(folded) if w not in _STOP)
    return [_SAME.get(w, w) for w in stems]


def _split_description(text: str) -> tuple[set[str], set[str], bool, set[str]]:
    """Required words, free words, whether it says ``other``, and its ``without`` words."""
    other = bool(re.search(r"\bother\b", text, re.I))
    free: set[str] = set()
    # Nonessential modifiers and synonyms.
    for bracket in re.findall(r"\(([^)]*)\)|\[([^\]]*)\]", text):
        free.update(tokenize(" ".join(bracket)))
    body = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    # Default wording ("unspecified organism", "site not specified", "chronic or unspecified")
    # need not be supported, and explains the note's words when the note says them.
    defaults = (
        r"\b(?:site|organism)\s+not\s+specified\b",
        r",?\s*unspecified\s+(?:organism|site|side|type)\b",
        r"\b[a-z]+\s+or\s+unspecified\b(?=\s+\w)",
    )
    for pattern in defaults:
        for m in re.finditer(pattern, body, flags=re.I):
            free.update(tokenize(m.group(0)))
        body = re.sub(pattern, " ", body, flags=re.I)
    # "stage 1 through stage 4 ..., or unspecified chronic kidney disease": ranges and
    # alternatives the note cannot be expected to repeat.
    body = re.sub(r"\bstage \d through stage \d\b", " ", body, flags=re.I)
    # "not intractable", "not specified as recurrent": an axis the note need not state, and
    # one it contradicts when it asserts the word (like a "without" axis).
    negated_axis: set[str] = set()
    for m in re.finditer(r"\bnot\s+(?:specified\s+as\s+)?([a-z-]+)", body, flags=re.I):
        negated_axis.update(tokenize(m.group(1)))
    body = re.sub(r"\bnot\s+(?:specified\s+as\s+)?[a-z-]+", " ", body, flags=re.I)
    body = re.sub(r",?\s*or unspecified\b.*$", " ", body, flags=re.I)
    required: set[str] = set()
    without: set[str] = set()
    mode = "with"
    for piece in re.split(r"\b(with|without)\b|,", body, flags=re.I):
        if piece is None:
            mode = "with"
            continue
        low = piece.lower().strip()
        if low in ("with", "without"):
            mode = low
            continue
        words = tokenize(piece)
        (without if mode == "without" else required).update(words)
    without |= negated_axis
    free.update(without)
    free.update(w for w in required if w in _FREE)
    required -= _FREE
    return required, free, other, without - _FREE


@dataclass(frozen=True, slots=True)
class IcdMatch:
    """A code and how well a phrase supports it.

    Attributes:
        code: Billable ICD-10-CM code with its dot.
        score: F-measure of explained phrase weight and supported code weight (0..1).
        recall: Share of the phrase's weight the code explains.
        precision: Share of the code's required weight the phrase supports.
        term: The description or inclusion term that matched.
    """

    code: str
    score: float
    recall: float
    precision: float
    term: str


class IcdSearch:
    """An inverted index over every billable code's description and inclusion terms.

    Build it once with :func:`index` (a few seconds); searching takes milliseconds.
    """

    def __init__(self, entries: Iterable[_Entry]) -> None:
        self._codes: list[str] = []
        self._terms: list[str] = []
        self._req: list[frozenset[str]] = []
        self._without: list[frozenset[str]] = []
        self._free: list[frozenset[str]] = []
        self._other: list[bool] = []
        postings: dict[str, list[int]] = defaultdict(list)
        for code, term, required, free, other, without in entries:
            if not required:
                continue
            tid = len(self._codes)
            self._codes.append(code)
            self._terms.append(term)
            self._req.append(frozenset(required))
            self._without.append(frozenset(without - required))
            self._free.append(frozenset(free - required - without - _FREE))
            self._other.append(other)
            for word in required:
                postings[word].append(tid)
        n = max(1, len(self._codes))
        self._idf = {w: math.log(1 + n / len(ids)) for w, ids in postings.items()}
        self._postings = dict(postings)
        self._weight = [sum(self._idf[w] for w in req) for req in self._req]

    def knows(self, word: str) -> bool:
        """Whether ``word`` (a token) occurs in any required wording of the code set."""
        return word in self._idf

    def weight(self, word: str) -> float:
        """The word's rarity in the code set (0 for unknown words)."""
        return self._idf.get(word, 0.0)

    def search(
        self,
        asserted: Iterable[str],
        *,
        negated: Iterable[str] = (),
        within: Callable[[str], bool] | None = None,
        limit: int = 5,
    ) -> list[IcdMatch]:
        """The best codes for a phrase given as tokens (see :func:`tokenize`).

        Args:
            asserted: Tokens the note asserts (negated and uncertain words removed).
            negated: Tokens the note negates: a code requiring them is penalised.
            within: Keep only codes for which this returns True (a range of the code set).
            limit: How many codes to return, best first.
        """
        words = {w for w in asserted if w in self._idf}
        if not words:
            return []
        denied = {w for w in negated if w in self._idf} - words
        total = sum(self._idf[w] for w in words)
        # Candidates come from the rarer words (a code sharing only "right" or "encounter"
        # with the phrase cannot win); the match weight is computed over every word.
        rare = [w for w in words if len(self._postings[w]) <= _CANDIDATE_POSTINGS]
        seeds = rare or sorted(words, key=lambda w: len(self._postings[w]))[:1]
        candidates: set[int] = set()
        for word in seeds:
            candidates.update(self._postings[word])
        best: dict[str, IcdMatch] = {}
        for tid in candidates:
            matched = sum(self._idf[w] for w in self._req[tid] & words)
            code = self._codes[tid]
            if within is not None and not within(code):
                continue
            precision = matched / self._weight[tid]
            # A nonessential modifier the note says ("herpes" of "Zoster [herpes zoster]",
            # "organism" of "unspecified organism") is explained, though never required.
            explained = matched + sum(self._idf[w] for w in (self._free[tid] & words))
            # Words the code does not explain count at a discount: notes qualify a diagnosis
            # ("severe symptomatic", "newly diagnosed") in words no code carries.
            recall = explained / (explained + _UNEXPLAINED * (total - explained))
            score = 2 * precision * recall / (precision + recall)
            if self._other[tid]:
                score -= 0.02
            # A "without X" axis the note is silent about is an assumption: between codes
            # that explain the note equally, the one assuming least wins (M06.9 before M06.00).
            score -= 0.004 * len(self._without[tid] - words - denied)
            # ... and one whose "without X" the note states ("without aura") explains it.
            score += 0.006 * len(self._without[tid] & denied)
            # A code that needs what the note denies, or that excludes what the note asserts.
            conflict = sum(self._idf[w] for w in self._req[tid] & denied)
            conflict += sum(self._idf.get(w, 0.0) for w in self._without[tid] & words)
            if conflict:
                score *= max(0.0, 1 - 2 * conflict / self._weight[tid])
            current = best.get(code)
            if current is None or score > current.score:
                best[code] = IcdMatch(code, round(score, 4), recall, precision, self._terms[tid])
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.code))
        return ranked[:limit]


def _entries() -> Iterable[_Entry]:
    lib = library()
    parsed: dict[str, tuple[set[str], set[str], bool, set[str]]] = {}

    def parse(code: str) -> tuple[set[str], set[str], bool, set[str]]:
        if code not in parsed:
            parsed[code] = _split_description(lib.get_description(code))
        return parsed[code]

    def terms(code: str) -> list[str]:
        return [*lib.get_inclusion_term(code), *lib.get_includes(code)]

    codes = [c for c in lib.get_all_codes(True) if not lib.is_chapter_or_block(c)]
    leaves = [c for c in codes if lib.is_leaf(c)]
    ancestors = {
        c: [a for a in lib.get_ancestors(c) if a in parsed or "-" not in a] for c in leaves
    }
    leaves_under: dict[str, int] = defaultdict(int)
    for code in leaves:
        for ancestor in ancestors[code]:
            leaves_under[ancestor] += 1
    for code in leaves:
        description = lib.get_description(code)
        required, free, other, without = parse(code)
        # The category's nonessential words ("Zoster [herpes zoster]") qualify every leaf.
        for ancestor in ancestors[code]:
            a_free, a_without = parse(ancestor)[1], parse(ancestor)[3]
            free = free | (a_free - a_without)
        yield code, description, required, free, other, without
        for alternative in _alternatives(description):
            a_req, a_free, _, a_without = _split_description(alternative)
            yield code, description, a_req, a_free | free, other, a_without | without
        for term in terms(code):
            # An inclusion term of an "Other ..." code ("Other epilepsy NOS") is still the
            # residual category: it must not beat the unspecified code in a tie.
            for variant in (term, *_alternatives(term)):
                t_req, t_free, _, t_without = _split_description(variant)
                yield code, term, t_req, t_free | free, other, t_without | without
        for ancestor in ancestors[code]:
            if leaves_under[ancestor] > 40 or lib.is_chapter_or_block(ancestor):
                continue
            a_req = parse(ancestor)[0]
            distinct = required - a_req
            for term in terms(ancestor):
                t_req, t_free, _, t_without = _split_description(term)
                yield code, term, t_req | distinct, t_free | free, other, t_without | without


# Two single words joined by "and" or "or" outside brackets, the second one ending the phrase
# ("Syncope and collapse", "occlusion or stenosis of ..."), never a word that a longer noun
# goes on from ("heart and chronic kidney disease", "heart failure and stage 1").
_AND = re.compile(
    r"(?<![\w-])([A-Za-z][\w-]*) (?:and|or) ([A-Za-z][\w-]*)"
    r"(?=\s*$|,|\s+(?:of|with|without|in|due|NOS)\b)"
)


def _alternatives(text: str) -> list[str]:
    """The readings of a title whose "and" means "and/or" (ICD-10-CM convention I.A.14).

    "Syncope and collapse" is coded for syncope alone, "Hypo-osmolality and hyponatremia" for
    hyponatremia alone, "Calculus of kidney and ureter" for either organ, and "due to
    occlusion or stenosis of" for either: each reading keeps one of the two words joined.
    """
    outside = re.sub(r"\([^)]*\)|\[[^\]]*\]", lambda m: " " * len(m.group(0)), text)
    out: list[str] = []
    for m in _AND.finditer(outside):
        if m.group(1).lower() in _STOP or m.group(2).lower() in _STOP:
            continue
        out.append(text[: m.start()] + m.group(1) + text[m.end() :])
        out.append(text[: m.start()] + m.group(2) + text[m.end() :])
    return out


def _cache_file() -> Path:
    # The same cache root as the model weights and the compiled llama.cpp wheel.
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "clinllm"
    version = metadata.version("simple-icd-10-cm")
    key = sha256_hex(Path(__file__).read_bytes() + version.encode())[:16]
    return root / f"icd10cm-index-{key}.pickle"


@cache
def index() -> IcdSearch:
    """The index over the full ICD-10-CM code set, built once and cached on disk.

    Building reads 98,000 code-set entries (10-30 s on a busy 2-core machine); the cache file
    is keyed by this module's source and the code-set package version, so a change to either
    rebuilds it. The file is written by this process only (never downloaded).
    """
    path = _cache_file()
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)  # noqa: S301 - our own cache file, keyed by our source
        if isinstance(loaded, IcdSearch):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    built = IcdSearch(_entries())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, only slower
    return built
