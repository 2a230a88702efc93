"""The drug vocabulary read from drug-named-entity-recognition's data file."""

from __future__ import annotations

import pytest

from clinllm.codes.drugs import find_drugs, generic_of


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Bactrim", "trimethoprim-sulfamethoxazole"),  # a combination listed as "a/b"
        ("Symbicort", "budesonide-formoterol"),
        ("Epclusa", "sofosbuvir-velpatasvir"),  # listed as "a and b"
        ("Suboxone", "buprenorphine-naloxone"),
        ("Novolog", "insulin aspart"),  # the "(rdna origin)" qualifier is dropped
        ("epoetin alfa", "epoetin alfa"),  # MeSH heading plus a Wikipedia drug page
        ("estradiol", "estradiol"),  # a MedlinePlus generic the package lists under no variant
        ("thiamine", "thiamine"),
        ("Eliquis", "apixaban"),
    ],
)
def test_brands_combinations_and_generics_resolve(name: str, generic: str) -> None:
    assert generic_of(name) == generic


@pytest.mark.parametrize("word", ["thyroid", "influenza vaccine", "potassium", "tuna", "sodium"])
def test_organs_vaccines_analytes_and_foods_are_not_drugs(word: str) -> None:
    assert generic_of(word) is None


def test_digits_belong_to_the_name_and_a_lower_case_brand_is_not_read() -> None:
    text = "Begin vitamin D3 1000 IU. Start polyethylene glycol 3350 17 g. bactrim noted."
    found = [(text[m.start : m.end], m.generic) for m in find_drugs(text)]
    assert found == [
        ("vitamin D3", "cholecalciferol"),
        ("polyethylene glycol 3350", "polyethylene glycol 3350"),
    ]


def test_a_rejected_longer_name_is_not_read_by_its_last_word() -> None:
    # "ethinyl estradiol" has a MeSH heading only; its "estradiol" is not a second drug.
    text = "Meds: norethindrone-ethinyl estradiol daily."
    assert [m.generic for m in find_drugs(text)] == ["norethindrone"]


@pytest.mark.parametrize(
    ("name", "generic"),
    [
        ("Synthroid", "levothyroxine"),  # filed under the MeSH heading "Thyroxine"
        ("Euthyrox", "levothyroxine"),
        ("Cytomel", "liothyronine"),  # "Triiodothyronine" lists "liothyronine sodium"
        ("vitamin D2", "ergocalciferol"),  # filed under the plural heading "Ergocalciferols"
        ("Depo-Medrol", "methylprednisolone"),
    ],
)
def test_a_heading_that_names_an_identified_drug_resolves_to_it(name: str, generic: str) -> None:
    assert generic_of(name) == generic


@pytest.mark.parametrize(
    "name", ["thyroxine", "thyroxin", "tetracyclines", "estrogenic agents", "ergocalciferols"]
)
def test_the_heading_itself_and_its_class_synonyms_stay_out(name: str) -> None:
    # A heading's own name is a lab analyte or a class of drugs, not one medicine.
    assert generic_of(name) is None


@pytest.mark.parametrize(
    ("text", "generic"),
    [
        ("HCTZ 25 mg", "hydrochlorothiazide"),
        ("ASA 81 mg", "aspirin"),
        ("NTG SL 0.4 mg", "nitroglycerin"),
        ("ISMN ER 30 mg", "isosorbide mononitrate"),
    ],
)
def test_a_pharmacy_abbreviation_in_capitals_is_its_drug(text: str, generic: str) -> None:
    assert [m.generic for m in find_drugs(text)] == [generic]


def test_an_abbreviation_in_lower_case_is_no_drug_and_each_part_of_a_pair_is_read() -> None:
    assert find_drugs("the asa and apap words") == []
    assert [m.generic for m in find_drugs("TMP-SMX DS")] == ["trimethoprim", "sulfamethoxazole"]
