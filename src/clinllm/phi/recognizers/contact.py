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
# A bare domain ("PoodleHair.com.ee", "cuvox.de"): a generic top-level domain, optionally
# with a country one after it, or a country one alone after a name of four letters or more.
_DOMAIN: Final = LazyPattern(
    r"(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)*(?:[A-Za-z0-9][A-Za-z0-9-]*\."
    r"(?i:com|org|net|edu|gov|info|biz|io)(?:\.[a-z]{2})?|[A-Za-z0-9][A-Za-z0-9-]{3,}\."
    # country domains that are not also English words ("stable.no", "today.is")
    r"(?:de|fr|es|nl|se|dk|fi|pl|pt|ch|au|nz|br|jp|uk|ca|ie|ee|lv|lt|cz|sk|hu|ro|bg|gr|tr"
    r"|ru|ua|cn|mx|ar|cl|za|il|gl|si|hr|rs|cy|tn|uy))(?![\w@/-]|\.\w)"
)
_IPV6_HINT: Final = LazyPattern(r":[0-9A-Fa-f]{0,4}:")
_IPV4: Final = LazyPattern(r"(?=\d)(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)")
_IPV6: Final = LazyPattern(
    r"(?=[0-9A-Fa-f:])(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])"
)
# Groups of a North-American number: a space, or a dot, dash or slash with a space either
# side at most ("555 - 010 - 4471", "(555)-010-4471", "555/010-4471"); a second line after a
# slash ("4471/4472") is part of it.
# An extension after a number: "x204", "ext. 12", ", extension 3", "Durchwahl 14".
_EXT: Final = r"(?:,?\s?(?i:x|ext\.?|extension|ext:|Durchwahl|poste|interno|anexo)\s?\d{1,5}(?!\w))"
_NANP_SEP: Final = r"(?:[ \t]?[./-][ \t]?|\s)"
_PHONE: Final = LazyPattern(
    r"(?=[\d(+])(?<![\w/.-])(?:\+?1[\s.-]?)?"
    rf"(?:\(\d{{3}}\)(?:[ \t]?-[ \t]?|\s)?|\d{{3}}{_NANP_SEP})\d{{3}}{_NANP_SEP}\d{{4}}"
    r"(?:/\d{4})?"
    rf"{_EXT}?(?![\w/-])"
    r"|(?=\d)(?<![\w/.-])\d{3}[\s.-]\d{4}(?![\w/-]|\.\d)"
)
# A vanity number spells its last digits on the keypad: "1-800-FLOWERS", "(888) 555-CARE",
# "1-877-GO-NURSE"; a toll-free area code, or a full area code and exchange before 4 letters.
_VANITY: Final = LazyPattern(
    r"(?=[1(8])(?<![\w/.-])(?:1[ .-]?)?"
    r"(?:\(8(?:00|33|44|55|66|77|88)\) ?|8(?:00|33|44|55|66|77|88)[ .-])"
    r"(?=(?:[A-Z0-9]-?){7,10}(?![\w-]))(?=[0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*"
    r"|(?=[(\d])(?<![\w/.-])(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-][A-Z]{4}(?![\w-])"
)
_SSN: Final = LazyPattern(r"(?=\d)(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_LABELLED: Final = LazyPattern(
    r"\b(?:SSN|social security(?: number| no\.?| #)?)\s*(?:#|:|is)?\s*"
    r"(\d{3}[ -]?\d{2}[ -]?\d{4})\b",
    re.IGNORECASE,
)
_FAX_CUE: Final = LazyPattern(r"\bfax(?:ed|ing)?\b|\bfacsimile\b", re.IGNORECASE)
_PHONE_CUE: Final = LazyPattern(
    r"\b(?:phone|tel|telephone|cell|mobile|call(?:ed)?|reached|contact|pager|ph|number"
    r"|landline|whatsapp|sms|text|dial|ring|registered|mob|tlf|tfno|tel[eé]fono|m[oó]vil"
    r"|celular|cel|n[uú]mero|portable|handy|telefon|office|home|work|messages?|answering"
    r"|reach)\b",
    re.IGNORECASE,
)
# A run of digits with single spaces, dots, dashes or parentheses between them: the shape of
# a phone number in any country. Validated in code (digit count, groups, cues): a possessive
# scan cannot backtrack, whatever the text.
_PHONE_RUN: Final = LazyPattern(
    r"(?=[+(0-9])(?<![\w/.+:-])(?:\+ ?|00(?=[1-9]))?(?:\d|[(](?=\d)|[).-](?=[ (]?\d)"
    r"|[ ](?=[(]?\d))++"
)
# A seven-digit local number needs a cue; for it (not for the digit-run scan, where "at 10 20
# 30" would be minutes) the person it reaches or "at" is one: "Daughter Kim 555-0123".
_SHORT_CUE: Final = LazyPattern(
    r"\b(?i:at|@|daughter|son|wife|husband|mother|father|mom|dad|sister|brother|niece|nephew"
    r"|friend|neighbou?r|caregiver|spouse|partner|guardian|pharmacy|hija|hijo|esposa|esposo)\b"
)
_CUE_AFTER: Final = LazyPattern(
    r"\s?(?:[-–(]\s?)?(?i:office|fax|mobile|cell|home|work|landline|m[oó]vil|celular)\b"
)
_EXTENSION: Final = LazyPattern(_EXT)
_DATE_SHAPE: Final = LazyPattern(r"\d{1,4}([./-])\d{1,2}\1\d{1,4}|\d{1,2} \d{1,2} \d{4}")


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
        for m in _DOMAIN.finditer(text):
            yield Candidate(m.start(), m.end(), "URL", 0.8, self.name, priority=84)
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


