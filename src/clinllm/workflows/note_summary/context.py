"""Negation, uncertainty, family and hypothetical context, scoped the way NegEx/ConText do it.

Why not medSpaCy: its ConText pins spaCy < 3.8 and brings a sentence splitter that costs
~25 ms per note; the rules here are the published NegEx/ConText trigger lists (Chapman et al.
2001, Harkema et al. 2009) with their scoping: a trigger modifies the words after it (or before
it, for ``ruled out``, ``excluded``, ``unlikely``) up to the end of the clause — a sentence end,
a semicolon, a colon, a bracket, or a termination term (``but``, ``however``, ``due to``,
``presents``, ``endorses``), a comma before a new subject ("denies chest pain, he does have
dyspnea") — and at most :data:`MAX_SCOPE_WORDS` words, except a list of short items (a review
of systems), which is denied to its end. Pseudo-triggers (``no change``, ``not only``,
``gram negative``) and quantities (``almost no sleep``, ``little to no urine output``) are
consumed first so they never trigger. Return precautions in their usual wordings ("call 911
for", "seek care for", "warning signs:") are hypothetical, a relative as a subject ("father
has") is family. The trigger lists themselves are in :mod:`.triggers`.

A condition in a negated scope goes to ``negated``; one in a possible, family or hypothetical
scope goes nowhere: a summary must not turn "cannot be excluded" into a diagnosis.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from clinllm.workflows.note_summary.triggers import (
    APPROXIMATE,
    FAMILY_SUBJECT,
    INSTRUCTION,
    PSEUDO,
    TERMINATORS,
    TRIGGERS,
    Category,
)

__all__ = [
    "MAX_SCOPE_WORDS",
    "Category",
    "Context",
    "Modifier",
    "analyze",
    "negated_items",
]


#: Most words a trigger reaches (ConText's default window is the sentence; NegEx used 5).
MAX_SCOPE_WORDS = 15


@dataclass(frozen=True, slots=True)
class Modifier:
    """One trigger and the span of text it modifies.

    Attributes:
        category: What the trigger says about its scope.
        start: Offset of the trigger.
        end: Offset one past the trigger.
        scope_start: Offset of the first modified character.
        scope_end: Offset one past the last modified character.
    """

    category: Category
    start: int
    end: int
    scope_start: int
    scope_end: int


@dataclass(frozen=True, slots=True)
class Context:
    """Every modifier found in one text, with lookups by offset."""

    modifiers: tuple[Modifier, ...]

    def categories_at(self, start: int, end: int) -> set[Category]:
        """Categories whose scope overlaps ``[start, end)``."""
        return {m.category for m in self.modifiers if m.scope_start < end and start < m.scope_end}

    def is_trigger(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a trigger word itself."""
        return any(m.start < end and start < m.end for m in self.modifiers)


