"""Identifiers found by their shape: checksums, fixed layouts, long codes.

Most identifiers in clinical text are only recognisable by their label ("MRN", "Member ID",
"serial no.", "badge": see :mod:`~clinllm.phi.recognizers.labelled_ids`). Those with a
checksum or a fixed shape (NPI, DEA, Medicare MBI, VIN, MAC, card numbers, IBAN) are found
here without one. A last, low-priority rule takes any other long number or letter-digit
code: in doubt, an identifier is redacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.lexicons import CAR_MAKES
from clinllm.phi.recognizers.base import Candidate

__all__ = [
    "AccountNumberRecognizer",
    "DeaRecognizer",
    "GenericIdRecognizer",
    "MacAddressRecognizer",
    "MbiRecognizer",
    "NpiRecognizer",
    "PlateAfterVehicleRecognizer",
    "UdiRecognizer",
    "VinRecognizer",
    "dea_checksum_ok",
    "gtin_checksum_ok",
    "npi_checksum_ok",
    "plate_shaped",
    "vin_checksum_ok",
]


def npi_checksum_ok(digits: str) -> bool:
    """Whether ten digits are a valid NPI (Luhn over the number prefixed with ``80840``)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed("80840" + digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def dea_checksum_ok(value: str) -> bool:
    """Whether a DEA registration number's last digit matches its check digit."""
    if not re.fullmatch(r"[A-Z][A-Z9]\d{7}", value):
        return False
    d = [int(c) for c in value[2:]]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return check == d[6]


_NPI: Final = LazyPattern(r"(?=\d)(?<![\w-])\d{10}(?![\w-])")
_DEA: Final = LazyPattern(r"(?=[A-Z])(?<![\w-])[A-Z][A-Z9]\d{7}(?![\w-])")
_MBI: Final = LazyPattern(
    r"(?=[1-9])(?<![\w-])[1-9][AC-HJKMNP-RT-Yac-hjkmnp-rt-y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d\d(?![\w-])"
)
_VIN: Final = LazyPattern(
    r"(?=[A-HJ-NPR-Z0-9])(?<![\w-])(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![\w-])"
)


class NpiRecognizer:
    """National Provider Identifiers (ten digits passing the NPI check digit).

    An NPI names a clinician publicly; next to a patient's note it tells where and by whom
    the patient was seen, so it is redacted like any other identifier (OTHER_ID).
    """

    name = "npi"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield ten-digit numbers whose NPI check digit is right."""
        for m in _NPI.finditer(text):
            if npi_checksum_ok(m.group()):
                yield Candidate(m.start(), m.end(), "OTHER_ID", 0.9, self.name, priority=62)


class DeaRecognizer:
    """DEA registration numbers (two letters, seven digits, check digit): LICENSE."""

    name = "dea"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield DEA-shaped values whose check digit is right."""
        for m in _DEA.finditer(text):
            if dea_checksum_ok(m.group()):
                yield Candidate(m.start(), m.end(), "LICENSE", 0.9, self.name, priority=69)


class MbiRecognizer:
    """Medicare Beneficiary Identifiers by their fixed 11-character shape: HEALTH_PLAN_ID."""

    name = "mbi"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield MBI-shaped values, with or without the two dashes."""
        for m in _MBI.finditer(text):
            yield Candidate(m.start(), m.end(), "HEALTH_PLAN_ID", 0.85, self.name, priority=67)


_VIN_VALUES: Final = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS: Final = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_checksum_ok(value: str) -> bool:
    """Whether a 17-character VIN's ninth character is its check digit (ISO 3779 / 49 CFR 565).

    North-American VINs always carry it; a random 17-character code passes one time in 11.
    """
    vin = value.upper()
    if len(vin) != 17 or any(c not in _VIN_VALUES for c in vin):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(vin, _VIN_WEIGHTS, strict=True))
    return vin[8] == ("X" if total % 11 == 10 else str(total % 11))


_VIN_ANY_CASE: Final = LazyPattern(
    r"(?=[A-HJ-NPR-Za-hj-npr-z0-9])(?<![\w-])[A-HJ-NPR-Za-hj-npr-z0-9]{17}(?![\w-])"
)


class VinRecognizer:
    """Vehicle identification numbers (17 characters, no I, O or Q): VEHICLE.

    A VIN whose check digit is right is taken in any case, even in lower case or with few
    digits; one without (most VINs outside North America) needs capitals and five digits.
    """

    name = "vin"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield VIN-shaped values: check digit right, or capitals with five digits."""
        for m in _VIN_ANY_CASE.finditer(text):
            value = m.group()
            if vin_checksum_ok(value) and any(c.isdigit() for c in value):
                yield Candidate(m.start(), m.end(), "VEHICLE", 0.95, self.name, priority=70)
            elif _VIN.fullmatch(value) and sum(c.isdigit() for c in value) >= 5:
                yield Candidate(m.start(), m.end(), "VEHICLE", 0.8, self.name, priority=67)


#: A vehicle noun or a car make: what a plate in brackets after it belongs to. Words are
#: looked up in a set (one scan of the text's words), cheaper than an alternation.
_VEHICLE_CUES: Final = CAR_MAKES | frozenset(
    """car cars truck trucks van vans minivan pickup suv sedan hatchback coupe wagon motorbike
    motorcycle scooter moped vehicle coche carro auto camioneta moto voiture wagen boat vessel
    trailer camper motorhome rv""".split()
)
_ASCII_WORD: Final = LazyPattern(r"(?<![A-Za-z])[A-Za-z]{2,10}(?![A-Za-z])")
#: Plate grammar: one to three groups of capitals and digits, five to eight characters in
#: all, with at least one digit and one letter ("8ABC123", "KP19 HFD", "JKL-23-44").
_PLATE: Final = r"[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,4}){0,2}"
_PLATE_AFTER_VEHICLE: Final = LazyPattern(rf"[^\n().;]{{0,40}}\((?:[A-Z]{{2}}[ \t]+)?({_PLATE})\)")


# On a vehicle's line, after its make or noun: a token of capitals and digits ("Vehicle: 2019
# Honda Civic, 8GHJ221 (CA)", "Honda Civic / 8GHJ221 / CA").
_VEHICLE_LINE: Final = LazyPattern(r"[^\n.;]{0,60}")
# Up to three groups: "ZG-886-FV", "G-EU 3267", "SL78 XFB".
_PLATE_TOKEN: Final = LazyPattern(r"(?<![\w-])[A-Z0-9]{1,8}(?:[ -][A-Z0-9]{1,4}){0,2}(?![\w-])")
_FIRST_GROUP: Final = LazyPattern(r"[A-Z0-9]+")
_WORD_BEFORE: Final = LazyPattern(r"([A-Za-z]+)[ \t]+\Z")
# SIV letters leave out I, O and U; the first pair is never "SS", "WW" is a temporary plate.
_SIV_PLATE: Final = LazyPattern(r"(?<![\w-])[A-HJ-NP-TV-Z]{2}-\d{3}-[A-HJ-NP-TV-Z]{2}(?![\w-])")


def _plate_in_clause(value: str) -> bool:
    """A plate with no label: 5-8 characters, two digits and two letters at least."""
    chars = [c for c in value if c.isalnum()]
    digits = sum(c.isdigit() for c in chars)
    return 5 <= len(chars) <= 8 and digits >= 2 and len(chars) - digits >= 2


def plate_shaped(value: str) -> bool:
    """Whether a value reads as a licence plate: 5-8 characters, letters and digits mixed."""
    chars = [c for c in value if c.isalnum()]
    return (
        5 <= len(chars) <= 8 and any(c.isdigit() for c in chars) and any(c.isalpha() for c in chars)
    )


class PlateAfterVehicleRecognizer:
    """A plate in brackets after the vehicle it belongs to: VEHICLE.

    "a red Toyota Camry (CA 8ABC123)" names no plate, but a letter-digit code in brackets
    after a car make or a vehicle noun is its registration; the two-letter state before it
    is left out, as a state alone is not PHI. On the rest of a vehicle's line a code of two
    digits and two letters at least is its plate too ("Vehicle: 2019 Honda Civic, 8GHJ221"),
    except the model right after the make ("Lexus ES350"); those are guesses a clinical span
    vetoes (recognizer ``vehicle_line``). A year ("(2016)") or an engine ("(V8)") has no
    letters or too few characters and stays.
    """

    name = "plate_after_vehicle"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield plate-shaped values in brackets after a vehicle word, on the same line."""
        seen: set[tuple[int, int]] = set()
        if "-" in text:
            # a French plate (SIV, since 2009) has a shape nothing clinical shares: "AB-123-CD"
            for siv in _SIV_PLATE.finditer(text):
                seen.add(siv.span())
                yield Candidate(*siv.span(), "VEHICLE", 0.7, "vehicle_line", priority=62)
        bracket_end = line_end = 0
        for cue in _ASCII_WORD.finditer(text):
            if cue.group().lower() not in _VEHICLE_CUES:
                continue
            m = _PLATE_AFTER_VEHICLE.match(text, cue.end())
            if cue.start() >= bracket_end and m is not None and plate_shaped(m.group(1)):
                bracket_end = m.end()
                seen.add(m.span(1))
                yield Candidate(*m.span(1), "VEHICLE", 0.75, self.name, priority=66)
            if cue.start() < line_end:
                continue
            line_end = _VEHICLE_LINE.match(text, cue.end()).end()  # type: ignore[union-attr]
            yield from self._line(text, cue, line_end, seen)

    @staticmethod
    def _line(
        text: str, cue: re.Match[str], line_end: int, seen: set[tuple[int, int]]
    ) -> Iterator[Candidate]:
        """Plate-shaped tokens on a vehicle's line, the model right after the make left out."""
        pos, first = cue.start(), True
        while (t := _PLATE_TOKEN.search(text, pos, line_end)) is not None:
            pos = t.end()
            # the token right after the make is its model ("Lexus ES350"); only its first
            # group: in "Toyota RAV4 SL78 XFB" the plate follows the model
            # (a vehicle noun has no model: "Car: 7KXR291 (California)" is the plate; a make
            # further on the line has: "Vehicle: Lexus ES350, 8GHJ221")
            before = _WORD_BEFORE.search(text, cue.start(), t.start())
            after_make = before is not None and before.group(1).lower() in CAR_MAKES
            if (
                first
                and cue.group().lower() in CAR_MAKES
                and not text[cue.start() : t.start()].strip(" ,/").count(" ")
            ) or after_make:
                first = False
                pos = t.start() + len(_FIRST_GROUP.match(text, t.start()).group())  # type: ignore[union-attr]
                continue
            first = False
            if t.span() not in seen and _plate_in_clause(t.group()):
                yield Candidate(*t.span(), "VEHICLE", 0.6, "vehicle_line", priority=62)


_MAC: Final = LazyPattern(
    r"(?=[0-9A-Fa-f])(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-]|\.[\w:-])"  # a full stop may end it
)


class MacAddressRecognizer:
    """Hardware (MAC) addresses: ``00:1A:2B:3C:4D:5E``, ``00-1a-...``, ``001a.2b3c.4d5e``.

    A MAC address names one device for its whole life: a home hub, a pump, a phone. Its
    rigid shape needs no label. DEVICE_ID.
    """

    name = "mac"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield MAC-address-shaped spans that hold at least one digit."""
        if ":" not in text and "-" not in text and "." not in text:
            return
        for m in _MAC.finditer(text):
            if any(ch.isdigit() for ch in m.group()):
                yield Candidate(m.start(), m.end(), "DEVICE_ID", 0.95, self.name, priority=89)


# A GS1 UDI in human-readable form: "(01)" and a 14-digit GTIN, then any of the application
# identifiers a label prints after it (expiry 17, lot 10, manufacture date 11, serial 21).
_UDI: Final = LazyPattern(
    r"\(01\)\s?(\d{14})(?:\s?\((?:10|11|17|21|240|30|7003)\)\s?[A-Za-z0-9./-]{1,20})*"
)


def gtin_checksum_ok(digits: str) -> bool:
    """Whether the last of 14 digits is their GS1 check digit (weights 3, 1 from the right)."""
    body = [int(d) for d in digits[:-1]]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == int(digits[-1])


class UdiRecognizer:
    """A device's GS1 unique device identifier with its production identifiers: DEVICE_ID.

    "(01)00884521179201(17)271031(21)SN44712" names one implant: its serial (21) finds the
    patient through the manufacturer's registry. The GTIN's check digit, or a production
    identifier after it, confirms the shape (synthetic and hand-typed GTINs often fail the check).
    """

    name = "udi"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield every "(01)" GTIN, with the production identifiers after it."""
        if "(01)" not in text:
            return
        for m in _UDI.finditer(text):
            if m.end() > m.end(1) or gtin_checksum_ok(m.group(1)):
                yield Candidate(m.start(), m.end(), "DEVICE_ID", 0.95, self.name, priority=88)


_CARD: Final = LazyPattern(
    r"(?=\d)(?<![\w.,/-])(?:\d{4}([ -])\d{4}\1\d{4}\1\d{1,7}|\d{4}([ -])\d{6}\2\d{5})"
    r"(?![\w/-]|[.,]\d)"
)
_IBAN: Final = LazyPattern(
    r"(?=[A-Z])(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])"
)


class AccountNumberRecognizer:
    """Payment card numbers (grouped 4-4-4-4 or 4-6-5) and IBANs: ACCOUNT.

    Both have a shape nothing clinical shares, so no label is needed: a card number or a
    bank account in a portal message is an account number under Safe Harbor.
    """

    name = "account"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield card-shaped and IBAN-shaped spans."""
        for m in _CARD.finditer(text):
            yield Candidate(m.start(), m.end(), "ACCOUNT", 0.9, self.name, priority=78)
        for m in _IBAN.finditer(text):
            if sum(c.isdigit() for c in m.group()) >= 10:
                yield Candidate(m.start(), m.end(), "ACCOUNT", 0.9, self.name, priority=78)


_GENERIC: Final = LazyPattern(
    r"(?=[A-Z0-9])(?<![\w./-])(?:"
    r"(?=[A-Za-z0-9-]*[A-Z])(?=(?:[A-Za-z-]*\d){5})[A-Z0-9]+(?:-[A-Za-z0-9]+)+"  # MCD-60021847-B
    r"|(?=[A-Z0-9]*[A-Z])(?=(?:[A-Z]*\d){6})[A-Z0-9]{7,}"  # NWH008812274
    r"|(?=(?:-?\d){8})\d+(?:-\d+)+"  # 2201-884310-07
    r"|\d{7,}"
    r")(?![\w/-]|\.\d)"
)


# Year ranges ("2019-2021") and code ranges ("K0800-K0802", "E08-E13") are not identifiers.
_NOT_AN_ID: Final = LazyPattern(
    r"(?:19|20)\d\d-(?:19|20)\d\d|[A-Z]\d[\dA-Z]{1,3}(?:\.\w+)?-[A-Z]\d[\dA-Z]{1,3}(?:\.\w+)?"
)


class GenericIdRecognizer:
    """Any other long number or letter-digit code with no label: OTHER_ID, low priority.

    Recall first: an unlabelled ``NWH008812274`` or ``2201-884310-07`` is far more likely an
    identifier than clinical content. Medical codes are too short to match, and clinical
    code spans are removed by the detector's clinical filter.
    """

    name = "generic_id"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield long digit runs and letter-digit codes with at least five digits."""
        for m in _GENERIC.finditer(text):
            if _NOT_AN_ID.fullmatch(m.group()):
                continue
            yield Candidate(m.start(), m.end(), "OTHER_ID", 0.6, self.name, priority=40)
