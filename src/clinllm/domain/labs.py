"""Lab values and bedside measurements as notes and messages write them: the one reader.

A note writes "K 6.9", "potassium of 6.9 mmol/L", "Hgb dropped to 6.4", "HR in the 150s"; a
patient writes "my INR came back at 9.6" or "the portal says my potassium is 7.1". Both
workflows that judge such a value (the note summary's red flags, message triage's critical
lab rule) read it here, with one table of analytes (:data:`ANALYTES`: names, critical limits,
normal range, the values a reading can have) and one grammar (the name, the words that link
it to its value, the number, its unit). A name learned once, or a dose told apart from a
reading once, is learned for both.

A patient also reports bedside values in words no note uses ("my sugar has been running
around 350", "temp of 100.8 rectally", "BP 182/104", "her heart rate on the watch is 165",
"oxygen 85%"). :func:`read_reported` reads those, for the table's temperature, glucose,
pressure, pulse and saturation, with a looser link between name and number; it returns the
values as written and leaves every limit to the workflow.

What a workflow does with a reading stays in the workflow: triage words its finding and
escalates; the note summary quotes the clause and leaves a child's heart rate to the model.

The critical limits need clinician review before they are relied on. Where the two tables
this one replaced disagreed, the safer (more alarming) limit was kept; see :data:`ANALYTES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "ANALYTES",
    "REPORTED",
    "REPORTED_PATTERNS",
    "Analyte",
    "Reading",
    "Reported",
    "analyte",
    "read_reported",
    "read_values",
]


@dataclass(frozen=True, slots=True)
class Analyte:
    """A value a clinician acts on, with the limits beyond which it is critical.

    Attributes:
        key: Short stable name ("potassium").
        names: Regular-expression alternatives for how it is written, matched ignoring case;
            a chemical symbol that is also an everyday word ("K", "Na") is written
            ``(?-i:K)`` so only its own capitals match.
        low: Critical below this value (None: no low limit).
        high: Critical above this value (None: no high limit).
        normal: The usual range, both ends included, when a workflow needs one.
        plausible: The values a reading of it can have, both ends included; a number outside
            ("potassium 20", a dose; "T 4 weeks") is not a reading of it.
        thousands: A count written either per microlitre or in thousands ("platelets 12,000",
            "ANC 0.4"); the reader brings it to the limits' scale.
        alert_low: A clinician's note flags a value below this even when the laboratory would
            not phone it through (None: the critical ``low`` alone).
        alert_high: A note flags a value at or above this (None: the critical ``high`` alone).
    """

    key: str
    names: str
    low: float | None = None
    high: float | None = None
    normal: tuple[float, float] | None = None
    plausible: tuple[float | None, float | None] | None = None
    thousands: bool = False
    alert_low: float | None = None
    alert_high: float | None = None

    def is_critical(self, value: float) -> bool:
        """Whether ``value`` is beyond a limit: strictly below ``low`` or above ``high``."""
        return (self.low is not None and value < self.low) or (
            self.high is not None and value > self.high
        )

    def is_alarming(self, value: float) -> bool:
        """Whether a note's value is a red flag: critical, or beyond the note's alert limits.

        A note's reader is told what a clinician acts on today ("K 6.0", "Na 123", "pH
        7.25", "creatinine 2.9 mg/dL"), a wider band than the laboratory's call-through
        limits that message triage escalates on.
        """
        return (
            self.is_critical(value)
            or (self.alert_low is not None and value < self.alert_low)
            or (self.alert_high is not None and value >= self.alert_high)
        )

    def is_normal(self, value: float) -> bool:
        """Whether ``value`` is in the usual range (False when the table gives none)."""
        return self.normal is not None and self.normal[0] <= value <= self.normal[1]


#: The highest body temperature (Celsius); a larger bare "T" value is in Fahrenheit.
_MAX_CELSIUS = 45.0
#: Unit conversions to the table's scale (mg/dL).
_GLUCOSE_MG_PER_MMOL = 18.0
_CREATININE_UMOL_PER_MG = 88.4

# The critical limits (those a laboratory phones through at once, as in common hospital
# critical-value policies). THEY NEED CLINICIAN REVIEW. This table joins two that disagreed;
# where they did, the more alarming limit is kept:
#   INR       triage: critical from 8.0     notes: above 5.0          -> above 5.0
#   potassium triage: from 6.5, below 2.5   notes: above 6.0, below 2.5 -> above 6.0, below 2.5
#   sodium    triage: below 121, no high    notes: below 120, above 160 -> below 121, above 160
# Triage's plausible ranges (INR up to 30, potassium 1-9, sodium from 90) now apply to notes too.
# The note summary's red flags also take the alert limits (``alert_low``/``alert_high``), which
# were once patterns of its own: potassium from 6.0, sodium below 125 or from 160, glucose from
# 400 or below 50 mg/dL, pH below 7.3, anion gap from 20, creatinine from 2.5 mg/dL,
# procalcitonin from 1 ng/mL, any NIHSS deficit. The bedside and lactate alert limits are the
# high-risk criteria of NICE NG51 (sepsis, 2024): heart rate above 130, respiratory rate from
# 25, SpO2 below 92%, lactate above 2 mmol/L. Triage judges by the critical limits only.
ANALYTES: tuple[Analyte, ...] = (
    Analyte(
        "potassium", r"k\+|(?-i:K)|potassium", 2.5, 6.0, (3.5, 5.2), (1.0, 9.0), alert_high=6.0
    ),
    Analyte(
        "sodium",
        r"na\+|(?-i:Na)|sodium",
        121,
        160,
        (135, 145),
        (90, None),
        alert_low=125,
        alert_high=160,
    ),
    Analyte(
        "glucose",
        r"glucose|bg|blood\s+sugar|fsbg|poc\s+glucose|cbg",
        50,
        450,
        plausible=(5, 3000),
        alert_high=400,
    ),
    Analyte("calcium", r"ca|calcium", 6.5, 13.0),
    Analyte("magnesium", r"mg|magnesium", 1.0),
    Analyte("hemoglobin", r"hgb|hb|hemoglobin|haemoglobin", 7.0, plausible=(1.0, 25.0)),
    Analyte("platelets", r"plt|platelets?", 20, thousands=True),
    Analyte("anc", r"anc|absolute\s+neutrophils?", 500, thousands=True),
    Analyte("inr", r"inr", None, 5.0, (0.8, 3.5), (None, 30.0)),
    Analyte("lactate", r"lactate|lactic\s+acid", None, 4.0, alert_high=2.1),
    Analyte("ph", r"(?:arterial\s+|venous\s+)?ph", 7.2, 7.6, alert_low=7.3),
    Analyte("bicarbonate", r"hco3|bicarb(?:onate)?|co2|total\s+co2", 10),
    Analyte("anion_gap", r"anion\s+gap|ag", None, 24, alert_high=20),
    Analyte(
        "spo2",
        r"spo2|o2\s+sat(?:uration)?s?|sat(?:uration)?s?|pulse\s+ox|satting|saturating",
        90,
        plausible=(30, 100),
        alert_low=92,
    ),
    Analyte("hr", r"hr|heart\s+rate|pulse|ventricular\s+rate", 40, 140, alert_high=131),
    # A systolic pressure written alone ("SBP 78"): the limits of the note summary's BP rule.
    Analyte("sbp", r"sbp|systolic(?:\s+(?:bp|blood\s+pressure))?", 90, 179),
    Analyte("rr", r"rr|resp(?:iratory)?\s+rate", 8, 30, alert_high=25),
    # In Celsius: "T 101.2" is read as Fahrenheit; outside a body's range it is no temperature
    # ("T2DM", "T 4 weeks"). A fever is a temperature ("febrile to 39.8", "fever of 104").
    Analyte(
        "t",
        r"t|tmax|t\s?max|temp(?:erature)?|fever(?:\s+to)?|febrile(?:\s+to)?",
        35.0,
        39.5,
        plausible=(25.0, _MAX_CELSIUS),
    ),
    Analyte("gcs", r"gcs", 9),
    Analyte("nihss", r"nihss", None, 4, alert_high=1),
    # No laboratory calls a creatinine or a procalcitonin through; a note flags them.
    Analyte("creatinine", r"creatinine|(?-i:Cr)", plausible=(0.1, 30.0), alert_high=2.5),
    Analyte("procalcitonin", r"procalcitonin|pct", plausible=(0.0, 1000.0), alert_high=1.0),
    # A troponin's alarm is its rise, not one value: named so it is known, never judged.
    Analyte("troponin", r"troponin(?:\s+[it])?|hs-?tn[it]"),
)
_BY_KEY = {a.key: a for a in ANALYTES}


def analyte(key: str) -> Analyte:
    """The analyte named ``key`` in :data:`ANALYTES` (KeyError when there is none)."""
    return _BY_KEY[key]


@dataclass(frozen=True, slots=True)
class Reading:
    """One value written next to an analyte's name.

    Attributes:
        analyte: What was measured.
        value: The value on the table's scale (Celsius, counts per microlitre or thousands).
        start: Offset of the name.
        value_end: Offset one past the number.
        end: Offset one past the unit (or the number when there is none).
        unit: The unit as written, stripped ("" when there is none).
    """

    analyte: Analyte
    value: float
    start: int
    value_end: int
    end: int
    unit: str

    @property
    def critical(self) -> bool:
        """Whether the value is beyond one of the analyte's critical limits."""
        return self.analyte.is_critical(self.value)

    @property
    def alarming(self) -> bool:
        """Whether the value is a note's red flag (:meth:`Analyte.is_alarming`)."""
        return self.analyte.is_alarming(self.value)


