"""Follow-up items and red flags.

Follow-up: a plan or follow-up line that orders something for later (repeat, recheck, refer,
return, a clinic visit, a test) and, when the note says, when ("in 3 months", "within 24 h",
"today"). Red flags: values the note marks as critical or that cross a threshold a clinician
acts on at once, and findings that are alarming by themselves (suicidal ideation with a plan,
a large vessel occlusion). Both are phrases scored by overlap, so each is the note's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinllm.domain.labs import read_values
from clinllm.workflows.note_summary.context import Context
from clinllm.workflows.note_summary.sections import Section

__all__ = ["Phrase", "find_follow_up", "find_red_flags"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase read from the note.

    Attributes:
        text: The phrase (the note's words, trimmed).
        when: Timing for a follow-up item, else None.
        start: Offset of the phrase in the note.
        end: Offset one past it.
    """

    text: str
    when: str | None
    start: int
    end: int


_FOLLOW = re.compile(
    r"\b(?:repeat|recheck|re-check|follow[- ]?up|f/u|return|rtc|refer(?:ral)?|consult(?:ation)?|"
    r"clinic|visit|appointment|check[- ]in|telehealth|labs?|bmp|cmp|cbc|a1c|hba1c|tsh|lipid|"
    r"panel|level|ultrasound|echo(?:cardiogram)?|x-?ray|ct|mri|scan|dexa|monitor|test|testing|"
    r"screen(?:ing)?|culture|cultures|admit|admission|rehab(?:ilitation)?|therapy|therapist|"
    r"educat\w*|eval(?:uations?)?|catheteri[sz]ation|cath|thrombectomy|induction|surgery|"
    r"ultrasound|biopsy|colonoscopy|endoscopy|egd|ecg|ekg|holter|monitoring|neuro\s+checks|"
    r"mammo\w*)\b",
    re.I,
)
_WHEN = re.compile(
    r"\b(?:in|within|after|at|for)\s+(?:about\s+|approximately\s+|the\s+next\s+)?"
    r"(?:\d+(?:\s*[-–]\s*\d+)?|one|two|three|four|five|six|eight|ten|twelve|a|an)\s*"
    r"(?:h|hrs?|hours?|days?|d|wks?|weeks?|mos?|months?|years?|yrs?)\b|"
    # A bare duration after a dash or a colon ("Echocardiogram - 2 weeks", "A1c: 3 mo").
    r"(?:(?<=[-–:])|(?<=[-–:]\s))\s*\d+(?:\s*[-–]\s*\d+)?\s*"
    r"(?:days?|d|wks?|weeks?|mos?|months?|years?|yrs?)\b|"
    r"\b(?:today|tonight|tomorrow|now|stat|daily|weekly|monthly|every\s+\d+\s*(?:h|hours?|"
    r"min(?:utes?)?|days?|weeks?)|q\d+\s*(?:h|min)|before\s+(?:discharge|next\s+visit)|"
    r"at\s+next\s+visit|prn|pending\s+results)\b",
    re.I,
)
# Words that order something for later: a plan line with one of them is a follow-up item even
# when the test or service it names is not in :data:`_FOLLOW` ("Arrange CPAP titration",
# "We will get serum uric acid", "Strain urine").
_ORDER = re.compile(
    r"\b(?:repeat|recheck|re-check|refer\w*|return|follow|f/u|rtc|schedul\w*|order\w*|"
    r"obtain|check|consult\w*|admit|monitor\w*|arrange\w*|plan\w*|get|draw|send|"
    r"review\w*|reassess\w*|re-?evaluat\w*|strain|trend|measure|record|log|titrat\w*|"
    r"counsel\w*|intake|appointment|see|book|due|come\s+back)\b",
    re.I,
)
# A medication order opens with its verb ("Start ...", "Continue ..."): a change, not a follow-up.
_MED_ORDER = re.compile(
    r"\s*(?:we\s+will\s+|i\s+am\s+going\s+to\s+|will\s+)?(?:start|begin|initiate|stop|"
    r"discontinue|hold|increase|decrease|reduce|continue|cont|resume|switch|add|"
    r"d/c|c/w|new)\b",
    re.I,
)
# A line starts a new item when it opens with a bullet, a number or a problem mark ("#3").
_LINE = re.compile(r"[^\n;]+(?:\n(?![ \t]*(?:[-*•#]|\d+[.)]))[^\n;]+)*")
_PLAN_KINDS = ("plan", "followup", "assessment", "discharge_meds")
# A sentence ends at a period that is not a decimal point, an initial ("H. pylori", "E. coli")
# or a title or Latin abbreviation ("Dr. Lee", "vs.", "e.g."): a split there cuts an item in two.
_SENTENCE_END = re.compile(
    r"(?<![\s(](?-i:[A-Z]))(?<!^(?-i:[A-Z]))(?<!\bDr)(?<!\bDrs)(?<!\bvs)(?<!\bMr)(?<!\bMs)(?<!\bMrs)"
    r"(?<!\bSt)(?<!\bapprox)(?<!e\.g)(?<!i\.e)\.(?!\d)",
    re.I,
)
# A bare duration closing an item ("fasting lipids 8 wks", "colonoscopy 3 mo") is when it is due.
_TRAILING_WHEN = re.compile(
    r"(?<![x×])\s\d+(?:\s*[-–]\s*\d+)?\s*(?:days?|d|wks?|weeks?|mos?|months?|years?|yrs?)\.?\s*\Z",
    re.I,
)
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# Days, weeks and visits named rather than counted ("next Tuesday", "on Friday", "this week").
_NAMED_WHEN = re.compile(
    rf"\b(?:(?:next|this|on|by)\s+(?:{_DAY}|week|month|visit|appointment)|"
    rf"{_DAY}|asap|same[- ]day|next\s+available|after\s+discharge|at\s+discharge|"
    r"prior\s+to\s+discharge|pending|\d+\s*(?:h|hours?|days?|weeks?|wks?)\s+(?:after|post)\s+\w+)\b",
    re.I,
)
# A result still to come is something to follow up ("H. pylori biopsy result", "culture results").
_RESULT = re.compile(r"\bresults?\b", re.I)
# Where an item's condition begins ("MRI lumbar spine if not improved").
_CONDITION = re.compile(r"\b(?:if|unless|should)\b", re.I)
# A test followed by its value is a result already in hand ("A1c 9.8%", "K: 3.1").
_VALUE = re.compile(
    r"\s*(?:of|was|is|[:=])?\s*[<>]?\s*\d+(?:\.\d+)?(?![\d.])(?!(?:\s*[-–]\s*\d+)?\s*(?:h|hrs?|"
    r"hours?|days?|d|wks?|weeks?|mos?|months?|years?|yrs?)\b)"
)
# A line broken inside a word ("6 wee-" / "ks", OCR and fixed-width exports).
_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=[a-z])")


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\n-*•.:":
        s += 1
    m = re.match(r"(?:\d{1,2}[.)]|#\d{1,2})\s*", text[s:e])
    if m:
        s += m.end()
    while e > s and text[e - 1] in " \t\n.,;:":
        e -= 1
    return s, e


