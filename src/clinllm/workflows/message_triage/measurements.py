"""Numbers patients report: temperatures, infant ages, blood glucose and blood pressure.

A 7-week-old at 39.1 °C, a meter reading of 38, a home reading of 196/118: the number is the
red flag, and patients write it every way ("temp of 100.8 rectally", "sugars 280-320",
"bebé de 2 meses", "BP 182/104"). These readers turn such phrases into values with their
spans, read both Fahrenheit and Celsius by range, and ignore dates and times that look
like readings ("on 3/12", "the 15th", "20 units").
"""

from __future__ import annotations

import re
from collections.abc import Callable

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
_TEMP = re.compile(
    r"\b(?:fever|temp\w*|temperature|fiebre|calentura|thermometer|rectal|reading)\b"
    r"[^.\d]{0,15}(\d{2,3}(?:\.\d)?)(?!\d)"
    r"|\b(\d{2,3}(?:\.\d)?)\s*(?:°|degrees?\b|deg\b|f\b|c\b|rectal|oral)"
    r"|\b(\d{2,3}\.\d)\s*(?:under|in (?:the|her|his) (?:arm|ear|bottom)|armpit|axillary"
    r"|forehead|temporal|ear\b)"
    r"|\b(3[89]\.\d|4[0-2]\.\d|10[0-5]\.\d)\b(?!\s*(?:lbs?|kg|pounds|mg|ml|%|units|mmol|cm|in\b))"
)
_GLUCOSE = re.compile(
    r"\b(?:sugars?|sugr|suger|glucose|bg|blood sugar|meter|azucar|glucosa|cbg|fingerstick|dexcom"
    r"|libre|cgm)\b"
    r"[^.\d]{0,25}?(\d{2,3})(?:s\b)?(?:\s*(?:-|to|and)\s*(\d{2,3}))?"
    r"(?![\d/:%]|\s*(?:mmol|units|u\b|am\b|pm\b|st\b|nd\b|rd\b|th\b))"
)
_BP = re.compile(
    r"\b(?:bp|blood pressure|pressure|presion|b/p)\b[^.\d]{0,25}?(\d{2,3})\s*/\s*(\d{2,3})\b"
    r"|\b(\d{2,3})\s*/\s*(\d{2,3})\s*(?:mmhg|bp\b)"
)

_PULSE = re.compile(
    r"\b(?:heart ?rate|pulse|heartbeat|pulso)\b[^.\d]{0,20}?(\d{2,3})\b(?!\s*/)"
    r"|\b(\d{2,3})\s*(?:bpm|beats (?:a|per) minute)\b"
)
_OXYGEN = re.compile(
    r"\b(?:oxygen|o2|spo2|sats|saturation|pulse ?ox\w*|oximeter|oxigeno|saturacion)\b"
    r"[^.\d]{0,25}?(\d{2,3})\s*%?(?![\d/])(?!\s*(?:liters?|l\b|lpm))"
)


def _span(text: Text, m: re.Match[str]) -> Match:
    return Match(m.start(), m.end(), text.original[m.start() : m.end()])


def _count(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS.get(token, 99)


def fever_spans(text: Text) -> list[Match]:
    """Asserted fever words and readings of 100.4 °F / 38.0 °C and over."""
    spans = text.any_present(_FEVER_WORD, 2)
    for m in text.scan(_TEMP):
        if len(spans) >= 2:
            break
        value = float(m.group(1) or m.group(2) or m.group(3) or m.group(4))
        if 100.4 <= value <= 110 or 38.0 <= value <= 43.5:
            hit = _span(text, m)
            if not text.assertion(hit).negated:
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
    for m in text.scan(_GLUCOSE):
        hit = _span(text, m)
        for raw in (m.group(1), m.group(2)):
            if raw is not None and 20 <= int(raw) <= 900 and text.present(hit):
                values.append((int(raw), hit))
    return values


def high_blood_pressure(text: Text) -> tuple[Match, ...]:
    """Asserted blood pressure readings of 180 systolic or 120 diastolic and over."""
    spans = []
    for m in text.scan(_BP):
        sys_raw, dia_raw = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        systolic, diastolic = int(sys_raw), int(dia_raw)
        if systolic > diastolic and (systolic >= 180 or diastolic >= 120):
            hit = _span(text, m)
            if text.present(hit):
                spans.append(hit)
    return tuple(spans)


def pulse_extreme(text: Text) -> tuple[Match, ...]:
    """Asserted heart rates under 40 or over 150 a minute (at rest, a rhythm problem)."""
    for m in text.scan(_PULSE):
        rate = int(m.group(1) or m.group(2))
        hit = _span(text, m)
        if (20 <= rate < 40 or 150 < rate <= 300) and text.present(hit):
            return (hit,)
    return ()


def oxygen_low(text: Text) -> tuple[Match, ...]:
    """Asserted oxygen saturations of 50 to 87 % (a pulse oximeter at home: respiratory failure)."""
    for m in text.scan(_OXYGEN):
        hit = _span(text, m)
        if 50 <= int(m.group(1)) < 88 and text.present(hit):
            return (hit,)
    return ()


def low_blood_pressure(text: Text) -> tuple[Match, ...]:
    """Asserted blood pressure readings under 90 systolic (shock with faintness)."""
    spans = []
    for m in text.scan(_BP):
        sys_raw, dia_raw = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        systolic, diastolic = int(sys_raw), int(dia_raw)
        if 40 <= systolic < 90 and systolic > diastolic:
            hit = _span(text, m)
            if text.present(hit):
                spans.append(hit)
                break
    return tuple(spans)


def normal_readings(text: Text) -> tuple[Match, ...]:
    """Asserted readings in the everyday range, which no rule here treats as abnormal.

    A resting pulse of 40 to 100 (an athlete's 48 included), a saturation of 92 % or more, a
    temperature under 100.4 °F / 38.0 °C, a pressure of 90-159 over 50-99, a sugar of 70 to
    200. The readers above know the thresholds, so a sentence that reports one of these
    says, in numbers, that this sign is well.
    """
    spans: list[Match] = []
    checks: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], bool]], ...] = (
        (_PULSE, lambda m: 40 <= int(m.group(1) or m.group(2)) <= 100),
        (_OXYGEN, lambda m: 92 <= int(m.group(1)) <= 100),
        (_GLUCOSE, lambda m: 70 <= int(m.group(1)) <= 200 and m.group(2) is None),
        (_TEMP, lambda m: _normal_temperature(float(next(g for g in m.groups() if g)))),
        (_BP, lambda m: _normal_pressure(*(int(g) for g in m.groups() if g))),
    )
    for pattern, normal in checks:
        for m in text.scan(pattern):
            hit = _span(text, m)
            if normal(m) and text.present(hit):
                spans.append(hit)
    return tuple(spans)


def _normal_temperature(value: float) -> bool:
    return 96.0 <= value < 100.4 or 35.5 <= value < 38.0


def _normal_pressure(systolic: int, diastolic: int) -> bool:
    return 90 <= systolic < 160 and 50 <= diastolic < 100
