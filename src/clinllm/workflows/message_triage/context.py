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

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from clinllm.workflows.message_triage.scan import WordIndex

__all__ = ["Assertion", "Match", "Text", "fold"]

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
    r"|si (?:algun dia|alguna vez|acaso|(?:me|le|te|nos|les) (?:da|llega|pasa|vuelve|dan))"
    r"|si jamais|au cas ou|se algum dia|caso (?:eu|ele|ela) (?:tenha|sinta)"
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
    r"|la semana pasada|hace (?:\w+ )?(?:anos|ano|meses|semanas))\b"
)
_ONGOING = re.compile(
    r"\b(?:since|started|starting|still|ongoing|for the (?:past|last)|every day|desde)\b"
)
# History, resolution or someone else's history, anywhere in the clause.
_HISTORY = re.compile(
    r"\b(?:history of|hx of|h/o|used to|previously|in the past|turned out|was diagnosed"
    r"|as a (?:child|kid|teen(?:ager)?|baby|toddler)|when (?:i|he|she|they) (?:was|were)"
    r" (?:young|little|younger|a kid|a baby|a toddler|a child|pregnant)|family history"
    r"|runs in (?:my|the) family|(?:mom|mother|dad|father|brother|sister|grandma|grandmother"
    r"|grandpa|grandfather|uncle|aunt|cousin) (?:had|died|passed away)"
    r"|(?:mama|papa|madre|padre|abuel[oa]|herman[oa]|tio|tia) (?:tuvo|murio))\b"
)
# Recency cues that keep a finding current even next to a past-tense family mention.
_RECENT = re.compile(
    r"\b(?:today|tonight|this morning|this afternoon|this evening|just now|right now|now"
    r"|minutes?|mins?|hours?|hrs?|yesterday|currently|started|hoy|ahorita|ahora|anoche)\b"
)
# Recency that overrides a time cue in the same clause.
_NOW = re.compile(
    r"\b(?:today|tonight|this (?:morning|afternoon|evening)|right now|just now|currently"
    r"|hoy|ahorita|anoche|esta (?:manana|tarde|noche))\b"
)
# A finding that names something ("the Stroke Support Group", "chest pain clinic") rather
# than describes the writer.
_NAMED_AFTER = re.compile(
    r"^\s*(?:support groups?|survivors?\b|association|foundation|society|awareness|fundraiser"
    r"|newsletter|clinic|center|centre|program(?:me)?|research|study|trial|unit|ward|team"
    r"|education|seminar|webinar|grupo de apoyo|asociacion|fundacion|prevention|hotline|kits?"
    r"|vaccines?|vaccinations?|shots?|immuniz\w*|vacuna|network|alliance|club|walk|5k|10k"
    r"|marathon|race|ribbon|charity|class(?:es)?|training|course|certification|drill|pamphlet"
    r"|brochure|documentary|podcast)\b"
)
# Resolution right after a finding ("the chest pain went away").
_RESOLVED_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,5}?(?:went away|is gone|are gone|has gone|resolved|has stopped"
    r"|stopped on its own|got better|is better now|se quito|ya paso)\b"
)
# An abnormal process the writer says has ended ("I stopped bleeding", "she quit vomiting
# around noon"): resolved, like "went away". Only a process that is itself the finding ends
# this way; a function that stops ("stopped breathing", "stopped eating") is the finding, and
# "again" or "came back" in the next words (clause or not: "but it started again") says the
# process is back.
_ENDED_BEFORE = re.compile(r"\b(?:stopped|quit|finished|no longer) $")
_ABNORMAL_PROCESS = re.compile(r"(?:bleed|vomit|throwing up|spotting|seiz|convuls|cough)")
_RECURRED_AFTER = re.compile(
    r"^\W*(?:[\w']+\W+){0,8}?(?:again|came back|comes back|coming back|started (?:up )?again"
    r"|restarted|back on|keeps? (?:coming|starting))\b"
)
# A question about warning signs names the finding after it ("signs of a stroke I should
# watch for"): the finding is what the writer asks about, not what is happening.
_HYPOTHETICAL_AFTER = re.compile(
    r"^\W*(?:[\w']+\W+){0,3}?(?:(?:i|we|you|he|she) (?:should|need to|have to) (?:watch|look)"
    r" (?:out )?for|to (?:watch|look) (?:out )?for)\b"
)
# A medicine named by what it treats ("pastillas para las convulsiones", "pills for my
# seizures"): the condition is the drug's indication, not a finding now.
_INDICATION_BEFORE = re.compile(
    r"\b(?:pills?|meds?|medicines?|medications?|tablets|drugs?|prescriptions?|pastillas"
    r"|medicinas?|medicamentos?|remedios?) (?:for|para|contra) (?:(?:my|his|her|their|the|el|la"
    r"|las|los|sus?|mis?) )?$"
)
# "If this is an emergency, call 911": the instruction after a conditional clause is as
# conditional as the clause, though a comma separates them. Only an instruction inherits;
# "if I move, the pain gets worse" still reports pain.
_CONDITION_START = re.compile(
    r"[\s>*-]*(?:if|in case|should you|si|en caso|for (?:\w+ )?emergenc\w*|para emergencias)\b"
)
_INSTRUCTION_START = re.compile(
    r"\s*(?:please |then |always |immediately )?(?:call|dial|go|seek|contact|come|head|use"
    r"|get|llame|llamen|vaya|vayan|acuda|marque)\b"
)
_OR_START = re.compile(r"\s*(?:or|nor|ni|o)\b")
# Minimizers: the writer says the symptom needs nothing ("nothing serious just sneezy").
_MINIMIZER = re.compile(
    r"\b(?:nothing serious|no big deal|not a big deal|not serious|no problems?|feel(?:ing)?"
    r" (?:ok|okay|fine|good|great|well)|doing (?:well|fine|good|great|much better|better)"
    r"|i am better now|i'?m better now|all good|not urgent|no rush|it'?s fine|works great"
    r"|(?:is|was|looked) fine)\b"
)