def _when(phrase: str) -> str | None:
    m = _WHEN.search(phrase) or _TRAILING_WHEN.search(phrase) or _NAMED_WHEN.search(phrase)
    return re.sub(r"\s+", " ", m.group(0)).strip(" .") if m else None


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """The sentences of one item, and the lines of a sentence that runs over several lines.

    Each comes with whether it opens the item (under a numbered problem, the diagnosis).

    A line that continues the one above is usually wrapped prose, so an item is read whole
    first; its lines are read on their own too, since a line without a bullet may still be an
    item of its own ("RTC 6 wk" under the last problem's medication orders).
    """
    out: list[tuple[int, int, bool]] = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((s, m.start(), not out))
        s = m.end()
    out.append((s, end, not out))
    lines: list[tuple[int, int, bool]] = []
    listed: set[tuple[int, int, bool]] = set()
    for a, b, first in out:
        if "\n" in text[a:b].strip():
            pos = a
            steps = _unbulleted_list(text[a:b])
            for line in text[a:b].split("\n"):
                # A line that opens like an item; a lowercase one continues the sentence above
                # (unless every line is a short step of a list).
                if steps or re.match(r"[ \t]*(?:[A-Z#*•-]|\d+[.)])", line):
                    lines.append((pos, pos + len(line), first and pos == a))
                pos += len(line) + 1
            if steps:
                listed.add((a, b, first))
    # An unbulleted list ("Next steps:" then one short line per step) is its lines, not one
    # item: read whole, the first step's words would stand for all of them.
    return [x for x in out if x not in listed] + lines


