"""The rules-only triage classifier: a full answer with no model at all.

The gateway's ``rules`` provider is the last fallback of every chain, so when every model is
down, slow or refused, triage must still route each message, and above all still catch every
emergency. :func:`triage_rules` does that from the red-flag rules plus request cues, following
the labelling conventions of the dev set's README:

- several requests: the one needing the soonest clinical action wins
  (symptom_escalation > refill_request > appointment_scheduling > billing_question > other);
- symptom_escalation only when a symptom needs clinical attention: a minor symptom mentioned
  next to another request ("refill my allergy pills, just sneezy") routes to that request;
- a medication question with no symptom ("can I drink alcohol on metronidazole?") is other.

:func:`classify` returns the same verdict with evidence spans and the rule ids that decided;
:data:`RULES` is what the composition root hands to ``RulesProvider``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel

from clinllm.workflows.message_triage import languages as lang
from clinllm.workflows.message_triage.context import Match, Text
from clinllm.workflows.message_triage.redflags import RuleHit, find_red_flags
from clinllm.workflows.message_triage.schema import (
    CATEGORY_PRIORITY,
    MAX_QUOTE_CHARS,
    MAX_QUOTES,
    Category,
    TriageModelOutput,
    Urgency,
    max_urgency,
)
from clinllm.workflows.message_triage.similarity_scope import current_anchor, unsettled
from clinllm.workflows.message_triage.situations import CRITICAL_MED, OUT_NOW
from clinllm.workflows.message_triage.visits import visit_by_time

__all__ = [
    "RULES",
    "RulesVerdict",
    "SemanticLayer",
    "category_supported",
    "classify",
    "medication_gap",
    "triage_rules",
]


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


_REFILL = _rx(
    r"\bre-?fill\w*|\brefil\w*|\brefll\w*|\brenew\w*|\bre-?order\w*",
    r"\b(?:new|another|a) (?:prescription|rx|script)\b|\bbridge (?:script|prescription|rx)",
    r"\b(?:call|send|phone) (?:\w+ ){0,2}in\b|\bcalled in\b",
    r"\b(?:\d+|thirty|ninety)[- ]day (?:supply|refill)|\bmail order\b",
    r"\b(?:prescription|rx|script) (?:has |is |was )?(?:expired|ran out)",
    r"\b(?:running|getting|almost|nearly|very) (?:low|out)\b|\blow on (?:my |his |her )?\w+",
    r"\b(?:ran|run|running|runs) out\b|\bout of (?:my |his |her )?(?:\w+ )?(?:pills|meds"
    r"|medication|medicine|pens?|inhaler|insulin|tablets|patches)",
    r"\b(?:needs?|need) (?:a |his |her |my )?(?:new )?(?:prescription|rx)\b",
    r"\bsend (?:it|them|all my \w+|my \w+|the \w+|a new one)\b (?:\w+ ){0,4}(?:pharmacy|express"
    r" scripts|mail order|cvs|walgreens|costco|rite aid|walmart|kroger|target|optum)",
    r"\b(?:i'?d like|i want|i need|can i get|could i get) (?:a "
    r"|an )?(?:[\w-]+ ){0,2}(?:prescription"
    r"|rx|script)\b",
    r"\brenovar (?:a |la )?receita|续开|续药|\bneeds? (?:a )?new authorization",
    r"\breceta\b|\bresurt\w*|\brellen\w*|\bmedicamento\w* (?:se )?(?:acab|termin)\w*",
    r"\b(?:supplies|test strips|lancets|cpap)\b (?:[\w']+ ){0,4}(?:order|need)",
    r"\b(?:order|reorder|need|refill)\w* (?:[\w']+ ){0,2}(?:supplies|test strips|strips|lancets"
    r"|needles|pen needles|sensors)\b",
    r"\b(?:prescriptions?|rx|scripts?|meds?|refills?)\b (?:[\w']+ ){0,5}(?:sent|transferred"
    r"|moved) to (?:the |my |a )?(?:new )?(?:\w+ )?(?:pharmacy|walgreens|cvs|rite aid|costco"
    r"|walmart|kroger|target|express scripts|optum|mail order)|\btransfer (?:my |all my )?"
    r"(?:prescriptions?|rx|meds)",
    r"\b(?:prescription|rx|script) for (?:a |an |my )?(?:new )?\w+|\bget (?:a |an )?(?:[\w-]+ )?"
    r"(?:prescription|rx|script)\b",
    r"\b(?:prescriptions?|rx|scripts?|refills?) (?:[\w']+ ){0,2}(?:to be |be |been |was |get )?"
    r"sent\b",
    r"\breplacement (?:\w+ ){0,2}(?:sent|for|pen|inhaler|prescription)|\blost (?:my|his|her)"
    r" (?:\w+ )?(?:pens?|pills|meds|medication|inhaler|insulin|prescription)",
    # More of a medicine the writer already has: the request is "more of", the object a drug.
    r"\b(?:get|need|have|send|want|like) (?:some )?more (?:of )?(?:my|his|her|the|their) (?:[\w-]+"
    r" ){0,3}(?:medicine|meds|medication|pills|tablets|inhaler|cream|ointment|drops|insulin"
    r"|patch(?:es)?|capsules)\b",
    r"\b(?:preciso|precisa|precisamos) de mais\b|\bmais (?:\w+ )?(?:remedios?|comprimidos)"
    r"|\bnecesit\w* (?:mas|otra caja de|otro frasco de) (?:\w+ )?(?:pastillas|medicina"
    r"|medicamento)",
    *lang.REFILL,
)
# What a visit request is about: the visit itself, or a service that is one.
_VISIT = (
    r"(?:appointments?|appts?|visits?|check-?ups?|physicals?|follow-?ups?|consults?|exams?"
    r"|scans?|ultrasounds?|mammograms?|colonoscopy|glucose test|weight checks?|vaccines?"
    r"|shots|well[- ](?:child|baby) (?:check|visit))"
)
# A word between the verb and the visit that keeps the visit its object ("move her eye doctor
# referral appointment"), not a preposition that makes it a time ("change the dose before my
# visit").
_OBJECT_WORD = r"(?!(?:before|after|at|during|until|till|for|on|to|in|by|from)\b)[\w'-]+"
_APPOINTMENT = _rx(
    # A visit and a scheduling verb in either order, the passive included ("her referral
    # appointment moved to after the holidays", "set up a checkup", "push his visit back").
    rf"\b(?:set up|book|arrange|push|move|change|switch|make) (?:{_OBJECT_WORD} ){{0,4}}{_VISIT}\b",
    rf"\b{_VISIT} (?:[\w'-]+ ){{0,2}}(?:moved|changed|pushed|rescheduled|switched|postponed"
    r"|booked|set up)\b",
    r"\b(?:re-?)?schedul(?:e|ed|ing)\b(?<!as scheduled)",
    r"\bbook(?:ed|ing)?\b|\bcancel\w*",
    r"\b(?:needs?|want|like|get|make|have|confirm|move|switch|change|an?|earlier|next)"
    r" (?:[\w'-]+ ){0,3}(?:appointments?|appts?|cita|consult|follow-?up)\b",
    r"\b(?:needs?|need|want|like|get) (?:a |an |his |her |my )?(?:[\w'-]+ ){0,2}(?:physical|visit"
    r"|check-?up|exam|mammogram|colonoscopy)\b",
    r"\b(?:move|switch|change) (?:\w+ ){0,2}(?:telehealth|video visit|visit|appointment|appt"
    r"|physical|check-?up|exam|follow-?up)",
    r"\b(?:be|do|switch to|have|as) (?:a |an )?(?:video|virtual|telehealth|phone) (?:visit"
    r"|appointment|call)|\b(?:video|virtual|telehealth) (?:visit )?instead",
    r"\b(?:earlier|sooner|next available) (?:\w+ )?(?:openings?|appointments?|slots?"
    r"|availability)|\bwaitlist|\bwait list",
    r"\baccepting new patients|\bnew patient (?:visit|appointment)",
    r"\b(?:get|fit|squeeze) (?:me|him|her|us|them) in\b|\bwalk[- ]?in\b|\bbe seen\b",
    r"\bwell[- ](?:child|baby) (?:check|visit)|\b(?:sports|school|annual) physical",
    r"\bcita\b|\bagendar\b|\bprogramar\b|\brendez-?vous|\bmarcar (?:uma )?consulta|预约|挂号",
    r"\bset up (?:a |an )?(?:[\w-]+ )?(?:visit|appointment|appt|call)|\bconfirm (?:the |my )?"
    r"(?:time|date|appointment|appt)|\bget on the (?:list|schedule)|\bhave (?:her|him|them) seen"
    r"|\bflu clinic",
    r"\brunning (?:\w+ ){0,3}late",
    r"\bsecond opinion|\bwho (?:can|should|could) (?:i|we|he|she) see\b",
    r"\b(?:do|does) (?:you|you guys|y'?all|the clinic|the office) (?:do|have|offer|take) (?:\w+ )?"
    r"(?:telehealth|video visits?|virtual visits?|walk-?ins?|appointments?|same[- ]day)",
    r"\b(?:come|go|make it|keep|attend) (?:\w+ ){0,2}(?:to )?(?:my|the|his|her) (?:appointment|appt"
    r"|visit)",
    # A service that is a visit: something to have checked or screened, shots that are due.
    r"\b(?:get|have) (?:my |his |her |their |our |the )?(?:[\w'-]+ ){0,2}(?:checked|screened)"
    r"\b(?! out)",
    r"\bwhen (?:are|is) (?:[\w'-]+ ){0,2}(?:shots?|vaccines?|vaccinations?|immuni[sz]ations?"
    r"|check-?ups?|physical) due\b",
    *lang.APPOINTMENT,
)
_APPOINTMENT_NOT = re.compile(
    r"\b(?:called|tried) to cancel|\bcancellation\W{0,3}fee|\bno-?show\W{0,3}fee"
)
_BILLING_STRONG = _rx(
    r"\bbill(?:s|ed|ing)?\b|\bcharg(?:e|es|ed|ing)\b|\bco-?pays?\b|\bcopayment|\bco-?insurance"
    r"|\bdeductible|\bout[- ]of[- ]pocket",
    r"\beob\b|\bexplanation of benefits|\binvoice|\breceipts?\b|\brefund\w*|\bpayments?\b"
    r"|\bpaid\b|\bpay\b|\bpaying\b|\bbalance\b|\bfees?\b|\bcollections? agency|\bcollections\b",
    r"\bbil\b|\bcoverd\b|\bpast due\b|\bautopay|\boverdue (?:bill|balance|account)",
    r"\bcosts?\b|\bhow much\b|\bprice\w*|\bfinancial assistance|\bcharity care|\bclaims?\b",
    r"\b(?:not )?covered\b|\bcoverage\b|\bmedicaid\b|\bmedicare\b|\bsupplement\b|\bhsa\b|\bfsa\b",
    r"\b(?:accept|take) (?:my |the )?(?:\w+ ){0,3}(?:insurance|plan)\b",
    r"\b(?:plan|insurance|medicare|medicaid|policy|they|it) (?:\w+ )?(?:cover|covers)\b"
    r"|\bfree(?: of charge)?\s*\?|\bfree of charge",
    r"\bfactura\w*|\bcobr\w*|\bpagar\b|\bpago\b|\bcuanto (?:cuesta|cobran|es)|\bcuesta\b"
    r"|\bprecio\b|\bcosto\b",
    *lang.BILLING,
)
_BILLING_WEAK = _rx(r"\bstatements?\b|\binsurance\b|\bseguro\b")
_OTHER_REQUEST = _rx(
    r"\b(?:forms?|letters?|paperwork|note) (?:[\w']+ ){0,4}(?:ready|signed|filled(?: out)?"
    r"|completed|done)\b|\bfill (?:out|in) (?:a |the |my |his |her )?(?:[\w-]+ )?(?:forms?"
    r"|paperwork)",
    r"\bupdate (?:my |his |her )?(?:address|phone|email|name|contact|information|info)",
    r"\b(?:change|new) (?:my )?(?:address|phone number)",
    r"\b(?:copy|copies) of (?:my |the |his |her )?(?:[\w']+ ){0,3}(?:records?|letter"
    r"|results?|forms?"
    r"|report|notes?)\b",
)
# Generic symptom words: a symptom mention routes to symptom_escalation only when no other
# request is present or when a red-flag rule says it needs same-day attention.
_SYMPTOM = _rx(
    r"\b(?:pain\w*|hurt\w*|ache\w*|aching|achy|sore(?:ness)?|swell\w*|swollen|rash\w*|hives"
    r"|itch\w*|fevers?|feverish|chills|vomit\w*|throwing up|threw up|throw up|puk\w*|nause\w*"
    r"|diarrh?e\w*|diarea|constipat\w*|dizz\w*|lightheaded|faint\w*|bleed\w*|cough\w*|wheez\w*"
    r"|breath\w*|headaches?|migraines?|confus\w*|numb(?:ness|ed)?\b|tingl\w*|weak(?:ness)?|blurr\w*|vision"
    r"|infect\w*|burning|cramp\w*|palpitations?|racing|lumps?|sick|flu|congest\w*|sneez\w*"
    r"|insomnia|ringing|tinnitus|hearing loss|depress\w*|anxi\w*|panic|flar\w*|thirsty"
    r"|stiff|bruis\w*|spotting|discharge"
    r"|nose ?bleeds?|tired|fatigue\w*|exhausted|lethargic|not eating|poor appetite"
    r"|low mood|feeling (?:really )?(?:low|down)|dolor\w*|duele|fiebre|tos|mare\w*|sangr\w*"
    r"|hinchad\w*|picaz\w*|vomito|scratchy|heartburn|reflux|indigestion|runny|stuffy|earaches?"
    r"|toothaches?|sinus\w*|bloat\w*)\b(?!d)"
)
# "Urgent Care" is a place, not an ask ("the urgent care on 5th gave me amoxicillin").
_SAME_DAY_ASK = _rx(
    r"\b(?:today|tonight|asap|right away|urgent\w*(?! care)|immediately|as soon as possible"
    r"|hoy)\b",
)
_URGENT_ASK_NOT = re.compile(
    r"\b(?:not urgent|no rush|none are urgent|nothing urgent|no hurry|not an emergency"
    r"|routine is fine|whenever (?:you|is) (?:can|convenient)|when you get a chance)\b"
)
_CRITICAL_MED = CRITICAL_MED
_OUT_NOW = OUT_NOW
_SOON_VISIT = _rx(
    r"\b(?:within|in (?:the next )?) ?(?:1|2|3|one|two|three|24|48|72) (?:days?|hours?|hrs?)\b",
    r"\b(?:discharged|hospital discharge|at discharge|discharge from|after discharge)\b",
)
_SAME_DAY_TREATMENT = _rx(
    r"\b(?:today|tomorrow)'?s? (?:\w+ ){0,2}(?:chemo\w*|infusion|surgery|procedure|dialysis"
    r"|treatment|transfusion)",
    r"\b(?:chemo\w*|infusion|surgery|procedure|dialysis|treatment) (?:\w+ ){0,3}(?:today|tomorrow)",
)


# Words without which a routing label has no footing in the message. A model label for one of
# these categories with none of its words present is ungrounded, like an ungrounded value.
_SUPPORT: dict[Category, re.Pattern[str]] = {
    "appointment_scheduling": _rx(
        r"\b(?:appointments?|appts?|visits?|schedul\w*|book\w*|cancel\w*|reschedul\w*|seen"
        r"|see (?:a|an|the|dr|doctor|someone|him|her|me|you)|come in|slots?|openings?|availab\w*"
        r"|telehealth|video|virtual|physicals?|check-?ups?|checks?|follow-?ups?|exam|cita|consulta"
        r"|wait ?list|referral|new patients?|walk[- ]?in|second opinion|mammogram|colonoscopy"
        r"|screening|late|tomorrow|next week|reprogram\w*|agendar)\b",
    ),
    "billing_question": _rx(
        r"\b(?:bills?|billed|billing|charg\w*|co-?pays?|copayment|costs?|price\w*|pay|paid"
        r"|paying|payments?|insurance|covered|coverage|claims?|fees?|balance|statements?|refund\w*"
        r"|deductible|medicaid|medicare|eob|financial|charity|receipts?|invoice|collections?|hsa"
        r"|fsa|factura|seguro|cobr\w*|cuesta|precio|how much|out[- ]of[- ]pocket|supplement"
        r"|plan)\b|\$\d",
    ),
    "refill_request": _rx(
        r"\b(?:re-?fill\w*|refil\w*|renew\w*|prescriptions?|rx|scripts?|pharmacy|ran out|run out"
        r"|running (?:low|out)|supply|supplies|receta\w*|pills|meds|medications?|tablets|inhaler"
        r"|pens?|patch(?:es)?|strips|mail order|reorder\w*|bridge)\b",
    ),
}


def category_supported(category: Category, message: str | Text) -> bool:
    """Whether ``message`` has at least one word that a ``category`` label could rest on.

    Symptom and ``other`` labels are always supported: symptoms are too varied to list, and
    ``other`` is the absence of a request.
    """
    pattern = _SUPPORT.get(category)
    if pattern is None:
        return True
    text = message if isinstance(message, Text) else Text.of(message)
    return text.search(pattern) is not None


class SemanticLayer(Protocol):
    """Red-flag hits beyond the phrase lists (:class:`~.semantic.SemanticFlags`); raise only."""

    def hits(self, text: Text) -> tuple[RuleHit, ...]:
        """``semantic_emergency`` / ``semantic_urgent`` hits of a message, with spans."""
        ...


@dataclass(frozen=True, slots=True)
class RulesVerdict:
    """The rules-only answer with its evidence.

    Attributes:
        category: Where the message goes.
        urgency: How soon.
        category_rule: The cue or rule id that set the category (``rule:<id>``).
        urgency_rule: The rule id that set the urgency, or ``rule:default_routine``.
        red_flags: Every red-flag hit.
        spans: Evidence spans, most decisive first.
        cues: Request cues found, per category (symptoms excluded), in priority order.
    """

    category: Category
    urgency: Urgency
    category_rule: str
    urgency_rule: str
    red_flags: tuple[RuleHit, ...]
    spans: tuple[tuple[str, Match], ...]
    cues: tuple[tuple[Category, Match], ...] = ()

    def __repr__(self) -> str:
        return (
            f"RulesVerdict({self.category!r}, {self.urgency!r}, by={self.category_rule!r}/"
            f"{self.urgency_rule!r})"
        )


def _first_present(text: Text, pattern: re.Pattern[str]) -> Match | None:
    hits = text.any_present(pattern, 1)
    return hits[0] if hits else None


def _first_request(text: Text, pattern: re.Pattern[str]) -> Match | None:
    hits = text.requested(pattern, 1)
    return hits[0] if hits else None


def _request_cues(text: Text) -> dict[Category, Match]:
    """Request cues per non-symptom category (the first asserted match of each)."""
    cues: dict[Category, Match] = {}
    if (m := _first_request(text, _REFILL)) is not None:
        cues["refill_request"] = m
    appointment = next(
        (
            m for m in text.requested(_APPOINTMENT)
            if not _APPOINTMENT_NOT.search(text.norm[max(0, m.start - 12) : m.end + 16])
        ),
        None,
    )  # fmt: skip
    if appointment is not None:
        cues["appointment_scheduling"] = appointment
    other = _first_request(text, _OTHER_REQUEST)
    # Billing is billing even when negated ("I don't have insurance").
    billing = next(text.finditer(_BILLING_STRONG), None)
    if billing is None and other is None:
        billing = next(text.finditer(_BILLING_WEAK), None)
    if billing is not None:
        cues["billing_question"] = billing
    if other is not None:
        cues["other"] = other
    return cues


def _symptom(text: Text) -> Match | None:
    for m in text.finditer(_SYMPTOM):
        assertion = text.assertion(m)
        if assertion.present and not assertion.minimized:
            return m
    return None


def classify(message: str, semantic: SemanticLayer | None = None) -> RulesVerdict:
    """Route ``message`` with rules only; keep the spans and rule ids that decided.

    Args:
        message: The portal message (PHI: never logged).
        semantic: The semantic layer, when one is composed. It can only raise: a semantic
            emergency joins the red flags when no rule found one; a semantic same-day need
            raises a routine urgency to urgent, and routes to ``symptom_escalation`` when
            the rules found no request above ``other`` and its sentence names a body or sign.
    """
    text = Text.of(message)
    flags = find_red_flags(text)
    raised: RuleHit | None = None
    if semantic is not None and not any(h.urgency == "emergency" for h in flags):
        semantic_hits = unsettled(text, semantic.hits(text), flags)
        flags = (*(h for h in semantic_hits if h.urgency == "emergency"), *flags)
        if not flags:
            raised = next((h for h in semantic_hits if h.urgency == "urgent"), None)
    cues = _request_cues(text)
    if (
        "appointment_scheduling" not in cues
        and not flags
        and raised is None
        and _symptom(text) is None
        and (visit := visit_by_time(text)) is not None
    ):
        cues["appointment_scheduling"] = visit  # a weak cue: a symptom's message is care
    spans: list[tuple[str, Match]] = [(f"rule:{h.rule_id}", s) for h in flags for s in h.spans]
    symptom_flags = [h for h in flags if h.category == "symptom_escalation"]
    # A situation rule that routes elsewhere (a critical medicine gap is a refill) is a request.
    for hit in flags:
        if hit.category != "symptom_escalation" and hit.category not in cues:
            cues[hit.category] = hit.spans[0]

    category: Category
    if symptom_flags:
        category, category_rule = "symptom_escalation", f"rule:{symptom_flags[0].rule_id}"
    elif (sym := _symptom(text)) is not None and not cues:
        category, category_rule = "symptom_escalation", "rule:symptom_mention"
        spans.append((category_rule, sym))
    elif cues:
        category = next(c for c in CATEGORY_PRIORITY if c in cues)
        category_rule = f"rule:cue_{category}"
        spans.append((category_rule, cues[category]))
    else:
        category, category_rule = "other", "rule:default_other"

    urgency: Urgency = "routine"
    urgency_rule = "rule:default_routine"
    if flags:
        urgency, urgency_rule = flags[0].urgency, f"rule:{flags[0].rule_id}"
    elif (extra := _extra_urgency(text, category)) is not None:
        urgency_rule, span = extra
        urgency = max_urgency(urgency, "urgent")
        spans.append((urgency_rule, span))
    elif raised is not None:
        urgency, urgency_rule = "urgent", f"rule:{raised.rule_id}"
        spans.extend((urgency_rule, s) for s in raised.spans)
        if category == "other" and any(current_anchor(text, s, who=True) for s in raised.spans):
            # A same-day need that only similarity saw, in a message with no request above
            # ``other``: its sentence speaks of a body or a sign ("yellow eyes and isn't
            # feeding great", "haven't been able to pee since"), so it is a symptom that
            # needs attention, which is what ``symptom_escalation`` means. The phrase list
            # of symptoms is narrower than the exemplars; ``other`` would send it to the
            # front desk. A sentence with no body word ("can my brother sign the consent")
            # keeps the rules' category.
            category, category_rule = "symptom_escalation", urgency_rule
    return RulesVerdict(
        category=category,
        urgency=urgency,
        category_rule=category_rule,
        urgency_rule=urgency_rule,
        red_flags=flags,
        spans=tuple(spans),
        cues=tuple((c, cues[c]) for c in CATEGORY_PRIORITY if c in cues),
    )


def _extra_urgency(text: Text, category: Category) -> tuple[str, Match] | None:
    """Same-day needs that are not symptoms: critical medication gaps, post-discharge visits."""
    if text.search(_URGENT_ASK_NOT):
        return None
    if category == "refill_request":
        out = _first_present(text, _OUT_NOW)
        critical = _first_request(text, _CRITICAL_MED)
        if out is not None and critical is not None:
            return "rule:critical_medication_gap", out
        if out is not None and (ask := _first_present(text, _SAME_DAY_ASK)) is not None:
            return "rule:medication_gap_same_day", ask
    if category == "symptom_escalation" and (ask := _first_present(text, _SAME_DAY_ASK)):
        return "rule:symptom_same_day_ask", ask
    if category == "appointment_scheduling":
        soon = text.any_present(_SOON_VISIT, 2)
        if len(soon) >= 2 or (soon and _first_present(text, _SAME_DAY_ASK)):
            return "rule:post_discharge_visit", soon[0]
    if category in ("other", "billing_question", "appointment_scheduling"):
        treatment = _first_present(text, _SAME_DAY_TREATMENT)
        if treatment is not None and _first_present(text, _SAME_DAY_ASK) is not None:
            return "rule:treatment_deadline", treatment
    return None


def medication_gap(message: str | Text) -> tuple[str, Match] | None:
    """The critical-medication-gap rule alone, for the service's rules-raise-urgency merge."""
    text = message if isinstance(message, Text) else Text.of(message)
    if text.search(_URGENT_ASK_NOT) or _first_request(text, _REFILL) is None:
        return None
    out = _first_present(text, _OUT_NOW)
    critical = _first_request(text, _CRITICAL_MED)
    if out is not None and critical is not None:
        return "rule:critical_medication_gap", out
    return None


def triage_rules(source_text: str, semantic: SemanticLayer | None = None) -> TriageModelOutput:
    """Rules-only triage in the model's output shape: the gateway's ``rules`` provider.

    Args:
        source_text: The message.
        semantic: The semantic layer, when one is composed (see :func:`classify`).
    """
    verdict = classify(source_text, semantic)
    quotes: list[str] = []
    for _, span in verdict.spans:
        quote = span.text.strip()[:MAX_QUOTE_CHARS].strip()
        if quote and quote not in quotes:
            quotes.append(quote)
        if len(quotes) == MAX_QUOTES:
            break
    return TriageModelOutput(category=verdict.category, urgency=verdict.urgency, evidence=quotes)


#: What the composition root registers in ``RulesProvider``.
RULES: dict[type[BaseModel], Callable[[str], BaseModel]] = {TriageModelOutput: triage_rules}