def _words(options: tuple[str, ...]) -> str:
    parts = sorted(options, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    triggers = re.compile(
        rf"(?<![\w/-])(?:{_words(tuple(t for t, _, _ in TRIGGERS))})(?![\w/-])", re.I
    )
    pseudo = re.compile(rf"(?<![\w-])(?:{_words(PSEUDO)}|{APPROXIMATE})(?![\w-])", re.I)
    terminators = re.compile(rf"(?<![\w-])(?:{_words(TERMINATORS)})(?![\w-])", re.I)
    instructions = re.compile(rf"(?<![\w/-])(?:{'|'.join(INSTRUCTION)})(?![\w/-])", re.I)
    relatives = re.compile(rf"(?<![\w/-])(?:{FAMILY_SUBJECT})(?![\w/-])", re.I)
    return triggers, pseudo, terminators, instructions, relatives


_LOOKUP = {re.sub(r"\s+", " ", t): (c, d) for t, c, d in TRIGGERS}

# Clause boundaries: sentence ends (a period followed by space and not inside a number or an
# abbreviation such as "q.d."; after a number, a period followed by a capital: "urine Na 52.
# SIADH is possible" is two sentences), semicolons, colons, brackets, table cells, bullets,
# numbered items ("1.", "#2") and blank lines.
_BOUNDARY = re.compile(
    r"(?<!\d)\.(?=\s|$)|(?<=\d)\.(?=\s+[A-Z])|[;:()\[\]?!|]|\n\s*\n|"
    r"\n\s*(?:[-*•]|\d+[.)]|#\d+[.):]?)\s|\s-\s"
)


# A comma before a new clause with its own subject ends a scope: "denies chest pain, he does
# have exertional dyspnea", "no DVT in the left leg, the right leg shows a clot". A comma
# before a list item does not ("denies fever, chills, night sweats").
_NEW_CLAUSE = re.compile(
    r",(?=\s*(?:he|she|they|we|i|there|(?:the\s+)?(?:patient|pt))\b(?!\s*[,/]))|"
    r",(?=\s*(?:the|this|that|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:shows?|showed|has|have|had|is|are|was|were|does|did|reports?|reported|notes?|noted|"
    r"endorses?|demonstrates?|demonstrated|reveals?|revealed)\b)",
    re.I,
)


def _boundaries(text: str) -> list[int]:
    return [m.start() for m in _BOUNDARY.finditer(text)] + [
        m.start() for m in _NEW_CLAUSE.finditer(text)
    ]


#: Most words one item of a negated list may have for the list to count as one (see below).
MAX_LIST_ITEM_WORDS = 4


def _word_limit_forward(text: str, start: int, end: int) -> int:
    """End of a forward scope: at most :data:`MAX_SCOPE_WORDS` words, unless it is a list.

    A review of systems ("denies fever, chills, ..., dysuria, hematuria or rash") runs past
    any word limit, and every item in it is denied; cutting it at a word count asserts the
    tail. A clause whose parts are all short list items is one scope to its end.
    """
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= MAX_SCOPE_WORDS:
        return end
    items = [i for i in _LIST_SPLIT.split(text[start:end]) if i.strip()]
    if len(items) > 2 and all(len(i.split()) <= MAX_LIST_ITEM_WORDS for i in items[1:]):
        return end
    return start + words[MAX_SCOPE_WORDS - 1].end()


def _word_limit_backward(text: str, start: int, end: int) -> int:
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) <= MAX_SCOPE_WORDS:
        return start
    return start + words[-MAX_SCOPE_WORDS].start()


_SENTENCE_END = re.compile(r"(?<!\d)\.(?=\s+[A-Z])")
# Verbs and adverbs between a condition and a post-trigger ("is", "was felt to be", "now").
_COPULA = re.compile(
    r"(?:\s+(?:is|was|are|were|be|been|being|has|have|had|now|also|felt|thought|considered|"
    r"deemed|judged|to|very|highly|then|subsequently|effectively|definitively))+\s*\Z",
    re.I,
)


_BULLET_LINE = re.compile(r"\n[ \t]*(?:[-*•]|\d+[.)])[ \t]+[^\n]*")


def _list_below(text: str, line_end: int) -> int:
    """End of the bulleted or numbered lines right below ``line_end`` (itself if none)."""
    end = line_end
    while (m := _BULLET_LINE.match(text, end)) is not None:
        end = m.end()
    return end


