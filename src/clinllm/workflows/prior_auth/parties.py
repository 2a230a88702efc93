"""Recognizers for the parties to a request: the payer, the requesting provider, the patient.

Split from :mod:`.recognizers` (codes and identifiers) because names are read differently:
by where they stand (a payer field, the addressee, a letterhead, a signature block) rather than
by their shape.
"""

from __future__ import annotations

import re

from clinllm.workflows.prior_auth.dates import parse_date
from clinllm.workflows.prior_auth.layout import Layout, Line
from clinllm.workflows.prior_auth.recognizers import (
    NPI_LABEL,
    Span,
    find_npis,
    npi_blank_after,
)
from clinllm.workflows.prior_auth.slots import is_blank

__all__ = [
    "REQUESTER_LABELLED",
    "clean_name",
    "find_patient",
    "find_payer",
    "find_provider",
    "rank_providers",
]


# --------------------------------------------------------------------------- payer

_PAYER_SUFFIX = (
    r"(?:Health Plan|Health Partners|Health Cooperative|Health Alliance|Health Network|"
    r"Care Alliance|Alliance|"
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
    r"(payer|plan|insurance|insurer|carrier|health plan|coverage|ins)\s*(?:name)?\s*:\s*$", re.I
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
        written = text[m.end() :].split("\n", 1)[0]
        if is_blank(written):
            continue  # "Health plan: N/A", "Payer: Pending": a blank, not a plan called "N"
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
    r"provider|oncologist|ordered by|requested by|attending|rendering physician|"
    r"(?:electronically )?signed(?: by)?|signature|clinician)\b"
    r"[\w /&()-]{0,30}$",
    re.I,
)
_NON_REQUESTER = re.compile(
    r"\b(rendering|therapist|coordinator|reviewer|nurse reviewer|pcp|primary care|contact|"
    r"scheduler|evaluator|radiolog\w*|signed by: .*rn|referr\w*|referred by|facility|"
    r"lab|laboratory|supplier|vendor|assistant|pathologist|group|billing)\b",
    re.I,
)
# The requester's own role in a label, alone or beside another ("Referring/ordering provider":
# one clinician holds both roles, and one of them is the requester's).
_REQUESTER_ROLE = re.compile(r"\b(?:requesting|ordering|prescrib\w*)\b", re.I)
# "Referral coordinator for <name>", "on behalf of Dr <name>": the words before say whom the
# writer works for, so another role named before them (a coordinator, a referral desk) is the
# writer's, not the named clinician's.
_FOR_PRINCIPAL = re.compile(r"\b(?:for|on\s+behalf\s+of|p\.\s?p\.)\s*(?:Dr\.?\s*)?$", re.I)


def other_party_before(left: str) -> bool:
    """Whether the words before a name (on its line) give the name another party's role.

    Why: "PCP: Soraya Haddad, NP, NPI ..." names a clinician who is not the requester even
    though an NPI stands on the same line, while "Referral coordinator for Chiamaka Nwachukwu,
    MD" names the requester: the other role belongs to the writer working *for* the name.
    """
    if _FOR_PRINCIPAL.search(left):
        return False
    return _NON_REQUESTER.search(left) is not None


_UNREADABLE = re.compile(
    r"\s*[\[(]?(?:signature\s+)?(?:illegible|unreadable|not legible|blank|unsigned|none|n/?a|"
    r"unknown|see attached|to follow|pending|\?+|-+|_+)[\])]?\s*$",
    re.I,
)
# "Okafor, Emmanuel MD": surname first, then the given name, then credentials.
_LAST_FIRST = re.compile(
    rf"(?P<last>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?),\s+(?P<first>[{_UP}][{_LO}'’]+)"
    r"(?=\s+(?:" + _CREDENTIALS + r")\b)"
)
_STRIP_NAME = re.compile(r"^(?:Dr\.?\s+)", re.I)


def clean_name(name: str) -> str:
    """A person's name without title (``Dr.``) or trailing credentials (``, MD, FACS``)."""
    name = _STRIP_NAME.sub("", name.strip())
    name = re.sub(r"(?:,?\s+(?:" + _CREDENTIALS + r")\b\.?)+\s*$", "", name)
    return re.sub(r"\s+", " ", name).strip(" ,")


#: A candidate from a label that names the requester ("Requesting provider:", "Ordering MD:").
REQUESTER_LABELLED = 9.0


def find_provider(text: str, layout: Layout) -> list[tuple[Span, Span | None, bool]]:
    """Requesting-provider candidates, best first (see :func:`rank_providers`)."""
    return [(name, n, blank) for _, name, n, blank in rank_providers(text, layout)]