def _unbulleted_list(block: str) -> bool:
    """Whether every line of ``block`` is a short step ending unbroken, the first a capital's."""
    rows = [r.strip() for r in block.strip().split("\n") if r.strip()]
    return (
        len(rows) > 1
        and re.match(r"(?:[A-Z#*•-]|\d)", rows[0]) is not None
        and all(
            len(r) <= _LIST_LINE
            and (
                r is rows[-1]
                or not re.search(r"(?:[,;/&+-]|\b(?:and|or|with|to|the|of|for|in))\Z", r)
            )
            for r in rows
        )
    )


#: Longest line read as one step of an unbulleted list; a wrapped paragraph's lines are longer.
_LIST_LINE = 64


# "Plan:" inside a paragraph (a dictation, a narrative note): the plan starts there.
_INLINE_PLAN = re.compile(
    r"(?<=[.!?])\s+(?:(?:the\s+)?plan|recommendations|follow[- ]?up|disposition)\s*:", re.I
)


def _plan_sections(text: str, sections: list[Section]) -> list[Section]:
    """The sections to read: the plan-like ones, an inline "Plan:", or the whole note."""
    if any(s.kind in _PLAN_KINDS for s in sections):
        return [s for s in sections if s.kind in _PLAN_KINDS and s.kind != "discharge_meds"]
    inline = [
        Section("plan", m.end(), s.end, m.start())
        for s in sections
        for m in _INLINE_PLAN.finditer(text, s.start, s.end)
    ]
    return inline[:1] or sections


def _item_start(text: str, s: int) -> bool:
    """Whether ``s`` begins a bulleted line ("  - Blood cultures.")."""
    line = text.rfind("\n", 0, s) + 1
    return re.match(r"[ \t]*[-*•]", text[line:s]) is not None


# Shorthand of orders and visits, spelled out after the note's own word ("RTC (return to
# clinic) 3 wks"): a reader of the summary, and a search over it, should not have to
# know that "RTC" is a return visit or "cxr" a chest x-ray. Each has one meaning in a plan.
_SHORTHAND: tuple[tuple[str, str], ...] = (
    (r"rtc|rtn", "return to clinic"),
    (r"f/u|fu|f-u|fup", "follow-up"),
    (r"come\s+back|see\s+(?:me|us)(?:\s+back)?|back\s+to\s+see", "return visit"),
    (r"appt", "appointment"),
    (r"rpt|rep", "repeat"),
    (r"echo", "echocardiogram"),
    (r"cxr", "chest x-ray"),
    (r"xr", "x-ray"),
    (r"us|u/s|uss", "ultrasound"),
    (r"pt|p\.t\.", "physical therapy"),
    (r"ot", "occupational therapy"),
    (r"pcp", "primary care"),
    (r"cards", "cardiology"),
    (r"neuro", "neurology"),
    (r"ortho", "orthopedics"),
    (r"derm", "dermatology"),
    (r"pulm", "pulmonology"),
    (r"endo", "endocrinology"),
    (r"nephro|renal\s+clinic", "nephrology"),
    (r"gi", "gastroenterology"),
    (r"id", "infectious disease"),
    (r"ent", "otolaryngology"),
    (r"ref", "referral"),
    (r"eval", "evaluation"),
    (r"tele", "telephone"),
    (r"lfts?", "liver function tests"),
    (r"tfts?", "thyroid function tests"),
    (r"ua", "urinalysis"),
)
_SHORT = re.compile(
    r"(?<![\w/])(?P<w>" + "|".join(f"(?:{p})" for p, _ in _SHORTHAND) + r")(?![\w/])",
    re.I,
)
_SHORT_WORDS = [(re.compile(rf"(?:{p})\Z", re.I), words) for p, words in _SHORTHAND]
# "us", "pt", "ot", "id", "ent", "gi" only in capitals, where they are not English words.
_CAPITALS_ONLY = {"us", "pt", "ot", "id", "ent", "gi", "rep", "ref", "tele"}


