"""Phone numbers of every country, bare domains (issue 16: international formats)."""

from __future__ import annotations

import pytest

from clinllm.phi import detect


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("You can reach me on +44 20 7946 0958 today.", "+44 20 7946 0958"),
        ("Mi celular es +91 98518 82101.", "+91 98518 82101"),
        ("tel 0031 20 225 5969; email", "0031 20 225 5969"),
        ("Emergency contact +49 (0)30 718 5087 |", "+49 (0)30 718 5087"),
        ("Phone: 06 17 62 63 22       DOB: 13/07/1990", "06 17 62 63 22"),
        ("Call the ward on (02) 9374 4000 after six.", "(02) 9374 4000"),
        ("I registered 84 23 30 as my number", "84 23 30"),
        ("Personal Info:\nPhone:\n97 465988\n", "97 465988"),
        ("(026) 2463-815-Office,322 327 102-Fax", "322 327 102"),
        ("office +1-161-668-5210x409 office", "+1-161-668-5210x409"),
        ("call 555-0123.", "555-0123"),
    ],
)
def test_international_and_national_numbers(text: str, value: str) -> None:
    assert value in [v for v, kind in _found(text) if kind in ("PHONE", "FAX")]


def test_fax_cue_after_the_number_types_it() -> None:
    assert ("322 327 102", "FAX") in _found("Office 26 2463 815, 322 327 102-Fax")


@pytest.mark.parametrize(
    "text",
    [
        "Home fasting glucose 180-260. Reports polyuria.",
        "DOB 12 03 2026 and 2026-03-04",
        "E11.65 on metformin 1000 mg, BP 142/88",
        "Labs 2019 2021 and 3 4 5 repeat",
        "Invoice total 1,200,000 paid",
    ],
)
def test_ranges_dates_codes_and_amounts_are_not_phones(text: str) -> None:
    assert not [v for v, kind in _found(text) if kind in ("PHONE", "FAX")]


@pytest.mark.parametrize("domain", ["PoodleHair.com.ee", "cuvox.de", "clinic-portal.org"])
def test_bare_domains_are_urls(domain: str) -> None:
    assert (domain, "URL") in _found(f"Visit {domain} for details")


@pytest.mark.parametrize("text", ["the pt. i.e. stable.no today", "v2.3.1 and 5.5 mg"])
def test_abbreviations_and_versions_are_not_urls(text: str) -> None:
    assert not [v for v, kind in _found(text) if kind == "URL"]


def test_a_code_in_parentheses_and_a_count_is_not_a_phone() -> None:
    text = "Call about CPT (95806) 02 units billed"
    assert not [f for f in detect(text) if f.type in ("PHONE", "FAX")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("phone 555 - 010 - 4471", "555 - 010 - 4471"),
        ("Cell: (555)-010-4471", "(555)-010-4471"),
        ("TEL 555/010-4471", "555/010-4471"),
        ("phone (555) 010-4471/4472", "(555) 010-4471/4472"),
        ("cell 555-O10-4471 (scanned)", "555-O10-4471"),
    ],
)
def test_phone_layouts_with_spaced_separators_and_ocr_letters(text: str, value: str) -> None:
    assert [(f.text, f.type) for f in detect(text)] == [(value, "PHONE")]
