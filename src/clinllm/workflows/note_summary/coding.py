"""Coding conventions applied over the whole problem list, by rules over the code set.

What a small model gets wrong and a coder must not:

* **"With" conventions** (ICD-10-CM guideline I.A.15): hypertension with chronic kidney
  disease is I12.-, with heart failure I11.0, with both I13.-, whether or not the note links
  them; diabetes with a complication listed under "with" (CKD, polyneuropathy, retinopathy,
  gastroparesis, foot ulcer, hypoglycemia, hyperglycemia) is one combination code
  (E11.22, E11.42 ...), never E11.9 plus the complication.
* **Use additional code** notes of the code set itself: I12.9 asks for the CKD stage
  (N18.1-N18.4, N18.9), I11.0 for the type of heart failure (I50.-), E11.22 for the stage; the
  note is searched for it, and a stage or type it does not give is coded unspecified and sent
  to review. A pregnancy code asks for the weeks of gestation (Z3A.-).
* **Billable only and most specific**: every code here is a leaf of the code set; a sibling
  that only says "unspecified" is dropped when a specific one is listed; findings (R70-R94)
  integral to a listed diagnosis are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from clinllm.codes import icd10cm
from clinllm.codes.icd10cm_index import index
from clinllm.workflows.note_summary.context import Context
from clinllm.workflows.note_summary.problems import CodedProblem, clauses, code_span

__all__ = ["Coded", "apply_conventions"]

# Complication code prefix -> diabetes combination suffix; True keeps the complication code
# too (the code set asks for it with "use additional code").
_DIABETES_WITH: tuple[tuple[tuple[str, ...], str, bool], ...] = (
    (("N18",), ".22", True),
    (("G62", "G63", "G61.9"), ".42", False),
    (("G56", "G57", "G58", "G59"), ".41", False),
    (("G60", "G64"), ".40", False),
    (("H35.0",), ".319", False),
    (("K31.84",), ".43", False),
    (("I73.9", "I70.2"), ".51", False),
    (("L97",), ".621", True),
    (("E16.0", "E16.1", "E16.2"), ".649", False),
    (("R73.9", "R73.0"), ".65", False),
)
_DIABETES = ("E08", "E09", "E10", "E11", "E13")
_HYPERTENSIVE = ("I10", "I11", "I12", "I13")
# "Use additional code" ranges this module follows (others name things a note summary does
# not list, such as drug-use status).
_FOLLOWED = ("N18", "I50", "L97", "B95", "B96", "B97")
_RANGE = re.compile(r"\(([A-Z][0-9][0-9A-Z.,\- ]*)\)")
# Weeks of gestation, only where the note says it is a gestational age ("at 34w2d",
# "34 weeks 2 days gestation", "GA 34 weeks"), never "6 weeks after delivery".
_WEEKS = re.compile(
    r"\b(\d{1,2})\s*w\s*\d\s*d\b|\b(\d{1,2})\s*(?:weeks?|wks?)\s*(?:and\s*)?\d\s*d(?:ays?)?\b|"
    r"\bG\d+\s*P\d+\w*\s+at\s+(\d{1,2})\s*(?:weeks?|wks?)\b|"
    r"\b(\d{1,2})\s*(?:weeks?|wks?)(?:\s*(?:and\s*)?\d+\s*d(?:ays?)?)?\s+(?:of\s+)?"
    r"(?:gestation|pregnan|GA\b|EGA\b)|\b(?:GA|EGA|gestational age)[:\s]+(\d{1,2})\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Coded:
    """The problem list after the conventions, with what the rules noticed.

    Attributes:
        problems: The final coded problems.
        notes: Machine reason codes of rules that fired (``additional_code_unspecified:N18.9``).
    """

    problems: list[CodedProblem]
    notes: list[str]


def _within_ranges(spec: str) -> Callable[[str], bool] | None:
    """A membership test for a note like ``N18.1-N18.4, N18.9`` or ``I50.-``."""
    prefixes: list[str] = []
    ranges: list[tuple[str, str]] = []
    exact: list[str] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part.startswith(_FOLLOWED):
            continue
        if part.endswith("-") and "-" not in part[:-1].replace(".-", ""):
            prefixes.append(part.rstrip("-").rstrip("."))
        elif re.fullmatch(r"[A-Z0-9.]+-[A-Z0-9.]+", part):
            low, high = part.split("-")
            ranges.append((low, high + "~"))
        else:
            exact.append(part)
    if not (prefixes or ranges or exact):
        return None

    def within(code: str) -> bool:
        return (
            code.startswith(tuple(prefixes))
            if prefixes and code.startswith(tuple(prefixes))
            else any(lo <= code <= hi for lo, hi in ranges) or code in exact
        )

    return within


def _additional(code: str) -> list[str]:
    """The ``use additional code`` ranges of a code and its ancestors."""
    lib = icd10cm.library()
    notes: list[str] = []
    for item in [code, *lib.get_ancestors(code)]:
        if lib.is_chapter_or_block(item):
            continue
        notes.extend(_RANGE.findall(lib.get_use_additional_code(item) or ""))
    return notes


def _search_note(
    text: str, ctx: Context, within: Callable[[str], bool]
) -> tuple[str, int, int] | None:
    """The best non-negated mention anywhere in the note of a code inside ``within``."""
    best: tuple[float, str, int, int] | None = None
    ix = index()
    for s, e, _detail in clauses(text, 0, len(text)):
        for code, score in code_span(text, s, e, ctx, search=ix, min_score=0.7, within=within):
            if best is None or score > best[0]:
                best = (score, code, s, e)
    return (best[1], best[2], best[3]) if best else None


_HTN_WORDS = re.compile(r"\b(?:hypertensi\w*|HTN)\b", re.I)
# Diabetes named in a CKD or neuropathy clause ("diabetic CKD 3b", "CKD from type 2 DM"); an
# unstated type is type 2 (E11, guideline I.C.4.a.2).
_DM_WORDS = re.compile(
    r"\b(?:type\s*(?:1|2|i|ii)\s*(?:diabetes(?:\s+mellitus)?|dm)|t[12]dm|dm\s*[12]|"
    r"diabet(?:es|ic)(?:\s+mellitus)?)\b",
    re.I,
)
_TYPE_1 = re.compile(r"\b(?:type\s*(?:1|i)|t1dm|dm\s*1)\b", re.I)


def _implied_hypertension(
    text: str, problems: list[CodedProblem], ctx: Context
) -> list[CodedProblem]:
    """Hypertension or diabetes named in a clause that was coded for its complication.

    "Hypertensive heart disease with chronic systolic heart failure" is one clause whose head
    decides its code (I50.22); the hypertension it also asserts must still reach the "with"
    convention, which makes it I11.0. Likewise "diabetic CKD 3b" makes E11.22 + N18.32.
    """
    out = list(problems)
    for words, code, have, hosts in (
        (_HTN_WORDS, "I10", _HYPERTENSIVE, ("I50", "N18")),
        (_DM_WORDS, "E11.9", _DIABETES, ("N18", "G6")),
    ):
        if any(p.code.startswith(have) for p in out):
            continue
        for p in [q for q in out if q.code.startswith(hosts)]:
            hit = next(
                (
                    m
                    for m in words.finditer(text, p.clause_start, p.clause_end)
                    if not ctx.categories_at(m.start(), m.end())
                    and not ctx.is_trigger(m.start(), m.end())
                ),
                None,
            )
            if hit is not None:
                found = "E10.9" if code == "E11.9" and _TYPE_1.search(hit.group(0)) else code
                out.append(
                    CodedProblem(
                        found,
                        hit.start(),
                        hit.end(),
                        0.8,
                        p.clause_start,
                        p.clause_end,
                        source="implied",
                    )
                )
                break
    return out


def _hypertension(problems: list[CodedProblem], notes: list[str]) -> list[CodedProblem]:
    htn = [p for p in problems if p.code.startswith(_HYPERTENSIVE)]
    ckd = [p for p in problems if p.code.startswith("N18")]
    hf = [p for p in problems if p.code.startswith("I50")]
    if not htn or not (ckd or hf):
        return problems
    late = any(p.code in ("N18.5", "N18.6") for p in ckd)
    if ckd and hf:
        target = "I13.2" if late else "I13.0"
    elif ckd:
        target = "I12.0" if late else "I12.9"
    else:
        target = "I11.0"
    if all(p.code == target for p in htn):
        return problems
    first = htn[0]
    support = tuple({(p.start, p.end) for p in [*htn, *ckd, *hf]} - {(first.start, first.end)})
    merged = replace(first, code=target, source="combination", support=support)
    notes.append(f"combination:{target}")
    kept = [p for p in problems if p not in htn]
    return [merged, *kept]


def _diabetes(problems: list[CodedProblem], notes: list[str]) -> list[CodedProblem]:
    diabetes = [p for p in problems if p.code.startswith(_DIABETES)]
    if not diabetes:
        return problems
    base = diabetes[0]
    category = base.code[:3]
    out = list(problems)
    combos: list[CodedProblem] = []
    for prefixes, suffix, keep in _DIABETES_WITH:
        for p in problems:
            if p.code.startswith(prefixes) and p not in diabetes:
                combo = icd10cm.normalize(category + suffix)
                if combo is None or not icd10cm.is_billable(combo):
                    continue
                if any(d.code == combo for d in [*diabetes, *combos]):
                    if not keep and p in out:
                        out.remove(p)
                    continue
                combos.append(
                    replace(base, code=combo, source="combination", support=((p.start, p.end),))
                )
                notes.append(f"combination:{combo}")
                if not keep and p in out:
                    out.remove(p)
    if combos:
        # A diabetes "without complications" code cannot stand next to a complication.
        out = [p for p in out if not (p in diabetes and p.code.endswith(".9"))]
        out.extend(combos)
    return out


def _additional_codes(
    text: str, problems: list[CodedProblem], ctx: Context, notes: list[str]
) -> list[CodedProblem]:
    out = list(problems)
    for p in problems:
        for spec in _additional(p.code):
            within = _within_ranges(spec)
            if within is None or any(within(q.code) for q in out):
                continue
            hit = _search_note(text, ctx, within)
            if hit is not None:
                code, s, e = hit
                out.append(CodedProblem(code, s, e, 0.8, s, e, source="additional_code"))
                notes.append(f"additional_code:{code}")
                continue
            fallback = next(
                (c for c in ("N18.9", "I50.9") if within(c) and icd10cm.is_billable(c)), None
            )
            if fallback is not None:
                out.append(replace(p, code=fallback, score=0.5, source="additional_code"))
                notes.append(f"additional_code_unspecified:{fallback}")
    return out


def _gestation(text: str, problems: list[CodedProblem], notes: list[str]) -> list[CodedProblem]:
    if not any(p.code.startswith("O") for p in problems):
        return problems
    if any(p.code.startswith("Z3A") for p in problems):
        return problems
    for m in _WEEKS.finditer(text):
        weeks = int(next(g for g in m.groups() if g))
        if not 4 <= weeks <= 45:
            continue
        code = "Z3A.49" if weeks > 42 else ("Z3A.01" if weeks < 8 else f"Z3A.{weeks:02d}")
        if icd10cm.is_billable(code):
            notes.append(f"additional_code:{code}")
            return [
                *problems,
                CodedProblem(
                    code, m.start(), m.end(), 0.9, m.start(), m.end(), source="additional_code"
                ),
            ]
    return problems


# "BMI 41.3", "BMI of 42", "BMI: 40.6": an adult's body mass index as a number.
_BMI = re.compile(
    r"\bBMI\b\s*(?:of|is|was|:|=)?\s*(?P<value>\d{2}(?:\.\d+)?)(?!\s*(?:%|th|percentile))"
)


def _bmi_code(value: float) -> str:
    """The adult BMI code (Z68.1-Z68.45) for a value, by the code set's ranges."""
    if value < 20:
        return "Z68.1"
    if value < 40:
        return f"Z68.{int(value) // 10}{int(value) % 10}"  # Z68.20-Z68.39, one per unit
    for limit, code in ((45, "Z68.41"), (50, "Z68.42"), (60, "Z68.43"), (70, "Z68.44")):
        if value < limit:
            return code
    return "Z68.45"