def spelled_out(phrase: str) -> str:
    """``phrase`` with each shorthand followed by its words in brackets, once each."""
    out: list[str] = []
    pos = 0
    seen: set[str] = set()
    for m in _SHORT.finditer(phrase):
        word = m.group("w")
        low = word.lower()
        if low in _CAPITALS_ONLY and not word.isupper():
            continue
        words = next(w for p, w in _SHORT_WORDS if p.match(word))
        if words in seen or words.lower() in phrase.lower():
            continue
        seen.add(words)
        out.append(f"{phrase[pos : m.end()]} ({words})")
        pos = m.end()
    return "".join(out) + phrase[pos:]


def find_follow_up(text: str, sections: list[Section], ctx: Context) -> list[Phrase]:
    """Follow-up items from the plan, follow-up and disposition sections (or the whole note).

    In a follow-up section every item is one (the header says so); in a plan or under a
    problem's bullets, an item with an order word, a test or service, a pending result or a
    time; in an assessment's own sentences, only one with an order word or a time.
    """
    found: list[Phrase] = []
    spans: list[tuple[int, int]] = []
    for section in _plan_sections(text, sections):
        for m in _LINE.finditer(text, section.start, section.end):
            for a, b, opens in _sentences(text, m.start(), m.end()):
                s, e = _trim(text, a, b)
                phrase = _BROKEN_WORD.sub("", text[s:e])
                if len(phrase) < 4 or _MED_ORDER.match(phrase):
                    continue
                if any(x <= s and e <= y for x, y in spans):
                    continue  # part of an item already taken
                hit = _FOLLOW.search(phrase) or _ORDER.search(phrase) or _RESULT.search(phrase)
                when = _when(phrase)
                if hit is None and when is None and section.kind != "followup":
                    continue
                # A negation inside the item's condition ("MRI if not improved") is not the
                # item's; one before it is ("ACS ruled out (normal ECG)").
                cond = _CONDITION.search(phrase)
                head = (s, s + cond.start()) if cond else (s, e)
                if ctx.categories_at(*head) & {"negated", "possible"} and not _ORDER.search(phrase):
                    continue  # "Appendicitis was considered and excluded by CT"
                if hit and not _ORDER.search(phrase) and _VALUE.match(phrase, hit.end()):
                    continue  # a result ("A1c 9.8%"), not an order
                if (
                    section.kind == "assessment"
                    and not (_ORDER.search(phrase) or when)
                    and (opens or hit is None)
                    and not _item_start(text, s)
                ):
                    continue  # a diagnosis that names a lab, not an order
                if hit and "hypothetical" in ctx.categories_at(s + hit.start(), s + hit.end()):
                    continue
                spans.append((s, e))
                said = spelled_out(re.sub(r"\s+", " ", phrase))
                found.append(Phrase(said[:300], when, s, e))
    return found