def analyze(text: str) -> Context:
    """Find every trigger in ``text`` and the scope it modifies."""
    triggers, pseudo, terminators, instructions, relatives = _patterns()
    blocked = [m.span() for m in pseudo.finditer(text)]
    stops = sorted({*_boundaries(text), *(m.start() for m in terminators.finditer(text))})
    stop_ends = sorted(
        {*(b + 1 for b in _boundaries(text)), *(m.end() for m in terminators.finditer(text))}
    )
    instruction: tuple[Category, str] = ("hypothetical", "f")
    family: tuple[Category, str] = ("family", "f")
    framed = [
        *((m, instruction) for m in instructions.finditer(text)),
        *((m, family) for m in relatives.finditer(text)),
    ]
    found = sorted(
        [
            *framed,
            *(
                (m, _LOOKUP[re.sub(r"\s+", " ", m.group(0).lower())])
                for m in triggers.finditer(text)
                if not any(s <= m.start() < e or s < m.end() <= e for s, e in blocked)
                and not any(f.start() <= m.start() < f.end() for f, _ in framed)
            ),
        ],
        key=lambda pair: pair[0].start(),
    )
    modifiers: list[Modifier] = []
    for m, (category, direction) in found:
        if direction == "f":
            limit = next((s for s in stops if s >= m.end()), len(text))
            colon = re.match(r"[ \t]*:", text[m.end() :])
            if colon:
                # "Pertinent negatives: a; b; c": a trigger that introduces a list with a
                # colon reaches the end of its line, or of its sentence when another one
                # follows on the line ("FHx: stroke in father. Labs: K 7.1").
                line_end = text.find("\n", m.end())
                limit = len(text) if line_end < 0 else line_end
                sentence = _SENTENCE_END.search(text, m.end(), limit)
                if sentence is not None:
                    limit = sentence.start() + 1
                # ... but not past a termination term ("Negative for: fever, chills, but
                # positive for cough"; "Pertinent negatives: no chest pain; reports syncope").
                term = terminators.search(text, m.end(), limit)
                if term is not None:
                    limit = term.start()
                elif not text[m.end() : limit].strip(" \t:"):
                    # "Return precautions:" closing its line: the list is the lines below it.
                    limit = _list_below(text, limit)
                modifiers.append(Modifier(category, m.start(), m.end(), m.end(), limit))
                continue
            # "ED precautions given (syncope, melena)", "denies (fever, chills)": a bracket
            # that opens a word or two after the trigger holds what the trigger is about.
            if text.startswith("(", limit) and len(text[m.end() : limit].split()) <= 2:
                close = text.find(")", limit)
                if close >= 0 and "\n\n" not in text[limit:close]:
                    limit = close
            # The next trigger starts a scope of its own ("no X, no Y", "no X ... possible Y").
            for other, _ in found:
                if m.end() <= other.start() < limit:
                    limit = other.start()
                    break
            limit = _word_limit_forward(text, m.end(), limit)
            modifiers.append(Modifier(category, m.start(), m.end(), m.end(), limit))
        else:
            before = text[: m.start()].rstrip()
            if before.endswith(")") and "(" in before:
                # "(RSV/flu/COVID) negative": the bracket is what the trigger is about.
                begin, end_ = before.rindex("(") + 1, len(before) - 1
                modifiers.append(Modifier(category, m.start(), m.end(), begin, end_))
                continue
            begin = max((s for s in stop_ends if s <= m.start()), default=0)
            begin = _word_limit_backward(text, begin, m.start())
            # "Sepsis is unlikely", "PE was felt to be ruled out": the verb before a post-
            # trigger belongs to the trigger, not to the condition it is about.
            verb = _COPULA.search(text, begin, m.start())
            end_ = verb.start() if verb is not None and verb.start() > begin else m.start()
            modifiers.append(Modifier(category, m.start(), m.end(), begin, end_))
    return Context(tuple(modifiers))


# Words that join the items of a negated list ("denies chest pain, dyspnea or syncope").
_LIST_SPLIT = re.compile(r"[,;]\s*(?:and\s+|or\s+)?|\s+(?:or|and|nor)\s+|/(?=[A-Za-z])")
_FILLER = re.compile(
    r"^(?:any|a|an|the|recent|prior|known|history\s+of|signs?\s+of|evidence\s+of|"
    r"clinical|further|other|new|acute|significant|obvious|active|personal|thoughts\s+of)\s+",
    re.I,
)


def negated_items(text: str, context: Context | None = None) -> Iterator[tuple[int, int]]:
    """Spans of the individual conditions inside negated scopes.

    A scope that lists several conditions is split at commas and ``or``/``and``; leading
    fillers (``any``, ``recent``, ``signs of``) are trimmed.
    """
    ctx = context or analyze(text)
    for m in ctx.modifiers:
        if m.category != "negated":
            continue
        scope = text[m.scope_start : m.scope_end]
        pos = 0
        for part in [*_LIST_SPLIT.split(scope)]:
            idx = scope.find(part, pos)
            if idx < 0:
                continue
            pos = idx + len(part)
            stripped = part.strip(" \t\n,.:;")
            if not stripped:
                continue
            lead = part.find(stripped)
            s = m.scope_start + idx + lead
            e = s + len(stripped)
            while True:
                f = _FILLER.match(text[s:e])
                if not f:
                    break
                s += f.end()
            item = text[s:e]
            if re.match(r"(?i)normal\b|\d", item):
                continue  # a normal finding or a value, not a condition
            if re.search(r"[A-Za-z]{3}", item) or re.fullmatch(r"[A-Z]{2,}", item):
                yield s, e