def _cues(text: str, start: int) -> tuple[list[int], list[int]]:
    """End offsets of fax and phone cue words in the 60 characters before ``start``.

    The window is the number's line; a number alone at the start of its line also sees the
    line before ("Phone:" above the number in a flattened form).
    """
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and line_start > 0:
        line_start = text.rfind("\n", 0, line_start - 1) + 1
    window = text[max(line_start, start - 60) : start]
    return [c.end() for c in _FAX_CUE.finditer(window)], [
        c.end() for c in _PHONE_CUE.finditer(window)
    ]


_RELATIVE_LABEL: Final = LazyPattern(
    r"(?i:guardian|parent|emergency\s+contact|next\s+of\s+kin|nearest\s+relative)\b"
)
_SIGN_OFF: Final = LazyPattern(
    r"(?im)^[ \t]*(?:thanks|thank you|regards|best regards|kind regards|sincerely|cheers|best)"
    r"[ \t]*,?[ \t]*$"
)


def _short_context(text: str, start: int, end: int) -> bool:
    """Whether a seven-digit number with no cue before it is a phone by its surroundings.

    The cue may follow on its line ("555-0137 or my cell ..."), head its column on the
    line above (a form's "PHONE" header over the row), label the relative the row is about
    ("Parent/guardian: Ana Ruiz, 555-0119"), or the number may close a signature block
    (alone on its line within three lines of "Thanks,").
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if _PHONE_CUE.search(text, end, min(line_end, end + 20)):
        return True
    if _RELATIVE_LABEL.search(text, line_start, start):
        return True
    if line_start > 0:
        above_start = text.rfind("\n", 0, line_start - 1) + 1
        column = start - line_start
        for cue in _PHONE_CUE.finditer(text, above_start, line_start - 1):
            if abs(cue.start() - above_start - column) <= 8:
                return True  # "PATIENT NAME    PHONE" over "Mbeki, Lorcan   555-0121"
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    window_start = line_start
    for _ in range(3):
        if window_start == 0:
            break
        window_start = text.rfind("\n", 0, window_start - 1) + 1
    return _SIGN_OFF.search(text, window_start, line_start) is not None


def _international(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a digit run) is a phone number outside the NANP shape.

    With a ``+`` or ``00`` country prefix: 8 to 15 digits. Without: two groups or more,
    6 to 12 digits, not a date, and either a phone cue on the line before it or right after
    it ("-Office", "(mobile)"), or a trunk-prefix layout ("020 7946 0958", "06 12 34 56 78")
    of 9 digits or more.
    """
    value = text[start:end]
    digits = sum(ch.isdigit() for ch in value)
    if value.startswith(("+", "00")):
        return 8 <= digits - (2 if value.startswith("00") else 0) <= 15
    groups = len(re.split(r"[ .()-]+", value.strip("()")))
    if groups < 2 or not 6 <= digits <= 12 or _DATE_SHAPE.fullmatch(value):
        return False
    last = re.split(r"[ .()-]+", value.strip("()"))[-1]
    if groups == 2 and (digits < 7 or len(last) < 4):
        return False  # "glucose 180-260": a range; "(95806) 02": a code and a count
    fax, phone = _cues(text, start)
    if fax or phone or _CUE_AFTER.match(text, end):
        return True
    return value.lstrip("(").startswith("0") and digits >= 9 and groups >= 2


