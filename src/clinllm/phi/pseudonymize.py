"""Replace detected PHI with consistent, salted surrogates that a vault can undo.

Why each property matters:

* **consistent** — the same person is the same surrogate everywhere in a document and in
  every text of the same patient (same vault), so a model can still tell the patient from
  the daughter and count visits;
* **salted** — realistic surrogates and date shifts are derived with HMAC-SHA256 from a
  tenant salt and the scope, so two tenants never produce matching surrogates and nobody
  without the salt can rebuild the mapping;
* **reversible only in the service** — the :class:`~clinllm.phi.vault.Vault` that maps
  surrogates back never leaves the process;
* **intervals preserved** — with ``shift_dates`` every date of a scope moves by the same
  number of days.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Final, Literal

from clinllm.phi.dates_shift import shift_date_text
from clinllm.phi.detector import PhiDetector
from clinllm.phi.findings import PhiFinding
from clinllm.phi.lexicons import common_words, first_names, surnames
from clinllm.phi.normalize import fold
from clinllm.phi.vault import Vault

__all__ = ["PseudonymizedText", "Pseudonymizer", "SurrogateStyle"]

#: ``placeholder``: typed tokens such as ``[NAME_1]``; ``realistic``: fake values of the same
#: kind (names from the name lists, 555-010 phone numbers, shape-preserving ids).
SurrogateStyle = Literal["placeholder", "realistic"]

_NAME_TOKEN: Final = re.compile(r"[^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*")
_ALWAYS_PLACEHOLDER: Final = frozenset({"AGE_OVER_89", "BIOMETRIC"})


@dataclass(frozen=True)
class PseudonymizedText:
    """One text after pseudonymization.

    Attributes:
        text: The text with every finding replaced by its surrogate.
        vault: The vault that can restore the surrogates (shared across a batch).
        counts: Entity type to number of occurrences replaced in this text (no values).
    """

    text: str = field(repr=False)
    vault: Vault
    counts: Mapping[str, int]


class Pseudonymizer:
    """Detects PHI and replaces it with surrogates recorded in a vault.

    Args:
        detector: Finds the PHI.
        salt: The tenant's secret salt (at least 16 bytes); surrogates and date shifts
            derive from it, so they differ between tenants.
        style: ``placeholder`` (default) or ``realistic``.
        shift_dates: Replace dates by the same date shifted by a per-scope number of days
            (both styles); otherwise dates become placeholders (or shifted in realistic style).
        max_shift_days: Largest shift in either direction.
    """

    def __init__(
        self,
        detector: PhiDetector,
        *,
        salt: bytes,
        style: SurrogateStyle = "placeholder",
        shift_dates: bool = False,
        max_shift_days: int = 180,
    ) -> None:
        if len(salt) < 16:
            raise ValueError("salt must be at least 16 bytes")
        if max_shift_days < 1:
            raise ValueError("max_shift_days must be at least 1")
        self._detector = detector
        self._salt = salt
        self._style: SurrogateStyle = style
        self._shift = shift_dates or style == "realistic"
        self._max_shift = max_shift_days

    def pseudonymize(
        self, text: str, *, scope: str, vault: Vault | None = None, doc: int = 0
    ) -> PseudonymizedText:
        """Replace the PHI in ``text``.

        Args:
            text: The source text.
            scope: Tenant and patient key (e.g. ``"tenant-a/patient-123"``) mixed into the
                HMAC: the same value gets the same surrogate within a scope only.
            vault: Reuse a vault to keep surrogates consistent across several texts.
            doc: Index of this text in its batch, recorded with the original spans.

        Returns:
            The pseudonymized text, its vault and per-type counts.
        """
        vault = vault if vault is not None else Vault()
        findings = self._detector.detect(text)
        parts: list[str] = []
        pos = 0
        counts: Counter[str] = Counter()
        for f in findings:
            surrogate = self._surrogate(f, scope, vault)
            vault.record_span(surrogate, doc, f.start, f.end)
            parts.append(text[pos : f.start])
            parts.append(surrogate)
            pos = f.end
            counts[f.type] += 1
        parts.append(text[pos:])
        return PseudonymizedText("".join(parts), vault, MappingProxyType(dict(counts)))

    def pseudonymize_many(self, texts: Sequence[str], *, scope: str) -> list[PseudonymizedText]:
        """Pseudonymize a batch with one shared vault (one request, one patient)."""
        vault = Vault()
        return [self.pseudonymize(t, scope=scope, vault=vault, doc=i) for i, t in enumerate(texts)]

    # -- surrogates -------------------------------------------------------------------------

    def _digest(self, scope: str, *parts: str) -> bytes:
        message = "\x1f".join((scope, *parts)).encode("utf-8")
        return hmac.new(self._salt, message, hashlib.sha256).digest()

    def shift_days(self, scope: str) -> int:
        """The scope's date shift in days (never zero), derived from the salt."""
        raw = int.from_bytes(self._digest(scope, "date-shift")[:8], "big")
        days = 1 + raw % self._max_shift
        return days if raw & (1 << 63) else -days

    def _surrogate(self, f: PhiFinding, scope: str, vault: Vault) -> str:
        # Keys and surrogates come from the value as the detector saw it (no zero-width
        # characters, ASCII digits), so "555\u2011010\u20110199" and "555-010-0199" are one
        # value and no original digit survives in a realistic surrogate; the vault restores
        # the original characters.
        original = f.text
        value = fold(original)
        if f.type == "NAME":
            return self._name(value, original, scope, vault)
        key = _key(f.type, value)
        known = vault.lookup(f.type, key)
        if known is not None:
            return known
        surrogate: str | None = None
        if f.type == "DATE" and self._shift:
            shifted = shift_date_text(value, self.shift_days(scope))
            if shifted is not None:
                surrogate, shifted_iso, original_iso = shifted
                if original_iso[:4] in value:
                    vault.alias(shifted_iso, original_iso)
        if surrogate is None and self._style == "realistic" and f.type not in _ALWAYS_PLACEHOLDER:
            surrogate = self._unique(vault, lambda n: self._fake(f.type, value, scope, n))
        if surrogate is None or vault.original(surrogate) not in (None, original):
            surrogate = _placeholder(f.type, vault)
        vault.add(f.type, key, original, surrogate)
        return surrogate

    def _unique(self, vault: Vault, make: Callable[[int], str]) -> str:
        for n in range(50):
            candidate = make(n)
            if candidate not in vault:
                return candidate
        return make(50)

    def _name(self, value: str, original: str, scope: str, vault: Vault) -> str:
        tokens = _NAME_TOKEN.findall(value)
        key = " ".join(sorted(t.casefold() for t in tokens))
        known = vault.lookup("NAME", key)
        if known is not None:
            return known
        if len(tokens) == 1:
            part = vault.lookup("_NAME_PART", tokens[0].casefold())
            if part is not None and self._style == "placeholder":
                return part
        if self._style == "placeholder":
            surrogate = _placeholder("NAME", vault)
        else:
            surrogate = self._fake_name(value, tokens, scope, vault)
        vault.add("NAME", key, original, surrogate)
        if self._style == "placeholder":
            for token in tokens:
                if len(token) >= 3 and vault.lookup("_NAME_PART", token.casefold()) is None:
                    vault.add("_NAME_PART", token.casefold(), original, surrogate)
        return surrogate

    def _fake_name(self, value: str, tokens: list[str], scope: str, vault: Vault) -> str:
        """Replace each part of a name with a fake part, the same fake for the same part."""
        firsts = _sorted_first_names()
        lasts = _sorted_surnames()
        given = {tokens[0]} if len(tokens) > 1 and "," not in value else set()
        if "," in value and len(tokens) > 1:
            given = set(tokens[1:])

        def replace(m: re.Match[str]) -> str:
            token = m.group()
            known = vault.lookup("_NAME_TOKEN", token.casefold())
            if known is not None:
                return known.upper() if token.isupper() else known
            is_given = token in given or (len(tokens) == 1 and token.title() in first_names())
            pool = firsts if is_given else lasts
            fake = token
            for n in range(20):
                digest = self._digest(scope, "name", token.casefold(), str(n))
                fake = pool[int.from_bytes(digest[:8], "big") % len(pool)]
                if fake.casefold() != token.casefold() and fake not in vault:
                    break
            vault.add("_NAME_TOKEN", token.casefold(), token, fake)
            return fake.upper() if token.isupper() else fake

        return _NAME_TOKEN.sub(replace, value)

    def _fake(self, type_: str, value: str, scope: str, n: int) -> str:
        digest = self._digest(scope, type_, _key(type_, value), str(n))
        number = int.from_bytes(digest[:8], "big")
        if type_ in ("PHONE", "FAX"):
            digits = f"555010{number % 10000:04d}"
            return _fill_digits(value, digits)
        if type_ == "SSN":
            return _fill_digits(value, f"9{number % 10**8:08d}")
        if type_ == "EMAIL":
            firsts = _sorted_first_names()
            first = firsts[number % len(firsts)]
            return f"{first.lower()}.{digest[8:11].hex()}@example.org"
        if type_ == "URL":
            return f"https://example.org/{digest[8:14].hex()}"
        if type_ == "IP":
            if ":" in value:
                return f"2001:db8::{digest[8:10].hex()}"
            return f"192.0.2.{1 + number % 254}"
        if type_ == "ADDRESS":
            lasts = _sorted_surnames()
            street = lasts[number % len(lasts)]
            if not any(ch.isdigit() for ch in value):
                return f"{street}ville"
            town = lasts[(number >> 20) % len(lasts)]
            return f"{1 + number % 9899} {street} Street, {town}ville"
        # MRN, plan ids, accounts, licences, vehicles, devices, other ids: keep the shape.
        return _shape_preserving(value, digest)


