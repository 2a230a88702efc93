"""Addresses of any country, blocks across lines and form fields (issue 16)."""

from __future__ import annotations

import pytest

from clinllm.phi import detect


def _covered(text: str, value: str) -> bool:
    """Whether every letter and digit of ``value`` in ``text`` is inside an ADDRESS finding."""
    start = text.index(value)
    spans = [(f.start, f.end) for f in detect(text) if f.type == "ADDRESS"]
    return all(
        any(s <= i < e for s, e in spans)
        for i in range(start, start + len(value))
        if text[i].isalnum()
    )


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "Send it to Lindenstraße 67, 14340 Trondheim, Germany.",
            ["Lindenstraße 67", "14340 Trondheim"],
        ),
        ("The restaurant is at 8484 Hökgatan", ["8484 Hökgatan"]),
        ("sent to Via Leopardi 83\nLirone\n, SO\n 23020?", ["Via Leopardi 83", "Lirone", "23020"]),
        (
            "Robinette Dennis\n\n2847 ul. Dawida Jana\n Apt. 290\n Cappuccini",
            ["2847 ul. Dawida Jana", "Apt. 290", "Cappuccini"],
        ),
        (
            "- Ivo, Flat 7, 113 Marlowe Road, Lund NX7 8XC, United Kingdom",
            ["Flat 7, 113 Marlowe Road", "Lund NX7 8XC"],
        ),
        (
            "Vivimos en Calle del Olivar 223, 4º B, Guadalajara. Mi celular",
            ["Calle del Olivar 223, 4º B", "Guadalajara"],
        ),
        (
            "Address: 1234 Quarry Rd\n         Bozeman, MT 59715\nHome: x",
            ["1234 Quarry Rd", "Bozeman, MT 59715"],
        ),
        (
            "Street: Rua das Flores 21      Policy #: TWM-1\n"
            "City/Postcode: 50117 Coimbra     Group: 4",
            ["Rua das Flores 21", "50117 Coimbra"],
        ),
        ("ZIP only on the old form: 88196. The patient", ["88196"]),
        ("The clinic moved to SW1A 2AA last year", ["SW1A 2AA"]),
        ("He lives in Tórshavn now.", ["Tórshavn"]),
        ("The crash happened near Tahlequah. Passenger hurt.", ["Tahlequah"]),
    ],
)
def test_address_parts_are_covered(text: str, parts: list[str]) -> None:
    for part in parts:
        assert _covered(text, part), part


def test_countries_and_states_in_a_block_are_not_redacted() -> None:
    text = "Lindenstraße 67, 14340 Trondheim, Germany"
    assert not any("Germany" in f.text for f in detect(text))
    assert not any(f.text == "France" for f in detect("He lives in France now."))


@pytest.mark.parametrize(
    "text",
    [
        "Take 2 Tylenol at 3 PM. Room 12 has Type 2 diabetes.",
        "TRAUMA NOTE\nSunday, January 18, 2026 23:50. Seen in bay 4.",
        "Patient 19 M\nAdmission 02/27/2026 -> Discharge 03/02/2026",
        "Grade 3 or 4 changes; Chapter 7 of the manual, section 2",
    ],
)
def test_numbers_next_to_words_are_not_addresses(text: str) -> None:
    assert not [f for f in detect(text) if f.type == "ADDRESS"]


def test_everyday_words_after_an_address_are_not_a_town() -> None:
    text = "4410 Sawmill Parkway, Suite 210, Columbus OH 43235\nFACSIMILE TRANSMITTAL\nTo: x"
    assert not any("FACSIMILE" in f.text for f in detect(text))


def test_an_acronym_after_a_place_cue_is_not_a_town() -> None:
    assert not [f for f in detect("Transferred from SIU yesterday.") if f.type == "ADDRESS"]


def test_a_number_before_a_non_ascii_word_is_not_a_dose() -> None:
    text = "address:\n5232 Löberöd\n Suite 165\n Manaus\n Estonia 91900"
    assert any(f.text.startswith("5232 Löberöd") for f in detect(text))


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a town after a bare preposition, when no word list knows it
        ("I'm in Bergamo, at the conference", ["Bergamo"]),
        ("we returned to STAVANGER by helicopter", ["STAVANGER"]),
        # a street named without its number
        ("Monika lives on Derby Ave street.", ["Derby Ave"]),
        ("stop at the corner of Baker Street and Elm", ["Baker Street"]),
        # a short postcode after the country, a Dutch postcode
        ("Skogarlond 53\n Unit 30\n Eiðar\n Iceland 705. It serves", ["Skogarlond 53", "705"]),
        ("Bruggenweg 77\n Apt. 5\n Assen\n Netherlands 9408 DX. Please call", ["9408 DX"]),
    ],
)
def test_places_with_weak_cues(text: str, parts: list[str]) -> None:
    for part in parts:
        assert _covered(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Results are in Epic; orders went to ICU.",
        "Follow-up at Juniper Ridge Family Clinic next week.",
        "significantly impairs participation in MRADLs (toileting, feeding)",
        "She moved here from Texas.",
    ],
)
def test_known_words_acronyms_states_and_facilities_are_not_towns(text: str) -> None:
    assert [f for f in detect(text) if f.type == "ADDRESS"] == []


def test_a_form_field_with_a_number_is_not_a_street() -> None:
    text = "Ins ID: W818413125\nGroup Number 07842\nRxBIN 572707   RxPCN XKQ"
    assert [f for f in detect(text) if f.type == "ADDRESS"] == []