_NUMBER = r"(?P<value>\d{1,4}(?:[.,]\d+)?)(?!\d|[.,]\d|/\s*\d)"
# What may stand between an analyte's name and its value: "K 6.9", "potassium of 6.9",
# "potassium came back at 6.9", "Hgb dropped to 6.4", "hemoglobin fell from 9.1 to 6.2" (the
# value is the last one), "sodium now 116", "glucose reading of 38", "HR in the 150s",
# "glucose > 600", "my INR was 5.2". A denial is no link ("my INR was not 9.2"): no reading.
_LINK = (
    r"(?:\s*(?:level|reading|value|count|result)s?)?"
    r"(?:\s*(?:of|:|=|was|were|is|are|at|now|came\s+back(?:\s+at)?|returned(?:\s+at)?|"
    r"measured(?:\s+at)?|"
    r"in\s+the\s+(?:low\s+|mid\s+|high\s+|upper\s+)?|"
    r"(?:dropped|fell|rose|increased|decreased|climbed|went\s+down|went\s+up|down|up)"
    r"(?:\s+from\s+\d{1,4}(?:[.,]\d+)?)?\s+to|>|<))*"
)
_UNIT = (
    r"(?P<unit>(?:\s*(?:mmol/L|mEq/L|mg/dL|g/dL|g/L|%|bpm|/min|°?\s?[CF]\b|ng/mL|"
    r"K/uL|x10\^?9/L|/uL|U/L|[uµμ]mol/L))?)"
)
# A dose, not a reading: "potassium 20 meq", "potassium chloride 10 mEq", "sodium 1 tab".
_DOSE = re.compile(r"\s*(?:m?eq|mg|tab\w*|pills?|ml|units?)\b(?!\s*/)", re.I)
# A value measured in another fluid than blood, whose limits are not the table's ("urine Na 52").
_OTHER_FLUID = re.compile(r"\b(?:urine|urinary|ur|csf|stool|fecal|pleural|ascitic)\s*\Z", re.I)
# "vitamin K 7" is a drug and its dose, not a potassium. A name glued to a number ("CA125",
# "CA-125") is a longer name, not the analyte.
_PATTERNS = {
    a.key: re.compile(
        rf"(?<![\w/])(?<!vitamin\s)(?:{a.names})(?![^\W_]|-\d){_LINK}\s*{_NUMBER}(?:'?s\b)?{_UNIT}",
        re.I,
    )
    for a in ANALYTES
}


