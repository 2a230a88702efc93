"""Prompt-injection screening: the result type and the port every workflow's screen stage uses.

Text that reaches a model from outside (a patient's message, a faxed letter, a retrieved policy
chunk) may try to instruct it. The screen finds such spans; the pipeline then keeps them out of
every field (a flagged span is masked before recognizers and the model see the text, or passed
only as quoted data) and records a finding. A span is *data*, never an instruction, whatever
it says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = ["Channel", "InjectionScreen", "ScreenFinding", "ScreenResult"]

#: Where the text came from: ``user`` (a person typing to us) or ``document`` (uploaded or
#: retrieved content, which no user vouches for).
Channel = Literal["user", "document"]


@dataclass(frozen=True, slots=True)
class ScreenFinding:
    """One span that tries to instruct a model.

    Attributes:
        start: Offset of the first character in the screened text.
        end: Offset one past the last character.
        reason: Stable machine name of what fired (``direct_override``, ``addressed_to_ai``,
            ``classifier``, ``encoded_payload`` ...); never text from the input.
        score: 0..1, how sure the screen is.
    """

    start: int
    end: int
    reason: str
    score: float


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """What the screen found in one text."""

    findings: tuple[ScreenFinding, ...] = ()

    @property
    def flagged(self) -> bool:
        """Whether any span was found."""
        return bool(self.findings)

    @property
    def score(self) -> float:
        """The highest finding score (0 when nothing was found)."""
        return max((f.score for f in self.findings), default=0.0)

    def masked(self, text: str) -> str:
        """``text`` with every flagged span blanked (newlines and form feeds kept).

        Offsets do not move, so evidence found in the masked text points at the original.
        """
        if not self.findings:
            return text
        chars = list(text)
        for finding in self.findings:
            for i in range(finding.start, min(finding.end, len(chars))):
                if chars[i] not in "\n\f":
                    chars[i] = " "
        return "".join(chars)


class InjectionScreen(Protocol):
    """Finds spans of text that try to instruct a model."""

    def screen(self, text: str, channel: Channel) -> ScreenResult:
        """Screen ``text`` arriving on ``channel``; never raises for any input string."""
        ...