def rank_providers(text: str, layout: Layout) -> list[tuple[float, Span, Span | None, bool]]:
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
            if k and _NON_REQUESTER.search(ln.text):
                break  # the next line's NPI is a facility's, a supplier's, a referrer's
            for m in NPI_LABEL.finditer(text, ln.start if k else name_end, ln.end):
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
            if _NON_REQUESTER.search(label_text) and not _REQUESTER_ROLE.search(label_text):
                continue  # a label naming the requester's role too ("Rendering/Ordering") is theirs
            seg = text[lab.value_start : line.end]
            seg = re.split(r"\s{2,}", seg, maxsplit=1)[0]
            weight = (
                10.0
                if re.search(r"requesting|ordering|prescrib|requested", label_text, re.I)
                else 7.0
            )
            if _UNREADABLE.match(seg) or NPI_LABEL.match(seg.lstrip()):
                # "Provider: (signature illegible)" or "Attending/ordering: NPI 1219117847" with
                # the NPI beside or below it: the NPI is the requester's, the name is missing.
                npi_only = NPI_LABEL.match(seg.lstrip()) is not None
                n, blank = npi_near(line, lab.value_start + (0 if npi_only else len(seg)))
                if n is not None:
                    cands.append(
                        (weight - 1, Span("", lab.value_start, lab.value_start, 0.9), n, blank)
                    )
                continue
            last_first = _LAST_FIRST.match(seg)
            if last_first:
                s = lab.value_start + last_first.start()
                name = f"{last_first.group('first')} {last_first.group('last')}"
                n, blank = npi_near(line, lab.value_start + last_first.end())
                cands.append(
                    (
                        weight,
                        Span(name, s, lab.value_start + last_first.end("first"), 0.85),
                        n,
                        blank,
                    )
                )
                continue
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
                after = text[ln.start + m.end() : ln.end]
                if ln is line and other_party_before(text[ln.start : s]):
                    break  # "PCP: <name>, NP, NPI ...": the NPI is the named party's own
                # The words before the name within its block: a blank line ends the letter's
                # body ("... versus surgical referral." / "" / "Sincerely,").
                before = re.split(r"\n[ \t]*\n", text[max(0, ln.start - 80) : s])[-1]
                if ln is not line and (other_party_before(before) or _NON_REQUESTER.search(after)):
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
    # A credentialed physician the letter is addressed to, signed by or sent by (a fax cover's
    # "From:"), without an NPI.
    for m in _NAME_CRED.finditer(text):
        ln = layout.line_at(m.start())
        left = text[ln.start : m.start()]
        if (
            re.search(r"\b(?:to|from|submitted by|sender)\s*:\s*$|^\s*$", left, re.I)
            or _FOR_PRINCIPAL.search(left)
        ) and re.search(r"\b(MD|DO|M\.D\.|D\.O\.|NP|PA-C|DPM)\b", m.group(0)):
            name = clean_name(m.group("name"))
            if len(name.split()) >= 2 and not re.match(r"[A-Z]\.", name):
                n, blank = npi_near(ln, m.end())
                cands.append((3.0, Span(name, m.start("name"), m.end("name"), 0.6), n, blank))
    cands.sort(key=lambda c: (-c[0], c[1].start))
    return cands


_PATIENT_LABEL = re.compile(
    r"\b(?:patient(?: name)?|member(?: name)?|beneficiary|pt|child|name|insured|enrollee|"
    r"client|resident|recipient)"
    r"\s*(?::|\.{2,})[ \t.]*"
    r"|\b(?:re|regarding)\s*:\s*(?:patient|member|beneficiary)\s+",
    re.I,
)
_DOB_LABEL = re.compile(
    r"\b(dob|d\.o\.b\.?|date of birth|birth ?date|born(?: on)?)\s*(?::|\.{2,})?[ \t.]*", re.I
)
# "Re: Camila Quist, DOB ...", "Member Ravi Falkner (01/11/2005), ID ...": a person named right
# before their birth date or their member id, after a word that introduces the member.
_PATIENT_INLINE = re.compile(
    r"\b(?i:re|regarding|member|patient|client|pt)\b\s*:?\s*"
    r"(?P<name>[A-Z][A-Za-z'’.-]+(?: [A-Z][A-Za-z'’.-]+){1,3})"
    r"(?=\s*(?:,\s*(?:DOB|D\.O\.B|born|date of birth|member|ID|age)\b"
    r"|\(\s*(?P<dob>[^()\n]{6,20})\)))"
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
    inline = _PATIENT_INLINE.search(text)
    if name is None and inline is not None:
        name = Span(inline.group("name"), inline.start("name"), inline.end("name"), 0.85)
    dob: Span | None = None
    if inline is not None and inline.group("dob") and parse_date(inline.group("dob").strip()):
        dob = Span(inline.group("dob"), inline.start("dob"), inline.end("dob"), 0.85)
    for m in _DOB_LABEL.finditer(text) if dob is None else ():
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