@cache
def _sorted_first_names() -> tuple[str, ...]:
    """Given names in a fixed order, so an HMAC index picks the same fake name every time.

    Everyday words ("Will", "Hope") and short names are left out: a surrogate must not be a
    word the model may write for another reason, or restoring would rewrite that word.
    """
    common = common_words()
    return tuple(sorted(n for n in first_names() if len(n) >= 4 and n.lower() not in common))


@cache
def _sorted_surnames() -> tuple[str, ...]:
    """Surnames in a fixed order, without everyday words (see :func:`_sorted_first_names`)."""
    common = common_words()
    return tuple(sorted(n for n in surnames() if len(n) >= 4 and n.lower() not in common))


def _key(type_: str, value: str) -> str:
    if type_ in ("NAME", "ADDRESS", "EMAIL", "URL"):
        return " ".join(value.casefold().split())
    if type_ == "DATE":
        return " ".join(value.split())
    return re.sub(r"[^0-9A-Za-z]", "", value).upper()


def _placeholder(type_: str, vault: Vault) -> str:
    n = vault.counts().get(type_, 0) + 1
    candidate = f"[{type_}_{n}]"
    while candidate in vault:
        n += 1
        candidate = f"[{type_}_{n}]"
    return candidate


def _fill_digits(template: str, digits: str) -> str:
    """Write ``digits`` into the digit positions of ``template`` (keeping its layout)."""
    count = sum(ch.isdigit() for ch in template)
    source = iter(digits[-count:] if count <= len(digits) else digits.rjust(count, "0"))
    return "".join(next(source) if ch.isdigit() else ch for ch in template)


def _shape_preserving(value: str, digest: bytes) -> str:
    stream = hashlib.sha256(digest).digest() * 4
    out: list[str] = []
    for i, ch in enumerate(value):
        b = stream[i % len(stream)]
        if ch.isdigit():
            out.append(str(b % 10))
        elif ch.isalpha() and ch.isascii():
            letter = chr(ord("A") + b % 26)
            out.append(letter if ch.isupper() else letter.lower())
        else:
            out.append(ch)
    return "".join(out)
