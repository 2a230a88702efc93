"""Numbers patients report, judged with a patient's limits (and infant ages).

Temperatures, glucose, blood pressure, pulse and oxygen. A 7-week-old at 39.1 °C, a meter
reading of 38, a home reading of 196/118: the number is the red flag, and patients write it
every way ("temp of 100.8 rectally", "sugars 280-320", "bebé de 2 meses", "BP 182/104"). The
values are read by the one reader of lab and bedside values,
:func:`clinllm.domain.labs.read_reported` (which ignores dates, times and doses that look like
readings: "on 3/12", "the 15th", "20 units"); this module keeps what triage does with them:
the limits, both Fahrenheit and Celsius by range, and whether the writer asserts the reading
now. An infant's age is read here: it is no measurement of the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from clinllm.domain.labs import Reported, read_reported
from clinllm.workflows.message_triage.context import Match, Text

__all__ = [
    "fever_spans",
    "glucose_readings",
    "high_blood_pressure",
    "infant_ages",
    "low_blood_pressure",
    "normal_readings",
    "oxygen_low",
    "pulse_extreme",
]

_FEVER_WORD = re.compile(
    r"(?<!yellow )(?<!scarlet )(?<!hay )(?<!valley )\bfever\w*|\bfebrile|\bfiebre"
    r"|\bcalentura|\brunning a temp|\bburning up\b"
    r"|\bfeels? (?:really |very |so )?hot\b|\bhot to (?:the )?touch|\bfievre|\bfebre|发烧|发热"
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "un": 1, "una": 1, "dos": 2, "tres": 3,
}  # fmt: skip
_UNIT_DAYS = {"day": 1, "dia": 1, "week": 7, "wk": 7, "semana": 7, "month": 30, "mo": 30, "mes": 30}
_AGE = re.compile(
    r"\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[- ]?"
    r"(day|week|wk|month|mo)s?[- ]?old\b"
    r"|\b(?:bebe|baby|nin[oa]) de (\d{1,2}|un|una|dos|tres) (dia|semana|mes)(?:s|es)?\b"
)
_NEWBORN = re.compile(r"\b(?:newborn|neonate|recien nacid\w*)\b")


def _span(text: Text, m: re.Match[str]) -> Match:
    return Match(m.start(), m.end(), text.original[m.start() : m.end()])


def _reported(text: Text, key: str) -> Iterator[tuple[Reported, Match]]:
    """The readings of ``key`` in the message, with their spans in the original text."""
    for r in read_reported(text.norm, key, scan=text.scan):
        yield r, Match(r.start, r.end, text.original[r.start : r.end])


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token, 99)


def fever_spans(text: Text) -> list[Match]:
    """Asserted fever words and readings of 100.4 °F / 38.0 °C and over."""
    spans = text.any_present(_FEVER_WORD, 2)
    for reading, hit in _reported(text, "t"):
        if len(spans) >= 2:
            break
        value = reading.values[0]
        if (100.4 <= value <= 110 or 38.0 <= value <= 43.5) and not text.assertion(hit).negated:
            spans.append(hit)
    return spans


def infant_ages(text: Text, *, max_days: int) -> list[Match]:
    """Mentions of a baby aged ``max_days`` or younger ("7 weeks old", "newborn")."""
    ages: list[Match] = []
    for m in text.scan(_AGE):
        count, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        if _count(count) * _UNIT_DAYS[unit] <= max_days:
            ages.append(_span(text, m))
    return ages + list(text.finditer(_NEWBORN))


def glucose_readings(text: Text) -> list[tuple[int, Match]]:
    """Asserted glucose values in mg/dL (both ends of a range such as "280-320")."""
    values = []
    for reading, hit in _reported(text, "glucose"):
        for raw in reading.values:
            if 20 <= raw <= 900 and text.present(hit):
                values.append((int(raw), hit))
    return values


def high_blood_pressure(text: Text) -> tuple[Match, ...]:
    """Asserted blood pressure readings of 180 systolic or 120 diastolic and over."""
    spans = []
    for reading, hit in _reported(text, "sbp"):
        systolic, diastolic = reading.values
        if systolic > diastolic and (systolic >= 180 or diastolic >= 120) and text.present(hit):
            spans.append(hit)
    return tuple(spans)


def pulse_extreme(text: Text) -> tuple[Match, ...]:
    """Asserted heart rates under 40 or over 150 a minute (at rest, a rhythm problem)."""
    for reading, hit in _reported(text, "hr"):
        rate = reading.values[0]
        if (20 <= rate < 40 or 150 < rate <= 300) and text.present(hit):
            return (hit,)
    return ()


def oxygen_low(text: Text) -> tuple[Match, ...]:
    """Asserted oxygen saturations of 50 to 87 % (a pulse oximeter at home: respiratory failure)."""
    for reading, hit in _reported(text, "spo2"):
        if 50 <= reading.values[0] < 88 and text.present(hit):
            return (hit,)
    return ()


def low_blood_pressure(text: Text) -> tuple[Match, ...]:
    """Asserted blood pressure readings under 90 systolic (shock with faintness)."""
    for reading, hit in _reported(text, "sbp"):
        systolic, diastolic = reading.values
        if 40 <= systolic < 90 and systolic > diastolic and text.present(hit):
            return (hit,)
    return ()


def normal_readings(text: Text) -> tuple[Match, ...]:
    """Asserted readings in the everyday range, which no rule here treats as abnormal.

    A resting pulse of 40 to 100 (an athlete's 48 included), a saturation of 92 % or more, a
    temperature under 100.4 °F / 38.0 °C, a pressure of 90-159 over 50-99, a sugar of 70 to
    200. The readers above know the thresholds, so a sentence that reports one of these
    says, in numbers, that this sign is well.
    """
    spans: list[Match] = []
    checks: tuple[tuple[str, Callable[[tuple[float, ...]], bool]], ...] = (
        ("hr", lambda v: 40 <= v[0] <= 100),
        ("spo2", lambda v: 92 <= v[0] <= 100),
        ("glucose", lambda v: 70 <= v[0] <= 200 and len(v) == 1),
        ("t", lambda v: _normal_temperature(v[0])),
        ("sbp", lambda v: _normal_pressure(*v)),
    )
    for key, normal in checks:
        for reading, hit in _reported(text, key):
            if normal(reading.values) and text.present(hit):
                spans.append(hit)
    return tuple(spans)


def _normal_temperature(value: float) -> bool:
    return 96.0 <= value < 100.4 or 35.5 <= value < 38.0


def _normal_pressure(systolic: float, diastolic: float) -> bool:
    return 90 <= systolic < 160 and 50 <= diastolic < 100
