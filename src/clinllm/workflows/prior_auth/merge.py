"""Merge → ground → validate → findings → confidence → review decision.

Deterministic candidates and (when a model answered) model candidates are merged field by
field. Rules win a disagreement because every rule value is read at a known place in a known
way; the disagreement lowers the field's confidence, which sends the case to a human. A model
value is used only when it grounds (see :mod:`.grounding`), its codes exist, and no
prompt-injection sentence is its evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from clinllm.codes import icd10cm
from clinllm.codes import npi as npi_codes
from clinllm.codes.table import CodeTable
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.workflows.prior_auth.dates import parse_date
from clinllm.workflows.prior_auth.grounding import (
    support_code,
    support_date,
    support_digits,
    support_phrase,
    support_text,
)
from clinllm.workflows.prior_auth.narrative import BRAND_TO_GENERIC
from clinllm.workflows.prior_auth.parties import clean_name
from clinllm.workflows.prior_auth.recognizers import Span
from clinllm.workflows.prior_auth.rules import Candidates, DateSpan
from clinllm.workflows.prior_auth.schema import (
    REQUIRED_FIELDS,
    Diagnosis,
    Medication,
    MissingField,
    PriorAuthExtraction,
    PriorAuthModelOutput,
    Procedure,
    RequestingProvider,
)

__all__ = ["REVIEW_THRESHOLD", "Merged", "merge"]

#: A present field below this confidence sends the case to review.
REVIEW_THRESHOLD = 0.7

_AGREE, _MODEL_ONLY, _DISAGREE = 0.95, 0.6, 0.5


@dataclass(slots=True, repr=False)
class Merged:
    """The merged, grounded and validated result for one document."""

    extraction: PriorAuthExtraction
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    needs_review: bool = False
    dropped_ungrounded: int = 0
    rejected_codes: int = 0

    def __repr__(self) -> str:
        return (
            f"Merged(findings={len(self.findings)}, needs_review={self.needs_review}, "
            f"dropped_ungrounded={self.dropped_ungrounded})"
        )


class _Acc:
    """Accumulates evidence, confidence and findings while the fields are decided."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.evidence: dict[str, tuple[Evidence, ...]] = {}
        self.confidence: dict[str, float] = {}
        self.findings: list[Finding] = []
        self.dropped = 0
        self.rejected = 0

    def ev(self, start: int, end: int) -> Evidence:
        return Evidence.at(self.text, start, end)

    def put(self, key: str, ev: Evidence, conf: float) -> None:
        self.evidence[key] = (*self.evidence.get(key, ()), ev)
        self.confidence[key] = round(conf, 3)

    def find(
        self,
        code: str,
        severity: str,
        message: str,
        field_: str | None,
        ev: tuple[Evidence, ...] = (),
    ) -> None:
        self.findings.append(
            Finding(code=code, severity=severity, message=message, field=field_, evidence=ev)  # type: ignore[arg-type]
        )


def _scalar(
    acc: _Acc,
    key: str,
    rule: tuple[str, Evidence, float] | None,
    model: tuple[str, Evidence] | None,
    same: bool,
) -> str | None:
    if rule is not None:
        value, ev, conf = rule
        if model is not None:
            conf = max(conf, _AGREE) if same else min(conf, _DISAGREE)
            if not same:
                acc.find(
                    "model_disagrees",
                    "warning",
                    "the model read a different value; rules kept",
                    key,
                )
        acc.put(key, ev, conf)
        return value
    if model is not None:
        acc.put(key, model[1], _MODEL_ONLY)
        return model[0]
    return None


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _model_scalar(
    acc: _Acc, c: Candidates, raw: str | None, kind: str
) -> tuple[str, Evidence] | None:
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    if kind == "npi":
        digits = re.sub(r"\D", "", value)
        ev = support_digits(acc.text, None, digits, c.injections) if len(digits) == 10 else None
        value = digits
    elif kind == "date":
        parsed = parse_date(value)
        value = parsed.isoformat() if parsed else value
        ev = support_date(acc.text, None, value, c.injections)
    elif kind == "name":
        value = clean_name(value)
        ev = support_text(acc.text, None, value, c.injections) if value else None
    else:
        ev = support_text(acc.text, None, value, c.injections)
    if ev is None:
        acc.dropped += 1
        return None
    return value, ev


