"""Fifth round of issue 16: vehicles, ages over 89 in five languages, address forms.

Each case is a mechanism (a plate named by a vehicle noun, a plate in brackets after a car,
an age in French, German or Italian words, a row of a form flattened with bars, a town after
"resident of"), beside the text that must stay in clear.
"""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.recognizers.identifiers import PlateAfterVehicleRecognizer, plate_shaped
from clinllm.testing.phi import covered, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Her car's registration is WX63 LMP and it was towed.", "WX63 LMP"),
        ("the car reg is KP19 HFD", "KP19 HFD"),
        ("Vehicle: 2016 Nissan Altima   Plate/State: 7LMN882 / CA", "7LMN882"),
        ('Patient states his truck\'s plate is "MOM 4EVR".', "MOM 4EVR"),
        ("Placas del carro: JKL-23-44", "JKL-23-44"),
        ("Targa: AB 123 CD", "AB 123 CD"),
        ("N° d'immatriculation: GH-552-KL", "GH-552-KL"),
        ("Nummernschild: M-XY 4821", "M-XY 4821"),
        ("She was in a 2019 Toyota Camry (7KJX219) when rear-ended.", "7KJX219"),
        ("Patient's truck (TX 4MZT192) was towed.", "4MZT192"),
    ],
)
def test_plates_named_by_a_vehicle(text: str, value: str) -> None:
    assert covered(text, value, "VEHICLE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He drives a Ford F-150 (V8) and a Honda CR-V (2016).", "2016"),
        ("He drives a Ford F-150 (V8) and a Honda CR-V (2016).", "V8"),
        ("Mazda CX-5 (2.5L) engine.", "2.5L"),
        ("Car seat (Graco 4Ever) in use.", "Graco 4Ever"),
        ("Registration is complete for the 10 AM class.", "10"),
        ("Restrained driver of a Ford Ranger (GA 5VSU255).", "Ford Ranger"),
        ("He drove his 2009 Ford Focus home.", "Ford Focus"),
        ("Patient's truck (TX 4MZT192) was towed.", "TX"),  # a state alone is not PHI
    ],
)
def test_vehicle_words_keep_what_is_no_plate(text: str, value: str) -> None:
    assert not touched(text, value)


def test_a_bare_lic_abbreviation_labels_its_value() -> None:
    text = "Vehicle: 2018 Kia Soul, grey, lic. 8DEF456"
    assert covered(text, "8DEF456")
    assert not touched(text, "2018")


@pytest.mark.parametrize("text", ["Seen with Ford Prefect today.", "Dr. Ford saw her."])
def test_a_make_that_is_also_a_name_stays_a_name(text: str) -> None:
    assert covered(text, "Ford", "NAME")


def test_plate_shape() -> None:
    for plate in ("8ABC123", "KP19 HFD", "JKL-23-44"):
        assert plate_shaped(plate)
    for other in ("2016", "ABCDEF", "V8", "123456789"):
        assert not plate_shaped(other)
    found = list(PlateAfterVehicleRecognizer().analyze("a red sedan (ABC 1234) outside"))
    assert [(c.start, c.end, c.type) for c in found] == [(13, 21, "VEHICLE")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Femme de quatre-vingt-treize ans, chute.", "quatre-vingt-treize"),
        ("Il a quatre-vingt-dix-sept ans.", "quatre-vingt-dix-sept"),
        ("Madame, nonante-deux ans.", "nonante-deux"),
        ("Patientin, dreiundneunzig Jahre alt.", "dreiundneunzig"),
        ("Er ist neunzig Jahre alt.", "neunzig"),
        ("Paziente di novantadue anni.", "novantadue"),
        ("Età: 93", "93"),
        ("Alter: 91", "91"),
        ("Âge : 97 ans", "97"),
        ("Anni 98, vedova.", "98"),
        ("A nonagenarian (96) presented with falls.", "96"),
        ("The centenarian, 104, is stable.", "104"),
        ("Age (yrs): 96", "96"),
        ("He's nearly ninety-nine.", "ninety-nine"),
        ("Mr Ellery (ninety-four) attended.", "ninety-four"),
        ("Tiene 91.", "91"),
        ("Il paziente ha novantun anni.", "novantun"),
    ],
)
def test_ages_over_89_in_other_languages_and_words(text: str, value: str) -> None:
    assert covered(text, value, "AGE_OVER_89")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Patient de quatre-vingts ans.", "quatre-vingts"),  # 80
        ("Er ist achtzig Jahre alt.", "achtzig"),
        ("Paziente di ottantanove anni.", "ottantanove"),
        ("Edad gestacional 39 semanas", "39"),
        ("Alter: 89", "89"),
        ("The patient is in her nineties.", "nineties"),  # a decade, not an age token
        ("Tiene 95 pacientes en lista.", "95"),
        ("He is nearly 95 kg.", "95"),
        ("Heart rate (95) stable.", "95"),
        ("BP ist 95.", "95"),
    ],
)
def test_ages_of_89_and_under_stay(text: str, value: str) -> None:
    assert not touched(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Residence: 19 Elm St. | Westbrook | OR | 97123", "Westbrook"),
        ("Residence: 19 Elm St. | Westbrook | OR | 97123", "97123"),
        ("Addr line 1: 45 Chestnut Court\nAddr line 2: Suite B\nCity: Lenoir", "Suite B"),
        ("Patient's home: 5 Ridge Rd, Lot 12, Millersburg", "Lot 12, Millersburg"),
        ("Patient lives at 7 Heron Quay, Apt 2B. City: Portsmouth.", "7 Heron Quay, Apt 2B"),
        ("Pt lives in the 60614 zip code.", "60614"),
        ("She is a resident of Millbury and walks daily.", "Millbury"),
        ("The patient's hometown is Bixby.", "Bixby"),
        ("They rent in Dunmore now.", "Dunmore"),
        ("Reside en Tlaquepaque, Jalisco.", "Tlaquepaque"),
        ("Habite à Villeurbanne.", "Villeurbanne"),
        ("Mora em Viseu.", "Viseu"),
        ("CASCADE ORTHOPEDICS\n4400 NE HALSEY ST STE 120\nPORTLAND OR 97213", "4400"),
        ("ADDRESS: 12 BRACKEN WAY APT 4  CITY: ELGIN  ZIP: 60120", "12 BRACKEN WAY APT 4"),
        ("ADDRESS: 12 BRACKEN WAY APT 4  CITY: ELGIN  ZIP: 60120", "ELGIN"),
    ],
)
def test_address_parts_and_towns(text: str, value: str) -> None:
    assert covered(text, value)


