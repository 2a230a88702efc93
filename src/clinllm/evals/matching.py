"""How a produced value is matched against a gold value: the normalization rules of scoring.

Each rule exists because an exact string match would count a correct answer as wrong (and
make the metric measure formatting instead of understanding) or because a loose match would
count a wrong answer as right. ``docs/evaluation.md`` documents every rule; change both
together.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

__all__ = [
    "STOP_WORDS",
    "content_tokens",
    "fold_number_words",
    "normalize_icd10",
    "normalize_identifier",
    "normalize_medication",
    "normalize_npi",
    "normalize_org_name",
    "normalize_person_name",
    "normalize_procedure_code",
    "normalize_text",
    "parse_date",
    "text_contains",
    "token_recall",
]

#: Words that carry no meaning for overlap scoring of short phrases.
STOP_WORDS = frozenset(
    "a an and are as at be by for from has have in is it its of on or the to was were with "
    "within per".split()
)

_SALT_WORDS = frozenset(
    "hydrochloride hcl sodium potassium calcium magnesium sulfate succinate tartrate "
    "besylate maleate mesylate citrate acetate phosphate bromide chloride".split()
)
_PERSON_TITLES = frozenset("dr dr. mr mrs ms miss prof doctor".split())
_CREDENTIALS = frozenset(
    "md do np pa pa-c rn aprn fnp fnp-c dnp phd pharmd dds dmd mbbs facp facc crnp msn "
    "bsn lcsw psyd od dpm cnm".split()
)
_WORD = re.compile(r"[a-z0-9]+")


def normalize_text(value: str) -> str:
    """Fold case and accents, turn punctuation into spaces and collapse whitespace.

    Why: OCR and models differ in case, accents, hyphens and spacing; none of that changes
    what the value means.
    """
    folded = unicodedata.normalize("NFKD", value)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    folded = folded.replace("&", " and ")
    return " ".join(_WORD.findall(folded))


def normalize_icd10(code: str) -> str:
    """ICD-10-CM: upper case, no dot, no spaces (``m54.16`` and ``M5416`` are the same code)."""
    return re.sub(r"[\s.]", "", code).upper()


def normalize_procedure_code(code: str) -> str:
    """CPT/HCPCS: upper case, surrounding whitespace removed (``j0135`` equals ``J0135``)."""
    return code.strip().upper()


def normalize_identifier(value: str) -> str:
    """Member ids and similar: upper case letters and digits only (spaces, dashes dropped).

    Why: faxes print ``BRH-5520 19384``; the plan means ``BRH552019384``.
    """
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def normalize_npi(value: str) -> str:
    """NPI: the digits only."""
    return re.sub(r"\D", "", value)


def normalize_medication(name: str) -> str:
    """Generic drug name: folded text without salt words (``metformin hcl`` → ``metformin``).

    Why: the format writes generic names; a salt suffix names the same drug.
    """
    words = [w for w in normalize_text(name).split() if w not in _SALT_WORDS]
    return " ".join(words)


def normalize_org_name(name: str) -> str:
    """Payer names: folded text, ``&`` read as ``and``, a leading ``the`` dropped."""
    text = normalize_text(name)
    return text.removeprefix("the ").strip()


def normalize_person_name(name: str) -> str:
    """Person names: folded text without titles (Dr., Ms.) and credentials (MD, NP)."""
    words = normalize_text(name).split()
    kept = [w for w in words if w not in _PERSON_TITLES and w not in _CREDENTIALS]
    return " ".join(kept)


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


def _safe_date(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: str) -> str | None:
    """Read a date written in a common US form and return it as ISO ``YYYY-MM-DD``.

    Accepts ``2026-03-14``, ``2026/03/14``, ``03/14/2026``, ``3-14-26``, ``March 14, 2026``,
    ``Mar 14 2026`` and ``14 March 2026``. Numeric dates are read month first (US documents).

    This is deliberately not :mod:`clinllm.domain.dates`, the parser the workflows use: a
    scorer must not share the code it scores, or a bug there would be graded as correct.

    Returns:
        The ISO date, or None when the text is not a complete date.
    """
    text = value.strip().casefold().replace(",", " ")
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})", text):
        return _safe_date(int(m[3]), int(m[1]), int(m[2]))
    if m := re.fullmatch(r"([a-z]+)\.?\s+(\d{1,2})\s+(\d{4})", text):
        month = _MONTHS.get(m[1])
        return _safe_date(int(m[3]), month, int(m[2])) if month else None
    if m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", text):
        month = _MONTHS.get(m[2])
        return _safe_date(int(m[3]), month, int(m[1])) if month else None
    try:
        return datetime.fromisoformat(value.strip()).date().isoformat()
    except ValueError:
        return None


_NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "ninety": "90"}


def fold_number_words(text: str) -> str:
    """The phrase with counts written as words turned into digits (``six weeks``: ``6 weeks``).

    Why: "six weeks of therapy" and "6 weeks of therapy" ask for the same thing; an overlap
    score that reads them as different words measures spelling, not content.
    """
    return " ".join(_NUMBER_WORDS.get(w, w) for w in normalize_text(text).split())


def content_tokens(text: str) -> frozenset[str]:
    """The meaningful words of a short phrase: folded, stop words removed."""
    return frozenset(w for w in normalize_text(text).split() if w not in STOP_WORDS)


def token_recall(gold: str, produced: str) -> float:
    """Share of the gold phrase's content words that the produced phrase contains.

    Why: payer requirements and follow-ups are free phrases; word overlap rewards a faithful
    paraphrase and gives nothing for an unrelated phrase. A gold phrase with no content
    words is matched by anything.
    """
    wanted = content_tokens(gold)
    if not wanted:
        return 1.0
    return len(wanted & content_tokens(produced)) / len(wanted)


def text_contains(document: str, value: str) -> bool:
    """Whether ``value`` occurs in ``document`` after folding case, accents and punctuation.

    Used for grounding checks: a value is grounded when the document states it.
    """
    needle = normalize_text(value)
    if not needle:
        return False
    return f" {needle} " in f" {normalize_text(document)} "
