"""Recognizers for contact points: email, URL, IP address, phone and fax numbers, SSN.

These have rigid formats, so they are found by pattern alone and outrank softer guesses
when spans overlap.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from typing import Final

from clinllm.phi.lazy_pattern import LazyPattern
from clinllm.phi.recognizers.base import Candidate

__all__ = [
    "EmailRecognizer",
    "IpRecognizer",
    "PhoneFaxRecognizer",
    "SsnRecognizer",
    "UrlRecognizer",
]

_EMAIL: Final = LazyPattern(
    r"(?=[A-Za-z0-9])(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_URL: Final = LazyPattern(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'()\[\]]+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|io|health|care)/[^\s<>\"'()]*",
    re.IGNORECASE,
)
_URL_HINT: Final = LazyPattern(r"\.(?i:com|org|net|edu|gov|io|health|care)/")
_IPV6_HINT: Final = LazyPattern(r":[0-9A-Fa-f]{0,4}:")
_IPV4: Final = LazyPattern(r"(?=\d)(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)")
_IPV6: Final = LazyPattern(
    r"(?=[0-9A-Fa-f:])(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)
_PHONE: Final = LazyPattern(
    r"(?=[\d(+])(?<![\w/.-])(?:\+?1[\s.-]?)?"
    r"(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w/-])"
    r"|(?=\d)(?<![\w/.-])\d{3}[\s.-]\d{4}(?![\w/-]|\.\d)"
)
_SSN: Final = LazyPattern(r"(?=\d)(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_LABELLED: Final = LazyPattern(
    r"\b(?:SSN|social security(?: number| no\.?| #)?)\s*(?:#|:|is)?\s*"
    r"(\d{3}[ -]?\d{2}[ -]?\d{4})\b",
    re.IGNORECASE,
)
_FAX_CUE: Final = LazyPattern(r"\bfax(?:ed|ing)?\b|\bfacsimile\b", re.IGNORECASE)
_PHONE_CUE: Final = LazyPattern(
    r"\b(?:phone|tel|telephone|cell|mobile|call(?:ed)?|reached|contact|pager|ph|number)\b",
    re.IGNORECASE,
)


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return end


class EmailRecognizer:
    """Email addresses. They name a person directly and reach them: always redact."""

    name = "email"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield every address-shaped span."""
        for m in _EMAIL.finditer(text):
            yield Candidate(m.start(), m.end(), "EMAIL", 0.99, self.name, priority=90)


class UrlRecognizer:
    """Web addresses: personal pages and links often embed a patient's name or account."""

    name = "url"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield URLs with a scheme, a ``www.`` prefix or a host followed by a path."""
        if "://" not in text and "www." not in text.lower() and _URL_HINT.search(text) is None:
            return
        for m in _URL.finditer(text):
            end = _trim_url(text, m.start(), m.end())
            if "@" in text[m.start() : end]:
                continue
            yield Candidate(m.start(), end, "URL", 0.95, self.name, priority=85)


class IpRecognizer:
    """IPv4 and IPv6 addresses: a home IP locates a patient as surely as a street address."""

    name = "ip"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield spans that parse as IP addresses (so ``1.2.3`` or times are not taken)."""
        patterns = (_IPV4, _IPV6) if _IPV6_HINT.search(text) else (_IPV4,)
        for pattern in patterns:
            for m in pattern.finditer(text):
                value = m.group()
                try:
                    ipaddress.ip_address(value)
                except ValueError:
                    continue
                yield Candidate(m.start(), m.end(), "IP", 0.97, self.name, priority=88)


class PhoneFaxRecognizer:
    """North-American phone numbers, typed FAX when the nearest cue before them says fax.

    A phone number reaches a patient or relative directly. Whether it is a fax matters only
    for the category; the nearest of the words "fax" or "phone/tel/cell/call" in the 60
    characters before the number (same line) decides.
    """

    name = "phone"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield phone-shaped spans with their PHONE or FAX type."""
        for m in _PHONE.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            window = text[max(line_start, m.start() - 60) : m.start()]
            fax = [c.end() for c in _FAX_CUE.finditer(window)]
            phone = [c.end() for c in _PHONE_CUE.finditer(window)]
            kind = "FAX" if fax and (not phone or fax[-1] > phone[-1]) else "PHONE"
            short = "(" not in m.group() and len(re.sub(r"\D", "", m.group())) == 7
            if short and not (fax or phone):
                continue
            yield Candidate(m.start(), m.end(), kind, 0.95, self.name, priority=80)


class SsnRecognizer:
    """US Social Security numbers: the key to identity theft, never needed by a model."""

    name = "ssn"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield ``ddd-dd-dddd`` anywhere and labelled nine-digit forms."""
        for m in _SSN.finditer(text):
            yield Candidate(m.start(), m.end(), "SSN", 0.9, self.name, priority=82)
        lowered = text.lower()
        if "ssn" not in lowered and "social security" not in lowered:
            return
        for m in _SSN_LABELLED.finditer(text):
            yield Candidate(m.start(1), m.end(1), "SSN", 0.97, self.name, priority=83)
