"""Merge → ground → validate → findings → confidence, for one note.

Deterministic candidates come first: every one was read at a known place in a known way. A
model value is used only when it grounds in the note, is not inside a negated, uncertain,
family or hypothetical scope, sits where a decision is written (assessment, plan, discharge
list), and — for a code — exists in ICD-10-CM, is billable (or a billable child is supported by
the same words) and is supported by its phrase. A disagreement keeps the rules' value and lowers
its confidence, which sends the note to a human. The coding conventions run again over the
merged list, so a model-found problem still gets its combination code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from clinllm.codes import icd10cm
from clinllm.codes.drugs import generic_of
from clinllm.codes.icd10cm_index import index, tokenize
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding, Severity
from clinllm.pipeline.ground import Grounder
from clinllm.workflows.note_summary.coding import apply_conventions
from clinllm.workflows.note_summary.followup import Phrase
from clinllm.workflows.note_summary.lexicon import expand
from clinllm.workflows.note_summary.medications import MedicationCandidate
from clinllm.workflows.note_summary.problems import CodedProblem, code_span
from clinllm.workflows.note_summary.questions import Settled
from clinllm.workflows.note_summary.rules import Candidates
from clinllm.workflows.note_summary.schema import (
    FollowUp,
    MedicationChange,
    NoteSummary,
    NoteSummaryModelOutput,
    Problem,
)

__all__ = ["REVIEW_THRESHOLD", "Merged", "merge", "refuted_code"]

#: An item below this confidence sends the note to review.
REVIEW_THRESHOLD = 0.7
_AGREE, _MODEL_ONLY, _DISAGREE = 0.95, 0.6, 0.6
_DECISIVE = ("assessment", "plan", "discharge_meds", "followup")


@dataclass(slots=True, repr=False)
class Merged:
    """The merged, grounded and validated summary of one note."""

    summary: NoteSummary
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    confidence: dict[str, float] = field(default_factory=dict)
    model_fields: set[str] = field(default_factory=set)
    dropped_ungrounded: int = 0
    rejected_codes: int = 0
    rejected_context: int = 0
    negated_codes: dict[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"Merged(problems={len(self.summary.problems)}, findings={len(self.findings)}, "
            f"dropped_ungrounded={self.dropped_ungrounded})"
        )


class _Acc:
    def __init__(self, text: str, c: Candidates) -> None:
        self.text = text
        self.c = c
        self.findings: list[Finding] = []
        self.dropped = 0
        self.rejected = 0
        self.context = 0

    def ev(self, start: int, end: int) -> Evidence:
        return Evidence.at(self.text, start, end)

    def find(self, code: str, severity: Severity, message: str, field_: str | None) -> None:
        self.findings.append(Finding(code=code, severity=severity, message=message, field=field_))

    def decisive(self, start: int) -> bool:
        sections = self.c.sections
        if not any(s.kind in _DECISIVE for s in sections):
            return True
        return any(s.kind in _DECISIVE and s.start <= start < s.end for s in sections)

    def in_scope(self, start: int, end: int) -> bool:
        """Whether the span's opening words are asserted (not negated, possible, ...)."""
        first = re.search(r"[A-Za-z]\w*", self.text[start:end])
        if first is None:
            return False
        ws, we = start + first.start(), start + first.end()
        ctx = self.c.context
        return not ctx.is_trigger(ws, we) and not ctx.categories_at(ws, we)


def _prefix_test(prefix: str, *, exact: bool = False) -> Callable[[str], bool]:
    def test(code: str) -> bool:
        bare = code.replace(".", "")
        return bare == prefix if exact else bare.startswith(prefix)

    return test


def _model_problem(acc: _Acc, phrase: str, raw_code: str) -> CodedProblem | None:
    spots = Grounder(acc.text).locate(phrase)
    if not spots:
        acc.dropped += 1
        return None
    s, e = spots[0]
    if not acc.in_scope(s, e) or not acc.decisive(s):
        acc.context += 1
        return None
    ctx = acc.c.context
    code = icd10cm.normalize(raw_code.strip().upper())
    if code is not None and not icd10cm.is_billable(code):
        # A category: the most specific child the same words support, else nothing.
        prefix = code.replace(".", "")
        children = code_span(
            acc.text,
            s,
            e,
            ctx,
            min_score=0.5,
            within=_prefix_test(prefix),
        )
        code = children[0][0] if children else None
        if code is None:
            acc.find("icd_not_billable", "warning", "model code is a category; dropped", "problems")
    if code is not None:
        words = tokenize(expand(acc.text[s:e]))
        fit = index().search(words, within=_prefix_test(code.replace(".", ""), exact=True), limit=1)
        if fit and fit[0].score >= 0.5:
            return CodedProblem(code, s, e, fit[0].score, s, e, source="model")
    if code is None and raw_code.strip() and icd10cm.normalize(raw_code.strip().upper()) is None:
        acc.rejected += 1
    # The model found the phrase; the code set codes it.
    own = code_span(acc.text, s, e, ctx)
    if own:
        return CodedProblem(own[0][0], s, e, own[0][1], s, e, source="model")
    acc.rejected += 1
    return None


