"""The request's required fields as slots of the document's layout: filled, blank or absent.

Why: ``missing_fields`` tells the payer's reviewer what the sender left out. Inferring it from
failed extraction ("no member id was read, so it is missing") reports every field the
recognizers cannot read in an unfamiliar layout as missing, and calls a field present when a
recognizer picks up a neighbour's value (a referring physician's NPI under an empty requester
NPI box). A form says directly which fields it has and which it left empty: ``Member ID:``
followed by a value, by nothing, by ``____``, ``see attached`` or ``(illegible)``. This module
reads those slots; the required-field check trusts a slot when there is one and falls back to
the extraction only when the document has no slot for the field (a letter in prose).

A slot is a field label at the start of a line (after a bullet or a check box) or after a
column gap, followed by a separator (``:``, ``=``, ``#:``, a dotted leader, a tab or a run of
spaces) and the value up to the end of the line or the next column gap. A label alone on its
line, with its value on the next line, is read by the form view first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from clinllm.workflows.prior_auth.columns import header_tables
from clinllm.workflows.prior_auth.dates import holds_date
from clinllm.workflows.prior_auth.forms import form_view

__all__ = ["FIELD_LABELS", "Slot", "find_slots", "is_blank"]

#: Field labels (whole label, case-insensitive) by FORMAT.md ``missing_fields`` name.
FIELD_LABELS: Final[dict[str, str]] = {
    "patient_name": (
        r"(?:patient|member|beneficiary|enrollee|insured|subscriber|client)(?:'s)?"
        r"(?:\s+(?:full\s+)?name)?|pt(?:\.|\s+name)?|name(?:\s+of\s+patient)?|patient\s+full\s+name|"
        r"(?:nombre(?:\s+(?:completo\s+)?del?\s+(?:paciente|afiliado|asegurado))?|paciente|"
        r"afiliado|asegurado|beneficiario)"
    ),
    "patient_dob": (
        r"d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|birth\s?date|born|"
        r"fecha\s+de\s+nacimiento|f\.?\s?(?:de\s+)?nac\.?"
    ),
    "payer": (
        r"payer|payor|insurer|insurance(?:\s+(?:carrier|company|plan|name))?|carrier|"
        r"health\s+plan|plan(?:\s+name)?|ins\.?|"
        r"aseguradora|seguro(?:\s+medico)?|plan\s+de\s+salud|compania\s+de\s+seguros"
    ),
    "member_id": (
        r"member\s*(?:id|#|no\.?|number)|subscriber\s*(?:id|#|no\.?|number)|"
        r"(?:insurance|ins\.?|policy|plan|enrollee|beneficiary|medicaid|health\s+plan)\s*"
        r"(?:id|#|no\.?|number)|policy|id\s*(?:#|no\.?|number)?|"
        r"(?:numero|n[o#]\.?|id)\s+de\s+(?:afiliado|miembro|socio|poliza|asegurado)"
    ),
    "requesting_provider_name": (
        r"(?:requesting|ordering|prescribing|treating)\s+"
        r"(?:provider|physician|clinician|doctor|md|practitioner|prescriber)(?:\s+name)?|"
        r"(?:provider|physician|prescriber|clinician)(?:\s+name)?|requested\s+by|ordered\s+by|"
        r"requesting\s+md|ordering\s+md|"
        r"(?:medico|proveedor|doctor)(?:\s+(?:solicitante|tratante|que\s+solicita))?|solicitado\s+por"
    ),
    "requesting_provider_npi": (
        r"(?:(?:requesting|ordering|prescribing|treating)\s+)?"
        r"(?:provider|physician|prescriber|clinician|md)?\s*npi(?:\s*(?:#|no\.?|number))?"
    ),
    "procedure_code": (
        r"cpt(?:\s*/\s*hcpcs)?(?:\s+codes?)?|hcpcs(?:\s*/\s*cpt)?(?:\s+codes?)?|"
        r"procedure\s+codes?(?:\s*\(s\))?|proc(?:edure)?s?|service\s+codes?|codes?\s+requested|"
        r"procedure\s+code\(s\)|cpt\s+code\(s\)|"
        r"codigos?\s+(?:cpt|hcpcs|de(?:l)?\s+procedimiento)|procedimientos?"
    ),
    "diagnosis_code": (
        r"icd-?10(?:-cm)?(?:\s+codes?)?(?:\s*\(s\))?|icd(?:\s+codes?)?|"
        r"diagnos(?:is|es)(?:\s+codes?)?(?:\s*\(s\))?|dx(?:\s+codes?)?|primary\s+diagnosis|"
        r"diagnosticos?|cie-?10|codigos?\s+(?:de\s+)?diagnosticos?"
    ),
    "service_date": (
        r"dates?\s+of\s+service|d\.?o\.?s\.?|service\s+date|requested\s+dos|start\s+date|"
        r"(?:planned|scheduled|anticipated|expected|proposed)\s+(?:service\s+)?date|"
        r"(?:procedure|surgery|delivery)\s+date|"
        r"fecha\s+(?:del?\s+)?(?:servicio|procedimiento|cita)|fecha\s+(?:programada|prevista)"
    ),
    "clinical_justification": (
        r"clinical\s+(?:summary|justification|notes?|rationale|information|history)|"
        r"medical\s+necessity|justification|rationale|reason\s+for\s+(?:the\s+)?request|"
        r"justificacion(?:\s+(?:clinica|medica))?|resumen\s+clinico|necesidad\s+medica"
    ),
}

_FIELD_RE: Final = {
    name: re.compile(rf"(?:{pattern})", re.IGNORECASE) for name, pattern in FIELD_LABELS.items()
}

# A label at the start of a line (after a bullet or a check box) or after a column gap, then a
# separator: a colon, an equals sign, "#:" or a run of two or more spaces/tabs.
_ENTRY = re.compile(
    r"(?P<label>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 /&#'().-]{0,40}?)"
    r"(?P<sep>[ \t]*(?::|=)[ \t]*|[ \t]{2,}|\t+|[ \t]*$)"
)
_LEAD = re.compile(r"^[ \t]*(?:[-*•>]+[ \t]*|\[[ \t]*[xX✓✔]?[ \t]*\][ \t]*|\(?\d{1,2}[.)][ \t]+)?")

#: Words that mean "nothing was written here": an empty value in effect.
_BLANK = re.compile(
    r"^[\s_.\-–—?*x/]*$|"
    r"^[(\[]?\s*(?:illegible|unreadable|not\s+legible|blank|none(?:\s+(?:given|provided|listed))?|"
    r"n/?a|unknown|unk\.?|see\s+attach\w*(?:\s+\w+)?|to\s+follow|pending|tbd|"
    r"not\s+(?:provided|given|available|listed|specified|stated)|missing|left\s+blank|"
    r"will\s+(?:fax|send|follow)(?:\s+\w+)?|to\s+be\s+(?:determined|provided)|"
    r"(?:(?:not|none)\s+)?on\s+file|(?:see\s+)?(?:chart|file)|unable\s+to\s+(?:read|obtain|verify)|cannot\s+(?:be\s+)?read|"
    r"(?:smudged|cut\s+off|obscured|faded|blurred|empty|left\s+empty)|"
    r"ilegible|en\s+blanco|desconocido|pendiente|no\s+(?:disponible|indicado|proporcionado|consta)|"
    r"por\s+(?:determinar|confirmar|definir)|ver\s+adjunto)"
    r"\s*[)\]]?\s*\.?$",
    re.IGNORECASE,
)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# Something a date is written as: 3/7/55, 2026-03-01, 7 Mar 2026, March 7.
_DATE_SHAPE = re.compile(
    rf"\b\d{{1,4}}[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?\b|\b\d{{1,2}}\s+{_MONTH}\s|\b{_MONTH}\s+\d{{1,2}}\b",
    re.IGNORECASE,
)
# Bracketed remarks: "(card copy requested - not yet received)", "[blank]".
_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Phrases that promise the value later or say it is elsewhere.
_LATER = re.compile(
    r"\b(?:see\s+attach\w*(?:\s+(?:notes?|sheet|page|form|records?|documents?))?|"
    r"to\s+follow|under\s+separate\s+cover|not\s+yet\s+(?:received|known|available)|"
    r"pending(?:\s+auth\w*)?|(?:to\s+be|will\s+be)\s+(?:scheduled|determined|provided|sent|faxed)"
    r"(?:\s+after\s+\w+(?:\s+is\s+received)?)?|will\s+(?:schedule|send|fax|follow)\b[^.;]*|"
    r"once\s+approved|after\s+approval|requested\s+from\s+(?:the\s+)?patient|"
    r"unable\s+to\s+(?:read|obtain|verify)|(?:fax\s+)?(?:smudged|cut\s+off|obscured)|"
    r"ver\s+(?:documentos?\s+)?adjuntos?|se\s+enviar[aá]\s+(?:despu[eé]s|luego|m[aá]s\s+tarde)|"
    r"pendiente(?:\s+de\s+\w+)?|por\s+(?:determinar|confirmar|programar))\b",
    re.IGNORECASE,
)
# A requester field is not the one for these parties' lines.
_OTHER_PARTY = re.compile(
    r"\b(referr\w*|pcp|primary\s+care|facility|site|location|supplier|vendor|lab|group|"
    r"rendering|performing|attending|hospital|center|dme)\b",
    re.IGNORECASE,
)
# A field label opening a value: "DOB 3/7/55", "ICD-10: L40.50".
_NEXT_LABEL = re.compile(
    r"(?P<label>[A-Za-z][A-Za-z0-9/#.-]*(?: [A-Za-z][A-Za-z/#.-]*){0,2}?)(?:\s*[:=]|\s+(?=\S))"
)
_REQUESTER = re.compile(r"\b(requesting|ordering|prescrib\w*|treating)\b", re.IGNORECASE)
# A code-shaped token: a value for a code slot must carry one.
# What a plan of care holds and a health plan's name does not: a dotted ICD-10 code, a code word.
_CARE_PLAN = re.compile(r"\b[A-Z]\d[0-9A-Z]\.[0-9A-Z]{1,4}\b|\b(?:dx|icd|cpt|hcpcs|codes?)\b", re.I)
_CODE = re.compile(
    r"\b(?:[0-9OIl]{4}[0-9FTU]|[A-Z][0-9OIl]{4}|[A-Z][0-9][0-9A-Z]\.?[0-9A-Z]{0,4})\b"
)

_CODE_FIELDS: Final = frozenset({"procedure_code", "diagnosis_code"})


@dataclass(frozen=True, slots=True)
class Slot:
    """One field's place in the document: its label and what is written after it.

    Attributes:
        field: The FORMAT.md ``missing_fields`` name.
        label: The label as written (``Member ID``, ``Policy #``).
        start: Offset of the value (or of the end of the label when nothing follows).
        end: Offset after the value.
        filled: A value is written (not a blank, a blank word or, for a code field, words only).
    """

    field: str
    label: str
    start: int
    end: int
    filled: bool

    def __repr__(self) -> str:
        return f"Slot({self.field}, {self.start}-{self.end}, filled={self.filled})"


def is_blank(value: str) -> bool:
    """Whether a written value says nothing was filled in (``____``, ``see attached``, ``??``).

    Remarks in brackets and phrases that promise a value later ("face sheet to follow", "will
    schedule once approved", "see attached notes") are not a value: what is left is read.
    """
    rest = _REMARK.sub(" ", value)
    later = _LATER.sub(" ", rest)
    if later != rest and _DOCUMENT_ONLY.match(later.strip()):
        return True  # "Clinical notes to follow", "see attached office notes": only deferred
    return bool(_BLANK.match(later.strip())) or not re.search(r"[A-Za-z0-9]{2}", later)


# What is left of a deferral once its "to follow" / "see attached" is set aside, when it only
# names the document deferred: "Clinical notes", "office visit notes", "the records".
_DOCUMENT_ONLY = re.compile(
    r"^(?:(?:the|our|all|his|her|their|clinical|office|visit|chart|progress|medical|consult|"
    r"relevant|supporting|recent)\s+)*(?:notes?|records?|documentation|summary|chart|letter)?"
    r"(?:\s*\b(?:separately|later|soon|shortly))?[\s.,;:]*$",
    re.IGNORECASE,
)


def _shaped(name: str, value: str) -> bool:
    """Whether a filled value has the shape of its field (a date has digits, an NPI ten)."""
    if name in ("service_date", "patient_dob"):
        # The date reader's spellings too (``14-Mar-1957``, ``14MAR1957``, ``3 de abril de
        # 1957``): a field holding a date the reader knows is filled, one reading for both.
        return bool(_DATE_SHAPE.search(value)) or holds_date(value)
    if name == "member_id":
        return bool(re.search(r"\d", value))
    if name == "requesting_provider_npi":
        return bool(re.search(r"\d{10}|\d{3}[ -]?\d{3}[ -]?\d{4}", value))
    if name in _CODE_FIELDS:
        return bool(_CODE.search(value))
    if name == "payer":
        # A plan is named in words; "Ins: # SPM-5740-1487" holds the member's id, not a plan.
        words = [w for w in re.split(r"[\s,;/]+", value) if w and not re.search(r"[\d#]", w)]
        return any(re.search(r"[A-Za-z]{2}", w) for w in words)
    return True


def _plain(label: str) -> str:
    """A label folded for matching: no accents, single spaces (``Diagnóstico``: ``Diagnostico``)."""
    folded = unicodedata.normalize("NFKD", label)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", folded.strip().rstrip(":").strip())


def _label_field(label: str) -> str | None:
    """The field a label names by its words alone: whole, without a trailing remark, or the remark.

    ``Procedure (CPT)`` and ``Diagnóstico (CIE-10)`` name their fields whichever part is known.
    """
    plain = _plain(label)
    remark = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", plain)
    tries = [plain] + ([remark.group(1), remark.group(2)] if remark else [])
    for candidate in tries:
        for name, pattern in _FIELD_RE.items():
            if candidate and pattern.fullmatch(candidate):
                return name
    return None


def _field_of(label: str, before: str, previous: str = "") -> str | None:
    """The field a label names, or None.

    A requester label on another party's line is None, and so is a bare ``NPI`` label right
    under another party's line ("Referring: Dr X" / "NPI: ...").
    """
    name = _label_field(label)
    if name is None:
        return None
    if name.startswith("requesting_provider") and _OTHER_PARTY.search(before):
        return None
    under_other = _OTHER_PARTY.search(previous) and not _REQUESTER.search(previous)
    bare_npi = _plain(label).lower().startswith("npi")
    if name == "requesting_provider_npi" and bare_npi and under_other:
        return None
    return name


def _value(line: str, start: int) -> tuple[int, int]:
    """The value after a separator: up to the line's end, the next column gap or the next field.

    ``Pt:   DOB 3/7/55`` is an empty patient field beside a birth date, not a name.
    """
    gap = re.search(r"[ \t]{3,}|\t", line[start:])
    end = start + gap.start() if gap else len(line.rstrip())
    for m in re.finditer(r"(?:^|(?<=\s\s))(?=\S)", line[start:end]):
        nxt = _NEXT_LABEL.match(line, start + m.start())
        if nxt and _field_of(nxt.group("label"), "") is not None:
            end = start + m.start()
            break
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, max(start, end)


def _entries(line: str) -> list[tuple[int, re.Match[str]]]:
    """Label + separator matches on a line, with where each label starts."""
    starts = [_LEAD.match(line).end()]  # type: ignore[union-attr]
    starts += [m.end() for m in re.finditer(r"[ \t]{2,}|\t", line)]
    found = []
    for s in sorted(set(starts)):
        m = _ENTRY.match(line, s)
        if m is not None and m.group("label").strip():
            found.append((s, m))
    return found


def _is_field_line(line: str) -> bool:
    """Whether a line starts with a labelled field (any ``Label:`` or a known field label)."""
    for _s, m in _entries(line)[:1]:
        if ":" in m.group("sep") or "=" in m.group("sep"):
            return True
        if _field_of(m.group("label"), "") is not None and m.end() < len(line.rstrip()):
            return True
    return False


#: Words that name a field only under a section heading ("PATIENT:" / "  Name: ..."): the
#: field each names under a heading of each field.
_SUBFIELDS: Final[dict[str, dict[str, str]]] = {
    "name": {
        "patient_name": "patient_name",
        "member_id": "patient_name",
        "requesting_provider_name": "requesting_provider_name",
        "requesting_provider_npi": "requesting_provider_name",
        "payer": "payer",
    },
    "id": {"patient_name": "member_id", "member_id": "member_id", "payer": "member_id"},
    "date": {"service_date": "service_date", "procedure_code": "service_date"},
    "code": {"procedure_code": "procedure_code", "diagnosis_code": "diagnosis_code"},
    "npi": {"requesting_provider_name": "requesting_provider_npi"},
}
_SUBLABEL = re.compile(
    r"(?P<name>(?:full\s+)?name|nombre)|(?P<id>id|id\s*(?:#|no\.?|number)|#|no\.?|number|numero)|"
    r"(?P<date>dates?|fecha)|(?P<code>codes?|codigos?)|(?P<npi>npi(?:\s*#)?)",
    re.IGNORECASE,
)
#: Section headings that are not a field's own label: the field their sub-fields belong to.
_HEADING = re.compile(
    r"(?P<procedure_code>(?:requested\s+)?(?:services?|procedures?)(?:\s+requested)?|servicio)|"
    r"(?P<diagnosis_code>diagnos[ie]s|diagnostico)",
    re.IGNORECASE,
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _sublabel(label: str) -> str | None:
    m = _SUBLABEL.fullmatch(_plain(label))
    return m.lastgroup if m else None


def _heading_field(label: str, before: str) -> str | None:
    """The field a section heading is about, or ``other`` for another party's section.

    A heading names its own field or a service/diagnosis section; under a referring physician's
    heading, ``Name:`` is nobody's field here.
    """
    if _OTHER_PARTY.search(label) or _OTHER_PARTY.search(before):
        return "other"
    name = _label_field(label)
    if name is not None:
        return name
    m = _HEADING.fullmatch(_plain(label))
    return m.lastgroup if m else None


def _opens_section(line: str, nxt: str, label: str) -> bool:
    """Whether an empty ``Label:`` is a section heading over the field lines after it.

    Why: ``REQUESTING PROVIDER:`` over ``  Name: ...`` / ``  NPI: ...`` is a heading, not a
    provider field left blank; reading it as a blank field reports a filled form as missing.
    A heading's fields are indented under it, or are words that need it to mean anything.
    """
    if not nxt.strip() or not _is_field_line(nxt):
        return False
    first = _entries(nxt)[:1]
    sub = _sublabel(first[0][1].group("label")) if first else None
    return _indent(nxt) > _indent(line) or (sub is not None and sub != "npi")


def find_slots(text: str) -> dict[str, list[Slot]]:
    """Every required field's slots in ``text``, by field name, in document order.

    Offsets are those of ``text`` (the form view keeps every character in place). A label with
    nothing after it is an empty field when the next line is blank or another field; when the
    next line is running text the label is a heading and that line is its value; when the next
    lines are fields indented under it or named only by it (``Name:``, ``ID:``, ``Date:``), it
    is a section heading and those lines are its fields.
    """
    view = form_view(text)
    lines = re.split(r"\n|\f", view)
    bases = []
    offset = 0
    for line in lines:
        bases.append(offset)
        offset += len(line) + 1
    out: dict[str, list[Slot]] = {}
    taken = _grid_slots(text, out)
    section: tuple[str, int] | None = None  # (heading's field, heading's indent)
    for i, line in enumerate(lines):
        if any(a <= bases[i] < b for a, b in taken):
            continue
        previous = lines[i - 1] if i else ""
        if section is not None:
            first = _entries(line)[:1]
            sub = _sublabel(first[0][1].group("label")) if first else None
            if not line.strip() or (_indent(line) <= section[1] and sub is None):
                section = None
        for s, m in _entries(line):
            sep = m.group("sep")
            bare = sep.strip() == "" and m.end() >= len(line.rstrip())
            if bare:
                # A label alone on its line (no colon) is a heading, not an empty field.
                continue
            label = m.group("label")
            sub = _sublabel(label)
            if section is not None and sub is not None and s == _LEAD.match(line).end():  # type: ignore[union-attr]
                name = _SUBFIELDS[sub].get(section[0])
                if name is None and section[0] != "other" and sub != "name":
                    name = _field_of(label, line[:s], previous)
            else:
                name = _field_of(label, line[:s], previous)
            vstart, vend = _value(line, m.end())
            value = line[vstart:vend]
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if not value.strip() and _opens_section(line, nxt, label):
                heading = _heading_field(label, line[:s])
                if heading is not None:
                    section = (heading, _indent(line))
                    break
            if name is None:
                continue
            base = bases[i]
            if not value.strip() and nxt.strip() and not _is_field_line(nxt):
                value, base = nxt.strip(), bases[i + 1]
                vstart = nxt.index(value)
                vend = vstart + len(value)
            _add(out, name, label.strip(), value, base + vstart, base + vend)
    return out


def _add(
    out: dict[str, list[Slot]], name: str, label: str, value: str, start: int, end: int
) -> None:
    """Record a slot: filled when its value is neither blank nor of another field's shape."""
    blank = not value.strip() or is_blank(value)
    if name in _CODE_FIELDS and not blank and not _CODE.search(value):
        # Words without a code ("Diagnosis: sleep apnea") say nothing about the code.
        return
    if name == "payer" and _CARE_PLAN.search(value):
        # "Plan - CPAP device for home use - E0601 - dx G47.33": a plan of care, whose codes
        # are the request's, not a health plan's slot.
        return
    blank = blank or not _shaped(name, value)
    out.setdefault(name, []).append(Slot(name, label, start, end, not blank))


def _grid_slots(text: str, out: dict[str, list[Slot]]) -> list[tuple[int, int]]:
    """Slots of tables whose header row is labels (see ``columns``); the spans they take."""
    lines = re.split(r"\n|\f", text)
    bases = []
    offset = 0
    for line in lines:
        bases.append(offset)
        offset += len(line) + 1
    cells, used = header_tables(lines, bases, lambda cell: _label_field(cell) is not None)
    for cell in cells:
        name = _field_of(cell.label, "")
        if name is not None:
            _add(out, name, cell.label, text[cell.start : cell.end], cell.start, cell.end)
    return [(bases[i], bases[i] + len(lines[i]) + 1) for i in sorted(used)]
