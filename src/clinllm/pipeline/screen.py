"""Screen: find text that tries to instruct a model, keep it out of every field.

Every workflow's input passes the :class:`~clinllm.domain.ports.InjectionScreen` (injected by the
composition root; ``clinllm.screening`` holds the implementations). A flagged span is blanked
(offsets kept) before the recognizers and the model see the text, nothing inside it grounds a
value, and it is recorded as a ``prompt_injection`` finding with its span as evidence: a span
is data, never an instruction, whatever it says.
"""

from __future__ import annotations

from dataclasses import dataclass

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.ports import InjectionScreen
from clinllm.domain.screening import Channel, ScreenResult

__all__ = ["INJECTION_FINDING", "Screened", "screen"]

#: The finding code every workflow records for a flagged span.
INJECTION_FINDING = "prompt_injection"


@dataclass(frozen=True, slots=True, repr=False)
class Screened:
    """One text after the screen.

    Attributes:
        text: The original text (evidence points into it).
        masked: The text with every flagged span blanked, same length.
        result: What the screen found.
    """

    text: str
    masked: str
    result: ScreenResult

    def __repr__(self) -> str:
        return f"Screened(chars={len(self.text)}, flagged={len(self.result.findings)})"

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The flagged ``(start, end)`` spans."""
        return tuple((f.start, f.end) for f in self.result.findings)

    def findings(self) -> list[Finding]:
        """One error-level finding per flagged span, with the span as evidence."""
        return [
            Finding(
                code=INJECTION_FINDING,
                severity="error",
                message=(
                    "text addressed to an AI system was found and ignored; "
                    "no field was taken from it"
                ),
                evidence=(Evidence.at(self.text, f.start, min(f.end, len(self.text))),),
            )
            for f in self.result.findings
        ]


def screen(text: str, channel: Channel, screener: InjectionScreen) -> Screened:
    """Screen ``text`` arriving on ``channel``; mask what the screen flags."""
    result = screener.screen(text, channel)
    return Screened(text=text, masked=result.masked(text), result=result)
