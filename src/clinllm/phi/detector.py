"""The detection engine: run recognizers, drop clinical content, resolve overlaps.

Order of work for one text:

1. every recognizer proposes candidates;
2. guesses that overlap clinical content (codes, doses, eponym phrases) are dropped;
3. overlaps are resolved: higher priority wins, then the longer span, then the earlier;
4. every name found is repeated across the text (a surname seen once in a header is a
   name everywhere else in the note);
5. findings come back sorted and non-overlapping.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from clinllm.phi.clinical import protected_spans
from clinllm.phi.findings import PhiFinding
from clinllm.phi.recognizers import Candidate, Recognizer, default_recognizers
from clinllm.phi.recognizers.names import propagate_names

__all__ = ["PhiDetector"]

# Recognizers whose candidates are guesses that a clinical span can veto.
_VETOABLE: Final = ("name", "generic_id", "labelled_id", "age_over_89", "city", "npi")


def _overlaps(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


class PhiDetector:
    """Finds PHI in text with a fixed set of recognizers.

    Args:
        recognizers: The rules to run; see :func:`clinllm.phi.recognizers.default_recognizers`.
        min_confidence: Findings below this are dropped. The default keeps everything:
            recall comes first, a redacted non-identifier costs less than a leaked one.
        propagate_names: Repeat found names across the text (recommended).
    """

    def __init__(
        self,
        recognizers: Sequence[Recognizer],
        *,
        min_confidence: float = 0.0,
        propagate_names: bool = True,
    ) -> None:
        self._recognizers = tuple(recognizers)
        self._min_confidence = min_confidence
        self._propagate = propagate_names

    @classmethod
    def default(cls) -> PhiDetector:
        """A detector with every built-in recognizer."""
        return cls(default_recognizers())

    @property
    def recognizer_names(self) -> tuple[str, ...]:
        """Names of the configured recognizers, in run order."""
        return tuple(r.name for r in self._recognizers)

    def detect(self, text: str) -> list[PhiFinding]:
        """Return the PHI findings in ``text``: sorted by start, never overlapping."""
        candidates: list[Candidate] = []
        for recognizer in self._recognizers:
            candidates.extend(recognizer.analyze(text))
        protected = list(protected_spans(text))
        candidates = [
            c
            for c in candidates
            if c.end > c.start
            and c.confidence >= self._min_confidence
            and not (
                c.recognizer.split(".")[0] in _VETOABLE and _overlaps((c.start, c.end), protected)
            )
        ]
        chosen = self._resolve(candidates, [])
        if self._propagate:
            names = [(c.start, c.end) for c in chosen if c.type == "NAME"]
            repeats = [
                c
                for c in propagate_names(text, names)
                if not _overlaps((c.start, c.end), protected)
            ]
            chosen = self._resolve(repeats, chosen)
        chosen.sort(key=lambda c: (c.start, c.end))
        return [
            PhiFinding(
                start=c.start,
                end=c.end,
                type=c.type,  # type: ignore[arg-type]
                text=text[c.start : c.end],
                confidence=c.confidence,
                recognizer=c.recognizer,
            )
            for c in chosen
        ]

    @staticmethod
    def _resolve(candidates: Iterable[Candidate], kept: list[Candidate]) -> list[Candidate]:
        """Greedy choice: priority, then length, then position; keep ``kept`` as they are."""
        chosen = list(kept)
        taken = [(c.start, c.end) for c in chosen]
        ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        for c in ordered:
            if not _overlaps((c.start, c.end), taken):
                chosen.append(c)
                taken.append((c.start, c.end))
        return chosen
