"""Synthetic identifiers with valid check digits, for the evaluation corpora.

Nothing here is held-out content: these are the number formats every generator needs
(NPI with its Luhn check digit, VIN with its check digit, documentation-range MAC and IP
addresses, fictional phone ranges). Standard library only.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Sequence

__all__ = [
    "mac_doc",
    "npi",
    "npi_ok",
    "phone_555",
    "vin",
    "vin_ok",
]


def _luhn_total(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    return total


def npi_ok(value: str) -> bool:
    """True when ``value`` is ten digits (first 1 or 2) passing the 80840-prefixed Luhn check."""
    if not re.fullmatch(r"[12]\d{9}", value):
        return False
    return _luhn_total("80840" + value) % 10 == 0


def npi(rng: random.Random, used: set[str] | None = None) -> str:
    """A fresh NPI with a valid check digit (unique within ``used`` when given)."""
    while True:
        body = rng.choice("12") + "".join(rng.choice(string.digits) for _ in range(8))
        for check in string.digits:
            if npi_ok(body + check):
                value = body + check
                break
        if used is None or value not in used:
            if used is not None:
                used.add(value)
            return value


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"  # no I, O, Q
_VIN_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(value: str) -> bool:
    """True when a 17-character VIN carries the right check digit in position 9."""
    if len(value) != 17 or any(ch not in _VIN_CHARS for ch in value):
        return False
    return value[8] == vin_check_digit(value)


def vin_check_digit(chars: Sequence[str]) -> str:
    """The check digit (position 9) of 17 VIN characters; position 9 itself weighs nothing."""
    total = sum(_VIN_VALUES[ch] * w for ch, w in zip(chars, _VIN_WEIGHTS, strict=True))
    return "X" if total % 11 == 10 else str(total % 11)


def vin(rng: random.Random) -> str:
    """A synthetic 17-character VIN with a valid check digit."""
    chars = [rng.choice(_VIN_CHARS) for _ in range(17)]
    chars[0] = rng.choice("12345JKLSVWYZ")  # region of manufacture
    chars[9] = rng.choice("LMNPRST")  # model year 2020-2026
    chars[8] = vin_check_digit(chars)
    return "".join(chars)


def mac_doc(rng: random.Random, sep: str = ":") -> str:
    """A MAC address in the documentation block 00-00-5E-00-53-xx (RFC 7042)."""
    return sep.join(["00", "00", "5E", "00", "53", f"{rng.randrange(256):02X}"])


def phone_555(rng: random.Random, style: int) -> str:
    """A fictional US number (555-01xx or 555-010-xxxx) in one of several layouts."""
    area = rng.choice(["555", "312", "614", "503", "717", "919", "602", "207", "808", "413"])
    line = f"01{rng.randrange(100):02d}"
    styles = [
        f"({area}) 555-{line}",
        f"{area}-555-{line}",
        f"{area}.555.{line}",
        f"1-{area}-555-{line}",
        f"{area} 555 {line}",
        f"+1 {area} 555 {line}",
    ]
    return styles[style % len(styles)]
