"""The deterministic extractor and the ``rules`` provider function the gateway falls back to.

Every recognizer is run over one document's screened text.

:func:`recognize` returns :class:`Candidates` with offsets (what the merge grounds and
validates); :func:`extract_rules` renders them as the model-facing
:class:`~clinllm.workflows.prior_auth.schema.PriorAuthModelOutput`, so that the rules provider
answers in the same schema as a model and the gateway can fall back to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from clinllm.codes import npi as npi_codes
from clinllm.workflows.prior_auth.dates import DateMention, find_dates, unclaimed_future
from clinllm.workflows.prior_auth.forms import form_view
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.narrative import (
    find_justification,
    find_medications,
    find_requirements,
    find_urgency,
)
from clinllm.workflows.prior_auth.npi_owner import unowned_npi
from clinllm.workflows.prior_auth.parties import (
    REQUESTER_LABELLED,
    clean_name,
    find_patient,
    find_payer,
    rank_providers,
)
from clinllm.workflows.prior_auth.presence import written_fields
from clinllm.workflows.prior_auth.prose import PROSE_CEILING, in_sentence, prose_member_id
from clinllm.workflows.prior_auth.recognizers import CodeHit, Span, find_codes, find_member_id
from clinllm.workflows.prior_auth.schema import PriorAuthModelOutput
from clinllm.workflows.prior_auth.slots import Slot, find_slots

__all__ = ["RULES", "Candidates", "DateSpan", "extract_rules", "recognize"]


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date chosen for a field, with the span of its text."""

    value: date
    start: int
    end: int
    confidence: float

    def __repr__(self) -> str:
        return f"DateSpan(start={self.start}, end={self.end}, confidence={self.confidence})"


@dataclass(slots=True, repr=False)
class Candidates:
    """Everything the recognizers found in one document (offsets into the original text)."""

    codes: list[CodeHit] = field(default_factory=list)
    medications: list[Span] = field(default_factory=list)
    payer: Span | None = None
    member_id: Span | None = None
    provider_name: Span | None = None
    provider_npi: Span | None = None
    npi_blank: bool = False
    provider_settled: bool = True
    provider_others: list[tuple[Span, Span | None, bool]] = field(default_factory=list)
    service_date: DateSpan | None = None
    deadline: DateSpan | None = None
    letter_date: DateSpan | None = None
    urgency: str = "standard"
    urgency_span: Span | None = None
    requirements: list[Span] = field(default_factory=list)
    patient_name: Span | None = None
    patient_dob: Span | None = None
    justification: Span | None = None
    dates: list[DateMention] = field(default_factory=list)
    slots: dict[str, list[Slot]] = field(default_factory=dict)
    written: frozenset[str] = frozenset()

    def __repr__(self) -> str:
        return f"Candidates(codes={len(self.codes)}, dates={len(self.dates)})"

    @property
    def procedures(self) -> list[CodeHit]:
        """Requested CPT/HCPCS codes, first mention of each, in document order."""
        return _first_requested(self.codes, ("CPT", "HCPCS"))

    @property
    def diagnoses(self) -> list[CodeHit]:
        """Requested ICD-10-CM codes, first mention of each, in document order."""
        return _first_requested(self.codes, ("ICD-10-CM",))


def _first_requested(codes: list[CodeHit], systems: tuple[str, ...]) -> list[CodeHit]:
    seen: set[str] = set()
    out: list[CodeHit] = []
    for hit in codes:
        if hit.system in systems and hit.requested and hit.code not in seen:
            seen.add(hit.code)
            out.append(hit)
    return out


def _pick(dates: list[DateMention], role: str) -> DateMention | None:
    chosen = [d for d in dates if d.role == role]
    if not chosen:
        return None
    chosen.sort(key=lambda d: (not d.labelled, d.start))
    return chosen[0]


def _date_span(d: DateMention | None, confidence: float) -> DateSpan | None:
    if d is None:
        return None
    return DateSpan(d.value, d.start, d.end, confidence if d.labelled else confidence - 0.15)


