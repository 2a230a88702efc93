"""Merge the recognizers' candidates with the model's grounded answer, field by field.

Rules win a disagreement because every rule value is read at a known place in a known way; the
disagreement lowers the field's confidence, which sends the case to a human. A model value is
used only when it grounds (the pipeline's :class:`~clinllm.pipeline.ground.Grounder`: it sits in
the document, outside any flagged injection span); one that does not is dropped and counted.
Code-set checks, domain rules, missing fields, confidence and the review decision are the
pipeline's later stages (see :mod:`.checks` for this workflow's rules).
"""

from __future__ import annotations

import re
from datetime import date

from clinllm.codes import icd10cm
from clinllm.domain.dates import parse_date
from clinllm.domain.evidence import Evidence
from clinllm.pipeline.ground import CodeSystemName, Grounder
from clinllm.pipeline.spec import Draft, MergeInput
from clinllm.workflows.prior_auth.narrative import BRAND_TO_GENERIC
from clinllm.workflows.prior_auth.parties import clean_name
from clinllm.workflows.prior_auth.questions import code_key, member_key, provider_key, service_key
from clinllm.workflows.prior_auth.recognizers import Span
from clinllm.workflows.prior_auth.rules import Candidates, DateSpan
from clinllm.workflows.prior_auth.schema import (
    Diagnosis,
    Medication,
    PriorAuthExtraction,
    PriorAuthModelOutput,
    Procedure,
    RequestingProvider,
)

__all__ = ["merge"]

#: Confidence when rules and model agree, when only the model read a value, when they disagree.
_AGREE, _MODEL_ONLY, _DISAGREE = 0.95, 0.6, 0.5
#: What a value read by this workflow's recognizers is tagged with.
_RULE = "rule:prior_auth"
#: A narrative guess of the rules the model confirmed; one it did not answer (review); a guess
#: the model disputed (review: the rules' value is kept and a person decides).
_CONFIRMED, _GUESS, _DISPUTED = 0.85, 0.65, 0.6


_Input = MergeInput[Candidates, PriorAuthModelOutput]


def _disputed(draft: Draft[PriorAuthExtraction], what: str, key: str | None) -> None:
    """The model answered against the rules' guess: the value stays, a person decides."""
    draft.find("model_disputes", "warning", f"the model disputes the rules' reading of {what}", key)


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def _brands(generic: str) -> list[str]:
    return [b for b, g in BRAND_TO_GENERIC.items() if g == generic.lower()]


def _scalar(
    draft: Draft[PriorAuthExtraction],
    key: str,
    rule: tuple[str, Evidence, float] | None,
    model: tuple[str, Evidence] | None,
    same: bool,
    provider: str | None,
) -> str | None:
    if rule is not None:
        value, ev, conf = rule
        if model is not None:
            conf = max(conf, _AGREE) if same else min(conf, _DISAGREE)
            if not same:
                draft.find(
                    "model_disagrees",
                    "warning",
                    "the model read a different value; rules kept",
                    key,
                )
        draft.put(key, ev, conf, _RULE)
        return value
    if model is not None:
        draft.put(key, model[1], _MODEL_ONLY, provider)
        return model[0]
    return None