def _scaled(item: Analyte, value: float, unit: str) -> float:
    """``value`` on the scale of ``item``'s limits."""
    if item.thousands and item.low is not None:
        if value < 50 and item.low >= 500:
            return value * 1000  # "ANC 0.4" (thousands) against a limit per microlitre
        if value >= 1000 and item.low < 500:
            return value / 1000  # "platelets 12,000" (per microlitre) against one in thousands
    if item.key == "t" and ("F" in unit.upper() or (not unit and value > _MAX_CELSIUS)):
        return (value - 32) * 5 / 9  # "T 101.2" is Fahrenheit
    per_litre = unit.lower().endswith("mol/l") and not unit.lower().startswith("m")
    if item.key == "glucose" and unit.lower() == "mmol/l":
        return value * _GLUCOSE_MG_PER_MMOL  # "glucose 2.1 mmol/L"
    if item.key == "hemoglobin" and (unit.lower() == "g/l" or (not unit and value > 25)):
        return value / 10  # "Hb 65 g/L"
    if item.key == "creatinine" and (per_litre or (not unit and value > 30)):
        return value / _CREATININE_UMOL_PER_MG  # "creatinine 256 umol/L"
    return value


def _plausible(item: Analyte, value: float) -> bool:
    if item.plausible is None:
        return True
    low, high = item.plausible
    return (low is None or value >= low) and (high is None or value <= high)


