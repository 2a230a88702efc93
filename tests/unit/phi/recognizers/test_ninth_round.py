"""Ninth round of issue 16 (tune_phi_probe2): weak classes and names without cues, by mechanism.

A Canadian postal code's first half is no ICD category, "C/" opens a Spanish street, an address
label may carry a bracketed aside, two crossing streets after "corner of", ages under an "Age"
column, a space-aligned row read by position, sign-offs with more words than "Thanks,". Each
beside the text that must stay as it was.
"""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.testing.phi import covered, touched


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Forward records to 1140 Rue Principale, Granby, QC J2G 0C6.",
         "1140 Rue Principale, Granby, QC J2G 0C6"),
        ("Mailing address is PO Box 5119, Winnipeg, MB R3G 8X9; parcels go next door.",
         "Winnipeg, MB R3G 8X9"),
        ("Contact address (Spain): C/ Colón, 40, 4º dcha., 46004 Valencia",
         "C/ Colón, 40, 4º dcha., 46004 Valencia"),
        ("Address (summer): Lindenweg 4, 04109 Leipzig", "Lindenweg 4, 04109 Leipzig"),
        ("She is in C/ Mayor, 15, 2º izq., 46001 Valencia now", "C/ Mayor, 15"),
    ],
)  # fmt: skip
def test_addresses_abroad(text: str, address: str) -> None:
    assert covered(text, address, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("He lives on the corner of Fifth and Main, above the bakery.", ("Fifth", "Main")),
        ("Found at the intersection of Orchard Street and Delmar Avenue.",
         ("Orchard Street", "Delmar Avenue")),
        ("Picked up at the junction of Cass & 14th by EMS.", ("Cass", "14th")),
    ],
)  # fmt: skip
def test_both_crossing_streets(text: str, streets: tuple[str, str]) -> None:
    assert all(covered(text, street, "ADDRESS") for street in streets)


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("Plaque at the junction of ICA and ECA, 40% stenosis.", "ICA"),
        ("Lesion at the corner of the mouth and lip.", "mouth"),
        ("Dx J45.0 and I10; ICD J2G pending", "J45.0"),
        ("Dx J45.0 and I10; ICD J2G pending", "I10"),
    ],
)
def test_what_is_not_an_address_stays(text: str, clear: str) -> None:
    assert not touched(text, clear)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Name           Age   Sex\nRosamund Delacroix    100    M\n", "100"),
        ("| Name | Age | Sex |\n| Ada Smith | 93 | F |", "93"),
        ("Patient, Age (yrs), Ward\nHilde Brandt, 97, 4B\n", "97"),
    ],
)
def test_ages_under_an_age_column(text: str, age: str) -> None:
    assert covered(text, age, "AGE_OVER_89")


def test_an_age_under_ninety_in_an_age_column_stays() -> None:
    text = "Name           Age   Sex\nAda Lovel    45   F\nBo Tran    89   M\n"
    assert not touched(text, "45")
    assert not touched(text, "89")


def test_a_space_aligned_row_is_read_by_position() -> None:
    # the long name pushes "100" under "Sex"; one cell per column reads it as the age
    text = "Name      Age   Sex\nBartholomew Featherstone    100    M\n"
    assert covered(text, "100", "AGE_OVER_89")
    assert covered(text, "Bartholomew Featherstone", "NAME")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks so much,\nCaspian", "Caspian"),
        ("Many thanks,\nOttoline", "Ottoline"),
        ("Yours truly, Anselm", "Anselm"),
        ("Best wishes,\nFintan", "Fintan"),
    ],
)
def test_sign_offs_with_more_words(text: str, name: str) -> None:
    assert covered(text, name, "NAME")


def test_a_team_signing_off_is_no_name() -> None:
    assert not any(f.type == "NAME" for f in detect("Best wishes,\nThe Cardiology Team"))


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Resides at 14 Seaview Terrace, Howth, Co. Dublin D13 X2Y4",
         "14 Seaview Terrace, Howth, Co. Dublin D13 X2Y4"),
        ("Address: 900 S. Broadway, Ste 150, Denver, CO 80209-1234", "900 S. Broadway"),
        ("EMS found him down in the 2200 block of Cherry St at 0300.", "2200 block of Cherry St"),
        ("Pt lives on Route 9 in Hadley.", "Route 9"),
        ("She lives off County Road 12.", "County Road 12"),
    ],
)  # fmt: skip
def test_more_address_shapes(text: str, address: str) -> None:
    assert covered(text, address, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("MVC on I-95 near exit 4, restrained driver.", "I-95"),
        ("MVC on Route 9 near exit 4, restrained driver.", "Route"),
        ("Repeat the 12 block of testing next week.", "12"),
    ],
)
def test_roads_that_are_not_a_home_stay(text: str, clear: str) -> None:
    assert not touched(text, clear)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Security says the plate ends in 447.", "447"),
        ("Witness saw a blue sedan, plate ending 4471.", "4471"),
        ("Car: 7KXR291 (California)", "7KXR291"),
        ("Vehicle: Lexus ES350, 8GHJ221", "8GHJ221"),
    ],
)
def test_partial_plates_and_a_plate_after_a_vehicle_noun(text: str, plate: str) -> None:
    assert covered(text, plate, "VEHICLE")


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("plate count 210 at the lab", "210"),
        ("Vehicle: Lexus ES350, 8GHJ221", "ES350"),
    ],
)
def test_counts_and_models_stay(text: str, clear: str) -> None:
    assert not touched(text, clear)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("She lives at 3 Mill Street in the village of Denholme.", "Denholme"),
        ("Dirección: Calle 5 de Mayo #123, Col. Centro, Oaxaca", "Col. Centro, Oaxaca"),
        ("She lives in Unit 7 of the Maple Court building on 4th Street.", "4th Street"),
    ],
)
def test_places_named_by_their_noun(text: str, address: str) -> None:
    assert covered(text, address, "ADDRESS")