def _dated_entries(
    codes: list[CodeHit], dates: list[DateMention], layout: Layout, reference: date
) -> list[CodeHit]:
    """Codes on a dated log entry ("Completed 15 Dec 2025: CT head [70450]") are history.

    A date before the code on its own line, earlier than the letter (or the planned service)
    and not itself a field's date (service, deadline, birth), marks the line as an account of
    something done. A code in a request or diagnosis field is left alone, and so is one in a
    later sentence than the date (a fax flattened to one line starts with its own date).
    """
    out: list[CodeHit] = []
    for hit in codes:
        line = layout.line_at(hit.start)
        label = line.label_before(hit.start)
        in_field = label is not None and label.kind in ("request", "diagnosis")
        past = any(
            line.start <= d.start < hit.start
            and d.role == "other"
            and d.value < reference
            and not re.search(r"[.;!?]\s", layout.text[d.end : hit.start])
            for d in dates
        )
        if hit.requested and past and not in_field:
            hit = CodeHit(hit.code, hit.system, hit.start, hit.end, False, True, True)
        out.append(hit)
    return out


#: Fields whose slot holds an identifier or a date: a code-shaped number there is not a code.
_NOT_CODE_FIELDS = ("member_id", "requesting_provider_npi", "patient_dob", "service_date", "payer")


def _slot_roles(codes: list[CodeHit], slots: dict[str, list[Slot]]) -> list[CodeHit]:
    """A code in a filled code field is requested; a code-shaped number in an id field is none.

    Why: the form's own field says what its value is. ``CPT/HCPCS = 74177`` or an aligned
    ``CPT/HCPCS      74177`` is the request however the recognizers read the line, and
    ``KH 64865 4759`` in a member-id field is a member id, not CPT 64865.
    """
    spans = [
        (s.start, s.end, s.field in ("procedure_code", "diagnosis_code"))
        for name in (*_NOT_CODE_FIELDS, "procedure_code", "diagnosis_code")
        for s in slots.get(name, ())
        if s.filled
    ]
    out: list[CodeHit] = []
    for hit in codes:
        inside = [code for start, end, code in spans if start <= hit.start and hit.end <= end]
        if inside and inside[0]:
            hit = CodeHit(hit.code, hit.system, hit.start, hit.end, True, False, True)
        elif inside:
            hit = CodeHit(hit.code, hit.system, hit.start, hit.end, False, False, True)
        out.append(hit)
    return out


