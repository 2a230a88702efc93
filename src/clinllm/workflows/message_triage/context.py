"""Text context for triage rules: normalization, clauses, negation, hypotheticals, history.

Patients write "no chest pain", "last year I had chest pain", "what should I do if I get
chest pain" and "not sure if it's a stroke but his face is drooping". A keyword rule that
ignores these either floods the emergency queue or, worse, learns to be ignored. This module
decides, for one match, whether the finding is *asserted now* for the person the message is
about. When in doubt it says yes: a wrong "asserted" over-triages, a wrong "negated" can
miss an emergency.

Offsets are preserved: :class:`Text` keeps a normalized copy (lower case, accents removed,
curly quotes straightened) of the same length as the original, so every span found in the
normalized text indexes the original message too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = ["Assertion", "Match", "Text"]

_PUNCT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})

# Clause boundaries: sentence ends (not decimal points), semicolons, new lines, commas and
# contrastive conjunctions. "now" starts a new clause so "last year ... and now chest pain"
# is not read as history.
_BOUNDARY = re.compile(
    r"[!?;\n]+|\.(?!\d)|,|:"
    r"|\b(?:but|however|although|though|except|pero|aunque|sino)\b"
    r"|\b(?:and |y )?(?:right )?now\b|\bahora\b"
)

# Cues that negate a finding that follows them in the same clause (within a few words).
_NEG_CUE = re.compile(
    r"\b(?:no|not|never|without|denies|denied|deny|negative for|free of|none|zero|nor"
    r"|don'?t have|doesn'?t have|didn'?t have|haven'?t had|hasn'?t had|hadn'?t"
    r"|haven'?t (?:been|noticed|seen)|isn'?t|aren'?t|wasn'?t|weren'?t|sin|nunca|ni|tampoco"
    r"|ruled out)\b"
)
# Look-alikes of negation that do not negate what follows ("not sure if", "no idea why").
_PSEUDO_NEG = re.compile(
    r"\b(?:not sure|no idea|not only|no clue|no matter|not certain|no se|not just"
    r"|no longer able|not able|no way to|nothing (?:helps|is helping|works))\b"
)
# Words that end a negation's reach inside a clause.
_NEG_STOP = re.compile(
    r"\b(?:(?:and|y) (?:now|then|also|has|have|is|was|his|her|my|tiene|esta|started|ahora)"
    r"|which|who|that is|because|porque)\b"
)
# Hypothetical framing before the finding in its clause.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|what if|whether|should i ever|si llego|en caso de|just in case"
    r"|would (?:i|you|he|she)|risk of|signs (?:of|that)|how (?:do|will|would|can) (?:i|we|you)"
    r" (?:know|tell)"
    r"|symptoms of|watch for|look out for|when to (?:call|go)|worried about getting"
    r"|prevent\w*)\b"
)
# Uncertainty that must NOT be read as hypothetical ("not sure if his face is drooping").
_NOT_HYPOTHETICAL = re.compile(
    r"\b(?:not sure|unsure|don'?t know|wonder(?:ing)?|can'?t tell|no se|not certain) "
    r"(?:if|whether|si)\b"
)
# Time cues that put a finding in the past, unless the clause says it is still going on.
_HISTORY_TIME = re.compile(
    r"\b(?<!since )(?:last (?:year|month|week|summer|spring|fall|winter|time|christmas)"
    r"|(?:years?|months?|yrs?) ago|back in|in (?:19|20)\d\d|years back|el ano pasado"
    r"|la semana pasada|hace (?:anos|meses|un ano))\b"
)
_ONGOING = re.compile(
    r"\b(?:since|started|starting|still|ongoing|for the (?:past|last)|every day|desde)\b"
)
# History, resolution or someone else's history, anywhere in the clause.
_HISTORY = re.compile(
    r"\b(?:history of|hx of|h/o|used to|previously|in the past|turned out|was diagnosed"
    r"|as a (?:child|kid|teen)|when i was (?:young|little|a kid|pregnant)|family history"
    r"|runs in (?:my|the) family|(?:mom|mother|dad|father|brother|sister|grandma|grandmother"
    r"|grandpa|grandfather|uncle|aunt|cousin) (?:had|died|passed away))\b"
)
# Recency cues that keep a finding current even next to a past-tense family mention.
_RECENT = re.compile(
    r"\b(?:today|tonight|this morning|this afternoon|this evening|just now|right now|now"
    r"|minutes?|mins?|hours?|hrs?|yesterday|currently|started|hoy|ahorita|ahora|anoche)\b"
)
# Resolution right after a finding ("the chest pain went away").
_RESOLVED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:went away|is gone|are gone|has gone|resolved|has stopped"
    r"|stopped on its own|got better|is better now|se quito|ya paso)\b"
)
# Minimizers: the writer says the symptom needs nothing ("nothing serious just sneezy").
_MINIMIZER = re.compile(
    r"\b(?:nothing serious|no big deal|not a big deal|not serious|no problems?|feel(?:ing)?"
    r" (?:ok|okay|fine|good|great|well)|doing (?:well|fine|good|great|much better|better)"
    r"|i am better now|i'?m better now|all good|not urgent|no rush|it'?s fine|works great"
    r"|(?:is|was|looked) fine)\b"
)


@dataclass(frozen=True, slots=True)
class Match:
    """A regex hit in a message: offsets into the original text and the matched text."""

    start: int
    end: int
    text: str

    def __repr__(self) -> str:
        return f"Match({self.start}, {self.end})"


@dataclass(frozen=True, slots=True)
class Assertion:
    """How a finding is framed in its clause.

    Attributes:
        negated: Denied ("no chest pain", "sin fiebre").
        hypothetical: Conditional or educational ("if I get chest pain").
        historical: In the past, resolved, or someone's history ("last year", "went away").
        minimized: The writer says it is nothing ("nothing serious").
    """

    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    minimized: bool = False

    @property
    def present(self) -> bool:
        """Asserted now: not negated, hypothetical or historical (minimizing still counts)."""
        return not (self.negated or self.hypothetical or self.historical)


@dataclass(frozen=True, slots=True)
class Text:
    """A message prepared for rules: normalized copy of equal length and clause spans.

    Attributes:
        original: The message as received (PHI; never logged).
        norm: Lower-cased, accent-free copy with the same length as ``original``.
        clauses: Half-open ``(start, end)`` spans covering ``norm``.
    """

    original: str
    norm: str
    clauses: tuple[tuple[int, int], ...] = field(default=())

    def __repr__(self) -> str:
        return f"Text(<{len(self.original)} chars>, clauses={len(self.clauses)})"

    @classmethod
    def of(cls, message: str) -> Text:
        """Prepare ``message``: normalize character by character and split into clauses."""
        norm = "".join(_fold(ch) for ch in message)
        bounds: list[tuple[int, int]] = []
        start = 0
        for cut in _BOUNDARY.finditer(norm):
            if cut.start() > start:
                bounds.append((start, cut.start()))
            # A boundary word ("but", "now") begins the next clause; punctuation does not.
            start = cut.start() if cut.group()[:1].isalpha() else cut.end()
        if start < len(norm):
            bounds.append((start, len(norm)))
        return cls(original=message, norm=norm, clauses=tuple(bounds) or ((0, len(norm)),))

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[Match]:
        """Matches of ``pattern`` in the normalized text, with original-text spans."""
        for m in pattern.finditer(self.norm):
            if m.end() > m.start():
                yield Match(m.start(), m.end(), self.original[m.start() : m.end()])

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause span containing offset ``pos``."""
        for start, end in self.clauses:
            if start <= pos < end:
                return start, end
        return 0, len(self.norm)

    def assertion(self, match: Match) -> Assertion:
        """Decide how ``match`` is framed: negated, hypothetical, historical or minimized."""
        c_start, c_end = self.clause_of(match.start)
        prefix = self.norm[c_start : match.start]
        suffix = self.norm[match.end : c_end]
        clause = self.norm[c_start:c_end]
        # "No fever, chills or cough": a clause that starts with "or" inherits negation.
        if re.match(r"\s*(?:or|nor|ni|o)\b", clause):
            prev_start = max((s for s, e in self.clauses if e <= c_start), default=c_start)
            prefix = self.norm[prev_start : match.start]
        return Assertion(
            negated=_negated(prefix),
            hypothetical=_hypothetical(prefix),
            historical=_historical(clause, suffix),
            minimized=bool(_MINIMIZER.search(clause)),
        )

    def present(self, match: Match) -> bool:
        """Whether ``match`` is asserted now (see :attr:`Assertion.present`)."""
        return self.assertion(match).present

    def requested(self, pattern: re.Pattern[str]) -> list[Match]:
        """Every match of ``pattern`` that is not negated (requests ignore tense and "if")."""
        return [m for m in self.finditer(pattern) if not self.assertion(m).negated]

    def any_present(self, pattern: re.Pattern[str]) -> list[Match]:
        """Every match of ``pattern`` that is asserted now."""
        return [m for m in self.finditer(pattern) if self.present(m)]


