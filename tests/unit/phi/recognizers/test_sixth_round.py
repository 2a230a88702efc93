"""Sixth round of issue 16: vehicles, ages over 89, addresses, phones and device ids.

Each case is a mechanism (a licence on a vehicle's line, a plate on a vehicle's line, years in
fourteen languages, a lower-case address confirmed by its state and ZIP, a vanity number, a
GS1 UDI), beside the text that must stay in clear.
"""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.recognizers.identifiers import UdiRecognizer, gtin_checksum_ok
from clinllm.testing.phi import covered, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Vehicle: 2014 Kia Sorento   Lic: K TS 0603 (WA)", "K TS 0603"),
        ("Vehicle: 2018 Subaru Outback   Lic: LUV2SKI (AZ)", "LUV2SKI"),
        ("Vehicle: 2021 Kia Sorento   Lic: DN28 TYY (WA)", "DN28 TYY"),
        ("LP: 7ABC123", "7ABC123"),
        ("Rego: 1ABC234", "1ABC234"),
        ("VIN ending 4471", "4471"),
        ("license-plate 7ABC123", "7ABC123"),
        ("immatriculée AB-123-CD", "AB-123-CD"),
        ("das Kennzeichen des Autos ist M-AB 4412", "M-AB 4412"),
        ("plate reading 'GRT 552'", "GRT 552"),
        ("Vehicle: 2019 Honda Civic, 8GHJ221 (CA)", "8GHJ221"),
        ("Vehicle info: Honda Civic / 8GHJ221 / CA", "8GHJ221"),
        ("Boat registration: FL 1234 AB", "FL 1234 AB"),
        ("HIN: ABC12345D606", "ABC12345D606"),
        ("tail number N4471K", "N4471K"),
        ("camper (8GHJ221)", "8GHJ221"),
    ],
)
def test_plates(text: str, value: str) -> None:
    assert covered(text, value, "VEHICLE")


def test_a_registration_keeps_a_uk_plates_letters() -> None:
    assert covered("registration: WX63 LMP", "WX63 LMP")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lisinopril 10 mg; plate count 210.", "210"),
        ("drove his 2012 Lexus ES350 to clinic", "ES350"),
        ("vehicle: 2014 Honda", "2014"),
        ("Pt was driver of a Ford F-150 pickup", "150"),
    ],
)
def test_not_plates(text: str, value: str) -> None:
    assert not touched(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Herr Castellano ist 94 Jahre alt.", "94"),
        ("im Alter von 95 Jahren", "95"),
        ("92 jaar oud", "92"),
        ("93 år gammal", "93"),
        ("ma 94 lata", "94"),
        ("94-jährige Patientin", "94"),
        ("93-letni pacjent", "93"),
        ("95y F presents with fall", "95"),
        ("92-y-o woman", "92"),
        ("92 yoa", "92"),
        ("age ~92", "92"),
        ("age in years: 99", "99"),
        ("Age - 92", "92"),
        ("between 90 and 95 years old", "90"),
        ("Mother deceased at 93", "93"),
        ("Pt celebrated 100 this year", "100"),
        ("The patient, 95, presented with syncope.", "95"),
        ("92 1/2 years old", "92"),
        ("im 94. Lebensjahr", "94"),
        ("96y4m", "96"),
        ("Leeftijd: 93", "93"),
        ("Wiek: 94", "94"),
        ("AGE 101Y", "101"),
    ],
)
def test_ages_over_89(text: str, value: str) -> None:
    assert covered(text, value, "AGE_OVER_89")


