"""Dates spelled the ways other systems write them (s27): read, given roles, and fill a field.

The blind set's per-field counts showed false "missing" birth and service dates clustered in
documents whose dates were all unread, and birth-date fields whose value the form reader did
not take for a date. These texts are written for the tests, in no corpus's words.
"""

from __future__ import annotations

from datetime import date

import pytest

from clinllm.workflows.prior_auth.date_spellings import day_first, more_dates
from clinllm.workflows.prior_auth.dates import find_dates, holds_date
from clinllm.workflows.prior_auth.slots import find_slots

from .conftest import Extract

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("07NOV2026", date(2026, 11, 7)),
        ("07nov26", date(2026, 11, 7)),
        ("7 de noviembre de 2026", date(2026, 11, 7)),
        ("7 de noviembre del 2026", date(2026, 11, 7)),
        ("07-nov-2026", date(2026, 11, 7)),
        ("7 dic. 2026", date(2026, 12, 7)),
        ("2026/11/07", date(2026, 11, 7)),
        ("2026.11.07", date(2026, 11, 7)),
        ("11.27.2026", date(2026, 11, 27)),
        ("27.11.26", date(2026, 11, 27)),
        ("11-7-26", date(2026, 11, 7)),
    ],
)
def test_each_spelling_is_read(written: str, value: date) -> None:
    found = more_dates(f"seen {written}.", [])
    assert [v for _, _, v in found] == [value]


@pytest.mark.parametrize("text", ["firmware 1.2.2024", "tel 555-01-23", "room 12-4", "A12NOV"])
def test_versions_phone_parts_and_codes_are_not_dates(text: str) -> None:
    assert more_dates(text, []) == []


def test_a_document_with_a_day_past_twelve_reads_its_other_dates_day_first() -> None:
    text = "Fecha 04.03.2026\nNacimiento 19.08.1961\nCita 09/04/2026"
    assert day_first(text)
    values = [d.value for d in find_dates(text)]
    assert values == [date(2026, 3, 4), date(1961, 8, 19), date(2026, 4, 9)]


def test_a_month_past_twelve_keeps_month_first() -> None:
    assert not day_first("Seen 04.03.2026, next 04.19.2026")
    assert [d.value for d in find_dates("Seen 04.03.2026")] == [date(2026, 4, 3)]


def test_new_spellings_take_roles_from_their_cues() -> None:
    text = "Fecha: 2 de marzo de 2026\nDOB 19MAY1950\nDate of service: 2026/03/30"
    roles = [(d.role, d.value) for d in find_dates(text)]
    assert roles == [
        ("letter", date(2026, 3, 2)),
        ("dob", date(1950, 5, 19)),
        ("service", date(2026, 3, 30)),
    ]


@pytest.mark.parametrize("value", ["19-May-1950", "May 19th, 1950", "19MAY1950", "1950/05/19"])
def test_a_birth_date_field_in_a_spelling_the_reader_knows_is_filled(value: str) -> None:
    assert holds_date(value)
    slots = find_slots(f"Patient: Ines Varga\nDOB: {value}\nMember ID: QZ88120\n")
    assert [s.filled for s in slots["patient_dob"]] == [True]


def test_a_birth_date_field_with_words_is_still_empty() -> None:
    slots = find_slots("Patient: Ines Varga\nDOB: not captured\nMember ID: QZ88120\n")
    assert [s.filled for s in slots["patient_dob"]] == [False]


EXPORT = """\
Outreach Imaging Center
Fecha: 9 de febrero de 2026
Patient: Ines Varga   DOB: {dob}
Plan: Quillmark Health Plan   Member ID: QHP550291837
Requesting physician: Tomasz Wilk, MD   NPI: 1457392816
CPT: 72148   ICD-10: M54.16
Date of service: {dos}
Clinical summary: radicular pain down the left leg for ten weeks despite physical therapy.
"""


async def test_a_packet_in_other_spellings_misses_nothing(extract: Extract) -> None:
    ex, _ = await extract(EXPORT.format(dob="19MAY1950", dos="2 de marzo de 2026"))
    assert ex.missing_fields == []
    assert ex.service_date == date(2026, 3, 2)


async def test_a_packet_without_its_service_date_still_says_so(extract: Extract) -> None:
    ex, _ = await extract(EXPORT.format(dob="19MAY1950", dos="por definir"))
    assert ex.missing_fields == ["service_date"]
