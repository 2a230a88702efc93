"""Whether a field the extraction could not read is still written in the document.

Why: ``missing_fields`` tells the payer's reviewer what the sender left out. A field with no
slot (a letter, an e-mail) used to be missing whenever no recognizer read it, so every field
written in a shape the recognizers do not know yet was reported as left out: the request looks
incomplete to the reviewer and the sender is asked for what they sent. This module looks for a
value of the field's *shape* in the field's own context, without deciding its value: an NPI that
passes its check digit on no other party's line, an identifier right after a member word, a
clinician's name with credentials on no other party's line, a name after a patient cue, a
birth date (a date with a birth
word, or many years before the letter). A field found this way is present but unread, and the
case goes to review (``field_not_read``), so a person reads the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Final

from clinllm.codes import npi as npi_codes
from clinllm.workflows.prior_auth.dates import DateMention, unclaimed_future
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.prose import retired
from clinllm.workflows.prior_auth.recognizers import CodeHit, diagnosis_near_request

__all__ = [
    "SHAPES",
    "codes_written",
    "dob_written",
    "service_written",
    "written",
    "written_fields",
]

# Another party's or another number's words: a value on their line is not the request's.
_OTHER_PARTY = re.compile(
    r"\b(referr\w*|pcp|primary\s+care|facility|site|location|supplier|vendor|lab(?:oratory)?|"
    r"group|rendering|performing|attending|hospital|dme|pharmacy|radiolog\w*|patholog\w*)\b",
    re.IGNORECASE,
)
_OTHER_NUMBER = re.compile(
    r"\b(group|grp|case|claim|ref(?:erence)?|order|auth\w*|tracking|confirmation|account|acct|"
    r"mrn|medical\s+record|mbi|medicare|fax|phone|tel|tax|tin|ein|dea|licen[cs]e|invoice|lot|"
    r"serial|rx|npi)\b",
    re.IGNORECASE,
)

_NPI = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_MEMBER = re.compile(
    r"(?:\b(?:member(?:ship)?|subscriber|enrollee|insured|beneficiary|policyholder|afiliado|"
    r"asegurado)\b|"
    r"\b(?:policy|ins(?:urance)?|plan)\s*(?:#|no\.?|number\b|id\b)|(?<![A-Za-z])id\s*#)"
    r"(?P<between>(?:no\.|#|[^\n.;]){0,30}?)"
    r"(?P<value>\b[A-Z]{0,5}[- ]?\d[A-Z0-9]*(?:[- ]?[A-Z0-9]{2,}){0,4}\b)",
    re.IGNORECASE,
)
_CREDENTIALED = re.compile(
    r"(?:\bDr\.?\s+[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z'-]+)?|"
    r"\b[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z'-]+,?\s+(?:MD|DO|NP|FNP|PA-C|DPM|DNP|APRN|M\.D\.))"
    r"(?![A-Za-z])"
)
# A person's name after a patient cue: "Pt Dana Okonkwo", "Re: Okonkwo, Dana", "Mrs. Okonkwo",
# "my patient, Dana Okonkwo", "on behalf of Dana Okonkwo", "an authorization for Dana Okonkwo".
_PATIENT = re.compile(
    r"(?:\b(?:pt\.?|patient|re|regarding|member|insured|enrollee|subscriber|beneficiary|"
    r"paciente|nombre)\s*[:#,-]?\s*(?:(?:is|was|named|called)\s+)?|\bon\s+behalf\s+of\s+|"
    r"\b(?:auth\w*|pa|request|referral)\s+for\s+|\b(?:mr|mrs|ms|miss|sr|sra)\.?\s+)"
    r"(?P<name>(?-i:[A-Z][A-Za-z'-]+(?:,\s*|\s+)(?:[A-Z]\.?\s+)?[A-Z][A-Za-z'-]+))",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:born|birth\w*|dob|d\.o\.b|nacimiento|nacid[oa])\b", re.IGNORECASE)
# "b. 07/08/1959": the abbreviation right before the date (a list's "b." item is not a birth).
_BORN_ABBR = re.compile(r"(?<![\w.])b\.\s*$", re.IGNORECASE)


def _npi_written(layout: Layout) -> bool:
    """A check-digit-valid NPI on a line that names no other party."""
    for line in layout.lines:
        if _OTHER_PARTY.search(line.text):
            continue
        for m in _NPI.finditer(line.text):
            if npi_codes.is_valid("".join(m.groups())):
                return True
    return False


def _member_written(layout: Layout) -> bool:
    """An identifier (letters and at least four digits) right after a member word."""
    text = layout.text
    for m in _MEMBER.finditer(text):
        value = m.group("value")
        before = text[max(0, m.start() - 25) : m.start()].rsplit("\n", 1)[-1]
        if _OTHER_NUMBER.search(before + " " + m.group("between")):
            continue  # "Medicare beneficiary id", "member's claim number"
        if len(re.sub(r"\D", "", value)) < 4:
            continue
        if re.fullmatch(r"[\d/ -]+", value) and re.search(r"\d{1,2}/\d{1,2}", value):
            continue  # a date
        if retired(text, m.start("value"), m.end("value")):
            continue  # "his old card number X was replaced": not the member's id now
        return True
    return _plan_id_written(layout)


# A bare "ID X" / "# X" on a line about the member's coverage: "insurance is X Health, ID Y".
_INSURANCE = re.compile(
    r"\b(?:insurance|ins|insurer|insured|plan|coverage|covered|carrier|payer|payor|medicaid|card|"
    r"health\s+(?:plan|alliance|partners|network|care))\b",
    re.IGNORECASE,
)
_BARE_ID = re.compile(
    r"(?:(?<![A-Za-z])id\b|#|\bnumber\b|\bno\.)\s*[:#]?\s*"
    r"(?P<value>\b[A-Z]{0,5}[- ]?\d[A-Z0-9]*(?:[- ]?[A-Z0-9]{2,}){0,4}\b)",
    re.IGNORECASE,
)


def _plan_id_written(layout: Layout) -> bool:
    """An identifier after a bare ``ID`` or ``#`` on a line that names the member's coverage."""
    for line in layout.lines:
        if not _INSURANCE.search(line.text) or _OTHER_PARTY.search(line.text):
            continue
        for m in _BARE_ID.finditer(line.text):
            before = line.text[max(0, m.start() - 16) : m.start()]
            if _OTHER_NUMBER.search(before) or len(re.sub(r"\D", "", m.group("value"))) < 4:
                continue
            at = line.start + m.start("value")
            if retired(layout.text, at, at + len(m.group("value"))):
                continue
            return True
    return False


