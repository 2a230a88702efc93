"""Drug names offline: generic and brand names to the generic, from a registry package.

The vocabulary is the dictionary shipped inside ``drug-named-entity-recognition`` (MIT; built
from DrugBank open data, MeSH, Wikipedia and the NHS list): 107,000 name variants of 20,000
drugs. Only its data file is read (the package's own module also holds code that calls web
services, which clinllm never runs).

Its synonym list is noisy, so three guards keep false hits out:

* a variant shorter than four letters, an everyday English word, or a laboratory analyte
  ("sodium", "glucose", "potassium" are lab results far more often than drugs in a note) is
  never a drug on its own;
* a brand name counts only when written with a capital letter, as brands are;
* a variant whose generic has no identifier (DrugBank or MedlinePlus) in the dictionary is
  ignored.
"""

from __future__ import annotations

import bz2
import pickle
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata

__all__ = ["DrugMention", "find_drugs", "generic_of", "is_drug"]

#: Words that name a lab analyte, a food, a class or a device in notes more often than a drug.
_DENY = frozenset(
    [
        *"sodium potassium calcium magnesium glucose oxygen water iron gold lead nitrogen "
        "creatinine urea albumin hemoglobin lactate bicarbonate chloride phosphate phosphorus "
        "zinc copper alcohol caffeine nicotinamide protein fiber salt sugar ice heat juice "
        "coffee milk vitamin vitamins contrast saline blood plasma platelets insulin "
        "statin steroid steroids corticosteroid corticosteroids antibiotic antibiotics "
        "diuretic diuretics opioid opioids nsaid nsaids vaccine vaccines fluids air dextran "
        "stool sulfur lithium-ion collagen aloe honey gelatin starch oral patch gum "
        "testosterone estrogen progesterone cortisol thyroxine melatonin histamine serotonin "
        "dopamine glucagon-like amylase lipase trypsin urine procalcitonin troponin ferritin "
        "bilirubin ammonia uric lactic ketone ketones cholesterol triglycerides".split(),
        "uric acid",
        "lactic acid",
        "vitamin d",
        "vitamin c",
        "vitamin b12",
    ]
)
# Drugs a note names that the vocabulary lacks (IV fluids), and insulins written backwards.
_EXTRA = {
    "lactated ringer's": "lactated ringer's",
    "lactated ringers": "lactated ringer's",
    "ringer's lactate": "lactated ringer's",
    "dextrose": "dextrose",
    "normal saline": "sodium chloride",
    "regular insulin": "insulin regular",
    "nph insulin": "insulin isophane",
    "glucagon": "glucagon",
    "nicotine": "nicotine",
    "ferrous sulfate": "ferrous sulfate",
    "ferrous gluconate": "ferrous gluconate",
    "ferrous fumarate": "ferrous fumarate",
    "cholecalciferol": "cholecalciferol",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class DrugMention:
    """A drug name in the text.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character.
        generic: The generic name, lower case.
        brand: Whether the text wrote a brand name.
    """

    start: int
    end: int
    generic: str
    brand: bool


@cache
def _vocabulary() -> tuple[dict[str, str], frozenset[str]]:
    """Variant (lower case) to generic, and the variants that are brands."""
    path = metadata.distribution("drug-named-entity-recognition").locate_file(
        "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
    )
    with bz2.open(str(path), "rb") as handle:
        data = pickle.load(handle)  # noqa: S301 - data file of a pinned, hash-locked package
    canonical: dict[str, dict[str, object]] = data["drug_canonical_to_data"]
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    variant_data: dict[str, dict[str, object]] = data["drug_variant_to_variant_data"]
    from clinllm.phi.lexicons import common_words

    common = common_words()
    out: dict[str, str] = {}
    brands: set[str] = set()
    for variant, generics in variants.items():
        if not generics or len(variant) < 4 or variant in _DENY or variant in common:
            continue
        generic = generics[0]
        info = canonical.get(generic, {})
        if not (info.get("drugbank_id") or info.get("medline_plus_id")):
            continue
        out[variant] = generic.replace(" and ", "-") if " and " in generic else generic
        if variant != generic and variant_data.get(variant, {}).get("is_brand") is not False:
            brands.add(variant)
    for variant, generic in _EXTRA.items():
        out[variant] = generic
        brands.discard(variant)
    return out, frozenset(brands)


def generic_of(name: str) -> str | None:
    """The generic for a drug name written any way, or None when it is not a known drug."""
    vocabulary, _ = _vocabulary()
    return vocabulary.get(name.strip().lower())


def is_drug(name: str) -> bool:
    """Whether ``name`` (a whole name, any case) is a drug in the vocabulary."""
    return generic_of(name) is not None


def find_drugs(text: str) -> list[DrugMention]:
    """Every drug name in ``text``, longest match first, without overlaps."""
    vocabulary, brands = _vocabulary()
    words = list(_WORD.finditer(text))
    found: list[DrugMention] = []
    i = 0
    while i < len(words):
        hit: DrugMention | None = None
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            surface = text[start:end]
            if n > 1 and (re.search(r"[.;:]|\n\s*\n", surface)):
                continue
            key = re.sub(r"\s+", " ", surface.lower()).replace("’", "'")
            generic = vocabulary.get(key)
            if generic is None:
                continue
            brand = key in brands
            if brand and not surface[:1].isupper():
                continue
            hit = DrugMention(start, end, generic, brand)
            i += n
            break
        if hit is None:
            i += 1
        else:
            found.append(hit)
    return found