def _problems(
    acc: _Acc, model: NoteSummaryModelOutput | None
) -> tuple[list[CodedProblem], dict[str, float], set[str], list[str]]:
    problems = list(acc.c.problems)
    conf = {p.code: min(0.95, max(0.5, p.score)) for p in problems}
    from_model: set[str] = set()
    notes = list(acc.c.coding_notes)
    if model is None:
        return problems, conf, from_model, notes
    added: list[CodedProblem] = []
    for mp in model.problems:
        got = _model_problem(acc, mp.phrase, mp.code)
        if got is None:
            continue
        same = next((p for p in problems if p.code == got.code), None)
        if same is not None:
            conf[same.code] = max(conf[same.code], _AGREE)
            from_model.add(same.code)
            continue
        overlap = next((p for p in problems if p.start < got.end and got.start < p.end), None)
        if overlap is not None and overlap.source == "rules":
            conf[overlap.code] = min(conf[overlap.code], _DISAGREE)
            acc.find(
                "model_disagrees",
                "warning",
                "the model coded this clause differently; the code-set rules were kept",
                "problems",
            )
            continue
        added.append(got)
        conf[got.code] = _MODEL_ONLY
        from_model.add(got.code)
    if added:
        recoded = apply_conventions(acc.text, [*problems, *added], acc.c.context)
        for p in recoded.problems:
            if p.code not in conf:
                conf[p.code] = _MODEL_ONLY
                from_model.add(p.code)
        problems, notes = recoded.problems, [*notes, *recoded.notes]
    return problems, conf, from_model, notes


def _model_medication(acc: _Acc, name: str, action: str) -> MedicationCandidate | None:
    spots = [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<![\w-]){re.escape(name.strip())}(?![\w-])", acc.text, re.I)
    ]
    spots = [(s, e) for s, e in spots if acc.decisive(s)]
    generic = generic_of(name)
    if not spots or generic is None:
        acc.dropped += 1
        return None
    s, e = spots[0]
    return MedicationCandidate(generic, action, None, s, e, s, e, _MODEL_ONLY)  # type: ignore[arg-type]


def _medications(
    acc: _Acc, model: NoteSummaryModelOutput | None
) -> tuple[list[MedicationCandidate], set[str]]:
    meds = {m.name: m for m in acc.c.medications}
    from_model: set[str] = set()
    if model is None:
        return list(meds.values()), from_model
    by_generic = {generic_of(n) or n: n for n in meds}
    for mm in model.medications:
        got = _model_medication(acc, mm.name, mm.action)
        if got is None:
            continue
        key = by_generic.get(got.name) or (got.name if got.name in meds else None)
        if key is not None:
            rule = meds[key]
            if rule.action == got.action:
                meds[key] = replace(rule, confidence=max(rule.confidence, _AGREE))
                from_model.add(key)
            else:
                meds[key] = replace(rule, confidence=min(rule.confidence, _DISAGREE))
                acc.find(
                    "model_disagrees",
                    "warning",
                    "the model read a different medication action; the rules were kept",
                    "medication_changes",
                )
            continue
        meds[got.name] = got
        from_model.add(got.name)
    return sorted(meds.values(), key=lambda m: m.start), from_model


def _phrases(acc: _Acc, rule: list[Phrase], extra: list[str]) -> tuple[list[Phrase], set[int]]:
    out = list(rule)
    from_model: set[int] = set()
    for text in extra:
        ev = Grounder(acc.text).phrase(text)
        if ev is None:
            acc.dropped += 1
            continue
        if not acc.in_scope(ev.start, ev.end):
            acc.context += 1
            continue
        if any(p.start < ev.end and ev.start < p.end for p in out):
            continue
        from_model.add(len(out))
        out.append(Phrase(text.strip(), None, ev.start, ev.end))
    return out, from_model


#: A denied or ruled-out condition is coded only when the code set explains its words this well.
_REFUTED_MIN_SCORE = 0.85


