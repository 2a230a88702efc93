from __future__ import annotations

from datetime import date

import pytest

from clinllm.workflows.prior_auth.dates import find_dates, parse_date


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("03/14/2026", date(2026, 3, 14)),
        ("3/9/26", date(2026, 3, 9)),
        ("2026-04-02", date(2026, 4, 2)),
        ("March 20, 2026", date(2026, 3, 20)),
        ("Feb 11 2026", date(2026, 2, 11)),
        ("FEB-23-2026", date(2026, 2, 23)),
        ("14 May 1981", date(1981, 5, 14)),
        ("03-17-2026", date(2026, 3, 17)),
    ],
)
def test_parse_common_formats(raw: str, value: date) -> None:
    assert parse_date(raw) == value


def test_month_year_and_impossible_dates_are_not_dates() -> None:
    assert parse_date("03/2025") is None
    assert parse_date("02/30/2026") is None
    assert find_dates("PT 05/2025-08/2025, visits 16") == []


def test_roles_come_from_the_nearest_cue() -> None:
    text = (
        "Date: 03/02/2026\n"
        "DOB: 07/19/1968\n"
        "Requested date of service: on or after 03/14/2026\n"
        "Please fax the records no later than\n"
        "March 20, 2026. Surgery is scheduled for 04/01/2026.\n"
        "Scheduled surgery date: 02/19/2026\n"
    )
    roles = {d.value.isoformat(): d.role for d in find_dates(text)}
    assert roles == {
        "2026-03-02": "letter",
        "1968-07-19": "dob",
        "2026-03-14": "service",
        "2026-03-20": "deadline",
        "2026-04-01": "service",
        "2026-02-19": "service",
    }


def test_labelled_service_date_is_marked() -> None:
    (d,) = find_dates("Study date ......... 03/27/2026, Crestline Sleep Lab")
    assert d.role == "service"
    assert d.labelled


def test_a_numeric_date_whose_first_part_is_no_month_is_read_day_first() -> None:
    text = "Fecha de nacimiento: 25/06/1951\nFecha del servicio: 14.04.2026\nVisto 04/05/2026\n"
    found = [(d.value, d.role) for d in find_dates(text)]
    assert found == [
        (date(1951, 6, 25), "dob"),
        (date(2026, 4, 14), "service"),
        (date(2026, 4, 5), "other"),
    ]
    assert find_dates("31/02/2026 and 13/13/2026") == []