def test_the_city_of_hope_is_no_town() -> None:
    assert not touched("Referred to the city of Hope medical center.", "Hope")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Herr Schulz ist dreiundneunzig.", "dreiundneunzig"),
        ("He is almost 99.", "99"),
        ("Elderly woman (93) with a hip fracture.", "93"),
        ("Age . . . . . 94", "94"),
    ],
)
def test_more_age_shapes(text: str, age: str) -> None:
    assert covered(text, age, "AGE_OVER_89")


@pytest.mark.parametrize(
    "text",
    ["BP ist 95.", "HR is almost 99 bpm", "O2 sat is almost 99%", "the patient (95% sat)",
     "Age . . . . 45"],
)  # fmt: skip
def test_numbers_that_are_no_age_stay(text: str) -> None:
    assert not any(f.type == "AGE_OVER_89" for f in detect(text))


def test_a_header_cell_after_a_role_is_no_name() -> None:
    text = "| Driver | Vehicle | License Plate |\n| Ana Ruiz | Honda Civic | 7KXR291 |"
    assert not touched(text, "Vehicle")
    assert covered(text, "Ana Ruiz", "NAME")
    assert covered(text, "7KXR291", "VEHICLE")


def test_a_form_row_after_a_role_is_still_a_name() -> None:
    assert covered("| Patient | Cordelia Haverkamp |", "Cordelia Haverkamp", "NAME")


def test_a_state_before_a_plate_word_is_the_plate_s() -> None:
    text = "Parked car: blue Prius, CA plate 8XYZ123"
    assert not touched(text, "Prius")
    assert covered(text, "8XYZ123", "VEHICLE")
    assert covered("Lives in Ogden, UT and drives.", "Ogden, UT", "ADDRESS")


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("She resides in Apt 4B at 22 Park Place, Brooklyn.", "Apt 4B"),
        ("Address: Str. Mihai Eminescu nr. 12, bl. A3, sc. 2, ap. 14, Cluj-Napoca 400000",
         "Str. Mihai Eminescu nr. 12, bl. A3, sc. 2, ap. 14, Cluj-Napoca 400000"),
        ("Address: ul. Długa 5 m. 12, 00-238 Warszawa", "m. 12, 00-238 Warszawa"),
    ],
)  # fmt: skip
def test_units_and_abbreviations_inside_an_address(text: str, address: str) -> None:
    assert covered(text, address, "ADDRESS")


def test_an_apartment_without_a_number_stays() -> None:
    assert not touched("She lives in apartment with her son.", "apartment")


def test_a_model_after_its_make_is_no_name() -> None:
    text = "Driving a 2010 Toyota Sienna minivan, plate number CA 6LMN902."
    assert not touched(text, "Sienna")
    assert covered("Her daughter Sienna called.", "Sienna", "NAME")


def test_a_relative_s_companion_is_a_name() -> None:
    text = "Dorotea and her husband Ansel came to the visit."
    assert covered(text, "Dorotea", "NAME")
    assert not touched("Metformin and her husband were discussed.", "Metformin")
    assert not touched("Mom and her sister came.", "Mom")


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Her daughter in Phoenix will fly in.", "Phoenix"),
        ("His son in Florence calls daily.", "Florence"),
        ("Back home in Tulsa she has a dog.", "Tulsa"),
        ("Was camping in Moab when symptoms began.", "Moab"),
    ],
)
def test_a_relative_s_or_a_home_s_town(text: str, town: str) -> None:
    assert covered(text, town, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("Her son in ICU is stable.", "ICU"),
        ("Daughter in Radiology dept.", "Radiology"),
        ("Her son in Surgery Center waiting room.", "Surgery"),
    ],
)
def test_a_relative_in_a_unit_of_care_stays(text: str, clear: str) -> None:
    assert not touched(text, clear)


def test_initials_and_surnames_listed_after_cc() -> None:
    text = "CC: T. Achterberg; R. Oyelowo"
    assert covered(text, "T. Achterberg", "NAME")
    assert covered(text, "R. Oyelowo", "NAME")
    assert not touched("A. Fib; B. Smith", "Fib")


def test_a_name_set_off_by_its_relation() -> None:
    assert covered("Ilario, her grandson, drove her.", "Ilario", "NAME")
    assert not touched("Mom, her caregiver, called.", "Mom")
    assert not touched("Tylenol, her usual med, helps.", "Tylenol")


def test_a_plate_read_out_one_character_at_a_time() -> None:
    assert covered("Plate 7 K X R 2 9 1 was seen leaving.", "7 K X R 2 9 1", "VEHICLE")
    # a sex marker after a record number is not spelled out
    assert not touched("MRN 123456 M F", "F")


def test_a_province_before_a_plate_is_no_name() -> None:
    text = "Struck by a vehicle with Ontario plate BXKR 221."
    assert not touched(text, "Ontario")
    assert covered(text, "BXKR 221", "VEHICLE")
    assert covered("Alberta Jones called.", "Alberta Jones", "NAME")


@pytest.mark.parametrize(
    ("text", "plate"),
    [("VRN: KX19ABC", "KX19ABC"), ("VRM KX19 ABC", "KX19 ABC"), ("Tag/Plate: 7ABC123", "7ABC123")],
)
def test_more_plate_labels(text: str, plate: str) -> None:
    assert covered(text, plate, "VEHICLE")
