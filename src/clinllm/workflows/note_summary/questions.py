"""The model's place: short questions about what the rules could not settle.

A 1.5B model on a shared CPU cannot write a whole summary in time (the full-schema call ran
past its 180 s deadline here), and what it writes needs every check the rules already make.
What it is good at is a judgment in context: is this clause a diagnosis treated today or
history, what does this sentence do to this drug, is this finding alarming. So the rules
collect the candidates they could not settle and the model answers a numbered list of
multiple-choice questions about excerpts of the note (never the whole note), one word each,
schema-constrained. The rules keep the last word on everything they can check: a problem the
model confirms is still coded by the code set, a red flag is still the note's own words, and
an answer outside a question's options is ignored. Every item the model settled is labelled
as AI output and scored below the review threshold, so a person confirms it.

No candidate, no call: most notes cost nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from clinllm.codes.drugs import find_drugs
from clinllm.pipeline import questions as asked
from clinllm.pipeline.questions import Answers, QuestionSet, answer_schema
from clinllm.workflows.note_summary.coding import apply_conventions
from clinllm.workflows.note_summary.followup import Phrase
from clinllm.workflows.note_summary.problems import (
    MIN_SCORE,
    CodedProblem,
    clauses,
    code_span,
)
from clinllm.workflows.note_summary.prompt import QUESTION_INSTRUCTIONS, QUESTIONS_VERSION
from clinllm.workflows.note_summary.rules import Candidates
from clinllm.workflows.note_summary.schema import ANSWERS, MAX_QUESTIONS

__all__ = [
    "QUESTIONS",
    "Question",
    "Settled",
    "answered",
    "apply_answers",
    "open_questions",
    "question_key",
    "question_set",
]

_PER_KIND = {"medication": 4, "problem": 3, "red_flag": 3}
#: A rule's action below this confidence is a default, not a reading: worth a question.
_UNSETTLED_MEDICATION = 0.8
#: Lowest code-set score at which an assessment clause is worth asking about.
_ASK_PROBLEM_SCORE = 0.45
_MED_OPTIONS = ("started", "stopped", "dose_changed", "continued", "no_change")
_YES_NO = ("yes", "no")


@dataclass(frozen=True, slots=True)
class Question:
    """One thing the rules could not settle.

    Attributes:
        kind: ``medication``, ``problem`` or ``red_flag``.
        subject: What the question is about (a drug, a clause, a phrase of the note).
        excerpt: The note's words around it (what the model reads).
        options: The answers this question accepts.
        start: Offset of the subject in the note.
        end: Offset one past it.
        code: For a problem, the code the code set gives the clause.
        score: For a problem, how well the code set explains the clause.
    """

    kind: Literal["medication", "problem", "red_flag"]
    subject: str
    excerpt: str
    options: tuple[str, ...]
    start: int
    end: int
    code: str | None = None
    score: float = 0.0


@dataclass(slots=True)
class Settled:
    """What the model settled, for labelling and confidence (keys as the merge names them)."""

    medications: set[str] = field(default_factory=set)
    problems: set[str] = field(default_factory=set)
    red_flags: set[tuple[int, int]] = field(default_factory=set)
    dropped_medications: int = 0
    asked: int = 0


def _excerpt(text: str, start: int, end: int, width: int = 220) -> str:
    """The sentence or line around ``[start, end)``, at most ``width`` characters."""
    left = max(
        text.rfind("\n", 0, start),
        max((m.end() - 1 for m in re.finditer(r"[.;]\s", text[:start])), default=-1),
    )
    right_candidates = [i for i in (text.find("\n", end), _sentence_end(text, end)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    left = max(left + 1, start - width // 2)
    right = min(right, end + width // 2)
    return re.sub(r"\s+", " ", text[left:right]).strip()


def _sentence_end(text: str, pos: int) -> int:
    m = re.search(r"[.;](?:\s|$)", text[pos:])
    return pos + m.start() + 1 if m else -1


def _medication_questions(text: str, c: Candidates) -> list[Question]:
    """Drugs whose action is a default the rules had no basis for.

    A drug with no verb and no marker is "continued" when the note's medication list or
    history has it and "started" when it does not. Off by default (see :func:`open_questions`).
    """
    out: list[Question] = []
    for m in c.medications:
        if m.confidence >= _UNSETTLED_MEDICATION:
            continue
        out.append(
            Question(
                "medication", m.name, _excerpt(text, m.start, m.end), _MED_OPTIONS, m.start, m.end
            )
        )
    return out


def _problem_questions(text: str, c: Candidates) -> list[Question]:
    have = {p.code for p in c.problems}
    spans = [(p.start, p.end) for p in c.problems]
    sources = [s for s in c.sections if s.kind == "assessment"]
    strict = not sources
    if strict:
        sources = [s for s in c.sections if s.kind in ("plan", "other", "followup")]
    out: list[Question] = []
    for section in sources:
        for s, e, detail in clauses(text, section.start, section.end):
            if detail or any(s < b and a < e for a, b in spans):
                continue
            if find_drugs(text[s:e]) or re.search(r"(?i)\bvaccin|immuniz", text[s:e]):
                continue
            first = re.search(r"[A-Za-z]\w*", text[s:e])
            if first is None or c.context.categories_at(s + first.start(), s + first.end()):
                continue
            hits = code_span(text, s, e, c.context, min_score=_ASK_PROBLEM_SCORE)
            if not hits:
                continue
            code, score = hits[0]
            if code in have or (not strict and score >= MIN_SCORE):
                continue
            if code.startswith(("R", "Z")):
                continue  # a finding or a status: not worth a diagnosis question
            out.append(
                Question(
                    "problem",
                    re.sub(r"\s+", " ", text[s:e])[:120],
                    _excerpt(text, s, e),
                    _YES_NO,
                    s,
                    e,
                    code,
                    score,
                )
            )
    return out


# Findings that may be alarming in context; the rules flag what a table can decide (critical
# values, named emergencies) and ask about the rest.
_ALARMING = re.compile(
    r"\b(?:confus\w*|altered\s+mental\w*|letharg\w+|unresponsive\w*|obtunded|diaphore\w+|"
    r"hypotensi\w+|hyperreflexi\w+|clonus|visual\s+disturbance\w*|without\s+sleep|no\s+sleep|"
    r"reckless\w*|impulsive\w*|access\s+to\s+(?:pills|firearms?|guns?|weapons?)|stockpil\w+|"
    r"firearms?|homicidal|intent|overdose|self-harm|bleeding|hemorrhag\w+|near[- ]syncop\w+|"
    r"syncop\w+|seizures?|head\s+(?:injury|strike)|chest\s+pain|stridor|drooling|petechia\w*|"
    r"purpura|rigors?|worst\s+headache|thunderclap|sudden\s+onset|visible\s+vessel|"
    r"neck\s+stiffness|\((?:H|L|HH|LL|critical)\)|\*\*)(?!\w)",
    re.I,
)
_FLAG_SECTIONS = ("history", "data", "other", "assessment")
_BOUND = re.compile(r"(?<!\d)[.](?!\d)|[;:,()\n]")


def _red_flag_questions(text: str, c: Candidates) -> list[Question]:
    flagged = [(r.start, r.end) for r in c.red_flags]
    out: list[Question] = []
    seen: set[str] = set()
    for m in _ALARMING.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= s < b for a, b in flagged):
            continue
        if not any(x.kind in _FLAG_SECTIONS and x.start <= s < x.end for x in c.sections):
            continue
        cats = c.context.categories_at(s, e)
        if cats or c.context.is_trigger(s, e):
            continue
        # The clause the word sits in: that is the phrase a red flag would quote.
        left = max((x.end() for x in _BOUND.finditer(text[max(0, s - 80) : s])), default=0)
        left = max(0, s - 80) + left
        right_m = _BOUND.search(text[e : e + 80])
        right = e + right_m.start() if right_m else min(len(text), e + 80)
        phrase = re.sub(r"\s+", " ", text[left:right]).strip(" -*")
        key = phrase.lower()
        if len(phrase) < 4 or key in seen or any(left < b and a < right for a, b in flagged):
            continue
        if find_drugs(phrase):
            continue  # a drug's indication ("PRN severe pain"), not a finding
        seen.add(key)
        start = left + text[left:right].find(phrase[:10]) if phrase else left
        out.append(
            Question(
                "red_flag",
                phrase[:100],
                _excerpt(text, s, e),
                _YES_NO,
                max(left, start),
                right,
            )
        )
    return out


def open_questions(text: str, c: Candidates, *, medications: bool = False) -> list[Question]:
    """The questions the rules could not settle for this note (may be empty).

    Args:
        text: The note.
        c: The rules' candidates.
        medications: Also ask about drugs whose action is a default. Off by default: on the
            dev set the embedded 1.5B model, reading an excerpt, answered "continued" for new
            ED orders and lowered medication F1 from 0.976 to 0.899, while the rules' default
            (new unless the regimen lists it) was right. A larger model may be worth asking.
    """
    out: list[Question] = []
    for kind, found in (
        ("medication", _medication_questions(text, c) if medications else []),
        ("problem", _problem_questions(text, c)),
        ("red_flag", _red_flag_questions(text, c)),
    ):
        out.extend(found[: _PER_KIND[kind]])
    return out[:MAX_QUESTIONS]


def _ask(q: Question) -> str:
    if q.kind == "medication":
        return f"medication: what does this encounter do to {q.subject}?"
    if q.kind == "problem":
        return f'diagnosis: is "{q.subject}" assessed or treated in this encounter?'
    return f'red_flag: is "{q.subject}" a red flag?'


def question_key(q: Question) -> str:
    """The key a question is asked under: what it is about and where, not its place in a list."""
    return f"{q.kind}:{q.start}:{q.end}"


def question_set(*, medications: bool = False) -> QuestionSet[Candidates]:
    """What the spec declares: the runner asks these in one schema-constrained call.

    Args:
        medications: Also ask about default medication actions (see :func:`open_questions`).
    """

    def _open(text: str, c: Candidates) -> list[asked.Question]:
        return [
            asked.Question(key=question_key(q), ask=_ask(q), excerpt=q.excerpt, options=q.options)
            for q in open_questions(text, c, medications=medications)
        ]

    return QuestionSet(
        instructions=QUESTION_INSTRUCTIONS,
        version=QUESTIONS_VERSION,
        schema=_SCHEMA,
        open=_open,
        max_questions=MAX_QUESTIONS,
        max_output_tokens=80,
        replaces_extraction=True,
    )


def answered(text: str, c: Candidates, answers: Answers) -> tuple[list[Question], list[str]]:
    """The questions the model answered (by key) and its answers, in the same order."""
    if not answers:
        return [], []
    every = {
        question_key(q): q
        for q in (
            *_medication_questions(text, c),
            *_problem_questions(text, c),
            *_red_flag_questions(text, c),
        )
    }
    pairs = [(every[k], a) for k, a in answers.items() if k in every]
    return [q for q, _ in pairs], [a for _, a in pairs]


#: One answer schema for every note question set (a grammar is compiled once).
_SCHEMA = answer_schema("NoteSummaryAnswers", ANSWERS, MAX_QUESTIONS)
#: The default question set: medication questions off (see :func:`open_questions`).
QUESTIONS: QuestionSet[Candidates] = question_set()


def apply_answers(
    text: str, c: Candidates, questions: Sequence[Question], answers: Sequence[str | None]
) -> tuple[Candidates, Settled]:
    """Candidates with the model's answers applied, and what the model settled.

    An answer outside its question's options, or a missing one, leaves the rules' reading.
    """
    settled = Settled(asked=len(questions))
    if not any(answers):
        return c, settled
    meds = {m.name: m for m in c.medications}
    added: list[CodedProblem] = []
    flags = list(c.red_flags)
    for q, a in zip(questions, answers, strict=False):
        if a is None or a not in q.options:
            continue
        if q.kind == "medication" and q.subject in meds:
            rule = meds[q.subject]
            if a == "no_change":
                del meds[q.subject]
                settled.dropped_medications += 1
            elif a != rule.action:
                meds[q.subject] = replace(rule, action=a, confidence=0.6)  # type: ignore[arg-type]
                settled.medications.add(q.subject)
            else:
                # The model confirms the rules' default: it took part in the decision (the
                # item may now pass review), so it is labelled as AI output too.
                meds[q.subject] = replace(rule, confidence=0.85)
                settled.medications.add(q.subject)
        elif q.kind == "problem" and a == "yes" and q.code is not None:
            added.append(
                CodedProblem(q.code, q.start, q.end, q.score, q.start, q.end, source="model")
            )
        elif q.kind == "red_flag" and a == "yes":
            flags.append(Phrase(q.subject, None, q.start, q.end))
            settled.red_flags.add((q.start, q.end))
    problems = c.problems
    notes = c.coding_notes
    if added:
        coded = apply_conventions(text, [*c.problems, *added], c.context)
        before = {p.code for p in c.problems}
        problems, notes = coded.problems, [*notes, *coded.notes]
        settled.problems = {p.code for p in problems if p.code not in before}
    out = replace(
        c,
        medications=sorted(meds.values(), key=lambda m: m.start),
        problems=problems,
        coding_notes=notes,
        red_flags=flags,
    )
    return out, settled