def recognize(text: str) -> Candidates:
    """Run every recognizer over ``text`` (the screened text: flagged spans are blanked).

    The pipeline's screen stage blanks injected instructions instead of deleting them, so the
    offsets here are those of the original text and every span points at the right characters.
    """
    clean = form_view(text)
    layout = Layout(clean)
    cands = Candidates()
    cands.dates = find_dates(clean)
    letter = _pick(cands.dates, "letter")
    cands.letter_date = _date_span(letter, 0.8)
    codes = find_codes(clean, layout)
    service = _pick(cands.dates, "service")
    guessed = None
    if service is None:
        # A date inside a request block with no role cue ("- 390 units - date 03/18/2026").
        for d in cands.dates:
            if d.role == "other" and layout.line_at(d.start).context == "request":
                service = d
                break
        first = next((ln for ln in layout.lines if not ln.blank), None)
        if service is not None and first is not None and first.start <= service.start < first.end:
            # On the document's first line it may be the memo's own date: a guess, reviewed.
            guessed = service
    if service is None:
        history = [(ln.start, ln.end) for ln in layout.lines if ln.context == "history"]
        guessed = unclaimed_future(clean, cands.dates, history)
    # A code followed directly by a date before the letter (or the planned service) is a past
    # procedure: "home sleep apnea test (95806) 02/06/2026".
    reference = letter or service
    if reference is not None:
        by_start = {d.start: d for d in cands.dates}
        for i, hit in enumerate(codes):
            m = re.match(r"\)?,?\s*(?:on\s+)?", clean[hit.end : hit.end + 6])
            after = hit.end + (m.end() if m else 0)
            following = by_start.get(after)
            if hit.requested and following is not None and following.value < reference.value:
                codes[i] = CodeHit(hit.code, hit.system, hit.start, hit.end, False, True, True)
    if reference is not None:
        codes = _dated_entries(codes, cands.dates, layout, reference.value)
    cands.slots = find_slots(text)
    cands.codes = _slot_roles(codes, cands.slots)
    cands.medications = find_medications(clean, layout, codes)
    payers = find_payer(clean)
    cands.payer = payers[0] if payers else None
    ids = find_member_id(clean)
    cands.member_id = ids[0] if ids else None
    ranked = rank_providers(clean, layout)
    providers = [(name, n, blank) for _, name, n, blank in ranked]
    if providers:
        name, npi_span, blank = providers[0]
        # Settled when a label names the requester, or when every candidate is one person.
        cands.provider_settled = ranked[0][0] >= REQUESTER_LABELLED or (
            len({clean_name(p[0].value) for p in providers if p[0].value}) <= 1
        )
        cands.provider_others = [p for p in providers[1:] if p[0].value != name.value]
        if npi_span is None and not blank:
            # The same person named elsewhere with an NPI (a signature under the letter).
            for other, other_npi, _ in providers[1:]:
                if other.value == name.value and other_npi is not None:
                    npi_span = other_npi
                    break
        # An empty name: the provider field is there but unreadable (its NPI still counts).
        cands.provider_name = name if name.value else None
        cands.provider_npi, cands.npi_blank = npi_span, blank
    if cands.provider_npi is None and not cands.npi_blank:
        # No NPI beside the requester's name: the packet's one NPI no other party owns.
        cands.provider_npi = unowned_npi(layout)
    cands.service_date = _date_span(service, 0.85)
    if guessed is not None:
        # The service by elimination, or a first-line date: a guess, never auto-accepted.
        cands.service_date = DateSpan(guessed.value, guessed.start, guessed.end, PROSE_CEILING)
    cands.deadline = _date_span(_pick(cands.dates, "deadline"), 0.85)
    urgency = find_urgency(clean)
    cands.urgency, cands.urgency_span = urgency.value, urgency.span
    cands.requirements = find_requirements(
        clean, layout, [cands.payer.value] if cands.payer else []
    )
    cands.patient_name, cands.patient_dob = find_patient(clean)
    if cands.patient_dob is None:
        # A birth date in a format the patient reader does not know ("dob: 12-05-1958").
        born = _pick(cands.dates, "dob")
        if born is not None:
            cands.patient_dob = Span(clean[born.start : born.end], born.start, born.end, 0.8)
    cands.justification = find_justification(clean, layout)
    labelled = bool(ranked) and ranked[0][0] >= REQUESTER_LABELLED
    _read_slots(cands, text, requester_labelled=labelled)
    if cands.member_id is None:
        cands.member_id = prose_member_id(clean)
    _hold_prose(cands, clean)
    cands.written = written_fields(
        layout, cands.dates, letter.value if letter else None, cands.codes
    )
    return cands


def _hold_prose(c: Candidates, text: str) -> None:
    """Hold every scalar value read from running text below the review threshold.

    Why: a sentence's grammar, not a form's label, says what such a value is, and a reader of
    sentences guesses; a guessed value must reach a person, never a claim unreviewed (issue
    16: >= 0.98 precision on auto-accepted fields). The model's answer to the field's
    question can still confirm it (``merge``).
    """
    for name in ("member_id", "payer", "provider_name", "provider_npi"):
        span = getattr(c, name)
        if span is not None and in_sentence(text, span.start):
            setattr(
                c, name, Span(span.value, span.start, span.end, min(span.confidence, PROSE_CEILING))
            )
    if c.service_date is not None and in_sentence(text, c.service_date.start):
        d = c.service_date
        c.service_date = DateSpan(d.value, d.start, d.end, min(d.confidence, PROSE_CEILING))


#: Confidence of a value read only from its slot: below the review threshold, a person confirms it.
_SLOT_CONFIDENCE = 0.65
_ORG_WORDS = re.compile(
    r"\b(clinic|center|centre|hospital|group|health|associates|llc|inc|medical|practice|"
    r"office|department|dept|services|network|partners)\b",
    re.IGNORECASE,
)


#: Member-id labels that may name another number (a payer's policy, a plan's id) are read for
#: presence only, never for the value.
_AMBIGUOUS_ID = re.compile(r"^(?:policy|plan|health plan)\b", re.IGNORECASE)


def _slot_value(c: Candidates, text: str, name: str) -> tuple[str, int, int] | None:
    filled = [
        s
        for s in c.slots.get(name, ())
        if s.filled and not (name == "member_id" and _AMBIGUOUS_ID.match(s.label))
    ]
    if not filled:
        return None
    slot = filled[0]
    return text[slot.start : slot.end], slot.start, slot.end