def _fold(ch: str) -> str:
    """One character in, one character out: lower case, no accent, straight quotes."""
    ch = ch.translate(_PUNCT)
    decomposed = unicodedata.normalize("NFKD", ch)
    base = next((c for c in decomposed if not unicodedata.combining(c)), ch)
    low = base.lower()
    return low[0] if len(low) == 1 and len(base) == 1 else ch


def _negated(prefix: str) -> bool:
    stops = list(_NEG_STOP.finditer(prefix))
    window = prefix[stops[-1].end() :] if stops else prefix
    words = window.split()
    window = " ".join(words[-7:])
    window = _PSEUDO_NEG.sub(" ", window)
    return bool(_NEG_CUE.search(window))


def _hypothetical(prefix: str) -> bool:
    cleaned = _NOT_HYPOTHETICAL.sub(" ", prefix)
    return bool(_HYPOTHETICAL.search(cleaned))


def _historical(clause: str, suffix: str) -> bool:
    if _RESOLVED_AFTER.search(suffix):
        return True
    if _HISTORY_TIME.search(clause) and not _ONGOING.search(clause):
        return True
    hit = _HISTORY.search(clause)
    if hit is None:
        return False
    # A family member "had" something: history unless the clause says it is happening now.
    family_past = re.search(r"(?:had|died|passed away)$", hit.group()) is not None
    return not (family_past and _RECENT.search(clause))