# A number joined to the next by a hyphen: a range ("glucose 180-260", "K 3.5-5.0", read by
# its first value) or, when the second is smaller, part of a name ("CA 19-9", a tumour marker).
_HYPHEN_NEXT = re.compile(r"-(\d+(?:\.\d+)?)(?![\d.])")


def _named_number(text: str, start: int, end: int) -> bool:
    """Whether the number at ``start:end`` is part of a name rather than a value ("19-9")."""
    m = _HYPHEN_NEXT.match(text, end)
    if m is None:
        return False
    try:
        return float(m.group(1)) < float(text[start:end].replace(",", ""))
    except ValueError:
        return False


def read_values(text: str, keys: Iterable[str] | None = None) -> Iterator[Reading]:
    """The readings in ``text``, in order, of the analytes named by ``keys`` (default: all).

    A value is skipped when it is a dose ("potassium 20 meq"), was measured in another fluid
    ("urine Na 52"), or cannot be a reading of its analyte (outside ``plausible``).
    """
    chosen = ANALYTES if keys is None else tuple(_BY_KEY[k] for k in keys)
    found: list[Reading] = []
    for item in chosen:
        for m in _PATTERNS[item.key].finditer(text):
            if _DOSE.match(text, m.end("value")):
                continue
            if _OTHER_FLUID.search(text, max(0, m.start() - 12), m.start()):
                continue
            if _named_number(text, m.start("value"), m.end("value")):
                continue
            try:
                raw = float(m.group("value").replace(",", ""))
            except ValueError:
                continue
            unit = m.group("unit").strip()
            value = _scaled(item, raw, unit)
            if _plausible(item, value):
                found.append(Reading(item, value, m.start(), m.end("value"), m.end(), unit))
    yield from sorted(found, key=lambda r: (r.start, r.end))