def refuted_code(words: str) -> str | None:
    """The code of a ruled-out condition ("pulmonary embolism" -> I26.99), when unambiguous.

    The words are the note's, inside a negated scope; the code is what a refuted Condition in
    the Bundle carries. None when the code set does not explain the words well (a vague
    "change in urination" stays text only).
    """
    hits = index().search(tokenize(expand(words)), within=_problem_code, limit=2)
    if not hits or hits[0].score < _REFUTED_MIN_SCORE or hits[0].precision < 0.8:
        return None
    if len(hits) > 1 and hits[1].score >= hits[0].score - 0.01:
        return None  # two codes explain it equally: the note does not say which
    return hits[0].code


def _problem_code(code: str) -> bool:
    return not code.startswith(("V", "W", "X", "Y", "Z"))


def merge(
    text: str,
    c: Candidates,
    model: NoteSummaryModelOutput | None = None,
    settled: Settled | None = None,
) -> Merged:
    """Merge candidates with a model's answer, ground every value, and score confidence.

    Args:
        text: The note the candidates point into.
        c: Deterministic candidates from :func:`~clinllm.workflows.note_summary.rules.recognize`
            (with the model's answers to the open questions applied, see :mod:`.questions`).
        model: A full-schema model answer, when a model wrote the whole summary.
        settled: What the model's answers to the open questions settled: labelled as AI
            output and kept below the review threshold.
    """
    settled = settled or Settled()
    acc = _Acc(text, c)
    out = Merged(summary=NoteSummary())
    problems, p_conf, p_model, notes = _problems(acc, model)
    result_problems: list[Problem] = []
    for p in problems:
        key = f"problems[{len(result_problems)}]"
        spans = [(p.start, p.end), *p.support]
        out.evidence[key] = tuple(acc.ev(s, e) for s, e in spans)
        # The code set's words, not the clause's: a clause may carry negated asides ("no
        # nephropathy") that must not read as part of the problem. Evidence keeps the note's.
        words = icd10cm.description(p.code) or re.sub(r"\s+", " ", text[p.start : p.end])
        result_problems.append(Problem(code=p.code, text=words.strip()[:300] or p.code))
        confidence = p_conf.get(p.code, 0.6 if p.source != "rules" else p.score)
        if any(n.endswith(f"_unspecified:{p.code}") for n in notes):
            confidence = min(confidence, 0.5)
            acc.find(
                "additional_code_unspecified",
                "warning",
                "the code set asks for a detail the note does not give",
                key,
            )
        if p.code in settled.problems:
            confidence = min(confidence, _MODEL_ONLY)
        out.confidence[key] = round(confidence, 3)
        if p.code in p_model or p.code in settled.problems:
            out.model_fields.add(key)
    meds, m_model = _medications(acc, model)
    changes: list[MedicationChange] = []
    for m in meds:
        key = f"medication_changes[{len(changes)}]"
        spans = sorted({(m.start, m.end), (m.cue_start, m.cue_end)})
        out.evidence[key] = tuple(acc.ev(s, e) for s, e in spans)
        changes.append(MedicationChange(name=m.name, action=m.action, dose=m.dose))
        out.confidence[key] = round(m.confidence, 3)
        if m.name in m_model or m.name in settled.medications:
            out.model_fields.add(key)
    follow, f_model = _phrases(acc, c.follow_up, model.follow_up if model else [])
    follow_items: list[FollowUp] = []
    for i, f in enumerate(follow):
        key = f"follow_up[{len(follow_items)}]"
        out.evidence[key] = (acc.ev(f.start, f.end),)
        follow_items.append(FollowUp(what=f.text[:300], when=f.when))
        out.confidence[key] = _MODEL_ONLY if i in f_model else 0.85
        if i in f_model:
            out.model_fields.add(key)
    flags, r_model = _phrases(acc, c.red_flags, model.red_flags if model else [])
    for i, r in enumerate(flags):
        key = f"red_flags[{i}]"
        out.evidence[key] = (acc.ev(r.start, r.end),)
        by_model = i in r_model or (r.start, r.end) in settled.red_flags
        out.confidence[key] = _MODEL_ONLY if by_model else 0.85
        if by_model:
            out.model_fields.add(key)
    negated: list[str] = []
    for s, e in c.negated:
        key = f"negated[{len(negated)}]"
        out.evidence[key] = (acc.ev(s, e),)
        negated.append(re.sub(r"\s+", " ", text[s:e]))
        refuted = refuted_code(text[s:e])
        if refuted is not None:
            out.negated_codes[key] = refuted
    out.summary = NoteSummary(
        problems=result_problems,
        medication_changes=changes,
        follow_up=follow_items,
        red_flags=[r.text for r in flags],
        negated=negated,
    )
    out.findings = acc.findings
    out.dropped_ungrounded = acc.dropped
    out.rejected_codes = acc.rejected
    out.rejected_context = acc.context
    return out
