"""Problems addressed in the encounter: assessment clauses coded against ICD-10-CM.

Each clause of the assessment (a numbered item, a sentence, a part between semicolons or
dashes) is read in context: words inside a negated, possible, family or hypothetical scope are
taken out before the clause is coded, so "Costochondritis. PE ruled out" yields M94.0 and a
negated "pulmonary embolism", never I26.99. A clause is a problem when the code set explains
it well (:data:`MIN_SCORE`); what the best code leaves unexplained is searched once more, so
"duodenal ulcer with hemorrhage, H. pylori positive" yields K26.0 and B96.81. Clauses that are
plan actions ("Increase metformin...", "Repeat A1c") are skipped. A note without an assessment
is read whole, with a stricter threshold.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clinllm.codes.icd10cm import description, is_billable
from clinllm.codes.icd10cm import normalize as icd10cm_normalize
from clinllm.codes.icd10cm_index import IcdSearch, index, tokenize
from clinllm.workflows.note_summary.context import Context
from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.sections import Section

__all__ = ["MIN_SCORE", "CodedProblem", "clauses", "code_span", "find_problems"]

#: Lowest match score at which a clause counts as a coded problem.
MIN_SCORE = 0.62
#: Without an assessment section every clause of the note is a candidate: be stricter.
MIN_SCORE_UNSECTIONED = 0.8

_ACTION = re.compile(
    r"^\s*(?:start|started|begin|stop|stopped|discontinue|d/c|hold|held|increase|increased|"
    r"decrease|decreased|reduce|reduced|titrate|continue|continued|resume|restart|add|switch|"
    r"change|repeat|recheck|check|refer|referral|return|follow|f/u|rtc|schedule|order|ordered|"
    r"obtain|reassess|reevaluate|re-evaluate|discussed|discuss|counsel|counselled|counseled|advised|advise|avoid|encourage|"
    r"consider|plan|will|may|keep|monitor|admit|admitted|transfer|consult|send|sent|give|given|"
    r"labs?|bmp|cbc|cmp|tsh|a1c|ecg|echo|ct|mri|x-?ray|us|ultrasound|npo|diet|elevation|"
    r"educat\w*|handout|written|warm|crisis|quit|screen|screening|strict|goal|target|rate)\b",
    re.I,
)
#: Share of a code's required wording the clause must support.
_MIN_PRECISION = 0.7
_PREGNANCY = re.compile(
    r"\b(?:pregnan\w*|postpartum|post-partum|puerper\w*|gestation\w*|trimester|antepartum|"
    r"intrapartum|obstetric\w*|G\dP\d)\b",
    re.I,
)
_ATTRIBUTED = re.compile(r"\b(?:likely\s+)?(?:from|due\s+to|secondary\s+to)\s+#\d", re.I)
# A check box of a templated note: "[x] Hypertension", "( ) Diabetes", "☒ Asthma". Each box
# opens an item; an empty box is an item nobody selected.
_BOX = r"(?:\[[ xX✓✔]\]|\([ xX✓✔]\)|[☐☑☒])"
_EMPTY_BOX = re.compile(r"\[ \]|\( \)|☐")
# Clause ends: a sentence end (not "E. coli": an initial before a lower-case word), a
# semicolon, a table cell or row, a blank line, a numbered item ("2.", "#2", "#2:"), a bullet
# or an indented line not carrying on the sentence (an EHR list of diagnoses, not a wrapped
# "   albuminuria.") on a new line, a spaced dash (what follows
# is a detail), a colon (not a label before a code: "ICD10: K219"), "in the setting of".
_CLAUSE_SPLIT = re.compile(
    r"(?<!\d)(?<!\b[A-Z])\.(?=\s)|(?<=\b[A-Z])\.(?=\s+[^a-z\s])|;|\||\n(?=[^\n]*\|)|\n\s*\n|"
    r"\n(?=\s*(?:#\d{1,2}[.):]?\s|\d{1,2}[.)]\s|[-*•](?=\s|[A-Za-z])))|\n(?=[ \t]{2,}[^\sa-z])|"
    r"(?P<detail>\s[-–—]\s)|:\s(?!\s*[A-TV-Z]\d[0-9A-Z])|"
    r"\s(?:in\s+a\s+patient\s+with|in\s+the\s+setting\s+of|in\s+setting\s+of)\s|"
    rf"(?={_BOX})"
)
# Enumeration in front of a diagnosis: "1.", "#2", "a)", a bullet, or dictated "Number two,".
_LEAD = re.compile(
    rf"(?:\s|{_BOX}|#\d{{1,2}}\b|\d{{1,2}}[.)]|[-*•]|\(?[a-z]\)|"
    r"(?i:number\s+(?:one|two|three|four|five|six|\d{1,2})|"
    r"(?:the\s+)?(?:first|second|third|fourth|next|last|final)\s+(?:problem|diagnosis|issue)"
    r"\s+(?:is|was)|(?:first|second|third|next|finally))"
    r"[,.:]?\s)+"
)


_QUALIFIERS = frozenset(
    "right left bilateral both acute chronic severe mild moderate active new recurrent "
    "primary secondary early late large small mm cm".split()
)


@dataclass(frozen=True, slots=True)
class CodedProblem:
    """A problem found in the note.

    Attributes:
        code: Billable ICD-10-CM code.
        start: Offset of the clause words that support it.
        end: Offset one past them.
        score: How well the code set explains the words (0..1).
        clause_start: Offset of the whole clause (for rules that read around the problem).
        clause_end: Offset one past the clause.
        source: ``rules``, or the rule that added it (``combination``, ``additional_code``).
        support: Further spans the code rests on (a combination code's other conditions).
    """

    code: str
    start: int
    end: int
    score: float
    clause_start: int
    clause_end: int
    source: str = "rules"
    support: tuple[tuple[int, int], ...] = ()


def clauses(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Clause spans inside ``text[start:end]`` and whether each is a detail.

    Leading numbering and bullets are trimmed. A part after a spaced dash ("Hypertension -
    at goal, continue lisinopril") is a detail of the clause before it, not a diagnosis, and
    so is every sentence after it up to the next item (a new line, a table cell): "1. RA -
    Increase methotrexate. Folic acid 1 mg - continue." is one diagnosis and its plan.
    """
    spans: list[tuple[int, int, bool]] = []
    pos, detail = start, False
    for m in _CLAUSE_SPLIT.finditer(text, start, end):
        spans.append((pos, m.start(), detail))
        separator = m.group(0)
        if m.group("detail") is not None:
            detail = True
        elif "\n" in separator or "|" in separator:
            detail = False
        pos = m.end()
    spans.append((pos, end, detail))
    out: list[tuple[int, int, bool]] = []
    for s, e, d in spans:
        lead = _LEAD.match(text, s, e)
        if lead:
            if _EMPTY_BOX.search(lead.group(0)):
                continue  # "[ ] Heart failure": a template's item nobody ticked
            s = lead.end()
        while e > s and text[e - 1] in " \t\n,.":
            e -= 1
        if e - s >= 3:
            out.append((s, e, d))
    return out


def _split_words(text: str, s: int, e: int, ctx: Context) -> tuple[str, str, bool]:
    """The clause's asserted text, its negated text, and whether anything was uncertain."""
    asserted: list[str] = []
    negated: list[str] = []
    uncertain = False
    for m in re.finditer(r"\S+", text[s:e]):
        ws, we = s + m.start(), s + m.end()
        if ctx.is_trigger(ws, we):
            continue
        cats = ctx.categories_at(ws, we)
        if "negated" in cats:
            negated.append(m.group(0))
        elif cats:
            uncertain = True
        else:
            asserted.append(m.group(0))
    return " ".join(asserted), " ".join(negated), uncertain


def _ORGANISM(code: str) -> bool:
    return code.startswith(("B95", "B96", "B97"))


_MANIFESTATION = re.compile(r"\b(?:in|due to) (?:\w+ )?diseases? classified elsewhere\b", re.I)


def _problem_code(code: str) -> bool:
    """Codes a problem list carries on their own.

    No external causes (V-Y), no long-term drug use (Z79), and no manifestation code ("in
    diseases classified elsewhere", guideline I.A.13): it is never listed without its cause,
    so "pyelonephritis" is N12, not N16, and "erectile dysfunction" is not N52.1.
    """
    if code.startswith(("V", "W", "X", "Y", "Z79")):
        return False
    return not _MANIFESTATION.search(description(code) or "")


def _variants(asserted: str) -> list[str]:
    """The clause, without its brackets, its brackets alone, and its comma-led prefixes."""
    bare = re.sub(r"\([^)]*\)?|\[[^\]]*\]?", " ", asserted)
    variants = [asserted, bare, *re.findall(r"\(([^)]*)\)", asserted)]
    parts = bare.split(",")
    variants += [",".join(parts[:i]) for i in range(1, len(parts))]
    return [v for v in dict.fromkeys(v.strip() for v in variants) if v]


def code_span(
    text: str,
    s: int,
    e: int,
    ctx: Context,
    *,
    search: IcdSearch | None = None,
    min_score: float = MIN_SCORE,
    within: Callable[[str], bool] | None = None,
    min_precision: float = _MIN_PRECISION,
) -> list[tuple[str, float]]:
    """Codes the clause ``text[s:e]`` supports (best first), with their scores.

    Words in negated or uncertain scopes are removed first; a code that needs a negated word
    loses. The clause, its bracket-free form, its brackets and its comma-led prefixes are
    each coded and the best wins (a longer reading wins a tie: it is more specific). After the
    best code, the words it leaves unexplained are coded once more.
    """
    ix = search or index()
    asserted, negated, _ = _split_words(text, s, e, ctx)
    if not asserted.strip():
        return []
    allowed = within or _problem_code

    def primary(code: str) -> bool:
        return allowed(code) and (within is not None or not _ORGANISM(code))

    denied = tokenize(expand(negated))
    # The head is the first word that names something: laterality and severity qualify it.
    head = next((w for w in tokenize(expand(asserted)) if w not in _QUALIFIERS), "")
    best = None
    best_key = (False, 0.0)
    best_words: list[str] = []
    for variant in _variants(asserted):
        words = tokenize(expand(variant))
        # An organism code (B95-B97, "as the cause of diseases classified elsewhere") only
        # ever accompanies the disease it causes: it is searched for after the disease.
        matches = ix.search(words, negated=denied, within=primary, limit=1)
        if not matches or matches[0].score < min_score or matches[0].precision < min_precision:
            continue
        match = matches[0]
        # A code for the clause's head word beats one for a word further on ("acute kidney
        # injury ... from volume depletion" is N17.9); then the reading that explains the
        # most of the code set's wording wins: the most specific code the note supports.
        term_words = set(tokenize(expand(match.term))) | set(tokenize(match.term))
        weight = sum(ix.weight(w) for w in set(words) & term_words)
        key = (head in term_words, max(weight, match.precision * match.recall))
        if best is None or key > best_key:
            best, best_key, best_words = match, key, words
        elif key == best_key and match.code == best.code and len(words) < len(best_words):
            # The shortest reading of the same code leaves the most to the organism search
            # ("ulcer with hemorrhage, H. pylori positive").
            best_words = words
    if best is not None and not best.code.startswith("O") and _PREGNANCY.search(asserted):
        # Guideline I.C.15.a: a condition in pregnancy, childbirth or the puerperium is coded
        # to chapter 15 when the chapter has a code for it.
        for variant in _variants(asserted):
            words = tokenize(expand(variant))
            hit = ix.search(
                words, negated=denied, within=lambda c: c.startswith("O") and allowed(c), limit=1
            )
            if hit and hit[0].score >= min_score and hit[0].precision >= _MIN_PRECISION:
                best, best_words = hit[0], words
                break
    if best is None or best.score < min_score:
        return []
    found = [(best.code, best.score)]
    all_words = tokenize(expand(asserted))
    explained = set(tokenize(best.term)) | set(tokenize(expand(best.term))) | set(best_words)
    rest = [w for w in all_words if w not in explained]
    if within is None and sum(ix.weight(w) for w in rest) >= 4.0:
        # An organism named with the disease ("ulcer ..., H. pylori positive") is its own code
        # (B95-B97, "use additional code to identify the infectious agent").
        again = ix.search(rest, negated=denied, within=_ORGANISM, limit=1)
        if again and again[0].score >= 0.7 and again[0].code != best.code:
            found.append((again[0].code, again[0].score))
    return found


# A code the note prints with a diagnosis, as an EHR export does: "[K219]", "(ICD10: E1140)",
# "ICD-10 I10", or written in part ("[M10.]", "(E03.-)", "E11.4").
_PRINTED = re.compile(
    r"(?:\bICD-?10(?:-CM)?\s*:?\s*|[\[(]\s*)(?P<code>[A-TV-Z]\d[0-9A-Z](?:\.?[0-9A-Z]{1,4})?)"
    r"(?:\.-?)?(?=\s*[\])]|\s*$|\s)"
)


def _printed(text: str, s: int, e: int) -> Callable[[str], bool] | None:
    """The codes a code the clause prints allows: itself, or what a partial code opens."""
    m = _PRINTED.search(text, s, e)
    code = icd10cm_normalize(m.group("code")) if m else None
    if code is None:
        return None
    if is_billable(code):
        return lambda c: c == code
    return lambda c: c.startswith(code) and _problem_code(c)


# "History of DVT", "Hx of breast cancer", "h/o kidney stones": a condition the patient had,
# coded (if at all) as a personal history (guideline I.C.21.c.4: Z85-Z87), never as the disease.
_HISTORY = re.compile(
    r"\W*(?:(?:(?:personal|past|prior|remote)\s+)?(?:history|hx|h/o)\b(?:\s+of\b)?|"
    r"antecedentes?\s+(?:personal(?:es)?\s+)?de\b)",
    re.I,
)
_HISTORY_CODES = ("Z85", "Z86", "Z87", "Z92")
# A line that says its problem is not a current one: a status cell or a bracket
# ("Pancreatitis | resolved", "Gout (inactive)", "resolved 2019"), or its own words ("not
# addressed today", "historical", "carried forward"). "Resolved" without a year outside a
# status cell is left: a discharge summary's "AKI - resolved", "acute hypoxic respiratory
# failure (resolved)" was treated in this stay.
_NOT_CURRENT = re.compile(
    r"\|\s*(?:resolved|resuelt[oa]s?)\b|[|(\[]\s*(?:inactive|historical|remote)\b|"
    r"\b(?:resolved|resuelt[oa]s?)\s+(?:in\s+|en\s+)?(?:19|20)\d\d\b|"
    r"\b(?:historical|inactive|no\s+longer\s+active|carried\s+forward|copied\s+forward)\b|"
    r"\bnot\s+(?:addressed|discussed|managed|reviewed|assessed)\s+"
    r"(?:today|this\s+visit|at\s+this\s+visit|during\s+this\s+visit|this\s+encounter)\b",
    re.I,
)


def _not_current(text: str, s: int, e: int) -> bool:
    """Whether the clause's line (its table row, its list item) says it is not current."""
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    return bool(_NOT_CURRENT.search(text, line_start, len(text) if line_end < 0 else line_end))


def _coded(
    text: str, s: int, e: int, ctx: Context, ix: IcdSearch, threshold: float
) -> list[tuple[str, float]]:
    """The clause's codes; a code it prints decides between the code set's readings.

    Why: an EHR export prints the diagnosis's code next to its words ("IDA [D509]"); the
    words alone may be too short to code ("IDA") or code less specifically than the code
    printed. The printed code is taken when the words support it at all (a mistyped code
    for another disease is not), and a partial one ("[M10.]") narrows the search to its
    codes. Nothing is taken from a printed code the words do not support.
    """
    if _HISTORY.match(text, s, e):
        return code_span(text, s, e, ctx, search=ix, min_score=threshold, within=_personal_history)[
            :1
        ]
    found = code_span(text, s, e, ctx, search=ix, min_score=threshold)
    allowed = _printed(text, s, e)
    if allowed is None:
        return found
    hits = code_span(
        text,
        s,
        e,
        ctx,
        search=ix,
        min_score=_PRINTED_SUPPORT,
        within=allowed,
        min_precision=_PRINTED_SUPPORT,
    )
    if not hits:
        return found
    code, score = hits[0]
    return [(code, max(score, threshold)), *[(c, x) for c, x in found if c[:3] != code[:3]]]


def _personal_history(code: str) -> bool:
    return code.startswith(_HISTORY_CODES)


#: Share of a printed code's wording the clause must support for the code to be taken.
_PRINTED_SUPPORT = 0.3


def _parts(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The comma-separated parts of a clause (outside brackets), when it has more than one."""
    parts: list[tuple[int, int]] = []
    depth, pos = 0, s
    for i in range(s, e):
        ch = text[i]
        depth += ch in "(["
        depth -= ch in ")]" and depth > 0
        if ch == "," and depth == 0:
            parts.append((pos, i))
            pos = i + 1
    if not parts:
        return []
    parts.append((pos, e))
    return [
        (a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in parts if text[a:b].strip()
    ]


def _list_parts(
    text: str, s: int, e: int, ctx: Context, ix: IcdSearch, threshold: float
) -> list[tuple[tuple[int, int], list[tuple[str, float]]]]:
    """The parts of a clause that is a list of diagnoses, each with its own codes.

    A clause is such a list only when every comma part codes on its own ("GERD, hypertension,
    gout"; the last part's "and" joins one more: "hypokalemia, depression and insomnia"). A
    clause with a part that does not ("MDD, recurrent, moderate", "pneumonia, on day 3 of
    ceftriaxone", "UTI, urine cx E. coli", "insomnia, wife diagnosed with ALS") is one
    diagnosis with its details: its parts add nothing.
    """
    parts = _parts(text, s, e)
    if not parts:
        return []
    last_s, last_e = parts[-1]
    joined = re.search(r"\s(?:and|&|y)\s", text[last_s:last_e])
    if joined is not None:
        parts[-1:] = [(last_s, last_s + joined.start()), (last_s + joined.end(), last_e)]
    out = []
    for ps, pe in parts:
        if _names_organism(text[ps:pe], ix):
            return []
        codes = _coded(text, ps, pe, ctx, ix, threshold)
        if not codes:
            return []
        out.append(((ps, pe), codes))
    return out


#: Rarity weight a comma part must keep, beyond what the clause's own codes say, to be coded
#: as a problem of its own (the organism search's threshold for "the rest" of a clause).
_PART_WEIGHT = 4.0


def _explained(coded: list[tuple[str, float]]) -> set[str]:
    words: set[str] = set()
    for code, _ in coded:
        term = description(code) or ""
        words |= set(tokenize(term)) | set(tokenize(expand(term)))
    return words


def _names_organism(part: str, ix: IcdSearch) -> bool:
    best = ix.search(tokenize(expand(part)), limit=1)
    return bool(best) and _ORGANISM(best[0].code)


def _weight_left(part: str, explained: set[str], ix: IcdSearch) -> float:
    return sum(ix.weight(w) for w in set(tokenize(expand(part))) if w not in explained)


def _lateral_pair(code: str, words: list[str], ix: IcdSearch) -> list[str]:
    """Right and left codes for a bilateral clause when the code set has no bilateral code."""
    from clinllm.codes import icd10cm

    description = (icd10cm.description(code) or "").lower()
    if "bilateral" in description:
        return [code]
    base = [w for w in words if w not in ("bilateral", "both", "right", "left")]
    both = ix.search([*base, "bilateral"], within=lambda c: c[:3] == code[:3], limit=1)
    if both and "bilateral" in (icd10cm.description(both[0].code) or "").lower():
        return [both[0].code]
    pair: list[str] = []
    for side in ("right", "left"):
        hit = ix.search([*base, side], limit=1)
        if hit and side in (icd10cm.description(hit[0].code) or "").lower():
            pair.append(hit[0].code)
    return pair if len(pair) == 2 else [code]


def _about_something_else(text: str, s: int, e: int, ctx: Context) -> bool:
    """Whether the clause opens on negated or uncertain words ("PE ruled out by CTA")."""
    first = re.search(r"[A-Za-z]\w*", text[s:e])
    if first is None:
        return True
    ws, we = s + first.start(), s + first.end()
    return ctx.is_trigger(ws, we) or bool(ctx.categories_at(ws, we))


def find_problems(text: str, sections: list[Section], ctx: Context) -> list[CodedProblem]:
    """Problems coded from the assessment (or the whole note when it has none)."""
    ix = index()
    sources = [s for s in sections if s.kind == "assessment"]
    threshold = MIN_SCORE
    if not sources:
        plans = [s for s in sections if s.kind == "plan"]
        sources = plans or [s for s in sections if s.kind in ("other", "followup")]
        threshold = MIN_SCORE_UNSECTIONED
    found: list[CodedProblem] = []
    seen: set[str] = set()
    for section in sources:
        for s, e, detail in clauses(text, section.start, section.end):
            clause = text[s:e]
            if detail or _ACTION.match(clause) or _ATTRIBUTED.search(clause):
                continue
            if _about_something_else(text, s, e, ctx) or _not_current(text, s, e):
                continue
            coded = _coded(text, s, e, ctx, ix, threshold)
            # A dense list on one line ("HTN, HLD, T2DM w/ neuropathy, CKD3a"): each part
            # that codes to a category of its own is a problem of its own.
            explained = _explained(coded)
            for (ps, pe), part_codes in _list_parts(text, s, e, ctx, ix, threshold):
                if _weight_left(text[ps:pe], explained, ix) < _PART_WEIGHT:
                    continue  # "MDD" in "MDD, recurrent, moderate": the clause's code says it
                for code, score in part_codes:
                    if all(code[:3] != c[:3] for c, _ in coded):
                        coded.append((code, score))
            for code, score in coded:
                if code.startswith(("R", "Z79")) and _ATTRIBUTED.search(clause):
                    continue
                codes = [code]
                if re.search(r"\b(?:bilateral|both)\b", clause, re.I):
                    asserted, _, _ = _split_words(text, s, e, ctx)
                    codes = _lateral_pair(code, tokenize(expand(asserted)), ix)
                for c in codes:
                    if c in seen:
                        continue
                    seen.add(c)
                    found.append(CodedProblem(c, s, e, score, s, e))
    return found
