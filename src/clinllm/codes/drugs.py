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
* a variant whose generic has no identifier (DrugBank, MedlinePlus, or the Wikipedia drug
  article the package took it from) in the dictionary is ignored: a MeSH heading alone names
  enzymes and receptors far more often than drugs. Two kinds of heading do name an identified
  drug, and their synonyms are read as that drug: a plural heading whose singular is one
  ("Ergocalciferols": "vitamin D2" is ergocalciferol), and a heading one of whose synonyms is
  an identified generic's salt ("Thyroxine" lists "levothyroxine sodium", so its brand
  Synthroid is levothyroxine). The heading's own name is not taken (a plural names a class:
  "tetracyclines" is not tetracycline).

Combination products ("Trimethoprim/sulfamethoxazole", "Levodopa and carbidopa") are kept when
each part is a drug of the vocabulary, and named by their parts joined with a hyphen, so a brand
of a combination (Bactrim, Symbicort) maps to both ingredients. Every generic is also a variant
of itself (the package lists some generics, such as thiamine, only under their synonyms).
"""

from __future__ import annotations

import bz2
import pickle
import re
import unicodedata
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
        "testosterone estrogen progesterone cortisol thyroxine thyroxin melatonin histamine "
        "serotonin "
        "dopamine glucagon-like amylase lipase trypsin urine procalcitonin troponin ferritin "
        "bilirubin ammonia uric lactic ketone ketones cholesterol triglycerides thyroid".split(),
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
    # B vitamins the package lists only under a synonym ("vitamin B1").
    "thiamine": "thiamine",
    "riboflavin": "riboflavin",
}
# Brands among the most prescribed in the US that the package's data lacks (checked against the
# brands of the ClinCalc top-300 list; the package knows the rest): each is one product, named
# by its generic or, for a combination, its parts joined as the vocabulary joins them.
_BRANDS = {
    "keflex": "cephalexin",
    "augmentin": "amoxicillin-clavulanate",
    "norco": "hydrocodone-acetaminophen",
    "vicodin": "hydrocodone-acetaminophen",
    "percocet": "oxycodone-acetaminophen",
    "roxicodone": "oxycodone",
    "imdur": "isosorbide mononitrate",
    "hyzaar": "losartan-hydrochlorothiazide",
    "dilantin": "phenytoin",
    "sinemet": "carbidopa-levodopa",
    "subutex": "buprenorphine",
    "kayexalate": "sodium polystyrene sulfonate",
    "renvela": "sevelamer",
    "jantoven": "warfarin",
    "lomotil": "diphenoxylate-atropine",
}
# Pharmacy abbreviations prescribers write for a drug (the common ones of the ISMP list of
# abbreviations seen in orders). Read only in capitals: "ASA" is aspirin, "asa" is no drug.
# The vocabulary's guard against names shorter than four letters would drop them all.
_ABBREVIATIONS = {
    "hctz": "hydrochlorothiazide",
    "asa": "aspirin",
    "apap": "acetaminophen",
    "ntg": "nitroglycerin",
    "ismn": "isosorbide mononitrate",
    "isdn": "isosorbide dinitrate",
    "tmp": "trimethoprim",
    "smx": "sulfamethoxazole",
    "mtx": "methotrexate",
    "hcq": "hydroxychloroquine",
    "txa": "tranexamic acid",
    "mmf": "mycophenolate mofetil",
}
# A word starts with a letter or a digit and may carry digits ("vitamin D3", "glycol 3350");
# a match starts only at a letter.
_WORD = re.compile(r"[^\W_][\w'’]*")
# "a/b", "a and b", "a, b, and c": the parts of a combination product's name.
_PARTS = re.compile(r"\s*/\s*|,?\s+and\s+|,\s+")
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


_Canonical = dict[str, dict[str, object]]


def _plain(name: str) -> str:
    """A canonical name without its bracketed qualifier ("insulin aspart (rdna origin)")."""
    return re.sub(r"\s*\([^)]*\)", "", name).strip()


def _identified(info: dict[str, object]) -> bool:
    """Whether the entry names a medicine: a DrugBank, MedlinePlus or Wikipedia drug page."""
    return bool(info.get("drugbank_id") or info.get("medline_plus_id") or info.get("wikipedia_url"))


def _usable(variant: str, common: frozenset[str]) -> bool:
    return len(variant) >= 4 and variant not in _DENY and variant not in common


# A counter-ion a salt's name adds to its drug ("levothyroxine sodium", "pyridostigmine
# bromide"); not "phosphate" or "sulfate", which also name esters ("phosphoserine").
_SALT = re.compile(
    r"(?:sodium|potassium|calcium|magnesium|hydrochloride|hcl|hydrobromide|mesylate|maleate|"
    r"besylate|tartrate|bromide|chloride|acetate|citrate|succinate|fumarate)"
)


# A plural heading's synonyms that name the class, not its member ("estrogenic agents",
# "coumarin derivatives", MeSH's inverted "agonists, estrogen receptor").
_CLASS_WORD = re.compile(r",|\b(?:agents?|compounds?|derivatives?|effects?|agonists?|receptors?)\b")


def _headings_of_drugs(canonical: _Canonical, variants: dict[str, list[str]]) -> dict[str, str]:
    """Unidentified MeSH headings that name an identified drug, mapped to that drug.

    Why: the package files some brands and synonyms under a MeSH heading that carries no
    identifier ("Synthroid" under "Thyroxine", "vitamin D2" under "Ergocalciferols"); without
    this they are dropped with the enzymes and receptors that such headings mostly are.
    """
    synonyms: dict[str, list[str]] = {}
    for variant, generics in variants.items():
        if generics:
            synonyms.setdefault(generics[0], []).append(variant)
    salt = re.compile(rf"{_SALT.pattern}\s+(?P<a>\S+)|(?P<b>\S+)\s+{_SALT.pattern}")
    out: dict[str, str] = {}
    for heading, info in canonical.items():
        if _identified(info):
            continue
        singular = heading[:-1] if heading.endswith("s") else None
        if singular and _identified(canonical.get(singular, {})):
            out[heading] = singular
            continue
        for variant in synonyms.get(heading, []):
            m = salt.fullmatch(variant)
            drug = m and (m.group("a") or m.group("b"))
            if drug and drug != heading and _identified(canonical.get(drug, {})):
                out[heading] = drug
                break
    return out


def _generic_name(
    generic: str, canonical: _Canonical, variants: dict[str, list[str]], common: frozenset[str]
) -> str | None:
    """The name to report for a canonical entry, or None when it is not a usable medicine.

    Vaccines are left out: an immunization is not a medication change (FHIR records it as an
    Immunization, not a MedicationStatement). A combination counts only when each of its parts
    is itself a usable drug, so "Template:Chembox/..." and "soot and tar" never get in.
    """
    name = _plain(generic)
    if not name or "vaccin" in name:
        return None
    parts = [p for p in _PARTS.split(name) if p]
    if len(parts) == 1:
        return name if _identified(canonical.get(generic, {})) else None
    named: list[str] = []
    for part in parts:
        target = (variants.get(part) or [part])[0]
        if not _usable(part, common) or not _identified(canonical.get(target, {})):
            return None
        named.append(_plain(target))
    return "-".join(named)


@cache
def _vocabulary() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """Variant (lower case) to generic; the variants that are brands; the rejected long names.

    A rejected name of two or more words ("ethinyl estradiol" has a MeSH heading only) still
    blocks its words, so its last word is not read as a drug of its own.
    """
    path = metadata.distribution("drug-named-entity-recognition").locate_file(
        "drug_named_entity_recognition/drug_ner_dictionary.pkl.bz2"
    )
    with bz2.open(str(path), "rb") as handle:
        data = pickle.load(handle)  # noqa: S301 - data file of a pinned, hash-locked package
    canonical: _Canonical = data["drug_canonical_to_data"]
    variants: dict[str, list[str]] = data["drug_variant_to_canonical"]
    variant_data: dict[str, dict[str, object]] = data["drug_variant_to_variant_data"]
    from clinllm.phi.lexicons import common_words

    common = frozenset(common_words())
    entries = list(variants.items())
    headings = _headings_of_drugs(canonical, variants)
    # Generics with a MedlinePlus monograph that the package lists under no variant (estradiol,
    # niacin, senna); the others it leaves out are foods, elements and trial codes.
    entries += [
        (_plain(name), [name])
        for name, info in canonical.items()
        if name not in variants and info.get("medline_plus_id")
    ]
    out: dict[str, str] = {}
    brands: set[str] = set()
    blocked: set[str] = set()
    for variant, generics in entries:
        if not generics or not _usable(variant, common):
            continue
        target = generics[0]
        if target in headings and variant != target and not _CLASS_WORD.search(variant):
            target = headings[
                target
            ]  # "vitamin d2" -> ergocalciferol, "synthroid" -> levothyroxine
        name = _generic_name(target, canonical, variants, common)
        if name is None:
            if " " in variant:
                blocked.add(variant)
            continue
        out[variant] = name
        # A synonym is taken for a brand unless the package says otherwise; "vitamin D3" is not,
        # nor the generic's name in another language ("amlodipino", "metformina").
        if (
            variant not in (generics[0], target)
            and not variant.startswith("vitamin ")
            and variant_data.get(variant, {}).get("is_brand") is not False
            and not _same_name(variant, name)
        ):
            brands.add(variant)
    for variant, generic in (*_EXTRA.items(), *_ABBREVIATIONS.items()):
        out[variant] = generic
        brands.discard(variant)
    for variant, generic in _BRANDS.items():
        out.setdefault(variant, generic)
        brands.add(variant)
    return out, frozenset(brands), frozenset(blocked - out.keys())


def _same_name(variant: str, generic: str) -> bool:
    """Whether ``variant`` is ``generic`` spelled in another language, not a brand.

    The INN of a drug keeps its stem across languages and changes its ending ("amlodipino",
    "metformina", "omeprazol", "amoxicilina"); a brand is another word. One word each, the
    same first five letters, at most three letters more or fewer.
    """
    if " " in variant or " " in generic or "-" in generic:
        return False
    return variant[:5] == generic[:5] and abs(len(variant) - len(generic)) <= 3


def _fold(text: str) -> str:
    """Lower case without accents ("losartán" -> "losartan"), the same length for Latin text."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def generic_of(name: str) -> str | None:
    """The generic for a drug name written any way, or None when it is not a known drug."""
    vocabulary, _, _ = _vocabulary()
    return vocabulary.get(name.strip().lower())


def is_drug(name: str) -> bool:
    """Whether ``name`` (a whole name, any case) is a drug in the vocabulary."""
    return generic_of(name) is not None


def find_drugs(text: str) -> list[DrugMention]:
    """Every drug name in ``text``, longest match first, without overlaps."""
    vocabulary, brands, blocked = _vocabulary()
    words = list(_WORD.finditer(text))
    found: list[DrugMention] = []
    i = 0
    while i < len(words):
        step = 1
        if text[words[i].start()].isalpha():
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                start, end = words[i].start(), words[i + n - 1].end()
                surface = text[start:end]
                if n > 1 and (re.search(r"[.;:]|\n\s*\n", surface)):
                    continue
                key = re.sub(r"\s+", " ", _fold(surface)).replace("’", "'")
                if key in blocked:
                    step = n
                    break
                generic = vocabulary.get(key)
                if generic is None or (key in brands and not surface[:1].isupper()):
                    continue
                if key in _ABBREVIATIONS and not surface.isupper():
                    continue
                found.append(DrugMention(start, end, generic, key in brands))
                step = n
                break
        i += step
    return found