# Words of a form or a letter that a name-shaped pair after a cue may be ("request for Prior
# Authorization", "Member Services"): not a person.
_NOT_NAME = re.compile(
    r"\b(?:prior|auth\w*|review|medical|coverage|services?|health|plan|department|dept|"
    r"expedited|urgent|standard|request\w*|information|benefits?|care|management|"
    r"the|dr|doctor|clinic|center|hospital|group|id|number|name|medicaid|medicare|"
    r"associates|surgery|therapy|device|injection|study)\b",
    re.IGNORECASE,
)


# A person named right before their own birth date: "for Leopold Ellingham, born 2/28/86".
_BEFORE_BIRTH = re.compile(
    r"(?P<name>(?-i:[A-Z][A-Za-z'-]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'-]+))\s*[,(]?\s*"
    r"(?:born|b\.|dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*(?:day|date))(?![A-Za-z])",
    re.IGNORECASE,
)
# A person the request is for: "asks the plan to cover <service> for <name> who ...".
_REQUESTED_FOR = re.compile(
    r"\b(?:cover|authori[sz]e|approve|approval\s+of|request(?:ing|s)?)\b[^.\n]{0,90}?\bfor\s+"
    r"(?P<name>(?-i:[A-Z][a-z'-]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z'-]+))(?![\w'-])(?!(?-i:\s*[A-Z&]))",
    re.IGNORECASE,
)


def _patient_written(layout: Layout) -> bool:
    """A capitalised name in the patient's role, with no other party named before it on its line.

    The role is given by a patient cue before the name ("the patient is <name>"), by the
    patient's own birth date right after it ("<name>, born 2/28/86") or by the request being
    for the name ("cover <service> for <name>"). Only the words before the name count: "a
    prior auth for <name> for a group 2 wheelchair" names the patient, "Referring: Dr X,
    patient <name>" may not.
    """
    for line in layout.lines:
        for pattern in (_PATIENT, _BEFORE_BIRTH, _REQUESTED_FOR):
            for m in pattern.finditer(line.text):
                name = m.group("name")
                # Another party named earlier in the name's own sentence (a paragraph may be one
                # line): "Referred by Dr Ames, patient <name>".
                sentence = re.split(r"[.;!?]\s", line.text[: m.start("name")])[-1]
                if _OTHER_PARTY.search(_CLASS.sub(" ", sentence)):
                    continue
                if _NOT_NAME.search(name) or _CREDENTIAL_AFTER.match(line.text, m.end("name")):
                    continue
                if re.search(r"\b(?:Dr|Doctor)\.?\s*$", line.text[: m.start("name")]):
                    continue  # "for Dr Lena Ortiz": a clinician
                return True
    return False


# A party word followed by a small number names a class of item, not a party: "group 2 power
# wheelchair", "site 3" (a party's own number has four digits or more).
_CLASS = re.compile(r"\b[A-Za-z]+\s+\d{1,2}(?!\d)\b")
_CREDENTIAL_AFTER = re.compile(r",?\s*(?:MD|DO|NP|FNP|PA-C|DPM|DNP|APRN|M\.D\.)\b")


# "Referral coordinator for <name>", "on behalf of Dr <name>": the role before these words is
# the writer's; the name is the one the writer works for.
_FOR_PRINCIPAL = re.compile(r"\b(?:for|on\s+behalf\s+of|p\.\s?p\.)\s*$", re.IGNORECASE)