_TWO_COLUMNS = (
    "Address: 55 Orchard Row                   Insurance: Tidewater Mutual\n"
    "         Unit 12                          Member ID: TWM-33109\n"
    "         Millbrook                        Plan: gold\n"
)
_TABLE = (
    "Name                  ZIP      Vaccine   Lot      Time\n"
    "Ludmila Thorvaldsen   13604    PCV20     W5712M   9:45\n"
    "Brigida Wetherby      14186    RSV       X3980V   13:30\n"
)


def test_an_address_goes_on_in_its_own_column_of_a_flattened_form() -> None:
    assert covered(_TWO_COLUMNS, "Unit 12", "ADDRESS")
    assert covered(_TWO_COLUMNS, "Millbrook", "ADDRESS")
    assert not touched(_TWO_COLUMNS, "Tidewater")
    assert not touched(_TWO_COLUMNS, "gold")


def test_a_table_row_is_no_address_column() -> None:
    kinds = {f.text: f.type for f in detect(_TABLE)}
    assert kinds.get("Brigida Wetherby") == "NAME"
    assert not touched(_TABLE, "RSV")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ship to 88 Oak Ave | Attn: Billing | Ref 4471", "Billing"),
        ("Ship to 88 Oak Ave | Attn: Billing | Ref 4471", "4471"),
        ("Lives at 9 Pine St | Metformin 500 mg | A1c 7.2", "Metformin"),
        ("Home Address:                          Work Address:\n56 Saltmarsh Lane", "Work"),
        ("She is a resident of Internal Medicine.", "Internal"),
        ("Residence: 7 Elm Blvd | Petoskey | MI | 63541\nAddr line 2: Unit 4\nx", "Addr"),
        ("Billing: 66 Gate Dr., Unit 1\nAttn: Billing office", "Billing office"),
        ("Ordered 60614 units; zip ties x2.", "60614"),
        ("GIVE 20 UNITS ST NOW", "20 UNITS"),
        ("TAKE 2 TABS PO DAILY WAY TOO MUCH", "TABS"),
        ("REPEAT CBC IN 2 WEEKS PRN DR", "WEEKS"),
        ("ADDRESS: 12 BRACKEN WAY APT 4  CITY: ELGIN  ZIP: 60120", "CITY"),
        ("ADDRESS: 12 BRACKEN WAY APT 4  CITY: ELGIN  ZIP: 60120", "ZIP"),
    ],
)
def test_address_rules_leave_other_cells_and_words(text: str, value: str) -> None:
    assert not touched(text, value)


@pytest.mark.parametrize(
    ("text", "value", "found"),
    [
        ("Admitted March the 3rd, discharged the 9th.", "March the 3rd", True),
        ("Admitted March the 3rd, discharged the 9th.", "9th", True),
        ("She was discharged the 9th and went home.", "9th", True),
        ("She finished the 3rd cycle.", "3rd", False),
        ("He placed the 2nd stent.", "2nd", False),
    ],
)
def test_a_day_ordinal_after_a_past_act(text: str, value: str, found: bool) -> None:
    assert covered(text, value, "DATE") is found
