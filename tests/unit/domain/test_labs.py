"""The one lab-value reader: names, linking words, numbers, units, and the table's limits.

Cases come from both workflows that read lab values (patient messages for triage, clinical
notes for the note summary), so a form learned for one is checked for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from clinllm.domain.labs import (
    ANALYTES,
    REPORTED,
    REPORTED_PATTERNS,
    analyte,
    read_reported,
    read_values,
)


def _read(text: str) -> list[tuple[str, float, str]]:
    return [(r.analyte.key, r.value, text[r.start : r.end]) for r in read_values(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Patient messages.
        ("INR 9.6", [("inr", 9.6, "INR 9.6")]),
        ("my INR came back at 9.6 from the lab", [("inr", 9.6, "INR came back at 9.6")]),
        ("My INR came back 4.3 today", [("inr", 4.3, "INR came back 4.3")]),
        ("the portal says my potassium is 7.1", [("potassium", 7.1, "potassium is 7.1")]),
        ("my sodium came back at 118", [("sodium", 118, "sodium came back at 118")]),
        ("K+ 2.1 this morning", [("potassium", 2.1, "K+ 2.1")]),
        ("my potassium levels were 6.8", [("potassium", 6.8, "potassium levels were 6.8")]),
        # Notes.
        ("Labs: potassium came back at 6.9.", [("potassium", 6.9, "potassium came back at 6.9")]),
        ("K 6.9 mmol/L", [("potassium", 6.9, "K 6.9 mmol/L")]),
        ("potassium of 6.9 mEq/L", [("potassium", 6.9, "potassium of 6.9 mEq/L")]),
        ("Na: 116", [("sodium", 116, "Na: 116")]),
        ("Sodium now 116.", [("sodium", 116, "Sodium now 116")]),
        ("Hgb dropped to 6.4 overnight.", [("hemoglobin", 6.4, "Hgb dropped to 6.4")]),
        (
            "Hemoglobin fell from 9.1 to 6.2.",
            [("hemoglobin", 6.2, "Hemoglobin fell from 9.1 to 6.2")],
        ),
        ("Sodium rose from 116 to 131.", [("sodium", 131, "Sodium rose from 116 to 131")]),
        ("Glucose >600 on the meter.", [("glucose", 600, "Glucose >600")]),
        ("HR in the 150s", [("hr", 150, "HR in the 150s")]),
        ("SpO2 83% on RA", [("spo2", 83, "SpO2 83%")]),
    ],
)
def test_a_value_is_read_through_the_words_that_link_it_to_its_name(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert _read(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Please refill potassium 20 meq",  # a dose
        "can I stop the potassium chloride 10 meq?",  # a drug's name and its dose
        "sodium bicarbonate 650 mg tablets",
        "penicillin V potassium 500 mg twice daily",
        "my INR was not 9.2, that was a typo",  # a denial is no link
        "urine Na 52",  # another fluid: the blood's limits do not apply
        "potassium 20 daily",  # no potassium is 20: a dose without its unit
        "T2DM",  # not a temperature
        "T 4 weeks",
        "OK 7pm works",
        "I take vitamin K 7 times a week",  # the symbol K needs its capital and a word of its own
        "k 7.1 is fine",
        "INR 2.6/3.0 goal",  # a ratio or a date, not one value
    ],
)
def test_what_is_not_a_reading(text: str) -> None:
    assert [r for r in read_values(text) if r.analyte.key != "hr"] == []


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("platelets 12,000", "platelets", 12),  # per microlitre, judged in thousands
        ("platelets 212,000", "platelets", 212),
        ("ANC 0.4", "anc", 400),  # in thousands, judged per microlitre
        ("Tmax 104.2 F", "t", pytest.approx(40.11, abs=0.01)),  # Fahrenheit to Celsius
        ("T 101.5", "t", pytest.approx(38.61, abs=0.01)),  # a bare value above a body's is F
        ("T 34.2 C", "t", 34.2),
    ],
)
def test_a_value_is_brought_to_the_scale_of_its_limits(text: str, key: str, value: float) -> None:
    (reading,) = read_values(text)
    assert (reading.analyte.key, reading.value) == (key, value)


@pytest.mark.parametrize(
    ("key", "critical", "not_critical"),
    [
        # The more alarming limit of the two tables this one replaced (clinician review due).
        ("inr", [5.2, 8.4, 9.6], [2.6, 4.3, 5.0]),
        ("potassium", [6.1, 7.1, 2.1], [6.0, 4.2, 2.5]),
        ("sodium", [118, 120.5, 161], [121, 139, 160]),
        ("platelets", [12], [20, 212]),
        ("t", [34.2, 40.1], [37.0, 39.5]),
    ],
)
def test_critical_limits(key: str, critical: list[float], not_critical: list[float]) -> None:
    item = analyte(key)
    assert all(item.is_critical(x) for x in critical)
    assert not any(item.is_critical(x) for x in not_critical)


@pytest.mark.parametrize(
    ("text", "normal"),
    [("INR 2.6", True), ("INR 4.3", False), ("potassium is 4.1", True), ("sodium 139", True)],
)
def test_the_usual_range(text: str, normal: bool) -> None:
    (reading,) = read_values(text)
    assert reading.analyte.is_normal(reading.value) is normal


def test_readings_come_in_text_order_and_only_of_the_analytes_asked_for() -> None:
    text = "INR 9.6. Potassium is 4.1 and K+ 2.1, HR 150"
    assert [(r.analyte.key, r.value) for r in read_values(text, ("inr", "potassium"))] == [
        ("inr", 9.6),
        ("potassium", 4.1),
        ("potassium", 2.1),
    ]
    assert [r.analyte.key for r in read_values(text)][-1] == "hr"


def test_every_analyte_has_a_key_of_its_own_and_ordered_limits() -> None:
    assert len({a.key for a in ANALYTES}) == len(ANALYTES)
    for a in ANALYTES:
        if a.low is not None and a.high is not None:
            assert a.low < a.high
        if a.normal is not None:
            assert not a.is_critical(a.normal[0])
            assert not a.is_critical(a.normal[1])


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        # Values as patients report them, in the looser grammar of a message.
        ("my sugar has been running around 350", "glucose", [(350.0,)]),
        ("sugars have been 350-390", "glucose", [(350.0, 390.0)]),
        ("blood sugar test on the 15th", "glucose", []),
        ("sugar fine, i take 20 units", "glucose", []),
        ("temp of 100.8 rectally", "t", [(100.8,)]),
        ("she is 38.5 under the arm", "t", [(38.5,)]),
        ("bp 182/104 twice", "sbp", [(182.0, 104.0)]),
        ("appointment 12/20", "sbp", []),
        ("her heart rate on the watch is 165", "hr", [(165.0,)]),
        ("pulse 130/80", "hr", []),
        ("oxygen 85% on the pulse ox", "spo2", [(85.0,)]),
        ("oxygen at 2 liters", "spo2", []),
    ],
)
def test_values_a_patient_reports(text: str, key: str, expected: list[tuple[float, ...]]) -> None:
    assert [r.values for r in read_reported(text, key)] == expected


def test_a_reported_value_spans_its_name_and_number_and_any_scanner_may_find_it() -> None:
    text = "since lunch my bp was 190/120 again"
    (reading,) = read_reported(text, "sbp")
    assert text[reading.start : reading.end] == "bp was 190/120"
    seen: list[str] = []

    def scan(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        seen.append(pattern.pattern)
        return pattern.finditer(text)

    assert list(read_reported(text, "sbp", scan=scan)) == [reading]
    assert seen == [REPORTED_PATTERNS["sbp"].pattern]
    assert set(REPORTED) <= {a.key for a in ANALYTES}


@pytest.mark.parametrize(
    "text",
    [
        "CA 19-9 of 450 U/mL",  # a tumour marker: the number joined to a smaller one is a name
        "CA-125 88",  # a name joined to a number by a hyphen
        "CA125 88",  # a name glued to a number
    ],
)
def test_a_name_joined_to_a_number_is_a_longer_name_not_the_analyte(text: str) -> None:
    assert [r.analyte.key for r in read_values(text) if r.analyte.key == "calcium"] == []


def test_a_range_is_read_by_its_first_value() -> None:
    assert [(r.analyte.key, r.value) for r in read_values("home glucose 180-260")] == [
        ("glucose", 180)
    ]


@pytest.mark.parametrize(
    ("text", "key", "value"),
    [
        ("Hb 65 g/L", "hemoglobin", 6.5),
        ("haemoglobin 72", "hemoglobin", 7.2),  # a bare value above any g/dL one is g/L
        ("glucose 2.1 mmol/L", "glucose", pytest.approx(37.8)),
        ("creatinine 256 umol/L", "creatinine", pytest.approx(2.9, abs=0.01)),
        ("creatinine 2.9 mg/dL", "creatinine", 2.9),
        ("febrile to 39.8", "t", 39.8),
        ("fever of 104 F", "t", pytest.approx(40.0, abs=0.01)),
        ("satting 84% on room air", "spo2", 84),
    ],
)
def test_other_units_and_wordings_come_to_the_tables_scale(
    text: str, key: str, value: float
) -> None:
    (reading,) = read_values(text)
    assert (reading.analyte.key, reading.value) == (key, value)


@pytest.mark.parametrize(
    ("key", "alarming", "calm"),
    [
        # A note's red flag starts earlier than the laboratory's call (triage's critical limit).
        ("potassium", [6.0, 2.4], [5.9, 2.5]),
        ("sodium", [123, 160], [125, 159]),
        ("ph", [7.25], [7.35]),
        ("anion_gap", [20], [19]),
        ("creatinine", [2.5], [1.9]),
        ("inr", [5.1], [5.0]),  # the note's INR flag stays above 5.0
    ],
)
def test_a_notes_alert_limits(key: str, alarming: list[float], calm: list[float]) -> None:
    item = analyte(key)
    assert all(item.is_alarming(x) for x in alarming)
    assert not any(item.is_alarming(x) for x in calm)


def test_the_alert_limits_leave_the_critical_ones_to_triage() -> None:
    assert not analyte("potassium").is_critical(6.0)
    assert not analyte("sodium").is_critical(123)
