"""Behaviour of the detection engine on texts written for these tests (not the dev set)."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

import clinllm.phi as phi
from clinllm.phi import PhiDetector, detect
from clinllm.phi.recognizers import Candidate

DATA = Path(__file__).parents[2] / "data" / "phi" / "phi_synthetic.jsonl"
_TOKEN = re.compile(r"[^\W_]+")


def _types(text: str) -> dict[str, str]:
    return {f.text: f.type for f in detect(text)}


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Pt: Ottoline Barrowcliffe, 44F", "Ottoline Barrowcliffe", "NAME"),
        ("Seen by Dr. Quillon today.", "Quillon", "NAME"),
        ("PATIENT: VANTERPOOL, HOLLIS", "VANTERPOOL, HOLLIS", "NAME"),
        ("Her nephew Casimir will drive.", "Casimir", "NAME"),
        ("Signed, Perpetua Ashgrove, RN", "Perpetua Ashgrove", "NAME"),
        (
            "Lives at 12 Heron Way, Apt 3, Tiverton, RI 02878.",
            "12 Heron Way, Apt 3, Tiverton, RI 02878",
            "ADDRESS",
        ),
        ("DOB 07/04/1961.", "07/04/1961", "DATE"),
        ("seen on Feb. 3, 2026", "Feb. 3, 2026", "DATE"),
        ("a 97-year-old man", "97", "AGE_OVER_89"),
        ("cell 555-010-7788", "555-010-7788", "PHONE"),
        ("fax to (555) 010-7789", "(555) 010-7789", "FAX"),
        ("mail kq@example.net now", "kq@example.net", "EMAIL"),
        ("SSN 900-12-3456", "900-12-3456", "SSN"),
        ("MRN: 0044719", "0044719", "MRN"),
        ("Member ID: ZQH4410021", "ZQH4410021", "HEALTH_PLAN_ID"),
        ("Acct # 55120077", "55120077", "ACCOUNT"),
        ("DL# K110-4410-2291", "K110-4410-2291", "LICENSE"),
        ("plate 4TRX992", "4TRX992", "VEHICLE"),
        ("pump serial no. PX-4410-77", "PX-4410-77", "DEVICE_ID"),
        ("see https://example.org/p/4410", "https://example.org/p/4410", "URL"),
        ("from 198.51.100.7", "198.51.100.7", "IP"),
        ("badge 5521", "5521", "OTHER_ID"),
    ],
)
def test_each_type_is_found(text: str, value: str, kind: str) -> None:
    assert _types(text).get(value) == kind


@pytest.mark.parametrize(
    "text",
    [
        "History of Parkinson disease; Foley catheter removed; Apgar 8 and 9.",
        "Crohn's disease, Glasgow Coma Scale 15, Bell palsy, Graves disease.",
        "Dx M54.16 and E11.65; CPT 72148; HCPCS J0135; metformin 1000 mg BID.",
        "BP 132/70, HR 84, SpO2 95%, potassium 5.1 mmol/L, pain 3/10, Apgars 9/9.",
        "Lou Gehrig's disease was discussed; Dr. Brown's bottles for feeding.",
        "Whipple procedure, Babinski sign negative, Romberg test normal, Epley maneuver.",
    ],
)
def test_clinical_content_is_left_alone(text: str) -> None:
    assert detect(text) == []


def test_a_name_seen_once_is_found_everywhere_but_not_in_an_eponym() -> None:
    text = "Patient: Odile Graves. Ms. Graves has Graves disease. Graves agrees."
    found = [(f.text, f.type) for f in detect(text)]
    assert found.count(("Graves", "NAME")) == 2
    assert "Graves disease" not in text[:0] + " ".join(t for t, _ in found)
    assert not any(text[f.end : f.end + 8] == " disease" for f in detect(text))


def test_findings_are_sorted_non_overlapping_and_exact() -> None:
    text = DATA.read_text("utf-8").splitlines()[0]
    source = json.loads(text)["input"]["text"]
    findings = detect(source)
    assert findings == sorted(findings, key=lambda f: f.start)
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start
    assert all(source[f.start : f.end] == f.text for f in findings)


def test_own_synthetic_set_recall_and_precision() -> None:
    gold_tokens = hit = predicted = 0
    for line in DATA.read_text("utf-8").splitlines():
        row = json.loads(line)
        text = row["input"]["text"]
        gold = [(s["start"], s["end"]) for s in row["expected"]["spans"]]
        pred = [(f.start, f.end) for f in detect(text)]
        for m in _TOKEN.finditer(text):
            in_gold = any(s < m.end() and m.start() < e for s, e in gold)
            in_pred = any(s < m.end() and m.start() < e for s, e in pred)
            gold_tokens += in_gold
            predicted += in_pred
            hit += in_gold and in_pred
    assert hit / gold_tokens >= 0.97
    assert hit / predicted >= 0.95


def test_default_detector_is_lazy_and_shared() -> None:
    assert phi.DEFAULT_DETECTOR is phi.default_detector()
    assert "name" in phi.DEFAULT_DETECTOR.recognizer_names


def test_custom_recognizer_and_confidence_floor() -> None:
    class Ward:
        name = "ward_bed"

        def analyze(self, text: str) -> list[Candidate]:
            return [
                Candidate(m.start(), m.end(), "OTHER_ID", 0.4, self.name)
                for m in re.finditer(r"BED-\d+", text)
            ]

    detector = PhiDetector([Ward()])
    assert [f.text for f in detector.detect("moved to BED-12")] == ["BED-12"]
    assert PhiDetector([Ward()], min_confidence=0.5).detect("moved to BED-12") == []


@pytest.mark.parametrize(
    "text",
    [
        "Criteria per medical policy 7.14 and Appeals Policy AP-003; covered 2019-2021.",
        "Power wheelchair codes K0800-K0802 and K0848-K0864 apply.",
        "Medicaid managed care: 180 days. Device: cane since 2025.",
        "Re: Outpatient infliximab rescue course",
        "To: Chief Compliance Officer\nFrom: Lead Investigator, SIU",
        "Post-op PT to follow. Botulinum Toxin PA request.",
        "Members forward all emails containing member IDs and NSAIDs lists.",
    ],
)
def test_document_vocabulary_is_not_phi(text: str) -> None:
    assert detect(text) == []


def test_fax_header_date_and_form_fields() -> None:
    text = "FEB-23-2026 15:07  FROM: RIVERBEND SPINE & PAIN\nStudent: Mateo Ibarra   Grade 4\n"
    assert [(f.text, f.type) for f in detect(text)] == [
        ("FEB-23-2026", "DATE"),
        ("Mateo Ibarra", "NAME"),
    ]


def test_month_and_year_is_a_date_but_a_year_alone_is_not() -> None:
    assert [(f.text, f.type) for f in detect("surgery in December 2025, not in 2019")] == [
        ("December 2025", "DATE")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Thank you for this consult. -Beatrix Holmqvist, MD", "Beatrix Holmqvist"),
        ("Referring provider: Tomas Ekberg NPI 1538274910", "Tomas Ekberg"),
        ("Hygienist: Marisol. Tooth #14 restored.", "Marisol"),
        ("Re: Baby Boy Lindahl, born at our hospital.", "Baby Boy Lindahl"),
        ("Patient's Name: DE LA CRUZ, MARIA   DOB: 04-15-1972", "DE LA CRUZ, MARIA"),
    ],
)
def test_more_name_layouts(text: str, value: str) -> None:
    assert (value, "NAME") in [(f.text, f.type) for f in detect(text)]


def test_insured_id_is_a_plan_id() -> None:
    found = {f.text: f.type for f in detect("Insured's ID Number: W221948873")}
    assert found == {"W221948873": "HEALTH_PLAN_ID"}


def test_not_phi_values_veto_identifier_guesses_but_not_addresses() -> None:
    # "Room 12" inside an address stays part of it; "Lot 4471" alone is not an identifier.
    text = "Lives at The Willows, 400 Orchard Ave, Room 12, Lancaster, PA 17601. Lot 4471-22."
    found = detect(text)
    assert [f.type for f in found] == ["ADDRESS"]
    assert found[0].text.endswith("PA 17601")


def test_a_loser_keeps_the_identifier_part_no_winner_covers() -> None:
    # "UCT, MN" reads as a town and state; the plate "601 UCT" keeps its "601".
    text = "Unit, Make, Lic Plate, State, VIN\n1, Kia, 601 UCT, MN, 86YN0Z8W95BC13853\n"
    covered = "".join(text[f.start : f.end] for f in detect(text))
    assert "601" in covered
    assert "UCT" in covered


def test_a_long_number_glued_to_a_unit_letter_is_an_id_not_a_dose() -> None:
    assert [(f.text, f.type) for f in detect("Patient ID: 7854945L")] == [("7854945L", "MRN")]
    assert detect("Urine output 1500 mL overnight") == []