@pytest.mark.parametrize(
    "text",
    [
        "BP 94/60, HR 92, SpO2 96%, weight 95 kg, glucose 98 mg/dL",
        "Takes 90 mg daily for 91 days; 100 units insulin",
        "her husband is 88",
        "Hgb 9.3; pulse 93; 93% RA; O2 93 percent; 93 mmHg; 93 lbs",
        "HR 95. Years of smoking history",
        "score 92 1/2 of the time",
    ],
)
def test_not_ages(text: str) -> None:
    assert not [f for f in detect(text) if f.type == "AGE_OVER_89"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Call 1-800-FLOWERS or later", "1-800-FLOWERS"),
        ("Daughter's cell: 1-800-555-EASU", "1-800-555-EASU"),
        ("Call 1-877-GO-NURSE now", "1-877-GO-NURSE"),
        ("(800) 555-HELP", "(800) 555-HELP"),
        ("cell (555) 010-0142, extension 31", "(555) 010-0142, extension 31"),
        ("phone: 555.010.0199 Ext. 221", "555.010.0199 Ext. 221"),
        ("Daughter Kim 555-0123", "555-0123"),
        ("call her at 555-0147 after 5", "555-0147"),
    ],
)
def test_phones(text: str, value: str) -> None:
    assert covered(text, value, "PHONE")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("lives at 470 tamarack street, apt 018, keene, nh 87631", "470 tamarack street, apt 018"),
        ("1420 w oak st apt 2, springfield il 62704", "springfield il 62704"),
        ("po box 118, elko nv 89801", "po box 118, elko nv 89801"),
        ("Pt lives at 45 west main street", "45 west main street"),
        ("Apt 4B\n220 West 18th Street\nNew York, NY 10011", "Apt 4B\n220 West 18th Street"),
        ("Bldg C, 2nd floor, 77 Research Way, Dover, DE 19901", "Bldg C, 2nd floor, 77"),
        ("Ste 200, 455 Main St, Boise ID 83702", "Ste 200"),
        ("The patient lives at 3 Birch Hill.", "3 Birch Hill"),
        ("4410 State Route 9, Millbrook, NY 12545", "4410 State Route 9"),
        ("HCR 62 Box 19", "HCR 62 Box 19"),
        ("Box 44, Rt. 2, Hillsboro", "Box 44, Rt. 2"),
        ("12-14 King Street, Hamilton", "12-14 King Street"),
        ("Hauptstr. 5, 80331 München", "Hauptstr. 5"),
        ("Kirchgasse 3/2/14, 1070 Wien", "Kirchgasse 3/2/14, 1070 Wien"),
        ("ul. Marszałkowska 10/12, 00-590 Warszawa", "Marszałkowska 10/12"),
        ("She lives in the 02138 area", "02138"),
    ],
)
def test_addresses(text: str, value: str) -> None:
    assert covered(text, value, "ADDRESS")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("walked 2 blocks down the street today", "2 blocks"),
        ("seen 3 times in the ER this month; walked 2 blocks to Main Street", "3 times"),
        ("Take 1 Green Park tablet", "1 Green"),
        ("Flowsheet 02/03/2026\n0800 VS stable.", "Flowsheet"),
        ("Level 2 Trauma Center", "2"),
    ],
)
def test_not_addresses(text: str, value: str) -> None:
    assert not [
        f for f in detect(text) if f.type == "ADDRESS" and f.start <= text.index(value) < f.end
    ]


def test_courtesy_titles_stay_outside_the_name() -> None:
    for text in ("Mme Tregarthen, 97 ans, vit seule.", "Sra. Ostrowski llamó."):
        names = [f.text for f in detect(text) if f.type == "NAME"]
        assert names
        assert all(not n.startswith(("Mme", "Sra")) for n in names)


def test_gs1_udi() -> None:
    assert gtin_checksum_ok("00643169001763")
    assert not gtin_checksum_ok("00643169001764")
    text = "Implant (01)00884521179201(11)230101(21)SN44712 placed."
    assert covered(text, "(01)00884521179201(11)230101(21)SN44712", "DEVICE_ID")
    # a GTIN alone needs its check digit
    assert list(UdiRecognizer().analyze("ref (01)00643169001763 ok"))
    assert not list(UdiRecognizer().analyze("ref (01)00643169001764 ok"))
