"""Word lists the name rules need, loaded once on first use (never at import).

The first-name and surname lists were collected from the person providers of Faker
(MIT licence; the lists come from public census-style sources) across its Latin-script
locales, so that names from many origins count as evidence of a name. ``common_words``
holds everyday English words (Faker's lorem list and spaCy's stop words, plus months,
weekdays and document vocabulary): a capitalised common word is not evidence of a name on
its own. ``english_words`` (SCOWL), ``drugs`` (drug-named-entity-recognition) and
``countries`` let the name and address rules judge a capitalised word they have never
seen. See ``docs/phi.md`` and ``scripts/synth/phi_lexicons.py`` for how the files were built.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

__all__ = [
    "CAR_MAKES",
    "clinical_words",
    "common_words",
    "countries",
    "drugs",
    "english_words",
    "first_names",
    "known_words",
    "surnames",
]


#: Car makes, lower case: "a 2014 Toyota Camry", "a Ford Ranger (GA 5VSU255)" name a vehicle
#: (and the plate after it), not a person, though "Ford" is also a given name and a surname.
CAR_MAKES: frozenset[str] = frozenset(
    """toyota honda nissan hyundai kia subaru mazda chevrolet chevy buick cadillac gmc jeep
    chrysler dodge ford tesla volkswagen vw audi bmw lexus acura infiniti volvo mitsubishi
    suzuki peugeot renault fiat skoda porsche pontiac oldsmobile plymouth saab
    opel citroen citroën rivian""".split()
)


def _load(name: str) -> frozenset[str]:
    text = resources.files("clinllm.phi").joinpath("lexicons", name).read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@cache
def first_names() -> frozenset[str]:
    """Given names as written (``Siobhan``, ``Kwabena``); a capitalised hit is name evidence."""
    return _load("first_names.txt")


@cache
def surnames() -> frozenset[str]:
    """Family names as written (``Okafor``, ``Nguyen``)."""
    return _load("surnames.txt")


@cache
def common_words() -> frozenset[str]:
    """Lower-cased everyday words: capitalised at a sentence start, they are not names."""
    return _load("common_words.txt")


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words (SCOWL American English, Debian ``wamerican``).

    A capitalised word that is an everyday English word ("Passenger", "Device") is no
    evidence of a name; a capitalised word found in no list ("Nishiyama") is.
    """
    return _load("english_words.txt")


@cache
def drugs() -> frozenset[str]:
    """Lower-case one-word drug names, generic and brand (drug-named-entity-recognition, MIT).

    An unknown capitalised word that is a drug ("Xarelto") is not a name.
    """
    return _load("drugs.txt")


@cache
def countries() -> frozenset[str]:
    """Country names as written: a country is coarser than a state, so it is not PHI."""
    return _load("countries.txt")


@cache
def clinical_words() -> frozenset[str]:
    """Lower-case words of ICD-10-CM descriptions that are not in :func:`english_words`."""
    return _load("clinical_words.txt")


@cache
def known_words() -> frozenset[str]:
    """Every lower-case word that is not evidence of a name: English, clinical, drugs."""
    return english_words() | clinical_words() | drugs() | common_words()
