from __future__ import annotations

from datetime import date

import pytest

from clinllm.workflows.prior_auth.dates import (
    find_dates,
    parse_date,
    reference_date,
    unclaimed_future,
)
from clinllm.workflows.prior_auth.rules import recognize


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
        # The document writes its dates day first, so the ambiguous one is day first too (s27).
        (date(2026, 5, 4), "other"),
    ]
    assert find_dates("Visto 04/05/2026")[0].value == date(2026, 4, 5)
    assert find_dates("31/02/2026 and 13/13/2026") == []


def _future(text: str) -> date | None:
    found = unclaimed_future(text, find_dates(text))
    return found.value if found is not None else None


@pytest.mark.parametrize(
    "text",
    [
        "Intake log 01/05/2027\nAppt wanted: 01/19/2027\n",
        "Sent 01/05/2027.\nThe family has her down for the scan on 01/19/2027.\n",
        "Printed 2027-01-05\nVisit hx 2026-11-02\nWhen | 2027-01-19\n",
    ],
)
def test_the_service_is_the_later_date_no_role_claims(text: str) -> None:
    assert _future(text) == date(2027, 1, 19)


@pytest.mark.parametrize(
    "text",
    [
        # a limit, the end of a period, the start of coverage: other roles by their grammar
        "Intake log 01/05/2027\nPlease reply by 01/19/2027.\n",
        "Intake log 01/05/2027\nCard valid through 01/19/2027\n",
        "Intake log 01/05/2027\nCoverage effective 01/19/2027\n",
        # history is before the document's date; far beyond the horizon is no planned service
        "Intake log 01/05/2027\nLast MRI 12/01/2026\n",
        "Intake log 01/05/2027\nRenewal 01/19/2029\n",
    ],
)
def test_a_date_with_another_role_is_not_the_service(text: str) -> None:
    assert _future(text) is None


def test_a_date_in_a_history_section_is_not_the_service() -> None:
    text = "Note 01/05/2027\nPrior care:\n  therapy booked 01/19/2027\n"
    start = text.index("Prior")
    assert unclaimed_future(text, find_dates(text), [(start, len(text))]) is None


def test_the_reference_is_the_letter_else_the_first_date() -> None:
    assert reference_date(find_dates("Date: 01/05/2027\nborn 04/04/1970")) == date(2027, 1, 5)
    assert reference_date(find_dates("DOB 04/04/1970 / 01/05/2027")) == date(2027, 1, 5)


def test_a_request_date_on_the_first_line_may_be_the_memos_own_and_is_held() -> None:
    text = "Requested service / ortho desk / 2/3/27\n\nPatient : Ana Ruiz\nknee MRI 73721\n"
    found = recognize(text).service_date
    assert found is not None
    assert found.value == date(2027, 2, 3)
    assert found.confidence < 0.7
