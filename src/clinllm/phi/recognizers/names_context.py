"""Names found from their context, without a title, a label or a role word before them.

"Tomomi Nishiyama lives at ...", "Silvestar is very reliable", "They had 6: Sylejman,
Pernille, Keiko and Gabrjel", "Djevad shouted at Marziyet", "Connie, can I ...": patients
write like this, and the cue-based rules of :mod:`~clinllm.phi.recognizers.names` see
nothing. This recognizer judges every run of capitalised words by what its words are and
by what surrounds it.

What a word is (lexicons, see :mod:`clinllm.phi.lexicons`):

* **known name**: a given name or surname of the word lists;
* **known word**: an English word (SCOWL), a clinical word (ICD-10-CM vocabulary), a drug
  name, a country, an organisation or eponym word: capitalised, it is no evidence;
* **unknown**: in no list ("Nishiyama", "Marziyet"). Capitalised in running text, an
  unknown word is most often a proper name.

What makes a run a name:

* two words or more, each a known name, an unknown word or an initial, at least one of
  them not an initial ("Jovica Cedilnik", "Nusa B Weöres", "Robinette Dennis");
* one word that is a known name (not an English word), anywhere but at a sentence start;
* one known name or unknown word with a person context: a verb only people do after it
  ("shouted", "said", "lives"; for a known name also "is", "has"), a vocative ("Connie,
  can I", "..., Euphrosyne!"), a possessive ("Zak's address"), a preposition before it
  ("under", "given", "to"), or a list or pair of such words ("Šesták and Mourik were").

Drug names and clinical vocabulary never count as unknown, so "Xarelto" or "Troponin" at a
sentence start are not names; runs with an organisation word ("Fisher Foods") are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from clinllm.phi.clinical import CLINICAL_NOUNS, EPONYMS, ORG_WORDS
from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import (
    CAR_MAKES,
    common_words,
    countries,
    drugs,
    english_words,
    first_names,
    known_words,
    surnames,
)
from clinllm.phi.recognizers.address import STATE_NAMES
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.name_repeats import STRENGTH_AFTER
from clinllm.phi.recognizers.names import FIRM_TAIL, ROLE_WORDS
from clinllm.phi.recognizers.names_context_words import (
    ABBREVIATIONS,
    BEING_VERBS,
    GROUPS,
    INITIAL_CUES,
    LEFT_CUES,
    NEGATED_MODALS,
    PEOPLE_NOUNS,
    PERSON_ACTS,
    PERSON_PREDICATE,
    PERSON_VERBS,
    PRONOUNS,
    VOCATIVE_NEXT,
)

__all__ = ["ContextNameRecognizer", "kind_of"]

_UP: Final = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_WORD: Final = rf"[{_UP}][\w'’]*(?:-[{_UP}]?[\w'’]+)*"
_INITIAL: Final = rf"[{_UP}]\.?(?= )"
_PARTICLE: Final = r"(?:van|von|de|da|del|della|di|du|la|le|der|den|bin|al|el|dos|das|ter|ten)"
_RUN: Final = LazyPattern(
    rf"(?<![\w'’^|-])(?:{_WORD})(?: (?:{_PARTICLE} ){{0,2}}(?:{_INITIAL}|{_WORD})){{0,3}}"
    rf"(?![\w^|-])"
)
_INITIAL_SURNAME: Final = LazyPattern(rf"(?<![\w.])[{_UP}]\.[ \t]({_WORD})(?![\w'’-])")
_SENTENCE_END: Final = re.compile(r"(?:^|[.!?:;\"“”(\[]|^\s*[-*•]|\n)\s*$")
_NEXT_WORD: Final = re.compile(r"(['’]s\b)?\s*(,)?\s*([A-Za-z'’]+)?")
_COORD: Final = re.compile(r",\s*|\s+(?:and|&|or|y|e|und|et)\s+|,\s*(?:and|&|or)\s+")
_INTRO_WORDS: Final = tuple("name|nombre|called|llamo|soy|i am|i'm|this is|it's|ich".split("|"))
_INTRO: Final = re.compile(
    r"(?=[mMnNcCiItTsSjJ])\b(?i:my name is|my name's|name is|named|called|i am|i'm|this is"
    r"|it's|me llamo|mi nombre es|soy|je m'appelle|ich heiße|ich bin)\s+(?:(?i:him|her|them)\s+)?"
    r"([^\W\d_][\w'’-]+(?: [^\W\d_][\w'’-]+)?)"
)
_ACRONYM: Final = re.compile(r"[A-Z]{2,4}\d*")
# A capital inside a word is a name only after Mc, Mac, O', D', De, Di, La, Le, Van, Fitz.
_INNER: Final = re.compile(
    r"(?<!^Mc)(?<!^Mac)(?<!^O')(?<!^O’)(?<!^D')(?<!^De)(?<!^Di)(?<!^La)"
    r"(?<!^Le)(?<!^Van)(?<!^Fitz)(?<=\w)[A-Z]"
)


@lru_cache(maxsize=16384)
def _kind(word: str, caps_line: bool = False) -> str:
    """``name``, ``known`` (no evidence), ``initial`` or ``unknown`` for one word.

    In a line written in capitals (a fax header) a capitalised word is judged as its
    title-case form; elsewhere it is an acronym.
    """
    bare = word.strip(".'’")
    if len(bare) == 1:
        return "initial"
    if bare.endswith(("'s", "’s", "'S", "’S")):
        bare = bare[:-2]
    if caps_line and bare.isupper() and len(bare) > 3:
        bare = bare.title()
    if _CONTRACTION.fullmatch(bare):
        return "known"  # "I'm", "Don't": a sentence start, not a name
    if bare.isupper() or _INNER.search(bare) or any(c.isdigit() for c in bare):
        return "known"  # "POLST", "MenACWY", "CHA2DS2": acronyms and codes, not names
    title = bare
    lower = bare.lower()
    if (
        lower in EPONYMS
        or lower in ORG_WORDS
        or lower in CLINICAL_NOUNS
        or lower in GROUPS
        or lower in common_words()
        or lower in ABBREVIATIONS
        or title in countries()
        or lower in STATE_NAMES
    ):
        return "known"
    is_name = title in first_names() or title in surnames()
    if is_name and lower not in english_words() and lower not in drugs():
        return "name"
    if lower in known_words() or lower in ROLE_WORDS:
        return "known"
    if "-" in lower and all(part in known_words() for part in lower.split("-") if part):
        return "known"  # "Ex-wife", "Follow-up": a compound of words
    if is_name:
        return "name_word"  # a name that is also a word ("Bell", "Will"): weak
    return "unknown" if len(bare) >= 3 else "known"


def kind_of(word: str, caps_line: bool = False) -> str:
    """What one word is to the name rules: ``name``, ``name_word``, ``unknown``, ``known``..."""
    return _kind(word, caps_line)


class ContextNameRecognizer:
    """Person names judged by their words and their context (see the module docstring)."""

    name = "name_context"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield name spans with a confidence by the strength of the evidence."""
        for c in self._candidates(text):
            end = c.end
            if text[end - 2 : end] in ("'s", "’s"):
                end -= 2  # "Zak's address": the name, not the possessive
            if end > c.start and not _MODEL_AFTER_MAKE.search(text, max(0, c.start - 16), c.start):
                yield c._replace(end=end)  # "a 2010 Toyota Sienna": a model, not a person

    def _initial_surname(self, text: str) -> Iterator[Candidate]:
        """An initial and a surname after a cue: "Report by T. Nettleship", "cc: K. Oyelaran"."""
        for m in _INITIAL_SURNAME.finditer(text):
            prev = text[max(0, m.start() - 20) : m.start()].split() or [""]
            line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()].split() or [""]
            # "cc: T. Achterberg; R. Oyelowo": the list after the cue goes on
            listed = prev[-1][-1:] in (",", ";") and line[0].lower().strip(":") in INITIAL_CUES
            if prev[-1].lower().strip(",:") not in INITIAL_CUES and not listed:
                continue
            if _kind(m.group(1)) in ("name", "unknown"):
                yield Candidate(m.start(), m.end(), "NAME", 0.65, "name.context", priority=47)

    def _candidates(self, text: str) -> Iterator[Candidate]:
        yield from self._initial_surname(text)
        yield from self._introduced(text)
        yield from self._lower_case(text)
        runs = [(m.start(), m.end(), m.group()) for m in _RUN.finditer(text)]
        singles_ok: dict[int, bool] = {}
        for i, (start, end, value) in enumerate(runs):
            words = value.split(" ")
            caps = _caps_line(text, start)
            kinds = [_kind(w, caps) for w in words if w not in _PARTICLE_SET]
            if _first_initial_last(words, kinds):
                # "Patrick L. Kluge", "Alexandra J Wade": a given name and an initial make
                # the next capitalised word a surname, whatever else it means.
                yield Candidate(start, end, "NAME", 0.7, "name.context", priority=47)
                continue
            if "known" in kinds or ("name_word" in kinds and len(kinds) > 1):
                # Trim known words at the ends ("Maybe", "Directed"): keep the inner run.
                yield from self._trimmed(text, start, words, caps)
                continue
            initial_only = all(k == "initial" for k in kinds)
            if initial_only or (caps and "name" not in kinds):
                continue  # a heading in capitals needs a known name ("ENDOCRINOLOGY FOLLOW-UP")
            if len([k for k in kinds if k != "initial"]) >= 2 or (
                len(kinds) >= 2 and "name" in kinds
            ):
                yield Candidate(start, end, "NAME", 0.7, "name.context", priority=47)
                continue
            if kinds and self._single(text, start, end, kinds[0]):
                singles_ok[i] = True
                yield Candidate(start, end, "NAME", 0.65, "name.context", priority=47)
        yield from self._lists(text, runs, singles_ok)

    def _introduced(self, text: str) -> Iterator[Candidate]:
        """A name someone introduces, even written in lower case: "my name is rayan"."""
        low = text.lower()
        if not any(word in low for word in _INTRO_WORDS):
            return
        known = known_words()
        for m in _INTRO.finditer(text):
            words = m.group(1).split()
            kept: list[str] = []
            for i, w in enumerate(words):
                listed = w[0].isupper() and (w in first_names() or w in surnames())
                bare = w.lower().removesuffix("'s").removesuffix("’s")
                # A capitalised word before a capitalised surname in no list is a given
                # name even if it is also a word ("this is Verity Esterhazy").
                nxt = words[i + 1] if i + 1 < len(words) else ""
                pair = w[0].isupper() and nxt[:1].isupper() and nxt.lower() not in known
                if bare in PRONOUNS or (bare in known and not listed and not pair):
                    break
                kept.append(w)
            if kept:
                start = m.start(1)
                yield Candidate(
                    start, start + len(" ".join(kept)), "NAME", 0.75, "name.context", priority=49
                )

    def _lower_case(self, text: str) -> Iterator[Candidate]:
        """Names typed in lower case: "lauren andrews", "given luke his", "ms. kosara reišl".

        A given name of the lists that is no English, clinical or drug word, followed by a
        surname or a word in no list, is a name; alone it needs a person context (a cue
        before it, a person verb after it, a title). After a title, any unlisted words are.
        """
        firsts, known, skip = first_names(), known_words(), _NOT_LOWER_NAMES
        done = 0
        for m in _LOWER_WORD.finditer(text):
            word = m.group()
            if word in known or word in skip or m.start() < done:
                continue  # most words: one set lookup
            start, end = m.span()
            before = text[max(0, start - 12) : start].split()
            # "ms. kosara", "Dr. amadeo": not "MR enterography" or "MS flare" (capitals).
            titled = bool(before) and before[-1] in _LOWER_TITLES
            if not (titled or (len(word) >= 3 and word.title() in firsts)):
                continue
            nm = _NEXT_LOWER.match(text, end)
            follower = nm.group(1) if nm else ""
            listed = follower in skip or follower in known
            if nm is not None and len(follower) >= 3 and not listed:
                yield Candidate(start, nm.end(1), "NAME", 0.6, "name.context", priority=46)
                done = nm.end(1)
                continue
            prev = before[-1].lower() if before else ""
            vocative = re.match(r"\s*[!?]", text[end : end + 3]) and "," in text[start - 2 : start]
            cued = prev in LEFT_CUES or prev in ROLE_WORDS or follower in PERSON_VERBS
            if titled or cued or vocative:
                yield Candidate(start, end, "NAME", 0.55, "name.context", priority=46)

    def _trimmed(self, text: str, start: int, words: list[str], caps: bool) -> Iterator[Candidate]:
        """The longest inner sub-run without known words, judged again."""
        pos = start
        spans: list[tuple[int, int, str]] = []
        for w in words:
            spans.append((pos, pos + len(w), w))
            pos += len(w) + 1
        best: list[tuple[int, int, str]] = []
        current: list[tuple[int, int, str]] = []
        for s in spans:
            # A name that is also a word ("Verity", "Hope") joins a run of names: "Verity
            # Quintanilla"; alone it is no evidence (checked below).
            if s[2] in _PARTICLE_SET or _kind(s[2], caps) in _RUN_KINDS:
                current.append(s)
            else:
                if len(current) > len(best):
                    best = current
                current = []
        if len(current) > len(best):
            best = current
        while best and (_kind(best[-1][2], caps) == "initial" or best[-1][2] in _PARTICLE_SET):
            best = best[:-1]
        while best and best[0][2] in _PARTICLE_SET:
            best = best[1:]
        kinds = [_kind(s[2], caps) for s in best]
        if "name" not in kinds and "unknown" not in kinds:
            return
        if len(best) == 1 and self._single(text, best[0][0], best[0][1], kinds[0]):
            # "Passenger Nasrin had": the role word is known, the name is judged alone.
            yield Candidate(best[0][0], best[0][1], "NAME", 0.6, "name.context", priority=47)
            return
        if len([k for k in kinds if k != "initial"]) >= 2:
            nxt = _NEXT_WORD.match(text, best[-1][1])
            follower = (nxt.group(3) or "").lower() if nxt else ""
            if follower not in CLINICAL_NOUNS and not _org_follows(text, best[-1][1]):
                yield Candidate(best[0][0], best[-1][1], "NAME", 0.6, "name.context", priority=47)

    def _single(self, text: str, start: int, end: int, kind: str) -> bool:
        """Whether one name or unknown word has a person context."""
        if kind not in ("name", "unknown"):
            return False
        before = text[max(0, start - 40) : start]
        initial = bool(_SENTENCE_END.search(before)) or start == 0
        nxt = _NEXT_WORD.match(text, end)
        possessive = bool(nxt and nxt.group(1)) or text[end - 2 : end] in ("'s", "’s")
        comma = bool(nxt and nxt.group(2))
        follower = (nxt.group(3) or "").lower() if nxt else ""
        if follower in CLINICAL_NOUNS or _org_follows(text, end):
            return False
        if STRENGTH_AFTER.match(text, end):
            return False  # "says Norco 5/325 one tab helps": a drug, not the relative
        prev = before.split()[-1].lower().strip(",") if before.split() else ""
        if follower in PERSON_VERBS and not comma:
            return True
        if kind == "name" and follower in BEING_VERBS and not comma:
            return True
        if follower in NEGATED_MODALS and not comma:
            act = re.match(r"\s*\S+\s+(?:be\s+able\s+to\s+)?([a-z]+)", text[end : end + 40])
            if act is not None and act.group(1) in PERSON_ACTS:
                return True
        if follower in ("is", "was", "had", "has") and not comma and initial:
            after = re.match(r"\s+\w+\s+([a-z]+)(?:\s+([a-z]+))?", text[end : end + 40])
            if after is not None and (
                after.group(1) in PERSON_PREDICATE
                or (after.group(1) in ("a", "an") and after.group(2) in PERSON_PREDICATE)
            ):
                return True  # "Silvestar is very reliable", "Koppány had given Karp ..."
        if initial and re.match(r':\s?["“]', text[end : end + 3]):
            return True  # a speaker in a transcript: 'Tarquinio:"I'm Teake's daughter"'
        # "Zak's address", "Poppy's kid": a possessive before a noun. A possessive that is
        # itself the subject ("Huyler's is a design agency") or ends a phrase names a shop.
        shop = possessive and (follower in BEING_VERBS or follower in ("and", "or", ""))
        if possessive and kind in ("name", "unknown") and not shop:
            return True
        if kind == "name" and initial and text[end : end + 1] == ":":
            return True  # a speaker in a transcript: "Frits: Who are you?"
        if comma and initial and follower in VOCATIVE_NEXT:
            return True  # "Connie, can I please speak to you"
        if re.match(r",?\s*[!?]", text[end : end + 3]) and "," in before[-3:]:
            return True  # "Don't go to town, Euphrosyne!"
        if (not initial and prev in LEFT_CUES) or prev in ROLE_WORDS:
            return True
        return kind == "name" and not initial

    def _lists(
        self, text: str, runs: list[tuple[int, int, str]], done: dict[int, bool]
    ) -> Iterator[Candidate]:
        """Lists and pairs of single words where most members look like names."""
        i = 0
        while i < len(runs):
            group = [i]
            j = i
            while j + 1 < len(runs):
                gap = text[runs[j][1] : runs[j + 1][0]]
                if not _COORD.fullmatch(gap) or " " in runs[j + 1][2]:
                    break
                group.append(j + 1)
                j += 1
            if len(group) >= 2 and all(" " not in runs[k][2] for k in group):
                kinds = [_kind(runs[k][2], _caps_line(text, runs[k][0])) for k in group]
                namey = sum(k in ("name", "unknown") for k in kinds)
                has_name = "name" in kinds
                nxt = _NEXT_WORD.match(text, runs[group[-1]][1])
                follower = (nxt.group(3) or "").lower() if nxt else ""
                verb = follower in PERSON_VERBS or follower in ("were", "are", "have", "had")
                line_start = text.rfind("\n", 0, runs[i][0]) + 1
                lead = text[max(line_start, runs[i][0] - 60) : runs[i][0]].lower()
                people = len(group) >= 3 and any(
                    w in PEOPLE_NOUNS for w in re.findall(r"[a-z]+", lead)
                )
                if namey * 3 >= len(group) * 2 and (has_name or verb or people):
                    for k, kind in zip(group, kinds, strict=True):
                        if k not in done and kind in ("name", "unknown", "name_word"):
                            start, end, _ = runs[k]
                            yield Candidate(start, end, "NAME", 0.6, "name.context", priority=47)
            i = j + 1