def _model_scalar(ground: Grounder, raw: str | None, kind: str) -> tuple[str, Evidence] | None:
    """A model value with its evidence, or None (and a drop) when the document lacks it."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip()
    ev: Evidence | None
    if kind == "npi":
        digits = re.sub(r"\D", "", value)
        ev = ground.digits(digits) if len(digits) == 10 else None
        value = digits
    elif kind == "date":
        parsed = parse_date(value)
        value = parsed.isoformat() if parsed else value
        ev = ground.date(value)
    elif kind == "name":
        value = clean_name(value)
        ev = ground.value(value, synonyms=_brands(value)) if value else None
    else:
        ev = ground.value(value, synonyms=_brands(value))
    if ev is None:
        ground.drop()
        return None
    return value, ev


def _urgency_word(ground: Grounder) -> Evidence | None:
    """A word asking for speed that the rules did not read as a request (model-only)."""
    text = ground.text
    for m in re.finditer(r"\b(?:expedit\w*|urgent\w*)\b", text, re.I):
        line_start = text.rfind("\n", 0, m.start()) + 1
        left = text[line_start : m.start()]
        right = text[m.end() : m.end() + 6]
        if re.search(r"\[\s*\]\s*$|non-?$|not\s+$", left, re.I) or re.match(
            r"\s*care", right, re.I
        ):
            continue
        if ground.overlaps(m.start(), m.end()):
            continue
        return ground.span(m.start(), m.end())
    return None


def _codes(
    draft: Draft[PriorAuthExtraction], inp: _Input
) -> tuple[list[Procedure], list[Diagnosis]]:
    """Requested codes: the rules' first, then codes only the model read (grounded)."""
    c, model, ground = inp.candidates, inp.answer.output, inp.ground
    # The rules read every mention's context. A code they saw and judged not requested
    # (history, prior procedure, example, narrative) is not added on the model's word; the
    # model may only add codes the rules could not read at all.
    judged = {h.code for h in c.codes}
    settled = {h.code for h in c.codes if h.settled}
    chosen: dict[str, tuple[CodeSystemName, Evidence, float, str | None]] = {}
    order: list[str] = []
    for h in c.procedures + c.diagnoses:
        conf = 0.85
        if h.code not in settled:
            # Read from a narrative sentence's words only: the model's answer decides; without
            # one the code stays, below the review threshold.
            said = inp.answers.get(code_key(h.code))
            # A refuted guess is kept for a person: refutations removed true codes (s26).
            conf = {"requested": _CONFIRMED, "not_requested": _DISPUTED}.get(said or "", _GUESS)
        chosen[h.code] = (h.system, ground.span(h.start, h.end), conf, _RULE)
        order.append(h.code)
    if model is not None:
        for items, icd in ((model.procedures, False), (model.diagnoses, True)):
            for item in items:
                raw = item.strip().upper()
                if not raw:
                    continue
                system: CodeSystemName = (
                    "ICD-10-CM" if icd else ("CPT" if raw[:1].isdigit() else "HCPCS")
                )
                code = (icd10cm.normalize(raw) if icd else raw) or raw
                ev = ground.code(code, system)
                if ev is None:
                    ground.drop()
                    continue
                if code in chosen:
                    s, e, _, source = chosen[code]
                    chosen[code] = (s, e, _AGREE, source)
                elif code not in judged:
                    chosen[code] = (system, ev, _MODEL_ONLY, inp.answer.provider)
                    order.append(code)
    procedures: list[Procedure] = []
    diagnoses: list[Diagnosis] = []
    for code in order:
        system, ev, conf, source = chosen[code]
        if system == "ICD-10-CM":
            key = f"diagnoses[{len(diagnoses)}]"
            diagnoses.append(Diagnosis(code=code))
        else:
            key = f"procedures[{len(procedures)}]"
            procedures.append(Procedure(code=code, system=system))
        draft.put(key, ev, conf, source)
        if code not in settled and inp.answers.get(code_key(code)) == "not_requested":
            _disputed(draft, "a code's role", key)
    return procedures, diagnoses


def _medications(draft: Draft[PriorAuthExtraction], inp: _Input) -> list[Medication]:
    meds: list[Medication] = []
    seen: set[str] = set()
    for span in inp.candidates.medications:
        draft.put(
            f"medications[{len(meds)}]", inp.ground.span(span.start, span.end), span.confidence,
            _RULE,
        )  # fmt: skip
        meds.append(Medication(name=span.value))
        seen.add(span.value)
    if inp.answer.output is not None:
        for q in inp.answer.output.medications:
            got = _model_scalar(inp.ground, q, "text")
            name = BRAND_TO_GENERIC.get(got[0].lower(), got[0].lower()) if got else None
            if got and name and name not in seen:
                seen.add(name)
                draft.put(f"medications[{len(meds)}]", got[1], _MODEL_ONLY, inp.answer.provider)
                meds.append(Medication(name=name))
    return meds