class PhoneFaxRecognizer:
    """Phone numbers of every country, typed FAX when the nearest cue before them says fax.

    A phone number reaches a patient or relative directly. North-American numbers are
    found by their shape; others by a digit-run scan validated by digit count, grouping
    and cues (see :func:`_international`). Whether it is a fax matters only for the
    category; the nearest of the words "fax" or "phone/tel/cell/call" in the 60 characters
    before the number (same line) decides.
    """

    name = "phone"

    def analyze(self, text: str) -> Iterator[Candidate]:
        """Yield phone-shaped spans with their PHONE or FAX type."""
        for m in _PHONE.finditer(text):
            fax, phone = _cues(text, m.start())
            short = "(" not in m.group() and len(re.sub(r"\D", "", m.group())) == 7
            if short and not (fax or phone or _CUE_AFTER.match(text, m.end())):
                line_start = text.rfind("\n", 0, m.start()) + 1
                cued = _SHORT_CUE.search(text, max(line_start, m.start() - 30), m.start())
                if not cued and not _short_context(text, m.start(), m.end()):
                    continue
            yield Candidate(m.start(), m.end(), self._kind(fax, phone), 0.95, self.name, 80)
        for m in _VANITY.finditer(text):
            yield Candidate(m.start(), m.end(), "PHONE", 0.9, self.name, priority=80)
        for m in _PHONE_RUN.finditer(text):
            start, end = m.start(), m.end()
            while end > start and not text[end - 1].isdigit():
                end -= 1
            if text[start] == "(" and ")" not in text[start:end]:
                start += 1
            if end - start < 6 or not _international(text, start, end):
                continue
            fax, phone = _cues(text, start)
            after = _CUE_AFTER.match(text, end)
            if after is not None:
                # "322 327 102-Fax": a cue right after the number is the nearest one.
                fax, phone = ([1], []) if "fax" in after.group().lower() else ([], [1])
            # A country prefix makes the whole run the number ("0031 20 225 5969").
            # Otherwise it ties with the North-American shape, and the longer span wins
            # ("21 218 920 4879" over "218 920 4879").
            prio = 81 if text[start] == "+" or text.startswith("00", start) else 80
            ext = _EXTENSION.match(text, end)
            if ext is not None:
                end = ext.end()
            yield Candidate(start, end, self._kind(fax, phone), 0.85, self.name, priority=prio)

    @staticmethod
    def _kind(fax: list[int], phone: list[int]) -> str:
        return "FAX" if fax and (not phone or fax[-1] > phone[-1]) else "PHONE"


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
