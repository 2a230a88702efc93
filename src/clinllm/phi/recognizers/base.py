"""What a recognizer is and what it proposes.

Recognizers are small and independent (presidio-style): each knows one kind of identifier
and proposes candidate spans. The detector decides between overlapping candidates by
``priority`` then length, so a recognizer only has to be right about its own kind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

__all__ = ["Candidate", "Recognizer"]


class Candidate(NamedTuple):
    """A proposed identifier span, before overlaps are resolved.

    Attributes:
        start: Offset of the first character.
        end: Offset one past the last character.
        type: The Safe Harbor category name, or ``NOT_PHI`` for a value known not to be
            an identifier of a person (a lot or model number after its label): the detector
            reports no finding for it and drops the identifier guesses that overlap it.
        confidence: How sure the rule is, 0..1.
        recognizer: The proposing recognizer's name.
        priority: Higher wins an overlap; structured formats (email, URL) outrank guesses.

    A named tuple rather than a dataclass: recognizers create many of these per text.
    """

    start: int
    end: int
    type: str
    confidence: float
    recognizer: str
    priority: int = 50

    def __repr__(self) -> str:
        """Spans and type only: a candidate never prints text."""
        return f"Candidate({self.start}:{self.end} {self.type} by {self.recognizer})"


class Recognizer(Protocol):
    """Finds one kind of identifier in a text.

    Attributes:
        name: Stable identifier, reported on every finding (for debugging without values).
    """

    name: str

    def analyze(self, text: str) -> Iterable[Candidate]:
        """Propose candidate spans in ``text``; must not log or keep the text."""
        ...
