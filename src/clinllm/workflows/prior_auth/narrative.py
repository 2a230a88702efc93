"""Recognizers that read wording rather than fields.

Urgency, requested drugs, payer requirements and whether a clinical justification is present.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from clinllm.workflows.prior_auth.justification import find_justification
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.obligations import find_conditions, find_obligations, opens_list
from clinllm.workflows.prior_auth.recognizers import CodeHit, Span

__all__ = [
    "BRAND_TO_GENERIC",
    "Urgency",
    "find_justification",
    "find_medications",
    "find_requirements",
    "find_urgency",
]

#: Brand names mapped to the generic name the output uses (lower case). Small on purpose:
#: specialty drugs that prior auth is asked for most; anything else is kept as written.
BRAND_TO_GENERIC: dict[str, str] = {
    "humira": "adalimumab",
    "remicade": "infliximab",
    "inflectra": "infliximab",
    "stelara": "ustekinumab",
    "ocrevus": "ocrelizumab",
    "neulasta": "pegfilgrastim",
    "xolair": "omalizumab",
    "botox": "onabotulinumtoxina",
    "dupixent": "dupilumab",
    "nucala": "mepolizumab",
    "fasenra": "benralizumab",
    "tezspire": "tezepelumab",
    "enbrel": "etanercept",
    "cimzia": "certolizumab pegol",
    "simponi": "golimumab",
    "orencia": "abatacept",
    "actemra": "tocilizumab",
    "rituxan": "rituximab",
    "entyvio": "vedolizumab",
    "skyrizi": "risankizumab",
    "tremfya": "guselkumab",
    "cosentyx": "secukinumab",
    "taltz": "ixekizumab",
    "ozempic": "semaglutide",
    "wegovy": "semaglutide",
    "mounjaro": "tirzepatide",
    "zepbound": "tirzepatide",
    "trulicity": "dulaglutide",
    "victoza": "liraglutide",
    "saxenda": "liraglutide",
    "eliquis": "apixaban",
    "xarelto": "rivaroxaban",
    "keytruda": "pembrolizumab",
    "opdivo": "nivolumab",
    "herceptin": "trastuzumab",
    "avastin": "bevacizumab",
    "prolia": "denosumab",
    "xgeva": "denosumab",
    "aimovig": "erenumab",
    "ajovy": "fremanezumab",
    "emgality": "galcanezumab",
    "repatha": "evolocumab",
    "praluent": "alirocumab",
    "lantus": "insulin glargine",
    "tysabri": "natalizumab",
    "kesimpta": "ofatumumab",
    "eylea": "aflibercept",
    "lucentis": "ranibizumab",
    "spinraza": "nusinersen",
    "soliris": "eculizumab",
    "ultomiris": "ravulizumab",
    "benlysta": "belimumab",
    "kineret": "anakinra",
    "otezla": "apremilast",
    "xeljanz": "tofacitinib",
    "rinvoq": "upadacitinib",
    "olumiant": "baricitinib",
    "neupogen": "filgrastim",
    "procrit": "epoetin alfa",
    "epogen": "epoetin alfa",
    "aranesp": "darbepoetin alfa",
    "zoladex": "goserelin",
    "lupron": "leuprolide",
    "synagis": "palivizumab",
    "vyepti": "eptinezumab",
    "nurtec": "rimegepant",
    "ubrelvy": "ubrogepant",
    "dysport": "abobotulinumtoxina",
    "xeomin": "incobotulinumtoxina",
}

_DRUG_LABEL = re.compile(
    r"\b(?:drug|medication|agent|biologic|product|therapy)"
    r"(?:\s+(?:requested|name|&\s*dose|and dose|/\s*dose))?\s*(?:requested)?\s*:[ \t]*",
    re.I,
)
_DESCRIPTOR = re.compile(
    r"\bInjection,\s+(?P<name>[A-Za-z][A-Za-z-]{3,}(?:\s[a-z][a-z-]{3,}(?=\s*[,(]))?)", re.I
)
# A dosed drug right after the words that ask for it ("please authorize adalimumab 40 mg").
_ASKED = re.compile(r"\b(?:authori[sz]\w*|approv\w*|request\w*)\s+(?:of\s+|for\s+)?$", re.I)
# A drug written with its dose on a request line: "infliximab (Remicade) 5 mg/kg IV",
# "infliximab infusion, 5 mg/kg".
_DOSED = re.compile(
    r"(?<![\w-])(?P<name>[a-z][a-z-]{4,}|[A-Z][a-z]{3,})(?:\s*\([A-Za-z][A-Za-z -]{2,30}\))?\s+"
    # "infliximab infusion, 5 mg/kg": the way it is given may stand between drug and dose.
    r"(?:(?:iv\s+|sc\s+|subcutaneous\s+)?(?:infusions?|injections?)\s*,?\s+)?"
    r"\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|ml|mg/kg|iu)\b",
    re.I,
)
# Generic-name stems (USAN) of the drugs prior auth is asked for; a dosed word without one of
# these (or a known brand) is not taken as a drug name.
_DRUG_SUFFIX = re.compile(
    r"(?:mab|cept|kinra|ase|stim|tide|tinib|nib|ciclib|parib|lisib|pril|sartan|olol|statin|"
    r"azole|mycin|cycline|cillin|floxacin|vir|prazole|tidine|gliptin|gliflozin|glutide|lukast|"
    r"sone|olone|triptan|gepant|formin|parin|xaban|gatran|platin|taxel|rubicin|trexate|"
    r"toxina|umab|zumab|ximab|inib|limus|tacept|ercept|fusp|glargine|lispro|aspart|degludec|"
    r"epoetin|alfa|beta|filgrastim|lukin|leukin|sertib|zomib|lidomide|dronate|paratide)$"
)
# Without a dose, only stems no English word ends in ("-ase" is also "please", "disease").
_UNDOSED_STEM = re.compile(
    r"(?:mab|cept|kinra|tinib|ciclib|parib|lisib|glutide|gliflozin|gliptin|gepant|triptan|"
    r"xaban|gatran|platin|taxel|rubicin|trexate|toxina|limus|zomib|lidomide|paratide|"
    r"filgrastim|glargine|degludec)$"
)
# Part of a drug's name after its first word: hyphenated capitals and a number that is no dose
# ("hylan G-F 20"), not a unit or a strength ("adalimumab 40 mg").
_NAME_TAIL = re.compile(
    r"[ \t]+(?-i:[A-Z](?:-[A-Z])+)(?:[ \t]+\d+(?![\d.]|\s*(?:mg|mcg|g|units?|ml|%|iu)\b))?", re.I
)
_STEMMED = re.compile(r"(?<![\w-])(?P<name>[a-z][a-z-]{5,}[a-z]|[A-Z][a-z]{5,})(?![\w-])", re.I)
_NOT_DRUG = frozenset(
    "reference product see attached none n/a name dose and the for with per unit units "
    "injection infusion oral tablet capsule solution requested".split()
)


def _drug_name(raw: str) -> str | None:
    low = raw.lower().strip("-")
    if low in _NOT_DRUG or len(low) < 4 or not low.isascii():
        return None
    return BRAND_TO_GENERIC.get(low, low)


def find_medications(text: str, layout: Layout, codes: list[CodeHit]) -> list[Span]:
    """Drugs whose authorization is requested.

    A drug field's first word, and the drug named in a requested HCPCS injection code's
    descriptor ("J0135 Injection, adalimumab, 20 mg"). Drugs in history, current medication
    lists or a form's title list are not requests.
    """
    out: dict[str, Span] = {}
    for m in _DRUG_LABEL.finditer(text):
        line = layout.line_at(m.start())
        if line.context == "history":
            continue
        w = re.match(r"[A-Za-z][A-Za-z-]+", text[m.end() : m.end() + 60])
        if w:
            end = m.end() + w.end()
            # "hylan G-F 20 (Synvisc-One) 48 mg": the capitals and the number are the name's.
            tail = _NAME_TAIL.match(text, end)
            end = tail.end() if tail is not None else end
            name = _drug_name(text[m.end() : end])
            if name and name not in out:
                out[name] = Span(name, m.end(), end, 0.85)
    for m in _DOSED.finditer(text):
        line = layout.line_at(m.start())
        label = line.label_before(m.start())
        kind = label.kind if label is not None and label.kind != "neutral" else line.context
        if kind != "request" and not _ASKED.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        name = _drug_name(m.group("name"))
        if (
            name
            and name not in out
            and (_DRUG_SUFFIX.search(name) or name != m.group("name").lower())
        ):
            out[name] = Span(name, m.start("name"), m.end("name"), 0.75)
    for m in _STEMMED.finditer(text):
        # "Service requested: infliximab infusions", "authorization of infliximab infusions":
        # a word with a generic drug's stem, undosed, as what a request field or sentence asks.
        name = _drug_name(m.group("name"))
        if name is None or name in out or not _UNDOSED_STEM.search(name):
            continue
        line = layout.line_at(m.start())
        label = line.label_before(m.start())
        kind = label.kind if label is not None and label.kind != "neutral" else line.context
        lead = text[label.value_start if label else line.start : m.start()]
        asked = _ASKED.search(text[max(0, m.start() - 30) : m.start()])
        if not ((kind == "request" and not lead.strip()) or asked) or line.context == "history":
            continue
        out[name] = Span(name, m.start("name"), m.end("name"), 0.75)
    for hit in codes:
        if hit.system != "HCPCS" or not hit.requested or not hit.code.startswith("J"):
            continue
        line = layout.line_at(hit.start)
        end = line.end
        if not text[hit.end : line.end].strip() and line.index + 1 < len(layout.lines):
            end = layout.lines[line.index + 1].end  # a table cell per line: code, descriptor
        d = _DESCRIPTOR.search(text, hit.end, min(end, hit.end + 80))
        if d:
            name = _drug_name(d.group("name"))
            if name and name not in out:
                out[name] = Span(name, d.start("name"), d.end("name"), 0.8)
    return list(out.values())


# --------------------------------------------------------------------------- urgency


@dataclass(frozen=True, slots=True)
class Urgency:
    """The urgency decided and the span that decided it (None for the default)."""

    value: str
    span: Span | None


_CHECKED = re.compile(r"\[\s*[xX✓✔]\s*\]\s*(?P<w>expedited|urgent|stat)\b", re.I)
_UNCHECKED = re.compile(r"\[\s*\]\s*(?:expedited|urgent|stat)\b", re.I)
_ASK = re.compile(
    r"\b(?:expedited|urgent)\b[^.\n]{0,40}\b(?:review|decision|determination|processing|"
    r"pre-?service|request)\w*\b[^.\n]{0,15}\brequest(?:ed)?\b"
    r"|\b(?:request\w*|ask\w*\s+for)\s+(?:an?\s+)?(?:expedited|urgent)\b(?!\s*\?)"
    r"|(?:^|\n)[ \t]*(?:urgent|expedited)(?:[ _]review)?\s*[:=]\s*(?:yes|y|true)\b"
    r"|\bplease\s+expedite\b|\bexpedite(?:d)?\s+(?:review|decision)\s+(?:is\s+)?requested\b"
    r"|\b(?:urgency|priority|review type|review)\s*:\s*(?:expedited|urgent)\b"
    r"|\b(?:urgent|expedited)\b[^\n?]{0,40}\?\s*\[\s*[xX✓✔]\s*\]\s*yes\b",
    re.I,
)
_LEAD = re.compile(r"^[ \t>*]*(?:URGENT|EXPEDITED)\b[ \t]*(?::|!|-|/)", re.M)
_BANNER = re.compile(r"^[^a-z\n]*\b(EXPEDITED|URGENT)\b[^a-z\n]*$", re.M)
_NEGATED = re.compile(r"\b(?:non-?|not\s+)(?:urgent|expedited)|urgent care\b", re.I)


def find_urgency(text: str) -> Urgency:
    """``expedited`` only when the document asks for an expedited or urgent review.

    Counts: a ticked ``[X] Expedited`` box, an upper-case banner ("EXPEDITED REVIEW
    REQUESTED"), or words that ask for it ("requesting expedited decision"). Does not count:
    an unticked box, "non-urgent", "urgent care", or form text that only explains when
    expedited review is available.
    """
    for pat in (_CHECKED, _ASK, _LEAD, _BANNER):
        for m in pat.finditer(text):
            span_text = m.group(0)
            if (
                _UNCHECKED.search(span_text)
                and pat is not _CHECKED
                and not _CHECKED.search(span_text)
            ):
                continue
            if _NEGATED.search(span_text):
                continue
            if pat is _BANNER:
                line = span_text.strip()
                if _UNCHECKED.search(line) or len(re.findall(r"[A-Z]", line)) < 8:
                    continue
                if re.search(r"\[\s*\]\s*(?:URGENT|EXPEDITED)", line):
                    continue
            return Urgency("expedited", Span("expedited", m.start(), m.end(), 0.9))
    for m in re.finditer(r"\b(?:EXPEDITE\w*|URGENT)\b", text):
        # A word shouted in capitals where no pattern above reads it ("request type
        # EXPEDITED", "** EXPEDITE **"): typography asks for speed, but the words around it
        # are unknown, so it is a guess a person confirms (below the review threshold).
        line_left = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if re.search(r"\[\s*\]\s*$|non-?$|\bnot\s+$", line_left, re.I):
            continue
        if _NEGATED.search(text[m.start() : m.end() + 6]):
            continue
        return Urgency("expedited", Span("expedited", m.start(), m.end(), _SHOUT_CONFIDENCE))
    return Urgency("standard", None)


#: Confidence of an urgency read from capitals alone: a guess, never auto-accepted.
_SHOUT_CONFIDENCE = 0.65


# --------------------------------------------------------------------------- requirements

_REQ_HEADING = re.compile(
    r"\b(criteria|requirements?|required|requires?|coverage rules|must be met|"
    r"documentation for each|need the following|following documentation|document the following|"
    r"covered when|benefit limits?|"
    # A pend letter's list of what it still lacks.
    r"missing (?:information|documentation|documents|items|records)|outstanding (?:items|"
    r"information|documentation)|still needed|information (?:needed|requested)|"
    r"(?:please )?(?:send|provide|submit) the following)\b",
    re.I,
)
_REQ_LABEL = re.compile(r"\b(criteria|requirements?|coverage rules|benefit limits?)\b", re.I)
_ITEM = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[-*•]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\[\s*[xX✓✔]?\s*\])\s+(?P<body>\S.*)$"
)
_REQUIRES = re.compile(
    r"\b(?:policy|plan|criteria|coverage|guidelines?)\b[^.]{0,80}?\b"
    r"(?:requires|must include|must document|must show|is covered when|are covered when|"
    r"covers? .{0,40}? when)\s+"
    r"(?!the following|documentation of the following)(?P<body>[^.]{10,220})",
    re.I,
)


def _marker_style(marker: str) -> str:
    if marker.startswith("["):
        return "box"
    if re.match(r"\(?[0-9]", marker):
        return "num"
    if re.match(r"\(?[a-z]", marker):
        return "alpha"
    return "bullet"


def _clean_item(body: str) -> str:
    body = re.split(r"\s{3,}", body.strip(), maxsplit=1)[0]
    body = re.sub(r"\s+", " ", body).strip()
    body = re.split(r"(?<=[a-z0-9)%])\.\s|\s-\s(?=[a-z])", body, maxsplit=1)[0]
    return body.rstrip(" .;:")[:160]


_ASKS_FOR = re.compile(
    r"\b(?:criteria|policy|guidelines?|plan|payer|coverage rules?)\b[^.;]{0,30}?\b"
    r"(?:also\s+)?(?:asks?|calls?|looks?)\s+for\s+(?P<body>[^.;]{8,220})",
    re.I,
)
_AS_REQUIRED = re.compile(
    r"(?:^|[.;:]\s+|\n)(?P<body>[A-Z][^.;:\n]{6,120}?)\s+(?:is\s+|are\s+)?(?:attached|enclosed|"
    r"included|documented)\s*,?\s+as\s+(?:the|your)\s+[\w -]{0,30}?(?:plan|policy|payer|"
    r"criteria|guidelines?)\s+requires?\b",
)


def _conjuncts(body: str, start: int) -> list[tuple[str, int]]:
    """Split a list written in prose ("imaging that ..., and for pain scores ...") into items.

    A list in prose is split at "and"/"," only where each part still reads as a requirement
    (three words or more); otherwise the clause stays whole.
    """
    parts: list[tuple[str, int]] = []
    pos = 0
    for m in re.finditer(
        r",?\s+and\s+(?:for\s+)?(?=(?:for|at\s+least|a|an|the|\d+|documentation|evidence)\b)|;\s+",
        body,
    ):
        parts.append((body[pos : m.start()], start + pos))
        pos = m.end()
    parts.append((body[pos:], start + pos))
    if len(parts) > 1 and all(len(p.split()) >= 3 for p, _ in parts):
        return [(re.sub(r"^(?:for|of)\s+", "", p), s) for p, s in parts]
    return [(body, start)]


def find_requirements(text: str, layout: Layout, payer_names: Sequence[str] = ()) -> list[Span]:
    """Payer requirements: criteria-list items and "policy ... requires" clauses.

    The items of a criteria/requirements list, and the clause after "policy ... requires" or
    "is covered when". Only ticked items when the list says "check
    all that apply" (those are indications, not requirements).
    """
    out: list[Span] = []
    seen: set[str] = set()

    def add(body: str, start: int) -> None:
        phrase = _clean_item(body)
        key = phrase.lower()
        if len(phrase.split()) >= 2 and key not in seen:
            seen.add(key)
            out.append(Span(phrase, start, start + len(body.split("\n")[0]), 0.7))

    lines = layout.lines
    for i, line in enumerate(lines):
        if line.blank:
            continue
        if not _REQ_HEADING.search(line.text) and not opens_list(line.text):
            # "... policy requires the following for X\nindication:" - the cue is in the
            # sentence that the colon line ends.
            before = " ".join(ln.text for ln in lines[max(0, i - 2) : i] if not ln.blank)
            if not (line.text.rstrip().endswith(":") and _REQ_HEADING.search(before)):
                continue
            if not re.search(r"\bfollowing\b|\bbelow\b", before + line.text, re.I):
                continue
            line = dataclasses.replace(line, heading=True)
        inline = [lab for lab in line.labels if _REQ_LABEL.search(lab.text)]
        if inline and text[inline[0].value_start : line.end].strip():
            # "Step therapy requirement: the plan requires a trial of X before Y."
            body = text[inline[0].value_start : line.end]
            for ln in lines[i + 1 : i + 4]:
                if ln.blank or ln.labels or body.rstrip().endswith("."):
                    break
                body += " " + ln.text.strip()
            add(re.sub(r"^\s*\w+\s+requires\s+", "", body), inline[0].value_start)
            continue
        if not (line.heading or line.text.rstrip().endswith(":")):
            continue
        only_checked = bool(re.search(r"check all that apply|select all", line.text, re.I))
        style = None
        indent = None
        blank_run = 0
        for ln in lines[i + 1 : i + 80]:
            if ln.blank:
                blank_run += 1
                if blank_run > 1 and style is not None:
                    break
                continue
            m = _ITEM.match(ln.text)
            if m is None:
                if style is None and ln.heading:
                    continue
                if ln.indent == 0 and style is not None and blank_run:
                    break
                blank_run = 0
                continue
            blank_run = 0
            st = _marker_style(m.group("marker"))
            if style is None:
                style, indent = st, len(m.group("indent"))
            if st != style or len(m.group("indent")) != indent:
                continue
            if only_checked and not re.match(r"\[\s*[xX✓✔]\s*\]", m.group("marker")):
                continue
            body = m.group("body")
            nxt = lines[ln.index + 1] if ln.index + 1 < len(lines) else None
            if (
                nxt is not None
                and not nxt.blank
                and nxt.indent > len(m.group("indent"))
                and not _ITEM.match(nxt.text)
                and not body.rstrip().endswith(".")
            ):
                body = body + " " + nxt.text.strip()
            add(body, ln.start + m.start("body"))
    for m in _REQUIRES.finditer(text):
        add(m.group("body"), m.start("body"))
    # Requirements in prose: "your criteria ask for X and Y", "X attached as the plan requires".
    for m in _ASKS_FOR.finditer(text):
        for part, start in _conjuncts(m.group("body"), m.start("body")):
            add(part, start)
    for m in _AS_REQUIRED.finditer(text):
        add(m.group("body"), m.start("body"))
    # Sentences shaped as obligation + evidence ("Approval cannot be granted without X").
    for found in find_obligations(text):
        key = found.value.lower()
        if not any(key in k or k in key for k in seen):
            add(found.value, found.start)
    # Criteria in the plan's voice with no obligation verb ("Members qualify only with X").
    for found in find_conditions(text, [(r.start, r.end) for r in out]):
        add(found.value, found.start)
    # "<Payer> requires sleep study results showing ..." with the payer named as subject.
    for name in payer_names:
        head = re.escape(name.split()[0])
        pat = rf"\b{head}\b[\w '-]{{0,40}}?\s(?:requires|must include|must document)\s+"
        for m in re.finditer(pat + r"(?P<body>[^.]{10,220})", text, re.I):
            add(m.group("body"), m.start("body"))
    return out
