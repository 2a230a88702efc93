"""Recognizers for record, plan, account, licence, vehicle, device and other numbers.

Most identifiers in clinical text are only recognisable by their label ("MRN", "Member ID",
"serial no.", "badge"), so :class:`LabelledIdRecognizer` reads the label and takes the
value after it. Identifiers with a checksum or a fixed shape (NPI, DEA, Medicare MBI, VIN)
are found without a label. A last, low-priority rule takes any other long number or
letter-digit code: in doubt, an identifier is redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate

__all__ = [
    "AccountNumberRecognizer",
    "DeaRecognizer",
    "GenericIdRecognizer",
    "LabelledIdRecognizer",
    "MacAddressRecognizer",
    "MbiRecognizer",
    "NpiRecognizer",
    "VinRecognizer",
    "dea_checksum_ok",
    "npi_checksum_ok",
]

_NUM: Final = r"(?:\s*(?:number|num\.?|no\.?|#|ID|identifier|code)\b\.?)?"
# "policy" or "group" alone names a document or a cohort; only "policy number" is an id.
_NUM_REQUIRED: Final = r"\s*(?:number|num\.?|no\.?|#|ID|identifier)(?:\b\.?|(?=\s|:))"
# (type, label pattern, priority). Longer, more specific labels get the higher priority.
_LABELS: Final[tuple[tuple[str, str, int], ...]] = (
    (
        "MRN",
        rf"MRN|MR\s?#|MR\s?no\.?|medical\s+record{_NUM}|med\.?\s*rec\.?{_NUM}"
        rf"|chart{_NUM}|hospital\s+(?:number|no\.?|#)|unit\s+(?:number|no\.?)"
        rf"|patient\s+ID|health\s+record{_NUM}",
        68,
    ),
    (
        "HEALTH_PLAN_ID",
        rf"member(?:ship)?{_NUM}|subscriber{_NUM}|insured'?s?\s+ID{_NUM}|policy{_NUM_REQUIRED}|group{_NUM_REQUIRED}"
        rf"|insurance(?:\s+card|\s+ID|\s+number|\s+no\.?)?|(?:health\s+|dental\s+|vision\s+)?plan\s+ID"
        rf"|medicare{_NUM}|MBI|HICN|medicaid{_NUM}|beneficiary{_NUM}|payer\s+ID"
        rf"|(?:primary|secondary|tertiary)(?=\s*:)",
        66,
    ),
    (
        "ACCOUNT",
        rf"(?:bank\s+|patient\s+|billing\s+)?account{_NUM}|acct\.?{_NUM}"
        rf"|claim{_NUM}|invoice{_NUM}|routing{_NUM}|statement{_NUM}(?=\s*[:#])",
        66,
    ),
    (
        "LICENSE",
        rf"driver'?s\s+licen[cs]e{_NUM}|licen[cs]e{_NUM}|DL{_NUM}|CDL{_NUM}|DEA{_NUM}"
        rf"|registry{_NUM}|NRCME{_NUM}|certificate{_NUM}|certification{_NUM}|permit{_NUM}",
        66,
    ),
    (
        "VEHICLE",
        rf"(?:licen[cs]e\s+)?plate{_NUM}|tag{_NUM}(?=\s*[:#]?\s*[A-Z0-9]*\d)|VIN{_NUM}"
        rf"|vehicle{_NUM}",
        67,
    ),
    (
        "DEVICE_ID",
        rf"serial{_NUM}|S/N|SN|UDI|device{_NUM}|transmitter{_NUM}|modem{_NUM}"
        rf"|scanner{_NUM}|IMEI|MAC\s+address|lot{_NUM}|implant{_NUM}|pump{_NUM}"
        rf"|monitor{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)",
        66,
    ),
    (
        "OTHER_ID",
        rf"employee{_NUM}|student{_NUM}|badge{_NUM}|case{_NUM}|accession{_NUM}"
        rf"|specimen{_NUM}|prescription{_NUM}|Rx{_NUM}|participant{_NUM}|waitlist{_NUM}"
        rf"|activation\s+code|confirmation{_NUM}|reference{_NUM}|ticket{_NUM}"
        rf"|encounter{_NUM}|visit\s+(?:ID|number|no\.?)|FIN|CSN|requisition{_NUM}"
        rf"|order{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)|(?:prior\s+)?auth(?:orization)?{_NUM}"
        rf"|study{_NUM}(?=\s*[:#]?\s*[A-Z0-9-]*\d)|subject{_NUM}|NPI|TIN|EIN|tax\s+ID"
        rf"|registration{_NUM}|passport{_NUM}|certificate\s+of\s+birth",
        64,
    ),
    (
        "BIOMETRIC",
        rf"fingerprint{_NUM}|biometric(?:\s+(?:template|record|enrollment))?{_NUM}"
        rf"|voice\s?print{_NUM}|retina(?:l)?\s+scan{_NUM}|iris\s+(?:scan|template){_NUM}"
        rf"|face\s?(?:print|template){_NUM}|palm\s?print{_NUM}",
        67,
    ),
    # A postcode alone locates a handful of homes ("ZIP only on the old form: 88196").
    ("ADDRESS", r"zip(?:\s+code)?|post\s?code|postal\s+code|c[oó]digo\s+postal|PLZ|CEP", 63),
    ("OTHER_ID", r"ID|#|no\.|number|identifier", 55),
)
_LABEL_RES: Final = tuple(
    (kind, LazyPattern(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), prio)
    for kind, pattern, prio in _LABELS
)
# Words a label can start with: only there are the label patterns tried (a fast prefilter).
_LABEL_FIRST_WORDS: Final = frozenset(
    """mrn mr medical med chart hospital unit patient health member membership subscriber policy
    insured insured's
    group insurance dental vision plan medicare mbi hicn medicaid beneficiary payer primary
    secondary tertiary bank billing account acct claim invoice routing statement driver's
    drivers driver’s license licence dl cdl dea registry nrcme certificate certification permit
    plate tag vin vehicle serial s/n sn udi device transmitter modem scanner imei mac lot implant
    pump monitor employee student badge case accession specimen prescription rx participant
    waitlist activation confirmation reference ticket encounter visit fin csn requisition order
    prior auth authorization study subject npi tin ein tax registration passport id # no number
    identifier fingerprint biometric voiceprint voice retina retinal iris face faceprint palm
    palmprint zip postcode post postal código codigo plz cep""".split()
)
_WORD_SCAN: Final = LazyPattern(r"(?=[A-Za-z#])(?<![\w-])(?:[A-Za-z][\w'’/]*+|#)")
# Between label and value: punctuation, then up to five lower-case words ("at your company is").
_PUNCT: Final = LazyPattern(r"[ \t:#=.\-–]*")
_FILLER_WORD: Final = LazyPattern(r"[a-z][a-z'.]*[ \t:#=,]+")
_VALUE: Final = LazyPattern(
    r"(?:(?P<state>[A-Z]{2})\s(?=[A-Z0-9-]*\d))?"
    r"(?P<val>\(?[A-Za-z0-9](?:[A-Za-z0-9()\-./]*[A-Za-z0-9)])?)"
)
_CLAUSE_COLON: Final = LazyPattern(r"[^.:;\n]{1,60}?:")
_CLAUSE_START: Final = LazyPattern(r"(?:^|[.;]\s+|\n)(?=\w)", re.MULTILINE)
_PLAN_CONTEXT: Final = LazyPattern(
    r"insurance|insured|health plan|medicare|medicaid|payer|coverage|member|plan,", re.IGNORECASE
)
_STATE_PREFIXED: Final = frozenset({"LICENSE", "VEHICLE"})


def _has_digit(value: str) -> bool:
    return any(ch.isdigit() for ch in value)


_UNIT_AFTER: Final = LazyPattern(
    r"\s?(?:days?|weeks?|months?|years?|hours?|hrs?|mg|mcg|g|kg|mL|ml|units?|%|lbs?|cm|mm"
    r"|visits?|sessions?|tablets?|doses?)\b"
)
_YEAR_ONLY: Final = LazyPattern(r"(?:19|20)\d\d")


def _looks_like_id(value: str) -> bool:
    """Two digits or more and no word inside ("5-day", "24-hour" are not identifiers)."""
    return sum(ch.isdigit() for ch in value) >= 2 and not re.search(r"[a-z]{3,}", value)


def _value_after(text: str, pos: int) -> re.Match[str] | None:
    """The first digit-bearing value within five filler words after ``pos``, same line.

    A quantity ("180 days", "40 mg") is not an identifier, and neither is a bare year reached
    through filler words ("device: cane since 2025").
    """
    pos = _PUNCT.match(text, pos).end()  # type: ignore[union-attr]
    for skipped in range(6):
        vm = _VALUE.match(text, pos)
        if vm is not None and _looks_like_id(vm.group("val")):
            unit = _UNIT_AFTER.match(text, vm.end())
            if unit is not None or (skipped and _YEAR_ONLY.fullmatch(vm.group("val"))):
                return None
            return vm
        fm = _FILLER_WORD.match(text, pos)
        if fm is None:
            return None
        pos = fm.end()
    return None


class LabelledIdRecognizer:
    """Any identifier introduced by a label: MRN, member id, claim, licence, serial, badge...

    Medical record numbers, plan ids and account numbers come in endless formats (with or
    without prefixes, dashes, check letters); what they share is the label in front of them.
    The value must contain a digit, so "Member: Jane" or "Plan: continue" are left alone.
    A bare "ID" or "#" label gives OTHER_ID unless insurance words precede it on the line.
    """

    name = "labelled_id"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the value after every identifier label."""
        for wm in _WORD_SCAN.finditer(text):
            if wm.group().lower() not in _LABEL_FIRST_WORDS:
                continue
            yield from self._after_label(text, wm.start())

    def _after_label(self, text: str, pos: int) -> Iterator[Candidate]:
        for kind, label_re, prio in _LABEL_RES:
            lm = label_re.match(text, pos)
            if lm is not None:
                vm = _value_after(text, lm.end())
                bonus = 0
                if vm is None:
                    # "Bank account used for the spend-down verification: 2201-884310-07":
                    # a label opening its clause names the value after the clause's colon.
                    cm = _CLAUSE_COLON.match(text, lm.end())
                    vm = _value_after(text, cm.end()) if cm else None
                    if vm is None:
                        continue
                    head = _CLAUSE_START.search(text, max(0, lm.start() - 3), lm.start() + 1)
                    bonus = -3 if head is None else -2
                start, end = vm.start("val"), vm.end("val")
                value = vm.group("val")
                while value and value[-1] in ".-/":
                    value, end = value[:-1], end - 1
                if value.startswith("(") and ")" not in value:
                    value, start = value[1:], start + 1
                if value.endswith(")") and "(" not in value:
                    value, end = value[:-1], end - 1
                if len(value) < 3 or not _has_digit(value) or len(value) > 40:
                    continue
                if vm.group("state") and kind in _STATE_PREFIXED:
                    start = vm.start("state")
                label_kind = kind
                if prio == 55:
                    line_start = text.rfind("\n", 0, lm.start()) + 1
                    if _PLAN_CONTEXT.search(text, max(line_start, lm.start() - 40), lm.start()):
                        label_kind = "HEALTH_PLAN_ID"
                yield Candidate(start, end, label_kind, 0.85, self.name, priority=prio + bonus)