# Each names a finding a clinician acts on at once. Values (potassium 6.9, SpO2 84%, NIHSS 14,
# creatinine 2.9 mg/dL) are not here: they are read by :mod:`clinllm.domain.labs`, the one
# reader, and judged by its table's alert limits (see :func:`_critical_values`).
_RED_FLAGS: tuple[str, ...] = (
    # A value the note marks critical: the words before the mark run back to the name, over
    # a decimal point ("K 6.8 mmol/L (CRITICAL)"), not past a label's colon or the comma
    # before another value ("Na 141, K 7.1 (critical)").
    r"\bcritical\b[^.;\n]{0,40}|(?:[^.;:,\n]|(?<=\d)\.(?=\d)){0,40}\(critical[^)]*\)",
    r"\btroponin[^.;\n]{0,40}(?:->|→|rise|rising)[^.;\n]{0,30}",
    r"\bST[- ](?:elevation|depression)[^.;\n,]{0,25}",
    r"\b(?:occlusion|dissection|perforation|hemorrhage|herniation)\b[^.;\n,]{0,30}",
    r"\b(?:suicidal\s+(?:ideation|thoughts)|SI)\s+with\s+(?:a\s+|specific\s+)?(?:intent|plan)"
    r"[^.;\n]{0,40}",
    r"\b(?:plan\s+to\s+overdose|suicide\s+note|wrote\s+a\s+note|stockpil\w+|saving\s+pills)"
    r"[^.;\n]{0,30}",
    r"\b(?:presyncope|near[- ]syncope|syncope|syncopal)\b[^.;\n]{0,30}",
    # Symptoms alarming together (an acute coronary syndrome, a subarachnoid bleed, severe
    # preeclampsia): chest pain with sweating, the worst headache of a life, a headache with
    # a change in vision.
    r"\bchest\s+(?:pain|pressure|tightness|discomfort)\b[^.;]{0,80}?\bdiaphore(?:sis|tic)\b",
    r"\b(?:thunderclap\s+headache|worst\s+headache\s+of\s+(?:my|her|his|their)\s+life)\b",
    r"\bheadache\b[^.;]{0,20}?\bvisual\s+(?:disturbance|changes?|symptoms|loss)\b",
    r"\bpeaked\s+T\s+waves\b",
    r"\b(?:melena|hematemesis|hematochezia)\b[^.;\n]{0,25}",
    # Blood in the stool by its colour, and vomited blood, as a patient or a nurse says it.
    r"\b(?:maroon|bloody)\s+stools?\b|\bvomit\w*\s+(?:up\s+)?blood\b",
    # A suicide plan stated as the act ("plans to shoot himself").
    r"\bplans?\s+to\s+(?:kill|shoot|hang|hurt|harm)\s+(?:him|her|my|them)sel(?:f|ves)\b",
    r"\b(?:aphasia|hemiparesis|facial\s+droop)\b[^.;\n]{0,25}",
    r"\bwith\s+RVR\b|\brapid\s+ventricular\s+response\b",
    r"\bimpaired\s+hypoglycemia\s+awareness\b",
    r"\b\d{1,3}\s*mph\b",
    r"\bspent\s+\$[\d,]+",
    r"\bno\s+sleep\b|\bnights?\s+with(?:out)?\s+(?:almost\s+)?no\s+sleep\b",
)
_RED = re.compile("|".join(f"(?:{p})" for p in _RED_FLAGS), re.I)

_BP = re.compile(r"\b(?:BP|blood\s+pressure)\s*(?:of|:|was|is)?\s*(\d{2,3})\s*/\s*(\d{2,3})", re.I)


#: Systolic pressure (mmHg) below which an adult's blood pressure is a red flag.
_SHOCK_SYSTOLIC = 90
#: Both at or above these (mmHg): the severe range (hypertensive urgency; severe-range
#: pressure in pregnancy), a red flag even below 180/120.
_SEVERE_SYSTOLIC = 160
_SEVERE_DIASTOLIC = 110
_CHILD = re.compile(
    r"\b\d+[- ](?:day|week|month)s?[- ]old\b|\b(?:infant|newborn|neonate|toddler)\b|"
    r"\b(?:[1-9]|1[0-2])\s*(?:yo|y/o|years?[- ]old)\b",
    re.I,
)

# An age in days, weeks or months ("6-week-old", "10 day old", "2 mo old", "age 6 weeks",
# "aged 3 wk"): a count with "old" after it or "age" before it, never a bare duration ("fever
# x 2 days").
_AGE_UNIT = r"(?P<unit>d(?:ays?)?|w(?:ee)?ks?|weeks?|m(?:o(?:nth)?s?)?)"
_AGE = re.compile(
    rf"\b(?:(?P<n1>\d{{1,2}})\s*[- ]?\s*{_AGE_UNIT.replace('unit', 'u1')}[- ]old\b|"
    rf"(?:age[ds]?|DOL)\s*:?\s*(?P<n2>\d{{1,2}})\s*[- ]?\s*{_AGE_UNIT.replace('unit', 'u2')}\b)",
    re.I,
)
_DAYS = {"d": 1, "w": 7, "m": 30}
#: Below this age (days) any fever is a red flag: a febrile young infant needs a sepsis work-up
#: (AAP 2021 guideline for well-appearing febrile infants 8-60 days; younger ones are admitted).
_YOUNG_INFANT_DAYS = 90
#: Fever (Celsius) in a young infant.
_INFANT_FEVER_C = 38.0


_NEWBORN = re.compile(r"\b(?:neonate|newborn)\b", re.I)


def _young_infant(text: str) -> re.Match[str] | None:
    """The age of a patient younger than :data:`_YOUNG_INFANT_DAYS`, when the note gives it.

    A neonate or newborn is one by the word (under 28 days).
    """
    for m in _AGE.finditer(text):
        count, unit = (m.group("n1"), m.group("u1")) if m.group("n1") else (m["n2"], m["u2"])
        if int(count) * _DAYS[unit[0].lower()] < _YOUNG_INFANT_DAYS:
            return m
    return _NEWBORN.search(text)