def _body_mass_index(
    text: str, problems: list[CodedProblem], notes: list[str]
) -> list[CodedProblem]:
    """The BMI code a diagnosis asks for ("use additional code ... (Z68.1-Z68.45)").

    Why: the code set's note on obesity and malnutrition asks for the BMI when known, and a
    note gives it as a number ("morbid obesity, BMI 41.3"), which no word search can match to
    "Body mass index [BMI] 40.0-44.9, adult". Only an adult's value is coded (a child's BMI is
    coded by percentile, Z68.5-); only next to a diagnosis that asks for it (guideline
    I.B.14: BMI is reported only with an associated reportable diagnosis).
    """
    if any(p.code.startswith("Z68") for p in problems):
        return problems
    if not any(any(spec.startswith("Z68") for spec in _additional(p.code)) for p in problems):
        return problems
    for m in _BMI.finditer(text):
        code = _bmi_code(float(m.group("value")))
        if icd10cm.is_billable(code):
            notes.append(f"additional_code:{code}")
            s, e = m.start(), m.end()
            return [*problems, CodedProblem(code, s, e, 0.9, s, e, source="additional_code")]
    return problems


def _integral(text: str, finding: CodedProblem, problems: list[CodedProblem]) -> bool:
    """Whether an abnormal finding (R70-R94) belongs to a diagnosis listed with it.

    It does when it is written in that diagnosis's clause or in its detail (after a spaced dash
    on the same line: "CKD stage 3a - BP above goal; albuminuria"), or is a blood-glucose
    finding next to diabetes. A finding assessed on its own ("3. Prediabetes", "A: gastritis;
    prediabetes") is a problem of this encounter.
    """
    for p in problems:
        if p is finding or p.code.startswith(("R", "Z")):
            continue
        if p.clause_start < finding.clause_end and finding.clause_start < p.clause_end:
            return True
        if finding.code.startswith("R73") and p.code.startswith(_DIABETES):
            return True
        between = text[p.clause_end : finding.clause_start]
        same_line = p.clause_end <= finding.clause_start and "\n" not in between
        if same_line and re.search(r"\s[-–—]\s", between):
            return True
    return False


