from __future__ import annotations

import pytest

from clinllm.phi import detect


@pytest.mark.parametrize(
    "value",
    [
        "03/04/1931",
        "3/3/26",
        "2026-01-19",
        "4-Mar-26",
        "11 Nov 1934",
        "Feb. 9, 2026",
        "February 12th",
        "Sunday, January 18, 2026",
        "the 3rd of March",
        "2026.02.21",
    ],
)
def test_date_forms(value: str) -> None:
    assert [(f.text, f.type) for f in detect(f"seen {value} in clinic")] == [(value, "DATE")]


@pytest.mark.parametrize(
    "text", ["in 2019", "at 10:15", "pain 3/10", "vision 20/20", "5/5 strength"]
)
def test_years_times_and_scores_are_not_dates(text: str) -> None:
    assert detect(text) == []


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("a 94-year-old", "94"),
        ("(age 91)", "91"),
        ("97 yo", "97"),
        ("alive at 96.", "96"),
        ("Leopold, ninety-two, lives alone", "ninety-two"),
    ],
)
def test_ages_over_89(text: str, age: str) -> None:
    assert (age, "AGE_OVER_89") in [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize("text", ["an 89-year-old", "age 86", "temp 99.1 F", "SpO2 94%"])
def test_ages_under_90_and_vitals_are_kept(text: str) -> None:
    assert [f for f in detect(text) if f.type == "AGE_OVER_89"] == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Date of current illness: 01 14 2026.", "01 14 2026"),
        ("DOB 19580712 on file", "19580712"),
        ("can't make it on the 12th. Can we move it?", "12th"),
        ("quit date: 06/2025", "06/2025"),
        ("FEB-23-2026 15:07 fax", "FEB-23-2026"),
    ],
)
def test_form_and_fax_date_layouts(text: str, value: str) -> None:
    assert (value, "DATE") in [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize(
    "value",
    [
        "26 de mayo",
        "3 de abril de 1950",
        "26 DE JUNIO",
        "12 mars 2026",
        "5. März 2024",
        "23. February 1965",
        "the first of March",
        "March tenth, 2026",
        "the twenty-first of May",
        "FEBRUARY 4, 1989",
        "15-NOV-1989",
    ],
)
def test_dates_in_words_other_languages_and_capitals(value: str) -> None:
    assert [(f.text, f.type) for f in detect(f"visto el {value} en clinica")] == [(value, "DATE")]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("who is noventa y dos years old", "noventa y dos"),
        ("Mi mamá tiene noventa y cinco años", "noventa y cinco"),
        ("The patient, Ilunga, is ninety-four and lives alone.", "ninety-four"),
        ("aged one hundred and two.", "one hundred and two"),
        ("My birthday is on the weekend. I'll turn 100.", "100"),
        ("My father retired at the age of 96", "96"),
    ],
)
def test_ages_over_89_in_words_and_phrases(text: str, age: str) -> None:
    assert (age, "AGE_OVER_89") in [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize("text", ["SpO2 was 95 on room air", "took ninety mg", "HR was 92"])
def test_vital_signs_are_not_ages(text: str) -> None:
    assert not [f for f in detect(text) if f.type == "AGE_OVER_89"]


@pytest.mark.parametrize(
    "text",
    [
        "Analyzer ZX-1931 firmware v9.8.20 installed.",
        "FAX 4125550187          P. 1/4\nTRI-COUNTY ORTHOPAEDIC",
        "Whitaker, K        page 2/3",
    ],
)
def test_versions_and_page_numbers_are_not_dates(text: str) -> None:
    assert [f for f in detect(text) if f.type == "DATE"] == []


def test_a_day_number_and_a_month_on_the_next_line_are_not_one_date() -> None:
    text = "P. 1/4\n\fMAR-02-2026 13:44"
    assert [f.text for f in detect(text) if f.type == "DATE"] == ["MAR-02-2026"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Age/Sex: 93/F", "93"),
        ("F/93, admitted from home", "93"),
        ("DOB 1931 (94)", "94"),
        ("he will be 100 next month", "100"),
        ("FH: Mother 97, father deceased at 70.", "97"),
    ],
)
def test_ages_over_89_in_forms_and_family_history(text: str, age: str) -> None:
    assert [(f.text, f.type) for f in detect(text)] == [(age, "AGE_OVER_89")]


@pytest.mark.parametrize("text", ["The dose will be 100 mg daily.", "HR 96/min, ratio 93/7"])
def test_doses_and_ratios_are_not_ages(text: str) -> None:
    assert [f for f in detect(text) if f.type == "AGE_OVER_89"] == []
