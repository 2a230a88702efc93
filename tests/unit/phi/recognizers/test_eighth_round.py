"""Eighth round of issue 16: the four weakest classes by mechanism (tune_phi_classes).

Addresses in the order their country writes them (a unit over the house number, a province
or an Australian state with its postcode, a number after the street's comma, a Canadian box's
post office, a Spanish door), plates on a vehicle's line after its model and in a "Reg"
column, French plates by their shape, ages over 89 as a fraction, an ordinal year, a form's
sex/age field and a relative's death. Each beside the text that must stay as it was.
"""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.testing.phi import covered, touched


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Mail the card to 16/873 Eucalyptus Drive, Ballarat VIC 3350; it bounced.",
         "16/873 Eucalyptus Drive, Ballarat VIC 3350"),
        ("Attn: Isadora Kowalczyk\n18/354 Wattle St\nBallarat VIC 3350\n", "18/354 Wattle St"),
        ("Records went to 823 Maple Dr., Red Deer, AB T4N 1X5 by post.",
         "823 Maple Dr., Red Deer, AB T4N 1X5"),
        ("Box: PO Box 1234, Station Main, Sudbury ON P3E 2C6", "Sudbury ON P3E 2C6"),
        ("C.P. 456, Succ. Centre-Ville, Montréal QC H3C 3J7", "C.P. 456, Succ. Centre-Ville"),
        ("Lives at Rua Augusta, 1500 - apto 42, São Paulo", "Rua Augusta, 1500 - apto 42"),
        ("Calle de Alcalá 45, 3º izda., 28014 Madrid", "28014 Madrid"),
        ("at Mühlenweg 252, 79098 Freiburg im Breisgau after the fall",
         "Mühlenweg 252, 79098 Freiburg im Breisgau"),
    ],
)  # fmt: skip
def test_addresses_in_their_country_s_order(text: str, address: str) -> None:
    assert covered(text, address, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("Visit 627 Sugar Terrace, Ithaca, NY 27208 on Tuesdays.", "Tuesdays"),
        ("Home health will visit Paseo de Gracia 553, 3º C, 48001 Bilbao on Tuesdays.", "Tuesdays"),
        ("Seat | Ibiza | dark green | V-XC 2072\nLot 7H2291, exp 2027; Room 412.", "7H2291"),
        ("Security noted a dark green Peugeot 308, plate RUN 2561, in the bay.", "Peugeot"),
        ("Security noted a dark green Peugeot 308, plate RUN 2561, in the bay.", "308"),
        ("Ballarat 3350 patients were seen in 2019.", "2019"),
        ("Hgb 12.5 g/dL, Plt 220; Room 412, Bed 2", "412"),
    ],
)
def test_what_is_not_an_address_stays(text: str, clear: str) -> None:
    assert not touched(text, clear)


def test_a_trailer_lot_is_still_a_unit() -> None:
    text = "Address: 12 Pine Acres Road, Lot 14, Bend, OR 97701"
    assert covered(text, "12 Pine Acres Road, Lot 14", "ADDRESS")


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Subaru Forester ZG-886-FV registered to the daughter.", "ZG-886-FV"),
        ("Toyota RAV4 G-EU 3267 registered to the daughter.", "G-EU 3267"),
        ("Toyota RAV4 SL78 XFB registered to the daughter.", "SL78 XFB"),
        ("Vehicle | Colour | Reg\nSeat Ibiza | silver | GBB 0259\n", "GBB 0259"),
        ("Seen leaving in FG-456-HJ yesterday.", "FG-456-HJ"),
    ],
)
def test_plates_after_the_model_in_a_reg_column_and_by_french_shape(text: str, plate: str) -> None:
    assert covered(text, plate, "VEHICLE")


@pytest.mark.parametrize(
    "text",
    ["Toyota RAV4 registered to the daughter.", "pump model MMT-780", "HLA-B27 positive"],
)
def test_a_model_alone_is_no_plate(text: str) -> None:
    assert not [f for f in detect(text) if f.type == "VEHICLE"]


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("She is 93.5 years old.", "93.5"),
        ("in her ninety-fourth year", "ninety-fourth"),
        ("in his 91st year of life", "91st"),
        ("Sex/Age: F 96", "96"),
        ("FHx: mother d. 93 of stroke", "93"),
        ("father deceased at 96 (MI)", "96"),
    ],
)
def test_ages_over_89_in_more_shapes(text: str, age: str) -> None:
    assert covered(text, age, "AGE_OVER_89")


@pytest.mark.parametrize(
    "text",
    ["Sodium 93.5 mmol/L", "temp 99.5 F", "mother d. 1993", "in her 89th year", "age 89"],
)
def test_numbers_that_are_not_ages_over_89_stay(text: str) -> None:
    assert not [f for f in detect(text) if f.type == "AGE_OVER_89"]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Hauptstraße 5\nA-1010 Wien", "A-1010 Wien", "ADDRESS"),
        ("Keizersgracht 221-H, 1016 DT Amsterdam", "Keizersgracht 221-H", "ADDRESS"),
        ("her farm at 4410 County Road 12, Fremont OH", "4410 County Road 12", "ADDRESS"),
        ("license plate 7kxr291", "7kxr291", "VEHICLE"),
        ("age at death: 96", "96", "AGE_OVER_89"),
        ("aged 99+ per the daughter", "99", "AGE_OVER_89"),
        ("lives on Rua Direita 45 in Braga", "Rua Direita 45", "ADDRESS"),
    ],
)
def test_second_batch_of_shapes(text: str, value: str, kind: str) -> None:
    assert covered(text, value, kind)


@pytest.mark.parametrize(
    ("text", "clear"),
    [
        ("age 90+", "90"),
        ("Media sanitised per NIST 800-88 before disposal.", "88"),
        ("license plate lights out", "lights"),
        ("She lives on Lisinopril 20 mg daily", "20"),
        ("lives on Social Security 1200 a month", "1200"),
    ],
)
def test_second_batch_leaves(text: str, clear: str) -> None:
    assert not touched(text, clear)