def _critical_values(text: str) -> list[tuple[int, int, str]]:
    """Spans of values beyond a critical limit (see :mod:`clinllm.domain.labs`) and qualifiers.

    Heart and breathing rates have other limits in children, so they are not judged in a
    note about a child (the model may still be asked about them). A young infant's limit for
    temperature is any fever; the qualifier is then the age ("6-week-old"), because the age is
    what makes "T 38.7 C" a red flag and a reader of the summary needs both.
    """
    spans: list[tuple[int, int, str]] = []
    infant = _young_infant(text)
    child = infant is not None or _CHILD.search(text) is not None
    for reading in read_values(text):
        key = reading.analyte.key
        if child and key in ("hr", "rr", "sbp"):
            continue
        if key == "t" and infant is not None and reading.value >= _INFANT_FEVER_C:
            spans.append((reading.start, reading.end, infant.group(0)))
        elif reading.alarming:
            spans.append((reading.start, reading.end, ""))
    for m in _BP.finditer(text):
        systolic, diastolic = int(m.group(1)), int(m.group(2))
        # Below 90 systolic an adult is hypotensive (shock until shown otherwise); a child's
        # limit depends on the age, so it is left to the model.
        if (
            systolic >= 180
            or diastolic >= 120
            or (systolic >= _SEVERE_SYSTOLIC and diastolic >= _SEVERE_DIASTOLIC)
            or (systolic < _SHOCK_SYSTOLIC and not child)
        ):
            spans.append((m.start(), m.end(), ""))
    return spans


# Where a red flag's clause ends: a sentence or list boundary (not a decimal point). A line
# end is one only when the next line does not carry on the sentence: notes are wrapped at a
# fixed width, so "aortic stenosis - NYHA II-III symptoms and\n   exertional presyncope" is
# one clause (the next line opens in lower case), while "...\n2. Hypertension" is two.
_FLAG_BOUND = re.compile(r"(?<!\d)\.|\.(?!\d)|[;,:()]|\n(?![ \t]*[a-z])")
#: How far a red flag's phrase may grow to take in the rest of its clause.
_FLAG_REACH = 60


def _clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The found words grown to their clause ("with RVR" -> "atrial fibrillation with RVR").

    The finding is what the pattern matched; what it is about ("severe aortic stenosis",
    "in a 6-week-old infant") usually sits in the same clause, and a reader needs both.
    """
    lo = max(0, start - _FLAG_REACH)
    left = max((m.end() for m in _FLAG_BOUND.finditer(text, lo, start)), default=lo)
    hit = _FLAG_BOUND.search(text, end, min(len(text), end + _FLAG_REACH))
    right = hit.start() if hit else end
    if left == lo and lo > 0:
        left = start  # no boundary within reach: keep the matched words
    return min(left, start), max(right, end)


def find_red_flags(text: str, ctx: Context) -> list[Phrase]:
    """Critical values and alarming findings the note asserts (never a negated one)."""
    found: list[Phrase] = []
    seen: set[str] = set()
    spans = [(m.start(), m.end(), "") for m in _RED.finditer(text)]
    spans += [sp for sp in _critical_values(text) if not any(a <= sp[0] < b for a, b, _ in spans)]
    skip = {"negated", "possible", "hypothetical", "family"}
    for start, end, qualifier in sorted(spans):
        # The decision is the finding's own (its words' scope); the clause only adds words
        # to quote, and only when they carry no negation or uncertainty of their own.
        s, e = _trim(text, start, end)
        if s >= e or ctx.is_trigger(s, e) or ctx.categories_at(s, e) & skip:
            continue
        cs, ce = _trim(text, *_clause_of(text, start, end))
        if not ctx.is_trigger(cs, ce) and not ctx.categories_at(cs, ce) & skip:
            s, e = min(s, cs), max(e, ce)
        phrase = re.sub(r"\s+", " ", text[s:e])
        if qualifier and qualifier.lower() not in phrase.lower():
            phrase = f"{phrase} ({qualifier})"
        key = phrase.lower()
        if key in seen:
            continue
        seen.add(key)
        found.append(Phrase(phrase[:200], None, s, e))
    return found