def npi_checksum_ok(digits: str) -> bool:
    """Whether ten digits are a valid NPI (Luhn over the number prefixed with ``80840``)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed("80840" + digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def dea_checksum_ok(value: str) -> bool:
    """Whether a DEA registration number's last digit matches its check digit."""
    if not re.fullmatch(r"[A-Z][A-Z9]\d{7}", value):
        return False
    d = [int(c) for c in value[2:]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return check == d[6]


_NPI: Final = LazyPattern(r"(?=\d)(?<![\w-])\d{10}(?![\w-])")
_DEA: Final = LazyPattern(r"(?=[A-Z])(?<![\w-])[A-Z][A-Z9]\d{7}(?![\w-])")
_MBI: Final = LazyPattern(
    r"(?=[1-9])(?<![\w-])[1-9][AC-HJKMNP-RT-Yac-hjkmnp-rt-y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d\d(?![\w-])"
)
_VIN: Final = LazyPattern(
    r"(?=[A-HJ-NPR-Z0-9])(?<![\w-])(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![\w-])"
)


class NpiRecognizer:
    """National Provider Identifiers (ten digits passing the NPI check digit).

    An NPI names a clinician publicly; next to a patient's note it tells where and by whom
    the patient was seen, so it is redacted like any other identifier (OTHER_ID).
    """

    name = "npi"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield ten-digit numbers whose NPI check digit is right."""
        for m in _NPI.finditer(text):
            if npi_checksum_ok(m.group()):
                yield Candidate(m.start(), m.end(), "OTHER_ID", 0.9, self.name, priority=62)


class DeaRecognizer:
    """DEA registration numbers (two letters, seven digits, check digit): LICENSE."""

    name = "dea"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield DEA-shaped values whose check digit is right."""
        for m in _DEA.finditer(text):
            if dea_checksum_ok(m.group()):
                yield Candidate(m.start(), m.end(), "LICENSE", 0.9, self.name, priority=69)


class MbiRecognizer:
    """Medicare Beneficiary Identifiers by their fixed 11-character shape: HEALTH_PLAN_ID."""

    name = "mbi"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield MBI-shaped values, with or without the two dashes."""
        for m in _MBI.finditer(text):
            yield Candidate(m.start(), m.end(), "HEALTH_PLAN_ID", 0.85, self.name, priority=67)


class VinRecognizer:
    """Vehicle identification numbers (17 characters, no I, O or Q): VEHICLE."""

    name = "vin"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield VIN-shaped values that mix letters and at least five digits."""
        for m in _VIN.finditer(text):
            if sum(c.isdigit() for c in m.group()) >= 5:
                yield Candidate(m.start(), m.end(), "VEHICLE", 0.8, self.name, priority=67)


_MAC: Final = LazyPattern(
    r"(?=[0-9A-Fa-f])(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:.-])"
)


class MacAddressRecognizer:
    """Hardware (MAC) addresses: ``00:1A:2B:3C:4D:5E``, ``00-1a-...``, ``001a.2b3c.4d5e``.

    A MAC address names one device for its whole life: a home hub, a pump, a phone. Its
    rigid shape needs no label. DEVICE_ID.
    """

    name = "mac"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield MAC-address-shaped spans that hold at least one digit."""
        if ":" not in text and "-" not in text and "." not in text:
            return
        for m in _MAC.finditer(text):
            if any(ch.isdigit() for ch in m.group()):
                yield Candidate(m.start(), m.end(), "DEVICE_ID", 0.95, self.name, priority=89)


_CARD: Final = LazyPattern(
    r"(?=\d)(?<![\w.,/-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})"
    r"(?![\w/-]|[.,]\d)"
)
_IBAN: Final = LazyPattern(
    r"(?=[A-Z])(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])"
)


class AccountNumberRecognizer:
    """Payment card numbers (grouped 4-4-4-4 or 4-6-5) and IBANs: ACCOUNT.

    Both have a shape nothing clinical shares, so no label is needed: a card number or a
    bank account in a portal message is an account number under Safe Harbor.
    """

    name = "account"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield card-shaped and IBAN-shaped spans."""
        for m in _CARD.finditer(text):
            yield Candidate(m.start(), m.end(), "ACCOUNT", 0.9, self.name, priority=78)
        for m in _IBAN.finditer(text):
            if sum(c.isdigit() for c in m.group()) >= 10:
                yield Candidate(m.start(), m.end(), "ACCOUNT", 0.9, self.name, priority=78)


_GENERIC: Final = LazyPattern(
    r"(?=[A-Z0-9])(?<![\w./-])(?:"
    r"(?=[A-Za-z0-9-]*[A-Z])(?=(?:[A-Za-z-]*\d){5})[A-Z0-9]+(?:-[A-Za-z0-9]+)+"  # MCD-60021847-B
    r"|(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){6})[A-Z0-9]{7,}"  # NWH008812274
    r"|(?=(?:-?\d){8})\d+(?:-\d+)+"  # 2201-884310-07
    r"|\d{7,}"
    r")(?![\w/-]|\.\d)"
)


# Year ranges ("2019-2021") and code ranges ("K0800-K0802", "E08-E13") are not identifiers.
_NOT_AN_ID: Final = LazyPattern(
    r"(?:19|20)\d\d-(?:19|20)\d\d|[A-Z]\d[\dA-Z]{1,3}(?:\.\w+)?-[A-Z]\d[\dA-Z]{1,3}(?:\.\w+)?"
)


class GenericIdRecognizer:
    """Any other long number or letter-digit code with no label: OTHER_ID, low priority.

    Recall first: an unlabelled ``NWH008812274`` or ``2201-884310-07`` is far more likely an
    identifier than clinical content. Medical codes are too short to match, and clinical
    code spans are removed by the detector's clinical filter.
    """

    name = "generic_id"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield long digit runs and letter-digit codes with at least five digits."""
        for m in _GENERIC.finditer(text):
            if _NOT_AN_ID.fullmatch(m.group()):
                continue
            yield Candidate(m.start(), m.end(), "OTHER_ID", 0.6, self.name, priority=40)
