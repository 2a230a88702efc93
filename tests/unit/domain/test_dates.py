from __future__ import annotations

from datetime import date

import pytest

from clinllm.domain.dates import expand_year, find_dates, month_number, parse_date, read_date


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("03/14/2026", date(2026, 3, 14)),
        ("3/9/26", date(2026, 3, 9)),
        ("2026-04-02", date(2026, 4, 2)),
        ("2026/04/02", date(2026, 4, 2)),
        ("March 20, 2026", date(2026, 3, 20)),
        ("Mar. 20, 2026", date(2026, 3, 20)),
        ("Feb 11 2026", date(2026, 2, 11)),
        ("FEB-23-2026", date(2026, 2, 23)),
        ("14 May 1981", date(1981, 5, 14)),
        ("the 3rd of March, 2026", date(2026, 3, 3)),
        ("Tuesday, March 3, 2026", date(2026, 3, 3)),
        ("4-Mar-26", date(2026, 3, 4)),
        ("03-17-2026", date(2026, 3, 17)),
    ],
)
def test_one_parser_reads_every_written_form(raw: str, value: date) -> None:
    assert parse_date(raw) == value


def test_a_date_without_a_year_needs_a_default() -> None:
    assert parse_date("February 12th") is None
    assert parse_date("February 12th", default_year=2024) == date(2024, 2, 12)
    assert parse_date("2/13", default_year=2024) == date(2024, 2, 13)


def test_impossible_and_partial_dates_are_not_dates() -> None:
    assert parse_date("02/30/2026") is None
    assert parse_date("03/2025") is None
    assert parse_date("13/45/2026") is None
    assert parse_date("Smarch 3, 2026") is None


def test_two_digit_years_pivot_at_fifty() -> None:
    assert expand_year("26") == 2026
    assert expand_year("'49") == 2049
    assert expand_year("58") == 1958
    assert expand_year("1958") == 1958


def test_month_names_and_abbreviations() -> None:
    assert month_number("Sept.") == 9
    assert month_number("MAR") == 3
    assert month_number("Ma") is None
    assert month_number("Smarch") is None


@pytest.mark.parametrize(
    ("raw", "other", "written"),
    [
        ("03/04/1931", date(1931, 3, 14), "03/14/1931"),
        ("4-Mar-26", date(2026, 3, 14), "14-Mar-26"),
        ("Feb. 9, 2026", date(2026, 2, 19), "Feb. 19, 2026"),
        ("February 12th", date(2024, 2, 22), "February 22nd"),
        ("FEB-23-2026", date(2026, 3, 1), "MAR-1-2026"),
    ],
)
def test_render_writes_another_date_in_the_same_layout(raw: str, other: date, written: str) -> None:
    found = read_date(raw, default_year=2024)
    assert found is not None
    assert found.render(other) == written


def test_find_dates_gives_offsets_of_full_dates_only() -> None:
    text = "Seen 05/2025-08/2025. DOS: 03/14/2026, call 555-0101, letter Mar 2, 2026."
    found = find_dates(text)
    assert [text[d.start : d.end] for d in found] == ["03/14/2026", "Mar 2, 2026"]
    assert [d.value for d in found] == [date(2026, 3, 14), date(2026, 3, 2)]


def test_repr_shows_no_date() -> None:
    found = read_date("01/02/1970")
    assert found is not None
    assert "1970" not in repr(found)


def test_a_numeric_date_whose_first_part_is_no_month_is_read_day_first_everywhere() -> None:
    text = "DOB 25/06/1951, seen 14.04.2026 and 04/05/2026; release 1.2.2024, 13-13-2026"
    assert [(text[d.start : d.end], d.value) for d in find_dates(text)] == [
        ("25/06/1951", date(1951, 6, 25)),
        ("14.04.2026", date(2026, 4, 14)),
        ("04/05/2026", date(2026, 4, 5)),  # ambiguous: month first, as US documents write
    ]
    written = read_date("25/06/1951")
    assert written is not None
    assert written.render(date(1951, 7, 3)) == "03/07/1951"  # a shift keeps the layout
    assert parse_date("31/02/2026") is None