def _urgency_word(acc: _Acc, c: Candidates) -> Evidence | None:
    """A word asking for speed that the rules did not read as a request (model-only)."""
    for m in re.finditer(r"\b(?:expedit\w*|urgent\w*)\b", acc.text, re.I):
        line_start = acc.text.rfind("\n", 0, m.start()) + 1
        left = acc.text[line_start : m.start()]
        right = acc.text[m.end() : m.end() + 6]
        if re.search(r"\[\s*\]\s*$|non-?$|not\s+$", left, re.I) or re.match(
            r"\s*care", right, re.I
        ):
            continue
        if any(m.start() < i.end and i.start < m.end() for i in c.injections):
            continue
        return acc.ev(m.start(), m.end())
    return None


def _codes(
    acc: _Acc, c: Candidates, model: PriorAuthModelOutput | None, table: CodeTable | None
) -> tuple[list[Procedure], list[Diagnosis]]:
    # The rules read every mention's context. A code they saw and judged not requested
    # (history, prior procedure, example, narrative) is not added on the model's word; the
    # model may only add codes the rules could not read at all.
    judged = {h.code for h in c.codes}
    chosen: dict[str, tuple[str, Evidence, float]] = {}
    order: list[str] = []
    for h in c.procedures + c.diagnoses:
        chosen[h.code] = (h.system, acc.ev(h.start, h.end), 0.85)
        order.append(h.code)
    if model is not None:
        for items, icd in ((model.procedures, False), (model.diagnoses, True)):
            for item in items:
                raw = item.strip().upper()
                if not raw:
                    continue
                system = "ICD-10-CM" if icd else ("CPT" if raw[:1].isdigit() else "HCPCS")
                code = (icd10cm.normalize(raw) if icd else raw) or raw
                ev = support_code(acc.text, None, code, system, c.injections)
                if ev is None:
                    acc.dropped += 1
                    continue
                if code in chosen:
                    s, e, _ = chosen[code]
                    chosen[code] = (s, e, _AGREE)
                elif code not in judged:
                    chosen[code] = (system, ev, _MODEL_ONLY)
                    order.append(code)
    procedures: list[Procedure] = []
    diagnoses: list[Diagnosis] = []
    for code in order:
        system, ev, conf = chosen[code]
        if system == "ICD-10-CM":
            if icd10cm.normalize(code) is None:
                acc.rejected += 1
                acc.find(
                    "code_not_in_code_set",
                    "warning",
                    "ICD-10-CM code does not exist; dropped",
                    "diagnoses",
                    (ev,),
                )
                continue
            key = f"diagnoses[{len(diagnoses)}]"
            if not icd10cm.is_billable(code):
                conf = min(conf, 0.6)
                acc.find(
                    "icd_not_billable",
                    "warning",
                    "ICD-10-CM code is a category, not a billable code",
                    key,
                    (ev,),
                )
            diagnoses.append(Diagnosis(code=code))
        else:
            in_table = (
                table.contains("cpt" if system == "CPT" else "hcpcs", code) if table else None
            )
            if in_table is False:
                acc.rejected += 1
                acc.find(
                    "code_not_in_code_set",
                    "warning",
                    f"{system} code is not in the imported code table; dropped",
                    "procedures",
                    (ev,),
                )
                continue
            key = f"procedures[{len(procedures)}]"
            procedures.append(Procedure(code=code, system=system))  # type: ignore[arg-type]
        acc.put(key, ev, conf)
    return procedures, diagnoses


