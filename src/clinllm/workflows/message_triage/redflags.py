"""Deterministic red-flag rules: findings in a message that must reach staff at once.

Each rule exists because of a harm: a patient typing "chest pressure won't go away" into a
portal while asking for a nitroglycerin refill, a daughter describing her father's face
drooping and asking whether to come in "this afternoon", a parent asking if Tylenol can wait
for a 7-week-old with 39.1 °C. A model may read these as a refill or a routine question; a
rule does not. Rules only ever RAISE urgency (the service combines by maximum), so a rule
that does not fire costs nothing and a rule that fires wrongly over-triages, never under-.

Rules see :class:`~.context.Text` (lower-cased, accent-free, same offsets) and count only
findings asserted now: not negated ("no chest pain"), not hypothetical ("if I get chest
pain"), not history ("last year I had chest pain"). Patterns accept the way patients write:
typos ("cant breath", "chst pain"), Spanish ("dolor de pecho", "no puede respirar"),
caregivers ("his face started drooping"). Every hit keeps the spans that triggered it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clinllm.workflows.message_triage import findings, sameday, signs
from clinllm.workflows.message_triage import situations as st
from clinllm.workflows.message_triage import vocabulary as v
from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.measurements import (
    fever_spans,
    glucose_readings,
    high_blood_pressure,
    infant_ages,
    low_blood_pressure,
    oxygen_low,
    pulse_extreme,
)
from clinllm.workflows.message_triage.schema import Category, Urgency

__all__ = ["RED_FLAG_RULES", "RedFlagRule", "RuleHit", "find_red_flags"]

Detector = Callable[[Text], tuple[Match, ...]]

# Evidence spans kept per trigger: enough for a reviewer, and a rule stops reading there.
_EVIDENCE = 3


@dataclass(frozen=True, slots=True)
class RuleHit:
    """A rule that fired: its id, the urgency it demands, and the spans that triggered it."""

    rule_id: str
    urgency: Urgency
    category: Category
    spans: tuple[Match, ...]
    #: Spans the finding holds beyond doubt (the semantic layer's wide leads), which need no
    #: anchor word: "she's going to jump off the bridge" names no body part.
    clear: tuple[Match, ...] = ()

    def __repr__(self) -> str:
        return f"RuleHit({self.rule_id!r}, {self.urgency!r}, spans={len(self.spans)})"


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """One deterministic rule.

    Attributes:
        id: Stable id, recorded as ``rule:<id>`` in decisions and audit events.
        urgency: The urgency the finding demands (a floor, never a ceiling).
        harm: The harm the rule prevents: why it exists, for reviewers.
        detect: Returns the asserted spans, or ``()`` when the rule does not fire.
        category: Where the finding routes (symptoms beat every other request).
    """

    id: str
    urgency: Urgency
    harm: str
    detect: Detector
    category: Category = "symptom_escalation"

    def apply(self, text: Text) -> RuleHit | None:
        """Run the rule on ``text``."""
        spans = self.detect(text)
        return RuleHit(self.id, self.urgency, self.category, spans) if spans else None


def _patterns(
    triggers: re.Pattern[str],
    *,
    requires: re.Pattern[str] | None = None,
    unless: re.Pattern[str] | None = None,
) -> Detector:
    """A detector: an asserted trigger, plus an asserted ``requires`` hit when given."""

    def detect(text: Text) -> tuple[Match, ...]:
        hits = text.any_present(triggers, _EVIDENCE)
        if not hits:
            return ()
        if unless is not None and text.search(unless):
            return ()
        if requires is not None:
            support = text.any_present(requires, 1)
            if not support:
                return ()
            hits = hits + support[:1]
        return tuple(hits)

    return detect


def _infant_fever(text: Text) -> tuple[Match, ...]:
    ages = infant_ages(text, max_days=90)
    if not ages:
        return ()
    fever = fever_spans(text)
    return (ages[0], *fever) if fever else ()


def _infant_danger(text: Text) -> tuple[Match, ...]:
    ages = infant_ages(text, max_days=90)
    signs = text.any_present(st.INFANT_DANGER, 1) if ages else []
    return (ages[0], signs[0]) if signs else ()


def _meningitis(text: Text) -> tuple[Match, ...]:
    neck = text.any_present(v.STIFF_NECK, 1)
    fever = fever_spans(text)
    return (neck[0], fever[0]) if neck and fever else ()


def _fever_immunocompromised(text: Text) -> tuple[Match, ...]:
    fever = fever_spans(text)
    context = text.any_present(v.IMMUNOCOMPROMISED, 1)
    return (fever[0], context[0]) if fever and context else ()


def _fever(text: Text) -> tuple[Match, ...]:
    return tuple(fever_spans(text)[:2])


def _hypoglycemia_severe(text: Text) -> tuple[Match, ...]:
    low = [m for v, m in glucose_readings(text) if v < 55]
    if low:
        return tuple(low[:1])
    low70 = [m for v, m in glucose_readings(text) if v < 70]
    signs = text.any_present(v.HYPO_SIGNS, 1)
    return (low70[0], signs[0]) if low70 and signs else ()


def _hyperglycemia_crisis(text: Text) -> tuple[Match, ...]:
    high = [m for v, m in glucose_readings(text) if v >= 250]
    signs = text.any_present(v.DKA_SIGNS, 1) if high else []
    return (high[0], signs[0]) if signs else ()


def _glucose_out_of_range(text: Text) -> tuple[Match, ...]:
    return tuple(m for v, m in glucose_readings(text) if v < 70 or v >= 300)[:2]


def _hypertensive_emergency(text: Text) -> tuple[Match, ...]:
    high = high_blood_pressure(text)
    signs = text.any_present(v.HYPERTENSIVE_SIGNS, 1) if high else []
    return (high[0], signs[0]) if signs else ()


_SENTENCE_END = re.compile(r"[.!?\n]")


def _absence(text: Text, hit: Match) -> bool:
    """Whether an ideation hit is a farewell form said of an event.

    "I won't be here next week, I'm traveling" and "I don't want to be here for the
    procedure": the sentence names the event, a trip or a new date. Only the farewell form
    is read so; "I want to kill myself" next to a reschedule still counts.
    """
    if not v.ABSENCE_FORM.search(text.norm, hit.start, hit.end):
        return False
    start = max((m.end() for m in _SENTENCE_END.finditer(text.norm, 0, hit.start)), default=0)
    end_m = _SENTENCE_END.search(text.norm, hit.end)
    end = end_m.start() if end_m else len(text.norm)
    return v.ABSENCE_REASON.search(text.norm, start, end) is not None


def _ideation(text: Text) -> list[Match]:
    return [m for m in text.any_present(v.IDEATION) if not _absence(text, m)][:1]


def _suicidal_plan(text: Text) -> tuple[Match, ...]:
    ideation = _ideation(text)
    if not ideation:
        return ()
    plan = text.any_present(v.PLAN_OR_MEANS, 2)
    if plan:
        return (ideation[0], *plan[:2])
    # Ideation with no explicit statement of safety cannot be assessed from a portal
    # message: it must reach staff at once.
    return () if text.search(v.SAFETY_STATEMENT) else (ideation[0],)


def _suicidal_ideation(text: Text) -> tuple[Match, ...]:
    return tuple(_ideation(text))


def _sepsis(text: Text) -> tuple[Match, ...]:
    fever = fever_spans(text)
    signs = text.any_present(st.SEPSIS_SIGNS, 1)
    return (fever[0], signs[0]) if fever and signs else ()


def _shock(text: Text) -> tuple[Match, ...]:
    low = low_blood_pressure(text)
    signs = text.any_present(v.SYNCOPE, 1) if low else []
    return (low[0], signs[0]) if signs else ()


def _gi_bleed_faint(text: Text) -> tuple[Match, ...]:
    bleed = text.any_present(st.GI_BLEED, 1)
    signs = text.any_present(v.SYNCOPE, 1) if bleed else []
    return (bleed[0], signs[0]) if signs else ()


_FAINTED = re.compile(r"\b(?:passed out|pass out|fainted|fainting|blacked out|desmay\w*)")


def _bleed_faint(text: Text) -> tuple[Match, ...]:
    # Where bleeding is dangerous (a blood thinner, pregnancy, after surgery), fainting means
    # the blood pressure is falling (dizziness alone is too common a side note to say so).
    if text.search(v.LIGHT_BLEEDING):
        return ()
    bleed = text.any_present(v.BLEED_RISK, 1)
    context = text.any_present(v.BLEED_CONTEXT, 1) if bleed else []
    signs = text.any_present(_FAINTED, 1) if context else []
    return (bleed[0], signs[0]) if signs else ()


def _pulse_with_symptoms(text: Text) -> tuple[Match, ...]:
    rate = pulse_extreme(text)
    signs = text.any_present(st.PULSE_DANGER, 1) if rate else []
    return (rate[0], signs[0]) if signs else ()


def _ectopic(text: Text) -> tuple[Match, ...]:
    # Pregnant, in pain and faint: a ruptured ectopic pregnancy bleeds inside, unseen.
    pregnant = text.any_present(v.PREGNANT, 1)
    pain = text.any_present(v.SEVERE_PAIN, 1) if pregnant else []
    signs = text.any_present(v.SYNCOPE, 1) if pain else []
    return (pregnant[0], pain[0], signs[0]) if signs else ()


# A message this short is read as a whole: "stroke?" or "chest!!" is the entire report.
_SHORT_WORDS = 12


def _short_alarm(text: Text) -> tuple[Match, ...]:
    if len(text.norm) > 200 or len(text.norm.split()) > _SHORT_WORDS:
        return ()
    hits = [h for h in text.any_present(st.SHORT_ALARM, 3) if not _alarm_not_event(text, h)]
    # "EMERGENCY!!! I need to reschedule my cleaning": a word of urgency shouted over a
    # routine request names no finding; an alarm word that names one still counts.
    if text.search(st.ROUTINE_REQUEST) and all(
        st.URGENCY_WORD.fullmatch(h.text.lower()) for h in hits
    ):
        return ()
    return tuple(hits[:1])


def _alarm_not_event(text: Text, hit: Match) -> bool:
    """Whether a short alarm word names a document or service, or an event said to be over.

    "My son's seizure plan form needs a signature" and "I stopped bleeding after the
    procedure" carry one alarm word each, and neither word is a finding happening now.
    """
    after = text.norm[hit.end : hit.end + 40]
    before = text.norm[max(0, hit.start - 30) : hit.start]
    return bool(
        st.ALARM_NOT_EVENT.match(after)
        or st.ALARM_OVER.search(before)
        or st.ALARM_OVER_AFTER.match(after)
    )


# A past exposure counts when it is recent: the pregnancy is now, the drug "until last week".
_RECENT_EXPOSURE = re.compile(
    r"\b(?:until|till|up to|last (?:week|month|night)|yesterday|(?:days?|weeks?) ago|recently"
    r"|hasta|la semana pasada)\b"
)


def _now_or_recent(text: Text, m: Match) -> bool:
    framing = text.assertion(m)
    return framing.present or (
        framing.historical
        and _RECENT_EXPOSURE.search(text.norm, *text.clause_of(m.start)) is not None
    )


def _pregnancy_exposure(text: Text) -> tuple[Match, ...]:
    pregnant = next((m for m in text.requested(v.PREGNANT) if _now_or_recent(text, m)), None)
    if pregnant is None:
        return ()
    exposure = next(
        (m for m in text.requested(st.PREGNANCY_EXPOSURE) if _now_or_recent(text, m)), None
    )
    return (exposure, pregnant) if exposure is not None else ()


def _critical_gap(text: Text) -> tuple[Match, ...]:
    out = text.any_present(st.OUT_NOW, 1)
    # The drug is named, not asserted: "pills for my seizures" and "seizure meds" name it by
    # what it treats, so only a denial ("not on insulin") takes it away.
    drug = text.requested(st.CRITICAL_MED, 1) if out else []
    if out and not drug:
        # "no tiene mas pastillas de tacrolimus": the gap's own "no" is no denial of the drug.
        clause_end = text.clause_of(out[0].start)[1]
        drug = [d for d in text.finditer(st.CRITICAL_MED) if out[0].end <= d.start < clause_end][:1]
    return (out[0], drug[0]) if drug else ()


def _interaction(text: Text) -> tuple[Match, ...]:
    for _, first, second in st.DANGEROUS_PAIRS:
        a = next(text.finditer(first), None)
        b = next(text.finditer(second), None) if a is not None else None
        if a is not None and b is not None:
            return (a, b)
    return ()


def _lab_deadline(text: Text) -> tuple[Match, ...]:
    due = text.any_present(st.LAB_DEADLINE, 1)
    context = text.any_present(st.LAB_DEADLINE_CONTEXT, 1) if due else []
    return (due[0], context[0]) if context else ()


def _rule(rule_id: str, urgency: Urgency, harm: str, detect: Detector) -> RedFlagRule:
    return RedFlagRule(id=rule_id, urgency=urgency, harm=harm, detect=detect)


#: Every red-flag rule, emergencies first. Ids are stable: they are stored in decisions.
RED_FLAG_RULES: tuple[RedFlagRule, ...] = (
    _rule("chest_pain_now", "emergency", "a heart attack typed as a refill or reflux question",
          _patterns(v.CHEST_PAIN)),
    _rule("stroke_signs", "emergency", "face droop, slurred speech or one-sided weakness "
          "waiting for an afternoon visit", _patterns(v.STROKE)),
    _rule("thunderclap_headache", "emergency", "a brain bleed described as a bad headache",
          _patterns(v.THUNDERCLAP)),
    _rule("meningitis_signs", "emergency", "fever with a stiff neck", _meningitis),
    _rule("anaphylaxis", "emergency", "lip, tongue or throat swelling treated as allergies",
          _patterns(v.ANAPHYLAXIS)),
    _rule("allergic_airway", "emergency", "throat tightness or swallowing trouble after an "
          "allergen",
          _patterns(v.ALLERGIC_AIRWAY, requires=v.ALLERGY_CONTEXT, unless=v.THROAT_INFECTION)),
    _rule("airway_obstruction", "emergency", "drooling with a muffled voice, no swallowing or "
          "leaning forward to breathe (epiglottitis, a neck abscess)", signs.airway_obstruction),
    _rule("trouble_breathing", "emergency", "respiratory failure", _patterns(v.BREATHING)),
    _rule("suicidal_plan", "emergency", "suicidal intent with a plan or means, or with no "
          "statement of safety", _suicidal_plan),
    _rule("harm_to_others", "emergency", "a threat to someone else", _patterns(v.HARM_OTHERS)),
    _rule("heavy_bleeding", "emergency", "haemorrhage (postpartum, on anticoagulants, GI)",
          _patterns(v.BLEEDING)),
    _rule("overdose_poisoning", "emergency", "an overdose or ingestion", _patterns(v.OVERDOSE)),
    _rule("unresponsive_or_seizure", "emergency", "loss of consciousness, seizure, a baby not "
          "moving", _patterns(v.UNRESPONSIVE)),
    _rule("head_injury_high_risk", "emergency", "intracranial bleeding after a fall on a blood "
          "thinner or with neurological signs",
          _patterns(v.HEAD_INJURY, requires=v.HEAD_HIGH_RISK)),
    _rule("infant_fever", "emergency", "sepsis in an infant of 90 days or younger",
          _infant_fever),
    _rule("infant_danger_signs", "emergency", "sepsis or respiratory failure in an infant of 90 "
          "days or younger: not feeding, fast breathing, floppy, hard to wake",
          _infant_danger),
    _rule("fever_immunocompromised", "emergency", "neutropenic sepsis on chemotherapy or after "
          "a transplant", _fever_immunocompromised),
    _rule("hypoglycemia_severe", "emergency", "severe low blood sugar", _hypoglycemia_severe),
    _rule("hyperglycemia_crisis", "emergency", "diabetic ketoacidosis: a high sugar with "
          "vomiting, belly pain, fast breathing or confusion", _hyperglycemia_crisis),
    _rule("hypertensive_emergency", "emergency", "severe hypertension with organ symptoms",
          _hypertensive_emergency),
    _rule("preeclampsia_signs", "emergency", "pre-eclampsia: headache or vision change in "
          "pregnancy or after delivery",
          _patterns(v.PREECLAMPSIA_SIGNS, requires=v.PREGNANT)),
    _rule("palpitations_with_symptoms", "emergency", "an arrhythmia with fainting, chest pain "
          "or breathlessness", _patterns(v.PALPITATIONS, requires=v.PALPITATION_DANGER)),
    _rule("sepsis_signs", "emergency", "sepsis: fever with confusion, clammy skin or fast "
          "breathing", _sepsis),
    _rule("purpuric_rash_fever", "emergency", "meningococcal sepsis: a fever with a rash that "
          "does not fade under pressure", _patterns(v.PURPURIC_RASH, requires=v.FEVER_ANY)),
    _rule("shock_signs", "emergency", "blood pressure under 90 with fainting or dizziness",
          _shock),
    _rule("gi_bleed_with_faintness", "emergency", "gastrointestinal bleeding with faintness",
          _gi_bleed_faint),
    _rule("pulse_extreme_with_symptoms", "emergency", "a heart rate under 40 or over 150 with "
          "dizziness, fainting, chest pain or breathlessness", _pulse_with_symptoms),
    _rule("oxygen_low", "emergency", "an oxygen saturation under 88 %", oxygen_low),
    _rule("pregnancy_pain_faint", "emergency", "a ruptured ectopic pregnancy: severe pain with "
          "faintness in pregnancy", _ectopic),
    _rule("bleeding_with_faintness", "emergency", "bleeding on a blood thinner, in pregnancy or "
          "after surgery with fainting", _bleed_faint),
    _rule("testicular_pain", "emergency", "testicular torsion (hours matter)",
          _patterns(st.TESTICULAR)),
    _rule("worst_pain_ever", "emergency", "\"the worst pain of my life\" (rupture, torsion, "
          "dissection)", _patterns(st.WORST_PAIN)),
    _rule("postictal_signs", "emergency", "a seizure that ended with the person not waking, "
          "limp or weak on one side (status epilepticus, meningitis, a bleed)", signs.postictal),
    _rule("abdominal_trauma", "emergency", "bleeding inside after a blow to the belly: it "
          "swells or hardens, or the pain comes with faintness", signs.abdominal_trauma),
    _rule("angle_closure_glaucoma", "emergency", "a painful eye with halos, blurred sight, "
          "nausea or headache: sight is lost within hours", signs.angle_closure),
    _rule("critical_lab_value", "emergency", signs.CRITICAL_LAB_HARM, signs.critical_lab),
    *(_rule(f.id, "emergency", f.harm, f.detect) for f in findings.EMERGENCY_FINDINGS),
    _rule("short_alarm", "emergency", "a very short message whose alarm word is the whole "
          "report", _short_alarm),
    _rule("suicidal_ideation", "urgent", "suicidal thoughts without a plan: same-day contact",
          _suicidal_ideation),
    _rule("severe_depression", "urgent", "hopelessness or severe depression: same-day contact",
          _patterns(v.HOPELESS)),
    _rule("palpitations", "urgent", "palpitations", _patterns(v.PALPITATIONS)),
    _rule("short_of_breath", "urgent", "breathlessness that can worsen within hours",
          _patterns(v.SOB)),
    _rule("asthma_flare", "urgent", "an asthma flare needing rescue medication often",
          _patterns(v.ASTHMA)),
    _rule("fever", "urgent", "infection with fever (UTI to kidney, post-op, child)", _fever),
    _rule("dehydration", "urgent", "fluid loss in children and adults", _patterns(v.DEHYDRATION)),
    _rule("wound_infection", "urgent", "a surgical site or wound infection",
          _patterns(v.WOUND)),
    _rule("eye_symptoms", "urgent", "vision-threatening eye problems", _patterns(v.EYE)),
    _rule("shingles_face", "urgent", "zoster near the eye", _patterns(v.SHINGLES)),
    _rule("laceration", "urgent", "a deep cut needing closure", _patterns(v.LACERATION)),
    _rule("possible_fracture", "urgent", "a deformed limb after a fall", _patterns(v.FRACTURE)),
    _rule("coughing_blood", "urgent", "blood coughed up", _patterns(v.COUGH_BLOOD)),
    _rule("facial_swelling", "urgent", "a spreading dental or facial infection",
          _patterns(v.FACIAL_SWELLING)),
    _rule("dvt_signs", "urgent", "a deep vein thrombosis", _patterns(v.DVT)),
    _rule("syncope_dizziness", "urgent", "fainting, near-fainting or dizziness",
          _patterns(v.SYNCOPE)),
    _rule("confusion", "urgent", "new confusion (infection, low sugar, stroke in the elderly)",
          _patterns(v.CONFUSION)),
    _rule("severe_pain", "urgent", "severe pain", _patterns(v.SEVERE_PAIN)),
    _rule("allergic_reaction", "urgent", "a drug or food reaction that can progress",
          _patterns(v.ALLERGY)),
    _rule("bleeding_risk", "urgent", "bleeding in pregnancy, on anticoagulants, after surgery,"
          " in urine or stool",
          _patterns(v.BLEED_RISK, requires=v.BLEED_CONTEXT, unless=v.LIGHT_BLEEDING)),
    _rule("pregnancy_warning", "urgent", "labour or ruptured membranes",
          _patterns(v.PREGNANCY)),
    _rule("head_injury", "urgent", "a fall or head injury", _patterns(v.HEAD_INJURY)),
    _rule("glucose_out_of_range", "urgent", "blood sugar under 70 or 300 and over",
          _glucose_out_of_range),
    _rule("blood_pressure_high", "urgent", "severe hypertension (180 / 120 and over)",
          high_blood_pressure),
    _rule("gi_bleeding", "urgent", "black or bloody stools, vomited blood", _patterns(st.GI_BLEED)),
    _rule("throat_swallowing", "urgent", "a swollen throat or painful swallowing with no "
          "allergen (strep, tonsillitis, an abscess)",
          _patterns(v.THROAT_SWALLOWING, unless=v.PILL_SWALLOWING)),
    _rule("wound_discharge", "urgent", "a wound, scar or ulcer that drains, smells or opens",
          sameday.wound_discharge),
    _rule("post_procedure_worse", "urgent", "a symptom worsening after a procedure",
          sameday.post_procedure_worse),
    _rule("heart_failure_gain", "urgent", "weight gained over days in heart failure (fluid)",
          sameday.heart_failure_gain),
    _rule("new_medication_reaction", "urgent", "a sign of a reaction after a new medicine or "
          "dose", sameday.new_medication_reaction),
    # Situations, not symptoms: they raise urgency and leave the routing to the request.
    RedFlagRule("missed_critical_treatment", "urgent", "a missed chemotherapy, dialysis or "
                "infusion", _patterns(st.MISSED_TREATMENT), category="other"),
    RedFlagRule("pregnancy_exposure", "urgent", "an infection exposure, teratogen or radiation "
                "in pregnancy", _pregnancy_exposure, category="other"),
    RedFlagRule("dangerous_interaction", "urgent", "a dangerous drug combination", _interaction,
                category="other"),
    RedFlagRule("critical_medication_out", "urgent", "a gap in a drug that must not be missed "
                "(rejection, seizures, withdrawal, adrenal crisis)", _critical_gap,
                category="refill_request"),
    RedFlagRule("lab_deadline", "urgent", "a check due within a day or two (bilirubin, "
                "potassium, INR)", _lab_deadline, category="appointment_scheduling"),
    _rule("asks_about_emergency_care", "urgent", "the writer wonders whether to call 911 or go "
          "to the ER", _patterns(v.ER_QUESTION)),
    _rule("unsafe_at_home", "urgent", "violence at home", _patterns(v.UNSAFE)),
)  # fmt: skip


def find_red_flags(message: str | Text) -> tuple[RuleHit, ...]:
    """Run every red-flag rule; return the hits, most urgent first.

    Args:
        message: The message, or a prepared :class:`~.context.Text`.
    """
    text = message if isinstance(message, Text) else Text.of(message)
    hits = [hit for rule in RED_FLAG_RULES if (hit := rule.apply(text)) is not None]
    return tuple(sorted(hits, key=lambda h: h.urgency != "emergency"))