_PARTICLE_SET: Final = frozenset(_PARTICLE.strip("(?:)").split("|"))
_CONTRACTION: Final = re.compile(
    r"(?i)(?:i|you|we|they|he|she|it|that|there|what|who|don|can|won|isn|aren|wasn|weren"
    r"|didn|doesn|couldn|wouldn|shouldn|haven|hasn|let)['’](?:m|ll|ve|d|re|t|s)"
)
_LOWER_TITLES: Final = frozenset("mr. mrs. ms. dr. mr mrs ms Mr. Mrs. Ms. Dr.".split())
#: Articles, pronouns and particles of Spanish, French, Portuguese and Italian that the
#: given-name lists also hold ("una", "les", "esta"): never a lower-case name.
_FUNCTION_WORDS: Final = frozenset(
    """una uno unos unas el la los las le les lo del al un une des du de da do dos das este
    esta esto estos estas ese esa eso esos esas aquel mi mis tu tus su sus nuestro nuestra que
    con por para sin sobre entre muy mas más pero como cuando donde mia mio ma mon ton son sa
    ses nos vos leur il elle ils elles je nous vous et ou mais est sont avec pour dans sur
    pas plus tout tous cette ces qui quoi nel nella della dello gli che per non sono ela ele
    eles elas meu minha seu sua nao não sim também tambem""".split()
)
_LOWER_WORD: Final = LazyPattern(r"(?<![\w'’-])[a-zß-öø-ÿ\u0100-\u017f][\w'’-]*")
_NOT_LOWER_NAMES: Final = PRONOUNS | _FUNCTION_WORDS
_NEXT_LOWER: Final = LazyPattern(r" ([a-zß-öø-ÿ\u0100-\u017f][\w'’-]*)")
_RUN_KINDS: Final = frozenset({"name", "unknown", "initial", "name_word"})


