from __future__ import annotations

import pytest

from clinllm.evals import matching


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2026-03-14", "2026-03-14"),
        ("2026/3/14", "2026-03-14"),
        ("03/14/2026", "2026-03-14"),
        ("3-14-26", "2026-03-14"),
        ("March 14, 2026", "2026-03-14"),
        ("Mar. 14th 2026", "2026-03-14"),
        ("14 March 2026", "2026-03-14"),
        ("02/30/2026", None),
        ("next Tuesday", None),
    ],
)
def test_parse_date(text: str, iso: str | None) -> None:
    assert matching.parse_date(text) == iso


def test_icd10_with_and_without_dot_and_case_are_the_same_code() -> None:
    assert matching.normalize_icd10("m54.16") == matching.normalize_icd10("M5416") == "M5416"


def test_names_ignore_case_punctuation_titles_credentials_and_salts() -> None:
    assert matching.normalize_person_name("Dr. Maria  Okafor, MD") == "maria okafor"
    assert matching.normalize_org_name("The Blue-Ridge Health Plan") == "blue ridge health plan"
    assert matching.normalize_org_name("Smith & Sons") == "smith and sons"
    assert matching.normalize_medication("Metformin HCl") == "metformin"
    assert matching.normalize_identifier("brh-5520 19384") == "BRH552019384"
    assert matching.normalize_npi("1457-392-816") == "1457392816"


def test_token_recall_counts_content_words() -> None:
    assert (
        matching.token_recall("6 weeks of physical therapy", "physical therapy for 6 weeks") == 1.0
    )
    assert matching.token_recall("6 weeks of physical therapy", "6 weeks") == pytest.approx(0.5)
    assert matching.token_recall("the of", "anything") == 1.0


def test_text_contains_matches_whole_words_only() -> None:
    assert matching.text_contains("Payer: BLUE RIDGE health plan.", "Blue Ridge Health Plan")
    assert not matching.text_contains("Member 12345678", "1234567")
