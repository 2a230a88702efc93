"""Sections of a clinical note: where the assessment, the plan and the medication list are.

Problems "addressed in this encounter" are the ones in the assessment (or the assessment and
plan); a condition named only in the history was not addressed. Medication changes are read
from the plan and the discharge medication list; the current-medication list says what the
regimen was before. Headers are matched by meaning (``A/P``, ``Impression``, ``Final
diagnoses``, ``Discharge medications (NEW)``), at the start of a line, with or without a colon
for a line in capitals.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = ["Kind", "Section", "find_sections"]

#: What a section holds.
Kind = Literal[
    "assessment", "plan", "meds", "discharge_meds", "followup", "history", "data", "other"
]

_KINDS: tuple[tuple[Kind, str], ...] = (
    ("assessment", r"assessment\s*(?:and|&|/)\s*plan|a\s*/\s*p|a&p|impression\s*(?:and|/)\s*plan"),
    (
        "discharge_meds",
        r"discharge\s+(?:medications?|meds|med\s+list|prescriptions)(?:\s*\([^)]*\))?",
    ),
    (
        "followup",
        r"follow[- ]?up|f/u|return\s+visit|disposition|dispo|return|next\s+steps|"
        r"(?:care\s+)?coordination(?:\s+of\s+care)?",
    ),
    (
        "assessment",
        r"assessment|impression|a|dx|diagnos[ie]s|(?:final|principal|primary|secondary|discharge|"
        r"admission|working|ed|clinical)\s+diagnos[ie]s|secondary|problems?\s+addressed|"
        r"mdm\s*/\s*assessment",
    ),
    (
        "plan",
        r"plan|p|recommendations?|treatment|ed\s+treatment(?:\s+and\s+plan)?|"
        r"plan\s*/\s*ed\s+course|discharge\s+plan|instructions|orders|course\s+and\s+plan|"
        r"interventions?|management|medication\s+changes|med\s+changes",
    ),
    (
        "meds",
        r"(?:current|home|outpatient|active|admission)?\s*(?:medications?|meds|rx)"
        r"(?:\s+(?:on|at)\s+admission)?(?:\s*\([^)]*\))?",
    ),
    (
        "history",
        r"hpi|history(?:\s+of\s+present\s+illness)?|pmh|past\s+medical\s+history|interval\s+hx|"
        r"s|subjective|presentation|hospital\s+course|course|summary|cc|chief\s+complaint|"
        r"reason(?:\s+for\s+(?:visit|consultation|referral))?|social\s+history|family\s+history|"
        r"psh|fh|sh|ros|review\s+of\s+systems|mdm|medical\s+decision\s+making|ed\s+course",
    ),
    (
        "data",
        r"exam|physical\s+exam(?:ination)?|vitals?|labs?|o|objective|ecg|ekg|imaging|cxr|"
        r"work-?up|mse|results|data|studies|allergies",
    ),
)

_HEADER = re.compile(
    r"(?m)^[ \t]*(?P<head>[^\W\d_][\w /&()#.-]{0,45}?)[ \t]*"
    r"(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?[ \t]*)?(?::|(?=[ \t]*$))"
)


@dataclass(frozen=True, slots=True)
class Section:
    """A span of the note under one header.

    Attributes:
        kind: What the header says the section holds.
        start: Offset of the first character after the header.
        end: Offset one past the section's last character.
        header_start: Offset of the header itself.
    """

    kind: Kind
    start: int
    end: int
    header_start: int


# Headers an EHR export or a template writes in its own words ("ENCOUNTER DIAGNOSES",
# "MEDICATIONS PRIOR TO VISIT", "PLAN / ORDERS THIS ENCOUNTER") are classified by the word that
# says what they hold, in this order (a "discharge medications" header is a medication list
# before it is a discharge header).
_KEYWORDS: tuple[tuple[Kind, str], ...] = (
    ("discharge_meds", r"\bdischarge\s+(?:med|prescription)"),
    ("followup", r"\bfollow[- ]?up\b|\bappointments?\b"),
    ("assessment", r"\bdiagnos[ie]s\b|\bimpression\b|\bassessment\b|\bproblems?\b"),
    (
        "plan",
        r"\bplan\b|\borders?\b|\brecommendations?\b|\binstructions\b|"
        # "MEDICATION CHANGES THIS VISIT", "Changes to your medicines": decisions, not a list.
        r"\bmed(?:ication)?s?\s+changes?\b|\bchanges?\s+(?:to|in)\s+(?:\w+\s+)?med",
    ),
    ("meds", r"\bmedications?\b|\bmeds\b|\bmed\s+(?:review|rec)\b|\breconciliation\b"),
    ("history", r"\bhistory\b|\breason\b|\bcomplaint\b|\bsubjective\b|\bcourse\b"),
    ("data", r"\bresults?\b|\blabs?\b|\bexam\w*|\bvitals?\b|\bobjective\b|\bimaging\b"),
)


# Headers of notes written in Spanish (accents stripped before matching): the same kinds.
_SPANISH: tuple[tuple[Kind, str], ...] = (
    ("assessment", r"impresion(?:\s+diagnostica)?(?:\s+y\s+plan)?|diagnosticos?(?:\s+\w+)?|"
     r"juicio\s+(?:clinico|diagnostico)|valoracion|analisis"),
    ("meds", r"(?:medicamentos|medicacion|farmacos|tratamiento)\s+(?:actual|actuales|habitual)"),
    ("plan", r"plan(?:\s+de\s+(?:manejo|tratamiento|accion))?|tratamiento|indicaciones|manejo|"
     r"recomendaciones|conducta(?:\s+a\s+seguir)?|ordenes"),
    ("meds", r"medicamentos|medicacion|farmacos"),
    ("followup", r"seguimiento|proxima\s+cita|cita(?:\s+de\s+control)?|control"),
    ("history", r"antecedentes(?:\s+[\w ]+)?|motivo\s+de\s+(?:consulta|ingreso)|"
     r"(?:enfermedad|padecimiento)\s+actual|interrogatorio|anamnesis|subjetivo|"
     r"revision\s+(?:por|de)\s+sistemas|historia(?:\s+clinica)?|evolucion"),
    ("data", r"exploracion(?:\s+fisica)?|examen\s+fisico|signos\s+vitales|laboratorios?|"
     r"alergias|estudios|objetivo|resultados"),
)  # fmt: skip


def _classify(head: str, *, title: bool = False) -> Kind | None:
    clean = re.sub(r"\s+", " ", head.strip().lower()).rstrip(".")
    plain = "".join(c for c in unicodedata.normalize("NFKD", clean) if not unicodedata.combining(c))
    for kind, pattern in _SPANISH:
        if re.fullmatch(pattern, plain):
            return kind
    # OCR reads "l" as "1" and "o" as "0" inside words ("P1an", "Assessrnent").
    clean = re.sub(r"(?<=[a-z])1|1(?=[a-z])", "l", clean)
    clean = re.sub(r"(?<=[a-z])0|0(?=[a-z])", "o", clean).replace("rn", "m")
    for kind, pattern in _KINDS:
        if re.fullmatch(pattern, clean) or re.fullmatch(pattern, clean.replace("m", "rn")):
            return kind
    # The note's first line is its title ("ENDOCRINOLOGY FOLLOW-UP"), not a section.
    if not title and (len(clean.split()) >= 2 or head.isupper()):
        for kind, pattern in _KEYWORDS:
            if re.search(pattern, clean):
                # "Problem list (not addressed today)", "Chronic problems - inactive": a list
                # the header itself says was not worked on in this encounter is history.
                if kind == "assessment" and _NOT_TODAY.search(clean):
                    return "history"
                return kind
    return None


_NOT_TODAY = re.compile(
    r"\bnot\s+(?:addressed|discussed|reviewed|managed)\b|\binactive\b|\bhistorical\b|"
    r"\bresolved\b|\bcarried\s+forward\b|\bcopied\b|\bpast\b|\bprior\b"
)


_BROKEN = re.compile(r"(?:^|\n)[ \t]*(?P<part>[A-Za-z][A-Za-z /&]{0,40}?[A-Za-z])-[ \t]*\n[ \t]*\Z")


# An impression a letter states in a sentence, with no header: "In summary, my impression is
# ...", "I believe the main issues are: ...", "Our working diagnosis is ...".
_INLINE_IMPRESSION = re.compile(
    r"(?:\b(?:my|our)\s+(?:overall\s+|clinical\s+|working\s+)?(?:impression|assessment|"
    r"diagnos[ie]s)|\bI\s+(?:believe|think|feel)\s+(?:that\s+)?(?:the\s+)?(?:main\s+|"
    r"principal\s+|key\s+)?(?:issues?|problems?|diagnos[ie]s))\s+(?:is|are|was|were)"
    r"(?:\s+that)?\s*:?\s*",
    re.I,
)


def _inline_impressions(text: str, sections: list[Section]) -> list[Section]:
    """Sections outside any assessment or plan split where a sentence states the impression.

    The impression runs to the end of its paragraph (a blank line) or of the section.
    """
    out: list[Section] = []
    for sec in sections:
        if sec.kind in ("assessment", "plan"):
            out.append(sec)
            continue
        pos = sec.start
        for m in _INLINE_IMPRESSION.finditer(text, sec.start, sec.end):
            if m.start() < pos:
                continue
            blank = re.compile(r"\n[ \t]*\n").search(text, m.end(), sec.end)
            end = blank.start() if blank else sec.end
            out.append(Section(sec.kind, pos, m.start(), sec.header_start))
            out.append(Section("assessment", m.end(), end, m.start()))
            pos = end
        out.append(Section(sec.kind, pos, sec.end, sec.header_start))
    return [s for s in out if s.end > s.start]


def find_sections(text: str) -> list[Section]:
    """Every recognized section in order; text before the first header is ``other``.

    A header line with no colon counts only when it is in capitals (``ASSESSMENT``), so a
    sentence that happens to start with "Plan" is not taken for a header.
    """
    marks: list[tuple[int, int, Kind]] = []
    for m in _HEADER.finditer(text):
        head, start = m.group("head"), m.start("head")
        has_colon = text[m.end() - 1 : m.end()] == ":"
        if not has_colon and not head.isupper():
            continue
        # A header word broken at the end of a line ("PRINCIPAL DIAGNO-" / "SIS:") is one word.
        broken = _BROKEN.search(text, 0, start)
        if broken is not None:
            head, start = broken.group("part") + head, broken.start("part")
        kind = _classify(head, title=not text[:start].strip())
        if kind is None:
            # A known header followed by more words on a header line ("Discharge medications
            # (all new)") is still that header.
            continue
        marks.append((start, m.end(), kind))
    sections: list[Section] = []
    if not marks or marks[0][0] > 0:
        first = marks[0][0] if marks else len(text)
        sections.append(Section("other", 0, first, 0))
    for i, (hstart, body, kind) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        sections.append(Section(kind, body, end, hstart))
    return _inline_impressions(text, sections)