# ------------------------------------------------------------------ values patients report
#: The patterns :func:`read_reported` applies, by analyte (public so that a faster scanner
#: can be checked against ``finditer`` on them). The grammar of a patient's message, on
#: lower-case text with accents removed (triage's normalized copy): a name, up to a few words
#: with no digit or full stop, the number. Dates, times, doses and litres of oxygen are no
#: reading ("sugar test on the 15th", "20 units", "oxygen at 2 liters"). Each pattern's
#: groups hold the numbers in the order written.
REPORTED_PATTERNS: dict[str, re.Pattern[str]] = {
    # A temperature: after a fever or thermometer word, before a degree sign or a site, or a
    # bare decimal in a body's range (38.5, 101.2) that no unit makes a weight or a dose.
    "t": re.compile(
        r"\b(?:fever|temp\w*|temperature|fiebre|calentura|thermometer|rectal|reading)\b"
        r"[^.\d]{0,15}(\d{2,3}(?:\.\d)?)(?!\d)"
        r"|\b(\d{2,3}(?:\.\d)?)\s*(?:°|degrees?\b|deg\b|f\b|c\b|rectal|oral)"
        r"|\b(\d{2,3}\.\d)\s*(?:under|in (?:the|her|his) (?:arm|ear|bottom)|armpit|axillary"
        r"|forehead|temporal|ear\b)"
        r"|\b(3[89]\.\d|4[0-2]\.\d|10[0-5]\.\d)\b(?!\s*(?:lbs?|kg|pounds|mg|ml|%|units|mmol|cm|in\b))"
    ),
    # A glucose in mg/dL, or both ends of a range ("280-320", "in the 300s").
    "glucose": re.compile(
        r"\b(?:sugars?|sugr|suger|glucose|bg|blood sugar|meter|azucar|glucosa|cbg|fingerstick"
        r"|dexcom|libre|cgm)\b"
        r"[^.\d]{0,25}?(\d{2,3})(?:s\b)?(?:\s*(?:-|to|and)\s*(\d{2,3}))?"
        r"(?![\d/:%]|\s*(?:mmol|units|u\b|am\b|pm\b|st\b|nd\b|rd\b|th\b))"
    ),
    # A pressure, systolic over diastolic, after its name or before "mmHg".
    "sbp": re.compile(
        r"\b(?:bp|blood pressure|pressure|presion|b/p)\b[^.\d]{0,25}?(\d{2,3})\s*/\s*(\d{2,3})\b"
        r"|\b(\d{2,3})\s*/\s*(\d{2,3})\s*(?:mmhg|bp\b)"
    ),
    # A heart rate after its name or before "bpm" (not a pressure's "pulse 130/80").
    "hr": re.compile(
        r"\b(?:heart ?rate|pulse|heartbeat|pulso)\b[^.\d]{0,20}?(\d{2,3})\b(?!\s*/)"
        r"|\b(\d{2,3})\s*(?:bpm|beats (?:a|per) minute)\b"
    ),
    # A saturation in %, not a flow of oxygen in litres.
    "spo2": re.compile(
        r"\b(?:oxygen|o2|spo2|sats|saturation|pulse ?ox\w*|oximeter|oxigeno|saturacion)\b"
        r"[^.\d]{0,25}?(\d{2,3})\s*%?(?![\d/])(?!\s*(?:liters?|l\b|lpm))"
    ),
}
#: The analytes a patient's report is read for (:func:`read_reported`).
REPORTED = tuple(REPORTED_PATTERNS)


@dataclass(frozen=True, slots=True)
class Reported:
    """A bedside value as a patient reports it, with the numbers as written.

    Attributes:
        key: The analyte (:data:`REPORTED`; ``"sbp"`` is a whole pressure).
        values: One number; both ends of a glucose range ("350-390"); or a pressure's
            systolic and diastolic. No unit is converted: a temperature may be in either scale.
        start: Offset of the first character read (a name or the number).
        end: Offset one past the last character read.
    """

    key: str
    values: tuple[float, ...]
    start: int
    end: int


def read_reported(
    text: str,
    key: str,
    *,
    scan: Callable[[re.Pattern[str]], Iterable[re.Match[str]]] | None = None,
) -> Iterator[Reported]:
    """The values of analyte ``key`` (one of :data:`REPORTED`) a patient reports in ``text``.

    ``text`` is lower case with accents removed. ``scan`` finds a pattern's matches in it
    (default ``pattern.finditer(text)``; triage passes its word index, which finds the same
    matches faster on a long message).
    """
    pattern = REPORTED_PATTERNS[key]
    for m in (scan or (lambda p: p.finditer(text)))(pattern):
        values = tuple(float(g) for g in m.groups() if g is not None)
        yield Reported(key, values, m.start(), m.end())
