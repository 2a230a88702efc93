"""Medication changes: what the encounter did to each drug, relative to the regimen before it.

A drug counts only where the note decides something about it: the plan, the assessment and
plan, a discharge medication list, or a medication-list line that says so ("continues"). The
history ("started by PCP in January", "treated with ceftriaxone in hospital") is context, not a
change. The action is the nearest action word before the drug in its clause ("Start apixaban,
stop aspirin"), or a marker after it ("Amlodipine - STOPPED", "Atorvastatin 80 mg started",
"(was 40 mg once daily)"); a list header ("Discharge medications (NEW)") gives the default;
a drug with no word at all is new when it was not in the regimen before, and continued when
it was. Conditional or deferred orders ("add ezetimibe if LDL remains > 55", "diltiazem
deferred") are not changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clinllm.codes.drugs import DrugMention, find_drugs
from clinllm.workflows.note_summary.medtable import find_table_rows
from clinllm.workflows.note_summary.schema import Action
from clinllm.workflows.note_summary.sections import Section

__all__ = ["MedicationCandidate", "find_medication_changes", "prior_regimen"]

# Each verb with its inflections ("start", "starts", "started", "starting"), abbreviations
# ("d/c", "incr", "c/w") and list markers ("+ drug", "drug 40 -> 80 mg").
_VERBS: tuple[tuple[Action, str], ...] = (
    (
        "stopped",
        r"stop(?:s|ped|ping)?|discontinu(?:e|es|ed|ing)|d/c(?:'?d)?|dc(?:'?d)?|hold(?:s|ing)?|held|"
        r"ceas(?:e|es|ed|ing)|off|taper(?:ed|ing)?\s+off|switch(?:ed|ing)?\s+from|"
        r"no\s+longer\s+tak\w+|deprescrib(?:e|es|ed|ing)|withdr(?:aw|aws|awn|awing|ew)|"
        r"suspend(?:s|ed|ing)?|paus(?:e|es|ed|ing)|came\s+off|come\s+off|taken\s+off"
        # Spanish plan verbs (infinitive, imperative, past participle): suspender, retirar.
        r"|suspend(?:er|a|ido|ida)|retir(?:ar|e|ado|ada)|descontinu(?:ar|e|ado|ada)",
    ),
    (
        "dose_changed",
        r"increas(?:e|es|ed|ing)|incr|decreas(?:e|es|ed|ing)|decr|reduc(?:e|es|ed|ing)|"
        r"lower(?:s|ed|ing)?|rais(?:e|es|ed|ing)|titrat(?:e|es|ed|ing)(?:\s+(?:up|down))?|"
        r"uptitrat\w*|doubl(?:e|es|ed|ing)|halv(?:e|es|ed|ing)|adjust(?:s|ed|ing)?|"
        r"chang(?:e|es|ed|ing)(?:\s+(?:the\s+)?dose)?|wean(?:s|ed|ing)?|"
        r"bump(?:s|ed|ing)?\s+(?:up|down)|(?:go|goes|went|going)\s+(?:up|down)|"
        r"cut(?:s|ting)?\s+(?:back|down)|step(?:s|ped|ping)?\s+(?:up|down)|"
        r"up-titrat\w*|down-?titrat\w*|taper(?:s|ed|ing)?|convert(?:s|ed|ing)?|"
        r"transition(?:s|ed|ing)?|swap(?:s|ped|ping)?|replac(?:e|es|ed|ing)|switch(?:es|ed|ing)?|"
        r"aument(?:ar|e|ado|ada)|sub(?:ir|a|ido|ida)|disminu(?:ir|ya|ido|ida)|baj(?:ar|e|ado|ada)|"
        r"reduc(?:ir|ido|ida)|ajust(?:ar|e|ado|ada)|"
        r"\u2191|\u2193",  # "↑ metformin to 1000 mg": an arrow up or down before the drug
    ),
    (
        "continued",
        r"continu(?:e|es|ed|ing)|cont|c/w|keep(?:s|ing)?|kept|maintain(?:s|ed|ing)?|"
        r"remain(?:s|ing)?\s+on|resume\s+home|no\s+changes?(?:\s+(?:to|in))?|unchanged|"
        r"renew(?:s|ed)?|stay(?:s|ed|ing)?\s+on|same\s+dose|as\s+before|"
        r"continu(?:ar|[eé]|ad[oa])|manten(?:er|ga)|sin\s+cambios?",
    ),
    (
        "started",
        r"start(?:s|ed|ing)?|begin(?:s|ning)?|began|begun|initiat(?:e|es|ed|ing)|"
        r"add(?:s|ed|ing)?|new|prescrib(?:e|es|ed|ing)|give|given|giving|load(?:ed|ing)?|"
        r"restart(?:s|ed|ing)?|resum(?:e|es|ed|ing)|trial\s+of|switch(?:ed|ing)?\s+to|rx|"
        r"dispensed|administer(?:s|ed|ing)?|bolus|use|apply|take|commenc(?:e|es|ed|ing)|"
        r"(?:put|placed|place)\s+on|ordered|prescription\s+for|script\s+for|"
        r"inici(?:ar|e|ad[oa])|comenz(?:ar|ad[oa])|agreg(?:ar|ue|ad[oa])|a[nñ]ad(?:ir|a|id[oa])|"
        r"\+(?=\s*[A-Za-z])",
    ),
)
# Not inside a word, nor after "word-"; a bullet's dash ("  -dc Chantix") is fine. A word
# broken across a line end ("incr-" / "eased") is read by the part before the break.
_VERB = re.compile(
    r"(?<!\w)(?<!\w-)(?P<v>"
    + "|".join(f"(?:{p})" for _, p in _VERBS)
    + r")(?!\w)(?!-(?![ \t]*\n))",
    re.I,
)
_SUBHEAD_ACTIONS: dict[str, Action] = {
    "star": "started", "new": "started", "begi": "started", "stop": "stopped",
    "disc": "stopped", "hold": "stopped", "chan": "dose_changed", "adju": "dose_changed",
    "cont": "continued", "unch": "continued", "same": "continued",
}  # fmt: skip
# "metformin 1000 mg -> 500 mg", "lisinopril 10→20 mg": a dose written as an arrow is a change.
_ARROW = re.compile(r"\d[\d.,]*\s*(?:[a-z%/]+\s*)?(?:->|→|=>|to)\s*\d", re.I)
# "sertraline up to 100 mg", "Lasix 20 mg down to 10 mg": a new dose right after the drug (its
# current dose between) is a titration, unless the clause says it is a ceiling ("up to 800 mg
# as needed", "up to 3 tablets a day", "max").
_UP_TO = re.compile(
    r"[ \t]*(?:\d[\d.,]*[ \t]*[a-z%]*[ \t]*)?,?[ \t]*(?:up|down)[ \t]+to[ \t]+\d[\d.,]*[ \t]*"
    r"(?:mg|mcg|g|units?|iu|ml|%)\b",
    re.I,
)
_CEILING = re.compile(
    r"\b(?:prn|as\s+needed|max(?:imum)?|per\s+day|a\s+day|daily\s+max|times|tabs?|tablets?|"
    r"puffs?)\b",
    re.I,
)
# A line under a sub-heading of a medication list ("STOP taking:", "New medications:",
# "CHANGE how you take:") takes the action the sub-heading names.
_SUBHEAD = re.compile(
    r"(?im)^[ \t]*(?P<head>(?:start|new|begin|stop|discontinue[d]?|hold|change[d]?|adjust(?:ed)?|"
    r"continue[d]?|unchanged|same)\b[^:\n]{0,40}):[ \t]*$"
)
# Before the drug: the order is hypothetical or refused.
_SKIP_BEFORE = re.compile(
    r"\b(?:if|consider|considering|may|might|could|discuss(?:ed)?|avoid|allerg\w*|"
    r"intoleran\w*|instead\s+of|rather\s+than|declined|counsel\w*|re:)\b",
    re.I,
)
# Right after the drug: the order waits on a condition or was not carried out.
_SKIP_AFTER = re.compile(
    r"\b(?:if|unless|defer(?:red)?|declined|not\s+(?:started|given|restarted)|"
    r"to\s+be\s+decided|held\s+off)\b",
    re.I,
)
_NOT_A_DRUG_AFTER = re.compile(
    r"\s*(?:deficiency|dependence|level|levels|toxicity|allergy|overdose|poisoning|use\s+disorder|"
    r"vaccine|vaccination|counsel\w*|cessation|withdrawal|screen|therapy\s+referral)\b",
    re.I,
)
_CLAUSE = re.compile(r";|\n(?=\s*(?:[-*•]|\d+[.)]|[A-Z]))|(?<!\d)\.(?=\s)")
_DOSE = re.compile(
    r"(?P<dose>\d[\d,]*(?:\.\d+)?(?:\s*-\s*\d[\d,]*(?:\.\d+)?)*\s*"
    r"(?:mg/kg(?:/day)?|mcg/kg|U/kg(?:/h)?|units?/kg|mg|mcg|micrograms?|g|IU|units?|U|mL|L|"
    r"puffs?|tabs?|tablets?|drops?|%)(?:/\d*\s*h\b|/day\b)?)",
    re.I,
)
_FORM_WORDS = re.compile(
    r"\s+(?:nasal|powder|oral|injection|solution|tablets?|capsules?|spray|er|xr|xl|sr|dr|odt|"
    r"hfa|inhaler|suspension|iv|po|sc|sq|im|sl|ec)$",
    re.I,
)
_SALTS = re.compile(
    r"\s+(succinate|tartrate|carbonate|mononitrate|dinitrate|sulfate|gluconate|subsalicylate|"
    r"citrate|fumarate|bicarbonate|hydrochloride|hcl|sodium|potassium|calcium|besylate|"
    r"maleate|mesylate|furoate|propionate|xinafoate|bromide|phosphate)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class MedicationCandidate:
    """One drug and what the encounter did to it.

    Attributes:
        name: Generic name, lower case.
        action: started, stopped, dose_changed or continued.
        dose: The new dose as written, or None.
        start: Offset of the drug's name in the note.
        end: Offset one past it.
        cue_start: Offset of the words that gave the action (the verb or marker).
        cue_end: Offset one past them.
        confidence: How sure the rule is (a stated verb beats a default).
    """

    name: str
    action: Action
    dose: str | None
    start: int
    end: int
    cue_start: int
    cue_end: int
    confidence: float


def _merge_combinations(text: str, mentions: list[DrugMention]) -> list[tuple[int, int, str]]:
    """Drugs written together as one product ("amoxicillin-clavulanate") become one name.

    The second part of a hyphenated product need not be in the vocabulary on its own
    ("clavulanate", "ethinyl estradiol"): the hyphen joining it to a drug is the evidence.
    """
    merged: list[tuple[int, int, str]] = []
    for m in mentions:
        if merged:
            s, e, name = merged[-1]
            between = text[e : m.start]
            # On one line only: a bullet ("- ") opening the next line is no hyphen.
            if re.fullmatch(r"[ \t]*[-/][ \t]*", between):
                merged[-1] = (s, m.end, f"{name}-{m.generic}")
                continue
        merged.append((m.start, m.end, m.generic))
    out: list[tuple[int, int, str]] = []
    for s, e, name in merged:
        tail = re.match(r"-([a-z]+(?:\s+(?:estradiol|acid))?)\b", text[e : e + 40], re.I)
        if tail and not re.fullmatch(r"(?i)er|xr|sr|xl|dr|odt|hfa", tail.group(1)):
            part = tail.group(1).lower()
            out.append((s, e + tail.end(), f"{name}-{part}"))
        else:
            out.append((s, e, name))
    return out


def _name(text: str, start: int, end: int, generic: str) -> tuple[str, int]:
    """The name to report, and the end offset of the words it covers."""
    surface = text[start:end]
    name = generic
    # The note's fuller name of the same drug ("metoprolol succinate"), not a spelling of it in
    # another language ("ibuprofeno").
    if "-" not in generic and surface.lower().split()[0] == generic.split()[0]:
        name = re.sub(r"\s+", " ", surface.lower())
    salt = _SALTS.match(text, end)
    if salt and salt.group(1).lower() not in name and " " not in name:
        name, end = f"{name} {salt.group(1).lower()}", salt.end()
    form = re.match(r"\s+(patch|gum|lozenge)\b", text[end : end + 12], re.I)
    if form and name == "nicotine":
        name, end = f"nicotine {form.group(1).lower()}", end + form.end()
    if re.search(r"\btopical\s*$", text[max(0, start - 9) : start], re.I) or re.match(
        r"\s+topical\b", text[end : end + 9], re.I
    ):
        name = f"{name} topical"
    while True:
        stripped = _FORM_WORDS.sub("", name)
        if stripped == name:
            break
        name = stripped
    return name.replace("’", "'"), end


def _clause_bounds(text: str, start: int, lo: int, hi: int) -> tuple[int, int]:
    # The search runs one character past the drug: a line end is a boundary when the next
    # line opens with a capital, and for a line that opens with the drug ("HCTZ 12.5 MG
    # [NEW]") that capital is the drug's own first letter.
    ends = _CLAUSE.finditer(text, lo, min(hi, start + 1))
    left = max((m.end() for m in ends if m.end() <= start), default=lo)
    # A line that opens with the drug in lower case ("  sertraline - same dose") is a clause
    # of its own too: the verb of the line above ("lower Keflex to 12.5 mg") is not its.
    line = text.rfind("\n", lo, start) + 1
    if line > left and re.fullmatch(r"[ \t\-*•]*", text[line:start]):
        left = line
    right = next((m.start() for m in _CLAUSE.finditer(text, start, hi)), hi)
    return left, right


def _dose(text: str, end: int, right: int, action: Action) -> str | None:
    if action == "stopped":
        return None
    tail = text[end:right]
    to = re.search(r"(?:\bto|->|→|=>)\s*" + _DOSE.pattern, tail, re.I)
    if action == "dose_changed" and to:
        return re.sub(r"\s+", " ", to.group("dose")).replace(",", "")
    m = _DOSE.search(tail)
    if m is None or m.start() > 40:
        return None
    return re.sub(r"\s+", " ", m.group("dose")).replace(",", "")


_ON_DRUG = re.compile(
    r"\b(?:on|takes|taking|uses|using|continues|still\s+on|maintained\s+on|home|meds|"
    r"medications|current\s+regimen)\b[^.;\n]*$",
    re.I,
)
#: How far before a drug the words saying the patient takes it may sit (one list line).
_ON_WINDOW = 100
# A verb that may swap one drug for another: "switch amlodipine to nifedipine", "lisinopril
# changed to losartan", "replace X with Y". The drug before "to"/"with" stops, the one after
# starts; "change lisinopril to 20 mg" (a number after "to") stays a dose change.
_SWAP_VERB = re.compile(r"(?i)switch|chang|convert|transition|swap|replac|substitut")
_SWAP_TO = re.compile(r"(?i)\b(?:to|with|for)\s+(?=[A-Za-z])")
# "from 25 mg to 50 mg" after the drug: a dose change whatever verb opened the clause.
_FROM_TO = re.compile(r"^[^;\n]{0,30}?\bfrom\s+\d[\d.,]*\s*[a-z%]*\s+to\s+\d", re.I)
_OPENS_LINE = re.compile(
    r"^[\s\-*•]*(?:\d{1,2}[.)]\s*)?(?:\d[\d.,]*\s*(?:mg|g|mL|L|units?|mcg)\s*)?$", re.I
)


_LINE_OPEN = re.compile(r"(?m)^[ \t]*(?:[-*•]|\d{1,2}[.)])?[ \t]*")


def instructs(text: str, section: Section) -> bool:
    """Whether a medication section is a list of instructions ("Meds: - start X - stop Y").

    A SOAP note's "Meds:" under the A/P says what the plan does with each drug; a home
    medication list names what the patient takes. The header is the same, so the lines
    decide: any line opening with a medication verb makes the section the plan's.
    """
    if section.kind != "meds":
        return False
    for m in _LINE_OPEN.finditer(text, section.start, section.end):
        if _VERB.match(text, m.end()) and text[m.end() : m.end() + 1].isalpha():
            return True
    return False


def prior_regimen(text: str, sections: list[Section]) -> set[str]:
    """Generic names the patient was on before the encounter (medication lists, history)."""
    names: set[str] = set()
    for section in sections:
        if section.kind not in ("meds", "history", "other") or instructs(text, section):
            continue
        mentions = [
            DrugMention(m.start + section.start, m.end + section.start, m.generic, m.brand)
            for m in find_drugs(text[section.start : section.end])
        ]
        for s, e, generic in _merge_combinations(text, mentions):
            # In a narrative only what the patient takes counts ("on metformin", "takes
            # levothyroxine"); a drug given during this encounter is not the prior regimen.
            if section.kind != "meds" and not _ON_DRUG.search(text[max(0, s - _ON_WINDOW) : s]):
                continue
            names.add(generic)
            names.add(_name(text, s, e, generic)[0])
    return names


def _default_for(text: str, section: Section) -> Action | None:
    header = text[section.header_start : section.start].lower()
    if re.search(r"\bnew\b", header):
        return "started"
    return None


def find_medication_changes(text: str, sections: list[Section]) -> list[MedicationCandidate]:
    """Every medication change the plan states, in note order, one per drug."""
    prior = prior_regimen(text, sections)
    decisive_kinds = {"assessment", "plan", "discharge_meds", "followup"}
    if not any(s.kind in decisive_kinds for s in sections):
        decisive_kinds.add("other")  # a note with no sections: every line may decide
    found: dict[str, MedicationCandidate] = {}
    # A reconciliation table's row is a decision wherever the table sits (see medtable.py).
    for row in find_table_rows(text):
        mentions = [
            DrugMention(m.start + row.start, m.end + row.start, m.generic, m.brand)
            for m in find_drugs(text[row.start : row.end])
        ]
        # The row's first drug, a combination product whole ("losartan-HCTZ | 50-12.5 mg").
        for start, end, generic in _merge_combinations(text, mentions)[:1]:
            name, name_end = _name(text, start, end, generic)
            if name not in found:
                found[name] = MedicationCandidate(
                    name, row.action, row.dose, start, name_end, row.cue_start, row.cue_end, 0.95
                )
    tabled = {name for name in found}
    # Decisions first: a plan line outranks what the medication list says.
    ordered = sorted(
        sections, key=lambda s: s.kind not in decisive_kinds and not instructs(text, s)
    )
    for section in ordered:
        decisive = section.kind in decisive_kinds or instructs(text, section)
        if not decisive and section.kind != "meds":
            continue
        mentions = [
            DrugMention(m.start + section.start, m.end + section.start, m.generic, m.brand)
            for m in find_drugs(text[section.start : section.end])
        ]
        section_default = _default_for(text, section)
        subheads = [
            (m.end(), _SUBHEAD_ACTIONS[m.group("head").split()[0].lower()[:4]])
            for m in _SUBHEAD.finditer(text, section.start, section.end)
        ]
        for start, end, generic in _merge_combinations(text, mentions):
            default = next((a for pos, a in reversed(subheads) if pos <= start), section_default)
            if _NOT_A_DRUG_AFTER.match(text, end):
                continue
            name, name_end = _name(text, start, end, generic)
            if name in tabled:
                continue
            left, right = _clause_bounds(text, start, section.start, section.end)
            candidate = _decide(
                text, (start, end, name_end, left, right), name, generic, prior, decisive, default
            )
            # One per drug: the mention that says most about it. A stated verb or marker beats
            # a default, so a dictated note that names the drug in the history first and
            # changes it later is read by the change.
            if candidate is not None and (
                name not in found or candidate.confidence > found[name].confidence
            ):
                found[name] = candidate
    return sorted(found.values(), key=lambda c: c.start)


def _decide(
    text: str,
    spans: tuple[int, int, int, int, int],
    name: str,
    generic: str,
    prior: set[str],
    decisive: bool,
    default: Action | None,
) -> MedicationCandidate | None:
    start, end, name_end, left, right = spans
    # A verb governs the drug unless the drug is its instrument ("BP lowered to 172/94 with
    # labetalol"): then an earlier verb does.
    before = [
        v
        for v in _VERB.finditer(text, left, start)
        if not re.search(r"\bwith\b|\bby\b", text[v.end() : start])
    ]
    after = [v for v in _VERB.finditer(text, name_end, right)]
    action: Action | None = None
    cue = (start, end)
    confidence = 0.9
    dosed = bool(_DOSE.match(text[name_end : name_end + 40].lstrip(" :,(")))
    if not decisive:
        # A medication-list line decides only when it says the drug goes on ("continues").
        if after and _action_of(after[0].group("v")) == "continued":
            action, cue = "continued", after[0].span()
        else:
            return None
    elif before and _SWAP_VERB.match(before[-1].group("v")) and _swapped(text, spans):
        action, cue = _swapped(text, spans), before[-1].span()
    elif before:
        action, cue = _action_of(before[-1].group("v")), before[-1].span()
    elif after and (after[0].start() - name_end) < 60:
        action, cue = _action_of(after[0].group("v")), after[0].span()
        if _SWAP_VERB.match(after[0].group("v")) and _SWAP_TO.match(text, after[0].end() + 1):
            action = "stopped"  # "lisinopril changed to losartan"
    elif (
        re.search(r"\(\s*(?:was|previously)\b", text[name_end:right], re.I)
        or _ARROW.search(text[name_end : min(right, name_end + 40)])
        or _titrated(text, name_end, right)
    ):
        action, confidence = "dose_changed", 0.85
    elif default is not None:
        action, confidence = default, 0.85
    elif dosed or _OPENS_LINE.match(text[left:start]):
        # A drug that opens its line or carries a dose, with no word about it: new unless
        # the patient was already on it.
        action = "continued" if generic in prior or name in prior else "started"
        confidence = 0.7
    if action is None:
        return None
    if action in ("started", "continued") and _FROM_TO.search(text[name_end:right]):
        action = "dose_changed"  # "Change lisinopril from 10 mg to 20 mg"
    if _SKIP_BEFORE.search(text, left, start) or _SKIP_AFTER.search(
        text[name_end : min(right, name_end + 60)]
    ):
        return None
    if action == "started" and (generic in prior or name in prior):
        confidence = min(confidence, 0.75)  # "restart" of a listed drug: worth a look
    dose = _dose(text, name_end, right, action)
    return MedicationCandidate(name, action, dose, start, name_end, cue[0], cue[1], confidence)


def _titrated(text: str, name_end: int, right: int) -> bool:
    """Whether a new dose follows the drug as a titration ("sertraline up to 100 mg")."""
    m = _UP_TO.match(text, name_end, right)
    return m is not None and not _CEILING.search(text, m.end(), right)


def _swapped(text: str, spans: tuple[int, int, int, int, int]) -> Action | None:
    """The drug's part in a swap the verb before it names, or None when it is no swap."""
    start, _, name_end, _, right = spans
    if re.search(r"(?i)\b(?:to|with|for)\s+$", text[max(0, start - 12) : start]):
        return "started"  # the new drug: "switch amlodipine to nifedipine"
    tail = text[name_end:right]
    to = re.search(r"(?i)\b(?:to|with|for)\s+(?=[A-Za-z])", tail)
    if to and not re.search(r"\d", tail[: to.start()]):
        return "stopped"  # the old drug, when a name (not a dose) follows "to"
    return None


def _action_of(word: str) -> Action:
    low = re.sub(r"\s+", " ", word.lower())
    for action, pattern in _VERBS:
        if re.fullmatch(pattern, low):
            return action
    return "started"