def _requirements(draft: Draft[PriorAuthExtraction], inp: _Input) -> list[str]:
    requirements: list[str] = []
    for span in inp.candidates.requirements:
        draft.put(
            f"payer_requirements[{len(requirements)}]",
            inp.ground.span(span.start, span.end),
            span.confidence,
            _RULE,
        )
        requirements.append(span.value)
    if inp.answer.output is not None:
        have = {_norm(r) for r in requirements}
        for phrase in inp.answer.output.payer_requirements:
            ev = inp.ground.phrase(phrase)
            if ev is None:
                inp.ground.drop()
            elif _norm(phrase) not in have:
                draft.put(
                    f"payer_requirements[{len(requirements)}]", ev, _MODEL_ONLY,
                    inp.answer.provider,
                )  # fmt: skip
                requirements.append(phrase.strip())
    return requirements


def merge(inp: _Input) -> Draft[PriorAuthExtraction]:
    """Candidates + the model's answer -> the extraction, its evidence and confidence.

    Args:
        inp: The source, the recognizers' candidates, the model's answer (None when no model
            answered or the rules provider did), and the grounder.
    """
    draft: Draft[PriorAuthExtraction] = Draft(PriorAuthExtraction())
    c, m, ground, provider = inp.candidates, inp.answer.output, inp.ground, inp.answer.provider
    procedures, diagnoses = _codes(draft, inp)
    meds = _medications(draft, inp)

    def rule_of(span: Span | DateSpan | None) -> tuple[str, Evidence, float] | None:
        if span is None:
            return None
        value = span.value.isoformat() if isinstance(span, DateSpan) else span.value
        return value, ground.span(span.start, span.end), span.confidence

    def field(key: str, rule: Span | DateSpan | None, raw: str | None, kind: str) -> str | None:
        found = _model_scalar(ground, raw, kind) if m is not None else None
        ruled = rule_of(rule)
        if key == "requesting_provider.npi" and ruled is None and c.npi_blank:
            found = None  # the form says the NPI was not provided; a model value is invented
        if kind == "date" or kind == "npi":
            same = bool(found and ruled and found[0] == ruled[0])
        else:
            same = bool(found and ruled and _norm(found[0]) == _norm(ruled[0]))
        return _scalar(draft, key, ruled, found, same, provider)

    payer = field("payer", c.payer, m.payer if m else None, "text")
    member = field("member_id", c.member_id, m.member_id if m else None, "text")
    provider_name = c.provider_name
    said = inp.answers.get(provider_key())
    name = field("requesting_provider.name", provider_name, m.provider_name if m else None, "name")
    npi = field("requesting_provider.npi", c.provider_npi, m.provider_npi if m else None, "npi")
    if not c.provider_settled and provider_name is not None:
        for key in ("requesting_provider.name", "requesting_provider.npi"):
            if key in draft.confidence:
                level = {"yes": _CONFIRMED, "no": _DISPUTED}.get(said or "", _GUESS)
                draft.confidence[key] = min(draft.confidence[key], level)
        if said == "no":
            _disputed(draft, "the requesting provider", "requesting_provider.name")
    service = field("service_date", c.service_date, m.service_date if m else None, "date")
    # A role answer moves the rules' value into or out of review; it never removes or replaces
    # it (on open data the model called four true service dates "other", s26).
    for key, ask, yes in (
        ("member_id", member_key(), "yes"),
        ("service_date", service_key(), "service"),
    ):
        said_role = inp.answers.get(ask)
        if said_role is None or key not in draft.confidence:
            continue
        if said_role == yes:
            draft.confidence[key] = max(draft.confidence[key], _CONFIRMED)
        else:
            draft.confidence[key] = min(draft.confidence[key], _DISPUTED)
            _disputed(draft, key.replace("_", " "), key)
    deadline = field("deadline", c.deadline, m.deadline if m else None, "date")

    # Urgency: only words that ask for it count, never an injected sentence.
    urgency = c.urgency
    if c.urgency_span is not None:
        span = c.urgency_span
        draft.put("urgency", ground.span(span.start, span.end), span.confidence, _RULE)
    elif m is not None and m.urgency == "expedited":
        ev = _urgency_word(ground)
        if ev is not None:
            urgency = "expedited"
            draft.put("urgency", ev, _MODEL_ONLY, provider)
        else:
            ground.drop()
    else:
        draft.confidence["urgency"] = 0.8

    draft.output = PriorAuthExtraction(
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
        payer_requirements=_requirements(draft, inp),
    )
    return draft