def _first_initial_last(words: list[str], kinds: list[str]) -> bool:
    """Whether a run reads given name, initial, surname (and nothing else)."""
    if len(words) != 3 or len(kinds) != 3 or kinds[1] != "initial":
        return False
    last = words[2].strip(".'’").lower()
    return (
        kinds[0] in ("name", "name_word")
        and kinds[2] != "initial"
        and last not in ORG_WORDS
        and last not in CLINICAL_NOUNS
        and last not in EPONYMS
    )


_MODEL_AFTER_MAKE: Final = LazyPattern(rf"(?i:\b(?:{'|'.join(sorted(CAR_MAKES))}))[ \t]+\Z")


def _caps_line(text: str, pos: int) -> bool:
    """Whether the line around ``pos`` is written in capitals (most of its letters)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return _caps(text[start : end if end >= 0 else len(text)])


@lru_cache(maxsize=4096)
def _caps(line: str) -> bool:
    upper = sum(c.isupper() for c in line)
    lower = sum(c.islower() for c in line)
    return upper + lower >= 8 and upper >= 0.7 * (upper + lower)


def _org_follows(text: str, end: int) -> bool:
    """Whether an organisation word follows ("Fisher Foods"), not a unit ("Suite 485").

    "Jacob Reed and Sons", "Wanamaker & Co.": a firm named for its founders.
    """
    m = re.match(r"\s+([A-Z][a-z]+)(?!\s+#?\d)", text[end : end + 30])
    if m is not None and m.group(1).lower() in ORG_WORDS:
        return True
    return FIRM_TAIL.match(text, end) is not None