def merge(
    text: str,
    c: Candidates,
    model: PriorAuthModelOutput | None = None,
    *,
    code_table: CodeTable | None = None,
    review_threshold: float = REVIEW_THRESHOLD,
) -> Merged:
    """Merge candidates, ground every value, validate codes and domain rules, and decide review.

    Args:
        text: The source text the candidates point into.
        c: Deterministic candidates from :func:`~clinllm.workflows.prior_auth.rules.recognize`.
        model: The model's answer, when a model (not the rules provider) answered.
        code_table: The user's imported CPT/HCPCS table, if any.
        review_threshold: Present fields below this confidence send the case to review.
    """
    acc = _Acc(text)
    procedures, diagnoses = _codes(acc, c, model, code_table)

    # Medications.
    meds: list[Medication] = []
    seen_meds: set[str] = set()
    for span in c.medications:
        acc.put(f"medications[{len(meds)}]", acc.ev(span.start, span.end), span.confidence)
        meds.append(Medication(name=span.value))
        seen_meds.add(span.value)
    if model is not None:
        for q in model.medications:
            got = _model_scalar(acc, c, q, "text")
            name = BRAND_TO_GENERIC.get(got[0].lower(), got[0].lower()) if got else None
            if got and name and name not in seen_meds:
                seen_meds.add(name)
                acc.put(f"medications[{len(meds)}]", got[1], _MODEL_ONLY)
                meds.append(Medication(name=name))

    def rule_of(span: Span | DateSpan | None) -> tuple[str, Evidence, float] | None:
        if span is None:
            return None
        value = span.value.isoformat() if isinstance(span, DateSpan) else span.value
        return value, acc.ev(span.start, span.end), span.confidence

    m = model
    payer_m = _model_scalar(acc, c, m.payer, "text") if m else None
    payer = _scalar(
        acc,
        "payer",
        rule_of(c.payer),
        payer_m,
        bool(payer_m and c.payer and _norm(payer_m[0]) == _norm(c.payer.value)),
    )
    member_m = _model_scalar(acc, c, m.member_id, "text") if m else None
    member = _scalar(
        acc,
        "member_id",
        rule_of(c.member_id),
        member_m,
        bool(member_m and c.member_id and _norm(member_m[0]) == _norm(c.member_id.value)),
    )
    name_m = _model_scalar(acc, c, m.provider_name, "name") if m else None
    name = _scalar(
        acc,
        "requesting_provider.name",
        rule_of(c.provider_name),
        name_m,
        bool(name_m and c.provider_name and _norm(name_m[0]) == _norm(c.provider_name.value)),
    )
    npi_m = _model_scalar(acc, c, m.provider_npi, "npi") if m else None
    npi_rule = rule_of(c.provider_npi)
    if npi_rule is None and c.npi_blank:
        npi_m = None  # the form says the NPI was not provided; a model value would be invented
    npi = _scalar(
        acc,
        "requesting_provider.npi",
        npi_rule,
        npi_m,
        bool(npi_m and npi_rule and npi_m[0] == npi_rule[0]),
    )
    sd_m = _model_scalar(acc, c, m.service_date, "date") if m else None
    service = _scalar(
        acc,
        "service_date",
        rule_of(c.service_date),
        sd_m,
        bool(sd_m and c.service_date and sd_m[0] == c.service_date.value.isoformat()),
    )
    dl_m = _model_scalar(acc, c, m.deadline, "date") if m else None
    deadline = _scalar(
        acc,
        "deadline",
        rule_of(c.deadline),
        dl_m,
        bool(dl_m and c.deadline and dl_m[0] == c.deadline.value.isoformat()),
    )

    # Urgency: only words that ask for it count, never an injected sentence.
    urgency = c.urgency
    if c.urgency_span is not None:
        acc.put("urgency", acc.ev(c.urgency_span.start, c.urgency_span.end), 0.9)
    elif m is not None and m.urgency == "expedited":
        ev = _urgency_word(acc, c)
        if ev is not None:
            urgency = "expedited"
            acc.put("urgency", ev, _MODEL_ONLY)
        else:
            acc.dropped += 1
    else:
        acc.confidence["urgency"] = 0.8

    requirements: list[str] = []
    for span in c.requirements:
        acc.put(
            f"payer_requirements[{len(requirements)}]",
            acc.ev(span.start, span.end),
            span.confidence,
        )
        requirements.append(span.value)
    if m is not None:
        have = {_norm(r) for r in requirements}
        for phrase in m.payer_requirements:
            ev = support_phrase(text, phrase, c.injections)
            if ev is None:
                acc.dropped += 1
            elif _norm(phrase) not in have:
                acc.put(f"payer_requirements[{len(requirements)}]", ev, _MODEL_ONLY)
                requirements.append(phrase.strip())

    # Domain findings.
    if npi is not None and not npi_codes.is_valid(npi):
        acc.confidence["requesting_provider.npi"] = 0.3
        acc.find(
            "npi_check_digit",
            "error",
            "NPI fails the check digit (Luhn over 80840 + first nine digits)",
            "requesting_provider.npi",
            acc.evidence.get("requesting_provider.npi", ()),
        )
    letter = c.letter_date.value if c.letter_date else None
    if deadline and letter and date.fromisoformat(deadline) < letter:
        acc.find(
            "deadline_before_letter",
            "error",
            "the deadline is before the date of the document",
            "deadline",
            acc.evidence.get("deadline", ()),
        )
    if service and letter and date.fromisoformat(service) < letter:
        acc.find(
            "service_date_before_letter",
            "warning",
            "the service date is before the date of the document",
            "service_date",
            acc.evidence.get("service_date", ()),
        )
    if service and c.patient_dob:
        dob = parse_date(c.patient_dob.value)
        if dob and dob >= date.fromisoformat(service):
            acc.find(
                "dates_out_of_order",
                "error",
                "the date of birth is not before the service date",
                "service_date",
            )
    for inj in c.injections:
        acc.find(
            "prompt_injection",
            "error",
            "text addressed to an AI system was found and ignored; no field was taken from it",
            None,
            (acc.ev(inj.start, inj.end),),
        )

    present: dict[MissingField, bool] = {
        "patient_name": c.patient_name is not None,
        "patient_dob": c.patient_dob is not None,
        "member_id": member is not None,
        "payer": payer is not None,
        "requesting_provider_name": name is not None,
        "requesting_provider_npi": npi is not None,
        "procedure_code": bool(procedures),
        "diagnosis_code": bool(diagnoses),
        "service_date": service is not None,
        "clinical_justification": c.justification is not None,
    }
    missing = [f for f in REQUIRED_FIELDS if not present[f]]
    for f in missing:
        acc.find(
            "missing_required_field", "warning", f"required field {f} is not in the document", f
        )

    extraction = PriorAuthExtraction(
        procedures=procedures,
        diagnoses=diagnoses,
        medications=meds,
        payer=payer,
        member_id=member,
        requesting_provider=RequestingProvider(
            name=name, npi=npi if npi and re.fullmatch(r"\d{10}", npi) else None
        ),
        service_date=date.fromisoformat(service) if service else None,
        deadline=date.fromisoformat(deadline) if deadline else None,
        urgency="expedited" if urgency == "expedited" else "standard",
        payer_requirements=requirements,
        missing_fields=missing,
    )
    # Per-field confidence for list fields: the weakest item decides.
    for name_ in ("procedures", "diagnoses", "medications", "payer_requirements"):
        items = [v for k, v in acc.confidence.items() if k.startswith(name_ + "[")]
        if items:
            acc.confidence[name_] = min(items)
    low = [k for k, v in acc.confidence.items() if v < review_threshold and "[" not in k]
    low = [k for k in low if not k.startswith("payer_requirements")]
    needs_review = bool(missing or low or any(f.severity == "error" for f in acc.findings))
    return Merged(
        extraction=extraction,
        evidence=acc.evidence,
        findings=acc.findings,
        confidence=acc.confidence,
        needs_review=needs_review,
        dropped_ungrounded=acc.dropped,
        rejected_codes=acc.rejected,
    )