def _prune(text: str, problems: list[CodedProblem]) -> list[CodedProblem]:
    codes = {p.code for p in problems}
    out: list[CodedProblem] = []
    seen: set[str] = set()
    definitive = any(not p.code.startswith(("R", "Z")) for p in problems)
    for p in problems:
        if p.code in seen:
            continue
        description = (icd10cm.description(p.code) or "").lower()
        # A sibling under the same parent: "Heart failure, unspecified" (I50.9) next to I50.32,
        # not "diabetes with neuropathy, unspecified" (E11.40) next to E11.22.
        parent = p.code[:-1].rstrip(".")
        siblings = [c for c in codes if c != p.code and c.startswith(parent)]
        if "unspecified" in description and siblings:
            continue
        if definitive and "R70" <= p.code[:3] <= "R94" and _integral(text, p, problems):
            continue
        seen.add(p.code)
        out.append(p)
    return out


def apply_conventions(text: str, problems: list[CodedProblem], ctx: Context) -> Coded:
    """The coding conventions over the problem list of one note (see the module docstring)."""
    notes: list[str] = []
    out = _implied_hypertension(text, problems, ctx)
    out = _hypertension(out, notes)
    out = _diabetes(out, notes)
    out = _additional_codes(text, out, ctx, notes)
    # A CKD stage found by its "use additional code" note may sit in a clause that also
    # names hypertension ("T2DM with diabetic nephropathy, CKD 3b, and HTN"): look again.
    out = _implied_hypertension(text, out, ctx)
    out = _hypertension(out, notes)
    out = _gestation(text, out, notes)
    out = _body_mass_index(text, out, notes)
    return Coded(problems=_prune(text, out), notes=notes)
