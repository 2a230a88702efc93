"""Deterministic recognizers: candidates for every prior-auth field, each with its span.

Each recognizer reads the masked text (prompt-injection sentences blanked out) and the
:class:`~clinllm.workflows.prior_auth.layout.Layout`, and returns :class:`Span` candidates that
point at the characters they came from. They are deliberately general: they know how forms,
letters and faxes are written, not any particular payer's form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from clinllm.codes import cpt, hcpcs, icd10cm, npi
from clinllm.workflows.prior_auth.dates import parse_date
from clinllm.workflows.prior_auth.layout import CODE_LED, Layout, Line

__all__ = [
    "CodeHit",
    "Span",
    "find_codes",
    "find_member_id",
    "find_npis",
    "find_patient",
    "find_payer",
    "find_provider",
]

CodeSystemName = Literal["CPT", "HCPCS", "ICD-10-CM"]


@dataclass(frozen=True, slots=True)
class Span:
    """A candidate value and where it was read (``text[start:end]``).

    Attributes:
        value: The normalized value.
        start: Offset of the first supporting character.
        end: Offset one past the last.
        confidence: How sure the recognizer is, 0..1.
    """

    value: str
    start: int
    end: int
    confidence: float

    def __repr__(self) -> str:
        # The value may be PHI (a member id, a name): keep it out of reprs and logs.
        return f"Span(start={self.start}, end={self.end}, confidence={self.confidence})"


@dataclass(frozen=True, slots=True)
class CodeHit:
    """A code mention and whether its context makes it part of the request.

    Attributes:
        code: Normalized code (ICD-10-CM dotted).
        system: Code system by format and context.
        start: Offset of the raw token.
        end: Offset one past it.
        requested: The layout and wording say it is requested or the reason for the request.
        history: An explicit history/prior/example cue says it is not.
    """

    code: str
    system: CodeSystemName
    start: int
    end: int
    requested: bool
    history: bool


# --------------------------------------------------------------------------- codes

_CODE_TOKEN = re.compile(
    r"(?<![\w/.$#-])(?P<tok>[0-9OIl]{4}[0-9FTU]|[A-Z][0-9OIl]{4}|[A-Z][0-9O][0-9A-Z](?:\.[0-9A-Za-z]{1,4})?)"
    # A modifier may follow ("27447-RT", "E0601-RR"); other hyphenated tokens are not codes.
    r"(?![\w/]|-(?![A-Z0-9]{2}\b)|\.\d|,\d{3})"
)
_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
_LEFT_HISTORY = re.compile(
    r"\b(s/p|status post|hx|history|pmh|psh|prior|previous|previously|past|remote|"
    r"e\.?g\.?|for example|example|such as|sample|family|mother|father|sister|brother|"
    r"underwent|had an?|was|were|demo|trial)\b",
    re.I,
)
_RIGHT_HISTORY = re.compile(
    r"^\)?,?\s*(?:(?:in|on|from|dated)\s+(?:\d{1,2}/)?(?:19|20)\d\d\b|"
    r"(?:was|were|is|reported|showed|revealed)\s+(?:as\s+)?(?:normal|negative|unremarkable)\b)",
    re.I,
)
_SENT_REQUEST = re.compile(
    r"\b(request\w*|authoriz\w*|approv\w*|seeking|propose\w*|plan(?:ned)? to|will perform)\b",
    re.I,
)
_SENT_HISTORY = re.compile(
    r"\b(s/p|status post|hx|history|pmh|prior|previous|previously|past|in (?:19|20)\d\d|"
    r"was|were|had|underwent|family|mother|father|normal|negative|reported)\b",
    re.I,
)
_PA_WORDS = re.compile(r"\bprior[ -]?auth\w*", re.I)
_HISTORY_CODE = re.compile(r"^Z(?:8\d|9[0-2])")
_HISTORY_WORDS = re.compile(
    r"\b(?:personal|family|history|hx|of|mother|father|sister|brother|maternal|paternal)\b", re.I
)
_UNIT_AFTER = re.compile(r"^\s*(?:mg|mcg|ml|units?|lbs?|kg|%|ng|iu|cells|/)", re.I)


def _classify_code(tok: str, context: str) -> tuple[str, CodeSystemName] | None:
    if tok[0].isdigit():
        norm = cpt.normalize(tok)
        return (norm, "CPT") if norm and sum(c.isdigit() for c in tok) >= 4 else None
    if len(tok) == 3 and not tok[1:].isdigit() and not tok[1:2].isdigit():
        return None
    if len(tok) == 3 and "O" in tok[1:]:
        return None  # "H2O" is water, not an ICD-10-CM category
    if "." in tok or len(tok) == 3:
        code = icd10cm.normalize(tok)
        return (code, "ICD-10-CM") if code else None
    # Letter + four digits: HCPCS, or an ICD-10-CM code written without its dot.
    if context == "diagnosis":
        code = icd10cm.normalize(tok)
        if code:
            return code, "ICD-10-CM"
    norm = hcpcs.normalize(tok)
    return (norm, "HCPCS") if norm else None


def _sentence(text: str, start: int, end: int, layout: Layout | None = None) -> str:
    floor = -1
    if layout is not None:
        # A sentence does not run back into form fields or headings above it.
        line = layout.line_at(start)
        i = line.index
        while i > 0:
            prev = layout.lines[i - 1]
            if prev.blank or prev.labels or prev.heading or prev.text.rstrip().endswith((".", ":")):
                break
            i -= 1
        floor = layout.lines[i].start - 1
    left = max(
        floor,
        text.rfind(". ", 0, start),
        text.rfind("\n\n", 0, start),
        text.rfind("\f", 0, start),
    )
    right_candidates = [i for i in (text.find(". ", end), text.find("\n\n", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


def _requested(
    text: str, layout: Layout, line: Line, start: int, end: int, code: str = ""
) -> tuple[bool, bool]:
    label = line.label_before(start)
    seg_start = label.value_start if label else line.start
    left = text[max(seg_start, start - 60) : start]
    right = text[end : min(line.end, end + 25)]
    if _HISTORY_CODE.match(code):
        # "Personal history of malignant neoplasm of breast (Z85.3)": the words describe the
        # code itself (Z80-Z92 are history codes), they do not make it history.
        left = _HISTORY_WORDS.sub(" ", left)
    history = bool(_LEFT_HISTORY.search(left) or _RIGHT_HISTORY.search(right))
    if _UNIT_AFTER.match(right):
        return False, False
    kind = label.kind if label and label.kind != "neutral" else line.context
    if kind == "history":
        return False, True
    if kind in ("request", "diagnosis"):
        return not history, history
    if CODE_LED.match(line.text):
        if line.section == "history":
            return False, True
        return not history, history
    sentence = _PA_WORDS.sub(" ", _sentence(text, start, end, layout))
    if line.section != "history" and _SENT_REQUEST.search(sentence):
        hist = bool(_SENT_HISTORY.search(sentence))
        return not hist, hist
    return False, history or bool(_SENT_HISTORY.search(sentence))


def find_codes(text: str, layout: Layout) -> list[CodeHit]:
    """Every CPT, HCPCS and ICD-10-CM code mention, with whether it is requested.

    A mention counts as requested when it sits in a request or diagnosis field (its own label,
    the block it is indented under), in a code-led row outside a history section, or in a
    sentence that asks for authorization without history words. ZIP codes, doses and numbers
    glued to units are never codes.
    """
    hits: list[CodeHit] = []
    for m in _CODE_TOKEN.finditer(text):
        tok = m.group("tok")
        start, end = m.span("tok")
        before = text[max(0, start - 3) : start]
        if tok[0].isdigit() and before[-3:-1] in _STATES and before.endswith(" "):
            continue
        line = layout.line_at(start)
        label = line.label_before(start)
        kind = label.kind if label and label.kind != "neutral" else line.context
        classified = _classify_code(tok, kind)
        if classified is None:
            continue
        code, system = classified
        requested, history = _requested(text, layout, line, start, end, code)
        hits.append(CodeHit(code, system, start, end, requested, history))
    return hits


# --------------------------------------------------------------------------- NPI

_NPI = re.compile(r"(?<![\d-])(\d{10})(?![\d-])")
_NPI_LABEL = re.compile(r"\bNPI\b(?:\s*(?:#|no\.?|number))?[\s:#.]*", re.I)


def find_npis(text: str) -> list[Span]:
    """Ten-digit numbers labelled NPI (check digit not required here; validation flags it)."""
    out: list[Span] = []
    for m in _NPI_LABEL.finditer(text):
        tail = text[m.end() : m.end() + 14]
        n = _NPI.match(tail)
        if n:
            s = m.end() + n.start(1)
            value = n.group(1)
            out.append(Span(value, s, s + 10, 0.95 if npi.is_valid(value) else 0.4))
    return out


def npi_blank_after(text: str, pos: int) -> bool:
    """Whether an NPI label at ``pos`` is left blank ("NPI: ____", "NPI: (not provided)")."""
    tail = text[pos : pos + 40]
    return bool(
        re.match(
            r"\s*[:#]?\s*(?:_{2,}|\(?(?:not provided|n/?a|none|pending|unknown)\)?)", tail, re.I
        )
    )


# --------------------------------------------------------------------------- member id

_MEMBER_LABEL = re.compile(
    r"\b(?P<who>member|subscriber|beneficiary|patient|insured|enrollee|medicaid|medicare|"
    r"plan member|mbr|policy|health plan|plan)\s*(?:/\s*member\s*)?"
    r"(?:id|[l1]d|identification|number|no\.?|#)"
    r"(?:\s*(?:#|no\.?|number))?(?:\s*[:#]|\s*\.{2,})?\s*"
    r"|(?<=\s)ID\s*:\s*"
    r"|\bmember\s*#\s*:?\s*",
    re.I,
)
_MEMBER_VALUE = re.compile(r"[A-Z0-9][A-Z0-9-]{2,}(?: [A-Z0-9]{2,6}(?=\s|$)){0,4}")


def find_member_id(text: str) -> list[Span]:
    """Member ids after a member-id label; blanks and placeholders yield nothing."""
    out: list[Span] = []
    for m in _MEMBER_LABEL.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        segment = re.split(r"\s{2,}", text[m.end() : line_end], maxsplit=1)[0]
        v = _MEMBER_VALUE.match(segment)
        if not v:
            continue
        value = v.group(0).strip()
        # Drop a trailing word that is a label ("SHC0091827745 Group").
        if not re.search(r"\d", value) or len(re.sub(r"\D", "", value)) < 4:
            continue
        if re.fullmatch(r"[\d/-]+", value) and re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", value):
            continue
        start = m.end() + v.start()
        # A patient id is often the clinic's MRN; a member/subscriber/policy label is surer.
        who = (m.groupdict().get("who") or "").lower()
        confidence = 0.9 if who and who not in ("patient", "plan", "health plan") else 0.75
        out.append(Span(value, start, start + len(value), confidence))
    out.sort(key=lambda s: (-s.confidence, s.start))
    return out


# --------------------------------------------------------------------------- payer

_PAYER_SUFFIX = (
    r"(?:Health Plan|Health Partners|Health Cooperative|Health Alliance|Health Network|"
    r"Community Care|Community Plan|Community Health Plan|Medical Plan|Medicare Advantage|"
    r"Medicaid(?: Plan)?|Mutual Health|Mutual|HealthCare|"
    r"Healthcare|Health Insurance|Insurance(?: Company)?|Assurance|Health|Blue Cross Blue Shield|"
    r"Blue Shield|Blue Cross|Care Plan|Health Options|Health Services|Plan)"
)
_PAYER = re.compile(
    r"(?<![\w&-])(?P<name>(?:[A-Z][A-Za-z'-]+|[A-Z]{2,}[A-Za-z'-]*|of|the)"
    r"(?: (?:[A-Z][A-Za-z'-]+|of|the)){0,4} " + _PAYER_SUFFIX + r")(?![\w'])",
)
_PAYER_UPPER = re.compile(
    r"(?<![\w&-])(?P<name>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,4} "
    + _PAYER_SUFFIX.upper()
    + r")(?![\w'])"
)
_NOT_PAYER_AFTER = re.compile(
    r"^[ \t]*(?:&|and\b|clinic|center|centre|hospital|institute|associates|system|medical|"
    r"physicians|group|practice|sciences|partners? in|home care|services? (?:of|center))",
    re.I,
)
_PAYER_LABEL = re.compile(
    r"(payer|plan|insurance|insurer|carrier|health plan|coverage)\s*(?:name)?\s*:\s*$", re.I
)
_PAYER_FIELD = re.compile(
    r"(?:^|\n|\s{2,})[ \t]*(?:payer|insurance|insurer|health plan|insurance plan|carrier|plan name|"
    r"insurance company|primary insurance|insurance carrier)\s*(?:name)?\s*:[ \t]*",
    re.I,
)
_TO_LABEL = re.compile(r"\b(to|attn|return to|fax to|submit to|send to)\s*:?\s*$|->\s*$", re.I)
_FROM_LABEL = re.compile(r"\b(from|submitted by|sender|clinic|practice|provider)\s*:?\s*$", re.I)
_PLAN_KINDS = frozenset({"health", "community", "medical", "care", "medicaid", "dental"})
_SMALL = {"of", "the", "and", "for"}


def _title(name: str) -> str:
    words = []
    for i, w in enumerate(name.split()):
        low = w.lower()
        if i and low in _SMALL:
            words.append(low)
        elif w.isupper() or w.islower():
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        else:
            words.append(w)
    return " ".join(words)


def _payer_confidence(score: float) -> float:
    """Labelled 0.95, addressee 0.85, letterhead or address line 0.8, anywhere else 0.6."""
    if score >= 10:
        return 0.95
    if score >= 6:
        return 0.85
    if score >= 3:
        return 0.8
    return 0.6


def find_payer(text: str) -> list[Span]:
    """Payer names: a capitalized name ending in a payer word, scored by where it stands.

    A name after ``Payer:``/``Plan:`` scores highest, then one the document is sent to, then a
    letterhead in the first lines; a name after ``From:`` scores low. Upper-case letterheads are
    returned in title case.
    """
    scored: dict[str, tuple[float, int, int, str]] = {}
    first_lines_end = sum(len(x) + 1 for x in text.splitlines()[:6])
    for pat in (_PAYER, _PAYER_UPPER):
        for m in pat.finditer(text):
            start, end = m.span("name")
            name = m.group("name")
            # Trim leading function words and a leading label word glued on by the regex.
            while name.split()[0].lower() in _SMALL:
                cut = len(name.split()[0]) + 1
                name, start = name[cut:], start + cut
            if len(name.split()) < 2 or _NOT_PAYER_AFTER.match(text[end : end + 25]):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            left = text[line_start:start]
            seg_left = re.split(r"\s{2,}", left)[-1] if left.strip() else left
            score = 1.0
            if _PAYER_LABEL.search(seg_left):
                score = 10.0
            elif _TO_LABEL.search(seg_left) or re.search(r"\bto\s*:", left, re.I):
                score = 6.0
            elif _FROM_LABEL.search(seg_left):
                score = 0.2
            elif start < first_lines_end:
                score = 5.0
            elif not left.strip():
                score = 3.0
            if name.split()[-1].lower() == "health" and name.split()[-2].lower() in {
                "women's",
                "men's",
                "behavioral",
                "mental",
                "public",
                "occupational",
            }:
                continue
            words = name.split()
            if words[-1].lower() == "plan" and score < 6 and words[-2].lower() not in _PLAN_KINDS:
                continue  # "Treatment Plan", "Surgical Plan": a plan name needs a payer field
            key = _title(name).lower()
            prev = scored.get(key)
            if prev is None:
                scored[key] = (score, start, end, name)
            else:
                better = (score, start, end, name) if score > prev[0] else prev
                scored[key] = (better[0] + 0.5, better[1], better[2], better[3])
    # A labelled payer field whose value has no payer word ("Payer: Veritas").
    for m in _PAYER_FIELD.finditer(text):
        v = re.match(
            r"[A-Z][A-Za-z&'.-]*(?: (?:[A-Z][A-Za-z&'.-]*|of|the|and)){0,5}", text[m.end() :]
        )
        if v is None or re.search(r"\d", v.group(0)):
            continue
        name = v.group(0).rstrip(" .")
        key = _title(name).lower()
        if any(key in k or k in key for k in scored):
            continue
        scored[key] = (10.0, m.end(), m.end() + len(name), name)
    out = [
        Span(_title(name), s, e, _payer_confidence(score))
        for score, s, e, name in sorted(scored.values(), key=lambda v: (-v[0], v[1]))
    ]
    return out


# --------------------------------------------------------------------------- people

_CREDENTIALS = (
    r"MD|M\.D\.|DO|D\.O\.|NP|FNP|FNP-C|ANP|APRN|PA-C|PA|DPM|DDS|DMD|PhD|PsyD|RN|CNM|"
    r"FACS|FAANS|FACC|FACP|DPT|PT|OD|AuD"
)
_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_NAME = (
    rf"(?P<name>(?:[{_UP}][{_LO}'’]+|[{_UP}]\.?)(?:[- ](?:[{_UP}][{_UP}{_LO}'’]+|[{_UP}]\.))*"
    rf"(?:[- ][{_UP}][{_UP}{_LO}'’]+(?:-[{_UP}][{_UP}{_LO}'’]+)?))"
)
_NAME_CRED = re.compile(r"(?:Dr\.?\s+)?" + _NAME + r",?\s+(?:" + _CREDENTIALS + r")\b")
_DR_NAME = re.compile(r"\bDr\.?\s+" + _NAME)
_PROVIDER_LABEL = re.compile(
    r"\b(requesting|ordering|referring|treating|prescrib\w*|surgeon|physician|practitioner|"
    r"provider|oncologist|ordered by|requested by|attending|rendering physician)\b"
    r"[\w /&()-]{0,30}$",
    re.I,
)
_NON_REQUESTER = re.compile(
    r"\b(rendering|therapist|coordinator|reviewer|nurse reviewer|pcp|primary care|contact|"
    r"scheduler|evaluator|radiolog\w*|signed by: .*rn)\b",
    re.I,
)
_STRIP_NAME = re.compile(r"^(?:Dr\.?\s+)", re.I)


def clean_name(name: str) -> str:
    """A person's name without title (``Dr.``) or trailing credentials (``, MD, FACS``)."""
    name = _STRIP_NAME.sub("", name.strip())
    name = re.sub(r"(?:,?\s+(?:" + _CREDENTIALS + r")\b\.?)+\s*$", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,")


def find_provider(text: str, layout: Layout) -> list[tuple[Span, Span | None, bool]]:
    """Requesting-provider candidates: (name, NPI or None, NPI explicitly blank), best first.

    Sources in order of trust: a requesting/ordering/prescriber label, a provider section's
    ``Name:`` field, a name with credentials on the same line as an NPI, and a signature block
    (a credentialed name followed by an NPI within three lines).
    """
    npis = find_npis(text)
    cands: list[tuple[float, Span, Span | None, bool]] = []

    def npi_near(line: Line, name_end: int) -> tuple[Span | None, bool]:
        following = [ln for ln in layout.lines[line.index : line.index + 4] if not ln.blank]
        for k, ln in enumerate(following):
            if (
                k
                and any(
                    lab.kind != "neutral" or "provider" in lab.text.lower() for lab in ln.labels[:1]
                )
                and "npi" not in ln.text.lower()
            ):
                break
            for m in _NPI_LABEL.finditer(text, ln.start if k else name_end, ln.end):
                for n in npis:
                    if m.end() <= n.start <= m.end() + 4:
                        return n, False
                if npi_blank_after(text, m.end()):
                    return None, True
        return None, False

    for line in layout.lines:
        if line.blank:
            continue
        for lab in line.labels:
            label_text = lab.text
            if not _PROVIDER_LABEL.search(label_text) and not (
                label_text.lower() == "name"
                and re.search(
                    r"provider|surgeon|physician|prescriber",
                    text[max(0, line.start - 120) : line.start],
                    re.I,
                )
            ):
                continue
            if _NON_REQUESTER.search(label_text) and not re.search(r"requesting", label_text, re.I):
                continue
            seg = text[lab.value_start : line.end]
            seg = re.split(r"\s{2,}", seg, maxsplit=1)[0]
            m = re.match(
                r"(?:Dr\.?\s+)?" + _NAME + r"(?=\s*(?:,|\(|$|\s(?:" + _CREDENTIALS + r")\b))", seg
            )
            if not m:
                continue
            s = lab.value_start + m.start("name")
            name = clean_name(m.group("name"))
            if len(name.split()) < 2 or re.search(
                r"\b(Unit|Department|Services|Plan|Health|Clinic)\b", name
            ):
                continue
            n, blank = npi_near(line, s + len(name))
            weight = (
                10.0
                if re.search(r"requesting|ordering|prescrib|requested", label_text, re.I)
                else 7.0
            )
            cands.append((weight, Span(name, s, s + len(m.group("name")), 0.9), n, blank))
    # Credentialed names on an NPI line or just above one (signature blocks).
    for n in npis:
        line = layout.line_at(n.start)
        lines = [line] + [
            layout.lines[i] for i in range(line.index - 1, max(-1, line.index - 4), -1)
        ]
        for ln in lines:
            seg = text[ln.start : min(ln.end, n.start) if ln is line else ln.end]
            found = list(_NAME_CRED.finditer(seg))
            if not found:
                continue
            m = found[-1]
            s = ln.start + m.start("name")
            name = clean_name(m.group("name"))
            if len(name.split()) >= 2 and not re.match(r"[A-Z]\.", name):
                ctx = text[max(0, ln.start - 80) : ln.end]
                if _NON_REQUESTER.search(ctx) and ln is not line:
                    break
                cands.append(
                    (
                        6.0 if ln is line else 5.0,
                        Span(name, s, s + len(m.group("name")), 0.8),
                        n,
                        False,
                    )
                )
                break
    # A credentialed physician the letter is addressed to or signed by, without an NPI.
    for m in _NAME_CRED.finditer(text):
        ln = layout.line_at(m.start())
        left = text[ln.start : m.start()]
        if re.search(r"\bto\s*:\s*$|^\s*$", left, re.I) and re.search(
            r"\b(MD|DO|M\.D\.|D\.O\.|NP|PA-C|DPM)\b", m.group(0)
        ):
            name = clean_name(m.group("name"))
            if len(name.split()) >= 2 and not re.match(r"[A-Z]\.", name):
                n, blank = npi_near(ln, m.end())
                cands.append((3.0, Span(name, m.start("name"), m.end("name"), 0.6), n, blank))
    cands.sort(key=lambda c: (-c[0], c[1].start))
    return [(name, n, blank) for _, name, n, blank in cands]


_PATIENT_LABEL = re.compile(
    r"\b(?:patient(?: name)?|member(?: name)?|beneficiary|pt|child|name|insured|enrollee)"
    r"\s*(?::|\.{2,})[ \t.]*"
    r"|\b(?:re|regarding)\s*:\s*(?:patient|member|beneficiary)\s+",
    re.I,
)
_DOB_LABEL = re.compile(
    r"\b(dob|d\.o\.b\.?|date of birth|birth ?date)\s*(?::|\.{2,})?[ \t.]*", re.I
)


def find_patient(text: str) -> tuple[Span | None, Span | None]:
    """The patient's name and date-of-birth spans, when the document gives them.

    Only their presence matters to the request (``missing_fields``); neither is an output
    field, and neither is ever logged.
    """
    name: Span | None = None
    for m in _PATIENT_LABEL.finditer(text):
        seg = re.split(r"\s{2,}|\n", text[m.end() : m.end() + 80], maxsplit=1)[0]
        nm = re.match(r"[A-Z][A-Za-z'’.-]+(?:,? [\"(“]?[A-Z][A-Za-z'’.-]+[\")”]?){1,4}", seg)
        if nm and not re.search(r"\d", nm.group(0)):
            name = Span(nm.group(0), m.end(), m.end() + nm.end(), 0.9)
            break
    dob: Span | None = None
    for m in _DOB_LABEL.finditer(text):
        seg = text[m.end() : m.end() + 24].split("\n", 1)[0]
        d = re.match(
            r"\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|"
            r"[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}",
            seg,
        )
        if d and parse_date(d.group(0)):
            dob = Span(d.group(0), m.end(), m.end() + d.end(), 0.9)
            break
    return name, dob
