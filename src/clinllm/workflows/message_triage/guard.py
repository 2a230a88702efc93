"""The advice guard: no reply draft may contain medical advice.

The assistant routes; it never advises. A draft that tells a patient to double their
insulin, that their rash "sounds like shingles", to take ibuprofen, or that their results
"look normal" is practising medicine without a clinician, and a tired staff member may
approve it with one click. The guard rejects any draft with:

- ``dose``: a dose or quantity of a drug (``20 units``, ``2 tablets``);
- ``dose_change``: changing, starting, stopping, skipping or doubling a medication;
- ``medication_instruction``: "you should take / use / try ..." style instructions;
- ``otc_recommendation``: naming an over-the-counter drug to take;
- ``diagnosis``: naming or guessing what the patient has;
- ``treatment``: home treatment or a recommendation ("apply ice", "we recommend");
- ``result_interpretation``: saying what a result means ("your labs look normal");
- ``reassurance``: telling the patient care is not needed ("nothing to worry about").

It is deliberately conservative: a false alarm replaces a draft by the neutral
acknowledgement; a miss puts advice in front of a patient. Escalation wording ("call 911",
"go to the nearest emergency department") is routing, not advice, and passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ADVICE_RULES", "AdviceGuard", "GuardVerdict"]

_DRUGS = (
    r"ibuprofen|acetaminophen|paracetamol|tylenol|advil|motrin|aleve|naproxen|aspirin|benadryl"
    r"|diphenhydramine|claritin|loratadine|zyrtec|cetirizine|antihistamines?|antacids?|tums"
    r"|pepto|imodium|loperamide|mucinex|sudafed|pseudoephedrine|dayquil|nyquil|melatonin"
    r"|hydrocortisone|neosporin|prednisone|antibiotics?|insulin|albuterol|inhaler|nitroglycerin"
)
_CONDITIONS = (
    r"shingles|infection|infected|uti|flu|influenza|covid|strep|pneumonia|migraine|sprain|strain"
    r"|allergy|allergic reaction|gerd|reflux|heartburn|anxiety|panic attack|virus|viral|bacterial"
    r"|cellulitis|conjunctivitis|pink eye|sinusitis|bronchitis|dehydrat\w*|stroke|heart attack"
    r"|blood clot|dvt|side effect|a cold|gastritis|hemorrhoids|eczema|hives"
)
_MED_NOUN = (
    r"dose|doses|dosage|medication|medications|medicine|meds|insulin|pills?|tablets?|capsules?"
    r"|prescription|inhaler|antibiotics?|" + _DRUGS
)
_ACT = (
    r"take|taking|use|using|try|trying|start|starting|stop|stopping|skip|skipping|hold|holding"
    r"|double|doubling|increase|increasing|decrease|decreasing|reduce|lower|raise|adjust|halve"
    r"|cut back|switch|resume|restart|discontinue|give|giving|apply|drink|rest|ice|elevate"
)

#: (reason code, pattern). Codes appear in audit events and drafts' ``guard_reasons``.
ADVICE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "dose",
        re.compile(
            r"\b\d+(?:[.,]\d+)?\s?(?:mg|mcg|µg|g|ml|cc|units?|iu|tablets?|tabs?|pills?"
            r"|capsules?|puffs?|drops?|teaspoons?|tsp|tbsp)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "dose_change",
        re.compile(
            rf"\b(?:increase|decrease|double|halve|reduce|lower|raise|adjust|change|stop|skip|hold"
            rf"|discontinue|pause|restart|resume|cut back on|cut down on)\s+(?:\w+\s+){{0,2}}"
            rf"(?:{_MED_NOUN})\b|\b(?:extra|additional|another|double|half) (?:a )?(?:dose|pill"
            rf"|tablet|unit)s?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "medication_instruction",
        re.compile(
            rf"\b(?:you|he|she|they|your \w+)\s+(?:should|can|could|may|might want to|need to"
            rf"|must|ought to|will want to|'ll want to)\s+(?:also\s+|still\s+|just\s+)?(?:{_ACT})\b"
            rf"|\b(?:it is|it'?s) (?:ok|okay|fine|safe|alright) to (?:{_ACT})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "otc_recommendation",
        re.compile(
            rf"\b(?:take|try|use|give|start|continue)\s+(?:\w+\s+){{0,2}}(?:{_DRUGS})\b",
            re.IGNORECASE,
        ),
    ),
    (
        "diagnosis",
        re.compile(
            r"\b(?:sounds|looks|seems|appears) like (?!you(?:'d| would) like\b|you want\b)\w+"
            r"|\b(?:is|be|have|has|having|like|probably|likely|possibly) (?:an? )?"
            rf"(?:{_CONDITIONS})\b"
            r"|\b(?:you|he|she|they) (?:probably|likely|most likely|may|might|could) (?:have|be"
            r" having)\b|\bit'?s (?:probably|likely|most likely|just|only|not) (?:a|an|just|your"
            r"|nothing|serious|an infection)\b|\b(?:this|that) is (?:probably|likely|most likely"
            r"|not) (?:a|an|serious|dangerous)\b|\bdiagnos\w*|\byou have (?:a|an) \w+ "
            r"(?:infection|virus|reaction|condition|disease)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "treatment",
        re.compile(
            r"\b(?:apply|put|use) (?:some |an? )?(?:ice|heat|a (?:warm|cold) compress|cream"
            r"|ointment)\b|\bdrink (?:plenty|lots|more|extra)\b|\belevate (?:your|the|his|her)\b"
            r"|\b(?:we|i) (?:would )?(?:recommend|suggest|advise)\b|\bi'?d (?:recommend|suggest)\b"
            r"|\btry (?:taking|using|to rest|resting|a (?:warm|cold))\b|\bhome remed\w*"
            r"|\bover[- ]the[- ]counter\b|\bget (?:some |plenty of )?rest\b",
            re.IGNORECASE,
        ),
    ),
    (
        "result_interpretation",
        re.compile(
            r"\b(?:your|the|his|her) (?:\w+ )?(?:results?|labs?|levels?|a1c|test|tests|scan|x-?ray"
            r"|mri|ct|numbers?|readings?|blood work|ekg|ecg)\s+(?:is|are|was|were|look|looks"
            r"|looked|came back|show|shows|showed|indicate\w*|seem\w*)\s+(?:\w+\s+)?(?:normal"
            r"|abnormal|fine|good|great|high|low|elevated|negative|positive|ok|okay|stable"
            r"|concerning|reassuring|nothing)\b|\b(?:normal|healthy) range\b"
            r"|\bwithin normal limits\b|\b(?:means|indicates) (?:that )?(?:you|your)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "reassurance",
        re.compile(
            r"\b(?:no|don'?t|do not|doesn'?t|does not) need to (?:go|visit|come|see|call|worry"
            r"|be seen)\b|\bnothing (?:serious|to worry|to be concerned)\b|\b(?:is|it'?s|that'?s)"
            r" (?:perfectly |completely |totally )?(?:normal|common|expected|nothing)\b"
            r"|\bshould (?:go away|resolve|get better|improve|clear up)\b|\bnot (?:serious"
            r"|dangerous|an emergency)\b",
            re.IGNORECASE,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class GuardVerdict:
    """The guard's answer for one draft.

    Attributes:
        allowed: True when no advice pattern matched.
        reasons: Reason codes of the patterns that matched (never the matched text).
    """

    allowed: bool
    reasons: tuple[str, ...] = ()


class AdviceGuard:
    """Checks reply drafts for medical advice.

    Args:
        rules: (reason code, pattern) pairs; :data:`ADVICE_RULES` by default.
    """

    def __init__(self, rules: tuple[tuple[str, re.Pattern[str]], ...] = ADVICE_RULES) -> None:
        self._rules = rules

    def __repr__(self) -> str:
        return f"AdviceGuard(rules={len(self._rules)})"

    def __eq__(self, other: object) -> bool:
        """Guards with the same rules judge the same way."""
        if not isinstance(other, AdviceGuard):
            return NotImplemented
        return self._rules == other._rules

    def __hash__(self) -> int:
        return hash(self._rules)

    def check(self, draft: str) -> GuardVerdict:
        """Return whether ``draft`` is free of medical advice, with the reasons if not."""
        reasons = tuple(code for code, pattern in self._rules if pattern.search(draft))
        return GuardVerdict(allowed=not reasons, reasons=reasons)