def _read_slots(c: Candidates, text: str, *, requester_labelled: bool) -> None:
    """Values the recognizers missed, read from their fields' slots.

    Why: an unfamiliar layout (``Member ID = X``, an aligned two-column sheet) hides a field
    from the recognizers, though the form says plainly which value is the field's. A slot
    fills only what no recognizer read, except the requesting clinician: a slot labelled for
    the requester beats a guess (a primary care physician's line, a signature) that no
    requester label supports.
    """
    member = _slot_value(c, text, "member_id")
    if c.member_id is None and member is not None:
        value, start, end = member
        if len(value) <= 30 and re.fullmatch(
            r"[A-Za-z0-9][A-Za-z0-9 -]*[0-9][A-Za-z0-9 -]*", value
        ):
            c.member_id = Span(value, start, end, _SLOT_CONFIDENCE)
    payer = _slot_value(c, text, "payer")
    if c.payer is None and payer is not None:
        value, start, end = payer
        if len(value) <= 60 and re.fullmatch(r"[A-Za-z][A-Za-z&'.,\- ]+", value):
            c.payer = Span(value, start, end, _SLOT_CONFIDENCE)
    # The requester's NPI slot (a table cell, a form field no provider reader paired with a
    # name): a check-digit-valid number there is the requester's; another party's NPI label
    # never makes a requester slot (``slots._field_of``).
    slot_npi = _slot_value(c, text, "requesting_provider_npi")
    if c.provider_npi is None and not c.npi_blank and slot_npi is not None:
        ten = re.fullmatch(r"\s*(\d{10})\s*", slot_npi[0])
        if ten is not None and npi_codes.is_valid(ten.group(1)):
            at = slot_npi[1] + ten.start(1)
            c.provider_npi = Span(ten.group(1), at, at + 10, _SLOT_CONFIDENCE)
    person = _slot_value(c, text, "requesting_provider_name")
    if person is None or requester_labelled:
        return
    value, start, end = person
    name = clean_name(value)
    if not re.fullmatch(r"[A-Z][A-Za-z'.-]+(?: [A-Z][A-Za-z'.-]*){1,3}", name) or _ORG_WORDS.search(
        name
    ):
        return
    if c.provider_name is not None and clean_name(c.provider_name.value) == name:
        return
    c.provider_name = Span(name, start, end, _SLOT_CONFIDENCE)
    c.provider_settled = True
    npi = _slot_value(c, text, "requesting_provider_npi")
    digits = re.search(r"\b\d{10}\b", npi[0]) if npi is not None else None
    if npi is not None and digits is not None:
        c.provider_npi = Span(digits.group(0), npi[1] + digits.start(), npi[1] + digits.end(),
                              _SLOT_CONFIDENCE)  # fmt: skip
    else:
        same = [n for other, n, _ in c.provider_others if clean_name(other.value) == name]
        c.provider_npi = same[0] if same else None


def extract_rules(text: str) -> PriorAuthModelOutput:
    """The ``rules`` provider for prior auth: deterministic candidates in the model schema.

    Registered with the gateway as ``RULES``; it is the last fallback and needs no model. The
    runner hands it the screened text, the same the recognizers read.
    """
    c = recognize(text)

    def value(span: Span | None, cap: int) -> str | None:
        return span.value[:cap] if span else None

    def iso(span: DateSpan | None) -> str | None:
        return span.value.isoformat() if span else None

    return PriorAuthModelOutput(
        procedures=[h.code for h in c.procedures[:8]],
        diagnoses=[h.code for h in c.diagnoses[:8]],
        medications=[m.value[:60] for m in c.medications[:5]],
        payer=value(c.payer, 100),
        member_id=value(c.member_id, 40),
        provider_name=value(c.provider_name, 80),
        provider_npi=value(c.provider_npi, 10),
        service_date=iso(c.service_date),
        deadline=iso(c.deadline),
        urgency="expedited" if c.urgency == "expedited" else "standard",
        payer_requirements=[r.value[:160] for r in c.requirements[:8]],
    )


#: The rules this workflow registers with the gateway's ``rules`` provider.
RULES: dict[type[BaseModel], Callable[[str], BaseModel]] = {PriorAuthModelOutput: extract_rules}
