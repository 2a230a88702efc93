"""Seventh round of issue 16: mechanisms from the misses on the new probe (tune_phi_probe).

Call transcripts, chats, e-mail threads, OCR'd forms and pharmacy labels: a British postcode
read as a code, an address running on into the next line, a car read as a person, a state
read as a title, a signature's given name, a "Last, First" row cell, seven-digit numbers known
by their surroundings. Each beside the text that must stay as it was.
"""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.clinical import protected_spans
from clinllm.testing.phi import covered, touched


def test_a_british_postcode_is_not_a_code_and_its_address_is_whole() -> None:
    text = "His son lives at 51 Church Road, Didsbury, Manchester M20 5AB; ring him."
    assert covered(text, "51 Church Road, Didsbury, Manchester M20 5AB", "ADDRESS")
    # the code itself stays protected where no postcode's inward half follows
    for code in ("dx M20 today", "dx M20.1", "M20, E11.9"):
        assert list(protected_spans(code)), code


def test_a_lower_case_aside_in_brackets_ends_an_address_field() -> None:
    text = "Forwarding address: Kastanienallee 47, 10435 Berlin (until 9 Mar 2026)."
    assert covered(text, "Kastanienallee 47, 10435 Berlin", "ADDRESS")
    assert covered(text, "9 Mar 2026", "DATE")
    assert not touched(text, "until")


@pytest.mark.parametrize(
    ("text", "address", "clear"),
    [
        (
            "home address 4957 Kestrel Street, Missoula MT.\nFoley catheter changed",
            "4957 Kestrel Street, Missoula MT",
            "Foley",
        ),
        (
            "Deliver to Lorcan Kowalczyk, 1495 Sycamore Street, Cheyenne WY\nRX# 0499536",
            "1495 Sycamore Street, Cheyenne WY",
            "RX",
        ),
        (
            "Work site: 2933 Kestrel Street, Hilo HI\nCompany vehicle involved: Toyota",
            "2933 Kestrel Street, Hilo HI",
            "Company",
        ),
        (
            "Addr ess: 3454 Bluebell Street, Bemidji MN\nEmergency con tact  Yesenia",
            "3454 Bluebell Street, Bemidji MN",
            "Emergency",
        ),
    ],
)
def test_an_address_ends_at_its_state_and_the_line_end(text: str, address: str, clear: str) -> None:
    assert covered(text, address, "ADDRESS")
    assert not touched(text, clear)


def test_a_postcode_may_still_open_the_line_after_a_region() -> None:
    assert covered("sent to Via Leopardi 83\nLirone\n, SO\n 23020?", "23020")


@pytest.mark.parametrize(
    "text",
    [
        "Company vehicle involved: Ford Escape, VIN MBMGM66W1EJ930049",
        "Vehicle (for parking permit): Ford Escape   Plate  6TDZ178",
    ],
)
def test_a_car_make_on_a_vehicle_line_is_not_a_person(text: str) -> None:
    assert not touched(text, "Ford Escape")


def test_a_state_code_after_its_town_is_not_a_title() -> None:
    text = "Pharmacy: Sunhill Drug, 4478 Bluebell Street, Natchez MS   Ph 218-555-0159"
    assert not any(f.type == "NAME" for f in detect(text))
    assert covered(text, "218-555-0159", "PHONE")
    assert covered("Seen by MS Okafor today", "Okafor", "NAME")


def test_a_given_name_after_a_signature_delimiter() -> None:
    assert covered("see you then\n-- \nMatthias\nsent from my phone", "Matthias", "NAME")
    assert not touched("see you then\n-- \nSent from my phone", "Sent")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PATIENT NAME          PHONE\nAchterberg, Oluwaseun      555-0134\n", "Achterberg"),
        ("RX# 2426494   Brandvold, Oluwaseun\nTAKE 1 TABLET", "Brandvold, Oluwaseun"),
        ("PATIENT NAME          PHONE\nCASTELLANOS, Henrike      218-555-0145", "CASTELLANOS"),
    ],
)
def test_a_last_first_cell_of_a_row_is_a_name(text: str, name: str) -> None:
    assert covered(text, name, "NAME")


@pytest.mark.parametrize("text", ["Keppra, Vimpat      500 mg", "Cardiology, Internal      Room 4"])
def test_row_cells_of_drugs_and_words_stay_clear(text: str) -> None:
    assert not any(f.type == "NAME" for f in detect(text))


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("[09:16] pt_portal: 555-0137 or my cell 07700 900635", "555-0137"),
        ("PATIENT NAME          PHONE\nMbeki, Lorcan      555-0121\n", "555-0121"),
        ("Student ID 1   Parent/guardian: Lorcan Hollingsworth, 555-0119", "555-0119"),
        ("Thanks,\nTeodoro Kowalczyk\nCare Coordinator\n555-0170\nHi", "555-0170"),
    ],
)
def test_a_seven_digit_number_known_by_its_surroundings(text: str, number: str) -> None:
    assert covered(text, number, "PHONE")


@pytest.mark.parametrize(
    "text", ["Lot 123-4567 expires in May", "Thanks,\nsee ref\n123-4567 for the kit"]
)
def test_seven_digit_codes_without_such_surroundings_stay_clear(text: str) -> None:
    assert not any(f.type == "PHONE" for f in detect(text))