# How far (in characters) either side of a finding its framing is read. NegEx-style cues act
# within a few words, so a wider scope changes nothing a patient writes; without a bound, a
# message with no punctuation is one clause of megabytes and every finding rescans it
# (quadratic time: a 120 KB message took 110 s).
SCOPE_CHARS = 240


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
        named: Part of a name ("the Stroke Support Group", "the chest pain clinic").
    """

    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    minimized: bool = False
    named: bool = False

    @property
    def present(self) -> bool:
        """Asserted now: not negated, hypothetical, historical or a name (minimizing counts)."""
        return not (self.negated or self.hypothetical or self.historical or self.named)


@dataclass(frozen=True, slots=True)
class Text:
    """A message prepared for rules: normalized copy of equal length and clause spans.

    Every query is linear in the message: clauses are found by bisection, a finding's framing
    is read within :data:`SCOPE_CHARS` of it, and the matches of a pattern and the framing of
    a span are computed once (rules ask for the same fever or symptom words several times).

    Attributes:
        original: The message as received (PHI; never logged).
        norm: Lower-cased, accent-free copy with the same length as ``original``.
        clauses: Half-open ``(start, end)`` spans covering ``norm``, in order.
    """

    original: str
    norm: str
    clauses: tuple[tuple[int, int], ...] = field(default=())
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _matches: dict[re.Pattern[str], tuple[list[Match], Iterator[re.Match[str]]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _framing: dict[tuple[int, int], Assertion] = field(
        default_factory=dict, repr=False, compare=False
    )
    _by_words: dict[tuple[str, str, int, bool, bool], Assertion] = field(
        default_factory=dict, repr=False, compare=False
    )
    _index: list[WordIndex] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.clauses:
            object.__setattr__(self, "clauses", ((0, len(self.norm)),))
        self._starts.extend(start for start, _ in self.clauses)

    def __repr__(self) -> str:
        return f"Text(<{len(self.original)} chars>, clauses={len(self.clauses)})"

    @classmethod
    def of(cls, message: str) -> Text:
        """Prepare ``message``: normalize character by character and split into clauses."""
        if message.isascii():
            norm = message.lower()
        else:
            norm = message.translate({ord(ch): fold(ch) for ch in set(message)})
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
        """Matches of ``pattern`` in the normalized text, with original-text spans.

        The scan is lazy and remembered: a rule that needs only the first asserted match
        stops the scan there, and the next rule asking for the same pattern starts from the
        matches already found.
        """
        entry = self._matches.get(pattern)
        if entry is None:
            entry = self._matches[pattern] = ([], self.scan(pattern))
        found, live = entry
        i = 0
        while True:
            if i < len(found):
                yield found[i]
                i += 1
                continue
            m = next(live, None)
            if m is None:
                return
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), self.original[m.start() : m.end()]))

    def scan(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """``pattern.finditer`` over the normalized text, tried only where it can start."""
        if not self._index:
            self._index.append(WordIndex(self.norm))
        return self._index[0].scan(pattern)

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match of ``pattern`` in the normalized text."""
        return next(self.scan(pattern), None)

    def clause_index(self, pos: int) -> int:
        """The index of the clause containing offset ``pos`` (-1 when it is in none)."""
        i = bisect.bisect_right(self._starts, pos) - 1
        return i if i >= 0 and pos < self.clauses[i][1] else -1

    def clause_of(self, pos: int) -> tuple[int, int]:
        """The clause span containing offset ``pos``."""
        i = self.clause_index(pos)
        return self.clauses[i] if i >= 0 else (0, len(self.norm))

    def _scope(self, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
        """``[lo, hi)`` cut to :data:`SCOPE_CHARS` around ``[start, end)``, at word edges.

        A cut inside a word moves to the next space, so that "snot" never reads as "not".
        """
        if start - lo > SCOPE_CHARS:
            lo = start - SCOPE_CHARS
            space = self.norm.find(" ", lo, start)
            lo = space + 1 if space >= 0 else start
        if hi - end > SCOPE_CHARS:
            hi = end + SCOPE_CHARS
            space = self.norm.rfind(" ", end, hi)
            hi = space if space >= 0 else end
        return lo, hi

    def assertion(self, match: Match) -> Assertion:
        """Decide how ``match`` is framed: negated, hypothetical, historical or minimized."""
        key = (match.start, match.end)
        cached = self._framing.get(key)
        if cached is not None:
            return cached
        i = self.clause_index(match.start)
        c_start, c_end = self.clauses[i] if i >= 0 else (0, len(self.norm))
        lo, hi = self._scope(match.start, match.end, c_start, c_end)
        prefix = self.norm[lo : match.start]
        suffix = self.norm[match.end : hi]
        clause = self.norm[lo:hi]
        # "No fever, chills or cough": a clause that starts with "or" inherits negation.
        if i > 0 and _OR_START.match(self.norm, c_start, min(c_end, c_start + 8)):
            prev_lo, _ = self._scope(match.start, match.end, self.clauses[i - 1][0], c_end)
            prefix = self.norm[prev_lo : match.start]
        conditional = (
            i > 0
            and self.norm[self.clauses[i - 1][1] : c_start].strip() == ","
            and _INSTRUCTION_START.match(self.norm, c_start, min(c_end, c_start + 24)) is not None
            and _CONDITION_START.match(self.norm, self.clauses[i - 1][0]) is not None
        )
        # Framing depends on the words around the finding only: a long message that repeats
        # "no chest pain" is framed once per distinct context.
        after = self.norm[match.end : match.end + 80]
        ended = _ended(prefix, self.norm[match.start : match.end], after)
        words = (prefix, clause, len(suffix), conditional, ended)
        framing = self._by_words.get(words)
        if framing is not None:
            self._framing[key] = framing
            return framing
        framing = Assertion(
            negated=_negated(prefix),
            hypothetical=conditional
            or _hypothetical(prefix)
            or bool(_HYPOTHETICAL_AFTER.search(suffix)),
            historical=_historical(clause, suffix) or ended,
            minimized=bool(_MINIMIZER.search(clause)),
            named=bool(_NAMED_AFTER.search(suffix) or _INDICATION_BEFORE.search(prefix)),
        )
        self._framing[key] = self._by_words[words] = framing
        return framing

    def present(self, match: Match) -> bool:
        """Whether ``match`` is asserted now (see :attr:`Assertion.present`)."""
        return self.assertion(match).present

    def requested(self, pattern: re.Pattern[str], limit: int | None = None) -> list[Match]:
        """Matches of ``pattern`` that are not negated (requests ignore tense and "if").

        Args:
            pattern: What to look for.
            limit: Stop after this many (the rules need the first few as evidence).
        """
        return self._select(pattern, limit, lambda m: not self.assertion(m).negated)

    def any_present(self, pattern: re.Pattern[str], limit: int | None = None) -> list[Match]:
        """Matches of ``pattern`` that are asserted now (at most ``limit`` when given)."""
        return self._select(pattern, limit, self.present)

    def _select(
        self, pattern: re.Pattern[str], limit: int | None, keep: Callable[[Match], bool]
    ) -> list[Match]:
        chosen: list[Match] = []
        for m in self.finditer(pattern):
            if keep(m):
                chosen.append(m)
                if limit is not None and len(chosen) >= limit:
                    break
        return chosen


def fold(ch: str) -> str:
    """One character in, one character out: lower case, no accent, straight quotes.

    A Hangul syllable is kept whole: its decomposition is letters (jamo), not a letter and
    accents, and keeping the first jamo alone would erase Korean words.
    """
    if "\uac00" <= ch <= "\ud7a3":
        return ch
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


def _ended(prefix: str, finding: str, suffix: str) -> bool:
    """An abnormal process said to have stopped, and not to have come back."""
    return (
        _ENDED_BEFORE.search(prefix) is not None
        and _ABNORMAL_PROCESS.match(finding) is not None
        and _RECURRED_AFTER.search(suffix) is None
    )


def _historical(clause: str, suffix: str) -> bool:
    if _RESOLVED_AFTER.search(suffix):
        return True
    # "was doubled last week and today he's lightheaded": a recency cue in the same clause
    # keeps the finding current.
    if _HISTORY_TIME.search(clause) and not (_ONGOING.search(clause) or _NOW.search(clause)):
        return True
    hit = _HISTORY.search(clause)
    if hit is None:
        return False
    # A family member "had" something: history unless the clause says it is happening now.
    family_past = re.search(r"(?:had|died|passed away|tuvo|murio)$", hit.group()) is not None
    return not (family_past and _RECENT.search(clause))
