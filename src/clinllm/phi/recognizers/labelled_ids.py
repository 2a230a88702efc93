"""Identifiers introduced by a label: "MRN 00482913", "Mbr ID: W123 456 789", "S/N PX-22".

Medical record numbers, plan ids, serials and plates share no format, only their label
(see :mod:`~clinllm.phi.recognizers.id_labels`). The value after a label is read by a small
grammar rather than one pattern, because people write identifiers in groups: ``69 958 853``,
``XEH 443 12 9981``, ``W123456789 01``, a plate ``KA 05 MN 1234`` or ``EM69 JFM``, a state
before a licence ``VA T44-18-2291``. A group joins the value when it holds a digit, or when
it is a short run of capitals between groups that do (``GR 50 MG 1119``), or, for a plate,
the letters after its digits. The value stops at a word, a unit ("90 days"), a date, a
double space (a form's next column) or a label word ("DOB").

Labels in a line of their own name the value on the next line (a form flattened to one
field per line). Values after a not-PHI label (lot, model, REF, NDC, room) come out as
``NOT_PHI`` spans that veto identifier guesses over them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import CAR_MAKES, countries
from clinllm.phi.recognizers.base import Candidate
from clinllm.phi.recognizers.id_labels import (
    LABEL_FIRST_WORDS,
    LABEL_RES,
    NOT_PHI,
    NOT_PHI_LABEL,
    code_label_ok,
)

__all__ = ["LabelledIdRecognizer", "id_value_at"]

# Words where a label may start (every label word starts with an ASCII letter or "#"); a
# set lookup decides, which is cheaper than one large alternation over the text.
_WORD_SCAN: Final = LazyPattern(r"(?=[A-Za-z#])(?<![\w-])(?:[A-Za-z][\w'’/]*+|#)")
# Between label and value: punctuation, dotted leaders ("Serial ........ 44KX-2210") and
# the bar of a two-column table ("| MRN | 5512 0094 |").
_PUNCT: Final = LazyPattern(r"[ \t:#=.|\-–\"“]*")
# A lower-case word between label and value; a quote may open the value ("plate reading 'GRT 552'").
_FILLER_WORD: Final = LazyPattern(r"[^\W\d_A-Z](?:[^\W\d_]|['.])*[ \t:#=,]+[\"'“‘]?")
_CAPITAL_WORD: Final = LazyPattern(r"([A-Z][a-z]+(?: [A-Z][a-z]+)?)[ \t:,]+")
_FIRST: Final = LazyPattern(r"\(?[A-Za-z0-9](?:[A-Za-z0-9()\-./]*[A-Za-z0-9)])?(?![\w:]|\.\d)")
_NEXT: Final = LazyPattern(r" ([A-Za-z0-9](?:[A-Za-z0-9\-./]*[A-Za-z0-9])?)(?![\w:]|\.\d)")
_UNIT_AFTER: Final = LazyPattern(
    r"\s?(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|min|minutes?|mg|mcg|g|kg|mL|ml"
    r"|units?|%|lbs?|cm|mm|visits?|sessions?|tablets?|tabs?|caps?|doses?|yo|y/o|refills?"
    r"|times|x)\b"
)
_YEAR_ONLY: Final = LazyPattern(r"(?:19|20)\d\d")
_UK_PLATE: Final = LazyPattern(r"[A-Z]{2}\d{2} [A-Z]{3}")
_MAKE_AFTER: Final = LazyPattern(r"[ \t]+[A-Z][a-z]+")
_DATE_OR_PHONE: Final = LazyPattern(
    r"\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d{3}-\d{3,4}(?:-\d{4})?|\(\d{3}\)"
)
# Capitals that end a value: the next field's label, a sex, a unit word.
_STOP_CAPS: Final = frozenset(
    """DOB DOS MRN SSN DL VIN NPI ID PH TEL FAX SEX AGE RE CC ATTN TO FROM AND OR DX RX PCP
    ER ED EXP LOT REF GRP PLAN NAME ACCT MBI CSN FIN HT WT BP HR RR USA US UK MD RN NP DO PA
    PT IN ON AT BY OF THE FOR PER SN MR MRS MS DR M F X""".split()
)
_US_STATES: Final = frozenset(
    """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts
    Michigan Minnesota Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon
    Pennsylvania Tennessee Texas Utah Vermont Virginia Washington Wisconsin Wyoming""".split()
)
_STATE_FIRST: Final = frozenset({"LICENSE", "VEHICLE"})
_CLAUSE_COLON: Final = LazyPattern(r"[^.:;\n]{1,60}?:")
_CLAUSE_START: Final = LazyPattern(r"(?:^|[.;]\s+|\n)(?=\w)", re.MULTILINE)
_PLAN_CONTEXT: Final = LazyPattern(
    r"insurance|insured|health plan|medicare|medicaid|payer|coverage|member|plan,", re.IGNORECASE
)
_LINE_REST: Final = LazyPattern(r"[ \t:#=.|\-–]*(?:\n|$)")
# "Vehicle: 2014 Kia Sorento   Lic: K TS 0603": a licence named on a vehicle's line is its plate.
_VEHICLE_WORDS: Final = frozenset(
    """vehicle vehicles car cars truck van suv pickup motorcycle motorbike scooter moped
    sedan coupe hatchback minivan auto coche carro voiture wagen fahrzeug boat trailer camper
    motorhome rv""".split()
)


def _vehicle_line(text: str, line_start: int, pos: int) -> bool:
    words = re.findall(r"[^\W\d_]+", text[line_start:pos])
    return any(w.lower() in _VEHICLE_WORDS or w in CAR_MAKES for w in words)


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def _id_shaped(value: str) -> bool:
    """Five characters or more, or letters with digits: not a bare count ("mean 148")."""
    return len(value) >= 5 or (_digits(value) > 0 and any(ch.isalpha() for ch in value))


def _letters_only_caps(group: str) -> bool:
    return group.isalpha() and group.isupper() and len(group) <= 4 and group not in _STOP_CAPS


_LOWER_PLATE: Final = re.compile(r"(?=[a-z]*\d)(?=\d*[a-z])[a-z0-9]{5,8}")


def id_value_at(text: str, pos: int, kind: str) -> tuple[int, int] | None:
    """The identifier value starting at ``pos``, as ``(start, end)``, or ``None``.

    ``kind`` is the label's type: plates (VEHICLE) may have a single digit and end in a
    group of letters ("EM69 JFM"); licences and plates may start with a state ("VA ...").
    """
    first = _FIRST.match(text, pos)
    if first is None:
        return None
    groups = [first.span()]
    end = first.end()
    while len(groups) < 10:
        nxt = _NEXT.match(text, end)
        if nxt is None:
            break
        group = nxt.group(1)
        # "7 K X R 2 9 1": a value read out one character at a time goes on to its end
        spelled = len(group) == 1 and all(e - s == 1 for s, e in groups)
        if len(groups) >= 6 and not spelled:
            break
        if any(ch.islower() for ch in group) or _DATE_OR_PHONE.fullmatch(group):
            break
        if _UNIT_AFTER.match(text, nxt.end()) is not None and _digits(group):
            break
        if not _digits(group):
            if not _letters_only_caps(group) and not (spelled and group.isupper()):
                break
            after = _NEXT.match(text, nxt.end())
            sandwiched = after is not None and _digits(after.group(1)) > 0
            # A plate ends in letters ("EM69 JFM"), a serial in a check letter ("204 S").
            tail = len(group) <= (3 if kind == "VEHICLE" else 1) and _digits(text[end - 1])
            # "WX63 LMP" has a plate's shape whatever its label ("registration:")
            uk_plate = _UK_PLATE.fullmatch(text[pos : nxt.end()]) is not None
            tail = tail or (len(groups) == 1 and uk_plate)
            if not (sandwiched or tail or spelled):
                break
        groups.append(nxt.span(1))
        end = nxt.end()
    start = groups[0][0]
    first_group = text[groups[0][0] : groups[0][1]]
    # A first group without digits is a prefix ("UHA 429 18 3800", a state "VA T44-18").
    prefix_ok = len(groups) > 1 and (
        _letters_only_caps(first_group) or (kind in _STATE_FIRST and first_group.isupper())
    )
    if not _digits(first_group) and not prefix_ok:
        return None
    value = text[start:end]
    while value and value[-1] in ".-/":
        value, end = value[:-1], end - 1
    if value.startswith("(") and value.endswith(")") and value.count("(") == 1:
        value, start, end = value[1:-1], start + 1, end - 1  # "(E0470)"
    if value.startswith("(") and ")" not in value:
        value, start = value[1:], start + 1
    if value.endswith(")") and "(" not in value:
        value, end = value[:-1], end - 1
    need = 1 if kind == "VEHICLE" else 2
    if len(value) < 3 or _digits(value) < need or len(value) > 40:
        return None
    # a plate typed in lower case ("my plate is 7kxr291") keeps a plate's shape
    lower_plate = kind == "VEHICLE" and len(groups) == 1 and _LOWER_PLATE.fullmatch(value)
    if re.search(r"[a-z]{3,}", first_group) and not (
        kind == "VEHICLE" and (len(value) == 17 or lower_plate)
    ):
        return None  # "5-day", "24-hour": a word inside is no identifier
    return start, end


#: Words right before a value that name part of a plate ("ends in", "starting with").
_PARTIAL: Final = LazyPattern(
    r"\b(?i:end(?:s|ed|ing)?|start(?:s|ed|ing)?|begin(?:s|ning)?)(?:[ \t]+(?i:in|with))?[ \t]*"
    r"[:-]?[ \t]*\Z"
)


def _value_after(
    text: str, pos: int, kind: str, *, own_line: bool, vin: bool = False
) -> tuple[int, int] | None:
    """The first identifier value within a few filler words after ``pos``, same line.

    A quantity ("180 days", "40 mg") is not an identifier, and neither is a bare year reached
    through filler words ("device: cane since 2025"). A label that ends a short line with no
    value on it (``own_line`` allowed) names the value that fills the next line.
    """
    pos = _PUNCT.match(text, pos).end()  # type: ignore[union-attr]
    origin = pos
    if own_line and _LINE_REST.match(text, pos) is not None:
        nl = text.find("\n", pos)
        line = text[text.rfind("\n", 0, pos) + 1 : nl]
        # Only a short line of label words, with no value, names the value below it.
        if nl < 0 or len(line.strip()) > 40 or any(ch.isdigit() for ch in line):
            return None
        line_end = text.find("\n", nl + 1)
        line_end = len(text) if line_end < 0 else line_end
        start = nl + 1 + len(text[nl + 1 : line_end]) - len(text[nl + 1 : line_end].lstrip())
        found = id_value_at(text, start, kind)
        if found is not None and not text[found[1] : line_end].strip(" \t|.,;"):
            return found
        return None
    for skipped in range(7):
        found = id_value_at(text, pos, kind)
        if found is not None:
            value = text[found[0] : found[1]]
            if _UNIT_AFTER.match(text, found[1]) is not None and " " not in value:
                return None
            if skipped and _YEAR_ONLY.fullmatch(value):
                return None
            if (
                skipped
                and kind == "VEHICLE"
                and value.isdigit()
                and len(value) < 5
                and not vin
                and not _PARTIAL.search(text[origin : found[0]])
            ):
                # "plate count 210", "tag the specimen at 0800": no plate; "the plate ends in
                # 447", "tag starting with 88": part of a plate is still the plate's
                return None
            if _YEAR_ONLY.fullmatch(value) and _MAKE_AFTER.match(text, found[1]):
                return None  # "Vehicle: 2014 Toyota Camry, Lic# ...": a model year
            return found
        fm = _FILLER_WORD.match(text, pos)
        if fm is None and kind in _STATE_FIRST:
            # "plate no. Ireland SR 7559", "licencia de Jalisco ...": a place, then the value.
            cm = _CAPITAL_WORD.match(text, pos)
            if cm is not None and (cm.group(1) in countries() or cm.group(1) in _US_STATES):
                fm = cm
            # "das Kennzeichen des Autos ist M-AB 4412": German capitalises the vehicle noun
            if cm is not None and cm.group(1).lower().rstrip("s") in _VEHICLE_WORDS:
                fm = cm
        if fm is None:
            return None
        pos = fm.end()
    return None


class LabelledIdRecognizer:
    """Any identifier introduced by a label: MRN, member id, claim, licence, serial, badge...

    The value must contain a digit, so "Member: Jane" or "Plan: continue" are left alone.
    A bare "ID" or "#" label gives OTHER_ID unless insurance words precede it on the line.
    Values after not-PHI labels (lot, model, REF, NDC...) are proposed as ``NOT_PHI``.
    """

    name = "labelled_id"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield the value after every identifier label, and the not-PHI values."""
        for wm in _WORD_SCAN.finditer(text):
            if wm.group().lower() in LABEL_FIRST_WORDS:
                yield from self._after_label(text, wm.start())
        for nm in NOT_PHI_LABEL.finditer(text):
            vm = _FIRST.match(text, nm.end())
            if vm is not None and _digits(vm.group()):
                yield Candidate(vm.start(), vm.end(), NOT_PHI, 0.9, self.name, priority=90)

    def _after_label(self, text: str, pos: int) -> Iterator[Candidate]:
        line_start = text.rfind("\n", 0, pos) + 1
        for kind, label_re, prio in LABEL_RES:
            lm = label_re.match(text, pos)
            if lm is None:
                continue
            if prio == 55 and lm.group().lower() == "code" and not code_label_ok(text, pos):
                continue
            if kind == "LICENSE" and _vehicle_line(text, line_start, pos):
                kind = "VEHICLE"
            vin = kind == "VEHICLE" and "vin" in lm.group().lower().replace(".", "")
            found = _value_after(text, lm.end(), kind, own_line=True, vin=vin)
            bonus = 0
            if found is None:
                # "Bank account used for the spend-down verification: 2201-884310-07":
                # a label opening its clause names the value after the clause's colon.
                cm = _CLAUSE_COLON.match(text, lm.end())
                found = _value_after(text, cm.end(), kind, own_line=False) if cm else None
                if found is None or not _id_shaped(text[found[0] : found[1]]):
                    continue
                head = _CLAUSE_START.search(text, max(0, lm.start() - 3), lm.start() + 1)
                bonus = -3 if head is None else -2
            label_kind = kind
            if prio == 55 and _PLAN_CONTEXT.search(text, max(line_start, lm.start() - 40), pos):
                label_kind = "HEALTH_PLAN_ID"
            yield Candidate(*found, label_kind, 0.85, self.name, priority=prio + bonus)
