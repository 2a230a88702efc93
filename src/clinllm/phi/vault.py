"""The per-request vault: which surrogate stands for which original value.

A vault lives for one request (or one patient's batch of texts) and never leaves the
process: it is the only thing that can undo pseudonymization. It holds PHI, so its
``repr`` shows counts only and it is deliberately not serialisable.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = ["Vault"]


class Vault:
    """Maps surrogates back to the original values, with the original spans.

    The pseudonymizer registers every replacement here; :meth:`restore_text` and
    :meth:`restore_json` then turn model output written against the pseudonymized text
    back into the original values, so an extracted "[NAME_1]" becomes the patient's name.
    """

    def __init__(self) -> None:
        self._original: dict[str, str] = {}
        self._surrogate: dict[tuple[str, str], str] = {}
        self._types: dict[str, str] = {}
        self._spans: dict[str, list[tuple[int, int, int]]] = {}
        self._aliases: dict[str, str] = {}
        self._pattern: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        """Counts only: a vault never prints values."""
        return f"Vault(surrogates={len(self._original)})"

    def __len__(self) -> int:
        return len(self._original)

    def __contains__(self, surrogate: object) -> bool:
        return surrogate in self._original or surrogate in self._aliases

    def lookup(self, type_: str, key: str) -> str | None:
        """The surrogate already given to an original value (by its normalised key)."""
        return self._surrogate.get((type_, key))

    def add(self, type_: str, key: str, original: str, surrogate: str) -> None:
        """Register that ``surrogate`` stands for ``original`` (of type ``type_``).

        Types starting with ``_`` are internal bookkeeping (name parts) and not counted.
        """
        self._surrogate[(type_, key)] = surrogate
        if surrogate not in self._original:
            self._original[surrogate] = original
            self._types[surrogate] = type_
        self._pattern = None

    def alias(self, surrogate_form: str, original_form: str) -> None:
        """Register another written form of a surrogate (an ISO date for a shifted date)."""
        if surrogate_form not in self._original:
            self._aliases[surrogate_form] = original_form
            self._pattern = None

    def record_span(self, surrogate: str, doc: int, start: int, end: int) -> None:
        """Remember where in source text ``doc`` the surrogate's original value was."""
        self._spans.setdefault(surrogate, []).append((doc, start, end))

    def original(self, surrogate: str) -> str | None:
        """The original value behind a surrogate, or ``None`` if it is not one of ours."""
        return self._original.get(surrogate, self._aliases.get(surrogate))

    def spans(self, surrogate: str) -> tuple[tuple[int, int, int], ...]:
        """``(text index, start, end)`` of every original occurrence of a surrogate."""
        return tuple(self._spans.get(surrogate, ()))

    def counts(self) -> Mapping[str, int]:
        """Entity type to number of distinct values replaced (audit-safe: no values)."""
        counted = Counter(t for t in self._types.values() if not t.startswith("_"))
        return MappingProxyType(dict(counted))

    def restore_text(self, text: str) -> str:
        """Replace every surrogate in ``text`` with its original value."""
        table = {**self._aliases, **self._original}
        if not table:
            return text
        if self._pattern is None:
            keys = sorted(table, key=len, reverse=True)
            alternatives = "|".join(re.escape(k) for k in keys)
            self._pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        return self._pattern.sub(lambda m: table[m.group()], text)

    def restore_json(self, value: Any) -> Any:
        """Restore every string inside a JSON-like value (dicts, lists, strings, scalars).

        Keys are restored too, so a model that used a surrogate as a key gets it back.
        """
        if isinstance(value, str):
            return self.restore_text(value)
        if isinstance(value, list | tuple):
            return [self.restore_json(v) for v in value]
        if isinstance(value, dict):
            return {
                (self.restore_text(k) if isinstance(k, str) else k): self.restore_json(v)
                for k, v in value.items()
            }
        return value

    def __reduce__(self) -> Any:
        """Refuse pickling: the vault must not leave the process."""
        raise TypeError("a Vault holds PHI and cannot be serialised")
