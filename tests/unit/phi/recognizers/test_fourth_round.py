"""Fourth round of issue 16: the shapes the fourth-round tune set and probes showed missed.

Each case is a mechanism (a form's unit line, a copula after an address cue, a day in Spanish
words, a name with its role in brackets ...), with the text that must stay in clear beside it.
"""

from __future__ import annotations

import pytest

from clinllm.testing.phi import covered, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # names
        (
            "Patient: Stirling, Ada      | Subscriber: Severin Yeoman\nStreet address: 7 Elm Rd",
            "Severin Yeoman",
        ),
        ("Home log: Erasmus reports the scale stopped syncing.", "Erasmus"),
        ("Chart reviewed. Jeremiah agrees with the plan.", "Jeremiah"),
        ("We are in Berlin till May 3. Zielinski can't come to the phone.", "Zielinski"),
        ("PRESENT: FELICITY BLACKWOOD (SW), TOLLIVER, LUCIUS (PATIENT)", "FELICITY BLACKWOOD"),
        ("Portal thread\n> Zebedee (scheduling): please confirm your address.", "Zebedee"),
        ("Seen with the family; per wife (Tamsin) he sleeps poorly.", "Tamsin"),
        ("Report by T. Nettleship, charge nurse.", "T. Nettleship"),
        ("Seen today. Ibbotson, J. was discharged home.", "Ibbotson, J."),
        # addresses
        (
            "Nuestra dirección es Avenida Harrowgate 95, Antofagasta. Gracias.",
            "Avenida Harrowgate 95, Antofagasta",
        ),
        (
            "Street address: 12 Elm Rd     | Relation: spouse\nApt/Suite: Apt 25     | Phone",
            "Apt 25",
        ),
        (
            "Mail goes to Rural Route 2 Box 14, Clay Center, KS.",
            "Rural Route 2 Box 14, Clay Center, KS",
        ),
        ("Resides: Bangor ME 04401", "Bangor ME 04401"),
        ("Birthplace: Laredo", "Laredo"),
        ("County: Yellowstone", "Yellowstone"),
        ("zipcode: 59715", "59715"),
        ("They found a shelter in downtown Laredo.", "Laredo"),
        ("She is visiting from Tromsø for the summer.", "Tromsø"),
        # dates
        ("Tiene cita el doce de febrero con el doctor.", "doce de febrero"),
        ("chegou no dia vinte e dois de março de 2026", "vinte e dois de março de 2026"),
        ("Nos vemos marzo 3, 2026 en la clínica.", "marzo 3, 2026"),
        ("Fecha de ingreso: 03/III/2026", "03/III/2026"),
        ("Seen on 14/3 for the wound.", "14/3"),
        ("来院日 2026年3月13日", "2026年3月13日"),
        ("Regresa el 1ro de mayo.", "1ro de mayo"),
        ("We met Tuesday the 3rd after lunch.", "3rd"),
        # ages over 89
        ("Her mother lived to ninety-six.", "ninety-six"),
        ("A one-hundred-year-old neighbor helps.", "one-hundred"),
        ("Her mother lived to one hundred and two.", "one hundred and two"),
        ("She celebrated her 100th birthday in May.", "100"),
        ("He is proud of his ninety-fifth birthday cake.", "ninety-fifth"),
        ("Her sister, who is 101, visits.", "101"),
        ("Header: F, 93, walker.", "93"),
        ("She'll be ninety-two in June.", "ninety-two"),
        ("Lives with her father (ninety-one) and a cat.", "ninety-one"),
        ("At 97 she walks daily.", "97"),
        ("DOB 2/3/1930 (95 y)", "95"),
        # vehicles
        ("Car parked outside, UK reg. AB12 CDE.", "AB12 CDE"),
        ("Vehicle: 2014 Toyota Camry, Lic# 5KJT882 (CA)", "5KJT882"),
    ],
)
def test_fourth_round_shapes_are_found(text: str, value: str) -> None:
    assert covered(text, value), value


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Her daughter Norco is visiting and says Norco 5/325 one tab helps.", "Norco 5/325"),
        ("Writing for my father (I'm his POA). He got a bill.", "I'm"),
        ("Appt Thurs 3/5 at 10 with the nurse.", "Appt Thurs"),
        (
            "Transferred from Saint Mary Hospital, 400 W Elm Blvd, Dothan, AL 36301.",
            "Saint Mary Hospital",
        ),
        ("Unit: 4 West, bed 12.", "4 West"),
        ("SpO2 reached 94% and HR reached 110 on the walk.", "110"),
        ("She reached 95 percent of her goal.", "95"),
        ("Metformin (patient) takes it with food.", "Metformin"),
        ("Medicare won't pay for it.", "Medicare"),
        ("Adherence: she is 95% adherent; strength 14/3 noted.", "14/3"),
        ("regular diet, reg 12 units of insulin", "12"),
        ("Place of birth: Coimbra, Portugal", "Portugal"),
        ("Trabaja en Urgencias desde ayer.", "Urgencias"),
        ("He is in ICU until Monday.", "ICU"),
        ("At 95 mmHg she felt dizzy.", "95"),
        ("Puede tomar 1 o 2 de ellas al día.", "1 o 2"),
        ("Her brother (92 mg daily) is fine.", "92"),
        ("Culture grew S. Aureus; treated with E. Coli vaccine.", "Aureus"),
        ("Noted: Patient, A. is stable.", "Patient"),
        ("Vehicle: 2014 Toyota Camry, Lic# 5KJT882 (CA)", "2014 Toyota Camry"),
    ],
)
def test_fourth_round_precision_cases_stay_in_clear(text: str, kept: str) -> None:
    assert not touched(text, kept), kept