def _requester_written(layout: Layout) -> bool:
    """A clinician's name with a title or credentials whose own line gives it no other role.

    Another party's word counts before the name unless the words right before the name say
    whom the writer works for ("Referral coordinator for Chiamaka Nwachukwu, MD"), and after
    it on the same line ("Dr Lee, radiology").
    """
    for line in layout.lines:
        for m in _CREDENTIALED.finditer(line.text):
            before, after = line.text[: m.start()], line.text[m.end() :]
            if _OTHER_PARTY.search(after):
                continue
            if _OTHER_PARTY.search(before) and not _FOR_PRINCIPAL.search(before):
                continue
            return True
    return False


#: Years before the letter that make a date a birth date whatever its words.
_BIRTH_YEARS: Final = 18


def dob_written(layout: Layout, dates: Iterable[tuple[int, date]], letter: date | None) -> bool:
    """A date with a birth word before it on its line, or one a lifetime before the letter."""
    for start, value in dates:
        before = layout.text[layout.line_at(start).start : start]
        if _BIRTH.search(before) or _BORN_ABBR.search(before):
            return True
        if letter is not None and letter.year - value.year >= _BIRTH_YEARS:
            return True
    return False


#: Shape finders by FORMAT.md ``missing_fields`` name (the birth date needs the dates too).
SHAPES: Final[dict[str, Callable[[Layout], bool]]] = {
    "requesting_provider_npi": _npi_written,
    "member_id": _member_written,
    "requesting_provider_name": _requester_written,
    "patient_name": _patient_written,
}


_CODE_FIELD: Final = {
    "CPT": "procedure_code",
    "HCPCS": "procedure_code",
    "ICD-10-CM": "diagnosis_code",
}


# Words that present a code as a code of the request's fields ("The procedure codes are X").
_CODE_WORD = re.compile(
    r"\b(?:codes?|cpt|hcpcs|icd(?:-?10)?(?:-cm)?|procedures?|diagnos[ie]s|dx|billing|billed)\b",
    re.IGNORECASE,
)


def codes_written(layout: Layout, codes: Iterable[CodeHit]) -> frozenset[str]:
    """Code fields whose code is written where the rules could only guess its role.

    A code on a line that names it a code ("The procedure codes are 27447.", "ICD-10 R06.83")
    in words that neither ask for it nor call it history is an open guess (a question for the
    model), not an absent field: reporting the field as left out would ask the sender for a
    code they sent. A code with a history, example or negation cue stays out, and so does one
    on a line that does not say it is a code ("Completed 3/6/26: ECG [93000]").
    """
    return frozenset(
        _CODE_FIELD[h.system]
        for h in codes
        if not h.history
        and not h.settled
        and (_CODE_WORD.search(layout.line_at(h.start).text) or _in_request_paragraph(layout, h))
    )


def _in_request_paragraph(layout: Layout, hit: CodeHit) -> bool:
    """A diagnosis code on the line that asks for the service or on a line next to it.

    See :func:`.recognizers.diagnosis_near_request`. Procedure codes need their word
    ("billing 64721"): five digits alone are too many other things.
    """
    return hit.system == "ICD-10-CM" and diagnosis_near_request(layout, layout.line_at(hit.start))


def service_written(dates: Sequence[DateMention], letter: date | None) -> bool:
    """A date after the document's own date that no cue gives another role.

    Why: a packet dates the future for two things, the service and the reply it wants; a
    deadline has its cue ("respond by"), so a later date with no role ("we hope to proceed on
    X", "start X") is the planned service written in words the date reader does not know.
    Without the letter's date the first date of the document (its header) is the reference.
    """
    if letter is None:
        first = next((d for d in dates if d.role not in ("dob", "deadline")), None)
        if first is None:
            return False
        letter = first.value
    return any(d.role == "other" and d.value > letter for d in dates)


def written(name: str, layout: Layout) -> bool:
    """Whether a value of field ``name``'s shape is written in its context in the document."""
    finder = SHAPES.get(name)
    return finder is not None and finder(layout)


def written_fields(
    layout: Layout,
    dates: Sequence[DateMention],
    letter: date | None,
    codes: Iterable[CodeHit] = (),
) -> frozenset[str]:
    """Every field whose value's shape is written in its context (dates and codes included).

    Args:
        layout: The document's lines (the one the recognizers read).
        dates: Every date the document mentions, with its role.
        letter: The letter's own date, when known.
        codes: Every code mention, with what the rules decided about it.
    """
    found = {name for name in SHAPES if written(name, layout)}
    reference = letter
    if reference is None:
        # Without the letter's date the document's first date that is no birth date (a memo's
        # or a plan's header) tells a lifetime ago from this year.
        first = next((d for d in dates if d.role != "dob"), None)
        reference = first.value if first is not None else None
    if dob_written(layout, ((d.start, d.value) for d in dates), reference):
        found.add("patient_dob")
    history = [(ln.start, ln.end) for ln in layout.lines if ln.context == "history"]
    if unclaimed_future(layout.text, dates, history) is not None:
        found.add("service_date")
    return frozenset(found) | codes_written(layout, codes)
