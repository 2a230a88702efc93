"""The detection engine: run recognizers, drop clinical content, resolve overlaps.

Order of work for one text:

1. every recognizer proposes candidates;
2. guesses that overlap clinical content (codes, doses, eponym phrases) are dropped, and so
   is anything but a date or a contact point over a value that a recognizer marked
   ``NOT_PHI`` (a lot or model number, an NDC code after its label);
3. overlaps are resolved: higher priority wins, then the longer span, then the earlier;
4. every name found is repeated across the text (a surname seen once in a header is a
   name everywhere else in the note);
5. findings come back sorted and non-overlapping.

All of it runs on the normalized view of the text (:mod:`clinllm.phi.normalize`: format
characters removed, dashes, spaces and digits folded, NFKC; O/o and I/l read as digits inside
digit runs, as OCR confuses them), and findings are mapped back
to the original offsets, so an identifier written with zero-width characters or fullwidth
digits is found, and its finding covers the hidden characters too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Final, cast

from clinllm.phi.clinical import protected_spans
from clinllm.phi.findings import PhiFinding, PhiType
from clinllm.phi.normalize import normalize, ocr_digits
from clinllm.phi.recognizers import Candidate, Recognizer, default_recognizers
from clinllm.phi.recognizers.id_labels import NOT_PHI
from clinllm.phi.recognizers.name_repeats import propagate_names

__all__ = ["PhiDetector"]

# Recognizers whose candidates are guesses that a clinical span can veto.
_VETOABLE: Final = (
    "name",
    "generic_id",
    "labelled_id",
    "age_over_89",
    "city",
    "npi",
    "address_block",
    "table",
    "spoken_number",
    "vehicle_line",
)
# Recognizers whose candidates follow a label: a clinical span vetoes them only when the
# whole value is the code ("MRN E11.9" is nonsense; "U2793 9846 31" is a plan id).
_LABELLED: Final = frozenset({"labelled_id", "table"})
# A NOT_PHI value (a lot or model number, a cell of a "Make" or "Dx" column) vetoes
# identifier and name guesses over it, and phone shapes (an NDC code "0304-0601-73");
# not addresses or dates, which may hold one ("Lot 14, Pine Acres").
_VETOED_BY_NOT_PHI: Final = frozenset(
    {"MRN", "HEALTH_PLAN_ID", "ACCOUNT", "LICENSE", "VEHICLE", "DEVICE_ID", "OTHER_ID", "PHONE"}
    | {"FAX", "NAME"}
)


class _Spans:
    """Disjoint spans kept sorted, so an overlap test is a binary search, not a scan."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            self._starts.append(s)
            self._ends.append(e)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans starting before ``end``
        return i > 0 and self._ends[i - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """Whether one kept span holds all of ``start:end``."""
        i = bisect_left(self._starts, start + 1)  # spans starting at or before ``start``
        return i > 0 and self._ends[i - 1] >= end

    def gaps(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of ``start:end`` that no kept span covers."""
        out = []
        i = max(0, bisect_left(self._starts, start) - 1)
        pos = start
        while i < len(self._starts) and self._starts[i] < end:
            if self._ends[i] > pos:
                if self._starts[i] > pos:
                    out.append((pos, self._starts[i]))
                pos = max(pos, self._ends[i])
            i += 1
        if pos < end:
            out.append((pos, end))
        return out

    def add(self, start: int, end: int) -> None:
        """Insert a span known not to overlap any kept span."""
        i = bisect_left(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


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
        """Return the PHI findings in ``text``: sorted by start, never overlapping.

        Offsets are those of ``text`` itself, whatever the normalization changed.
        """
        view = normalize(text)
        chosen = self._detect_view(ocr_digits(view.text))
        spans: list[tuple[int, int, Candidate]] = []
        for c in chosen:
            start, end = view.to_source(c.start, c.end)
            if spans and start < spans[-1][1]:
                # Two view characters from one original character (a ligature) split
                # between findings: the original character goes to the first.
                start = spans[-1][1]
            if end > start:
                spans.append((start, end, c))
        return [
            # Spans come from this function, so the model is built without re-validation.
            PhiFinding.model_construct(
                start=start,
                end=end,
                type=cast("PhiType", c.type),
                text=text[start:end],
                confidence=c.confidence,
                recognizer=c.recognizer,
            )
            for start, end, c in spans
        ]

    def _detect_view(self, text: str) -> list[Candidate]:
        """The chosen candidates on the normalized view, sorted by position."""
        candidates: list[Candidate] = []
        not_phi: list[tuple[int, int]] = []
        for recognizer in self._recognizers:
            for c in recognizer.analyze(text):
                if c.type == NOT_PHI:
                    not_phi.append((c.start, c.end))
                else:
                    candidates.append(c)
        protected = _Spans(protected_spans(text))
        vetoed = _Spans(not_phi)
        candidates = [
            c
            for c in candidates
            if c.end > c.start
            and c.confidence >= self._min_confidence
            and not self._vetoed(c, protected)
            and not (c.type in _VETOED_BY_NOT_PHI and vetoed.overlaps(c.start, c.end))
        ]
        chosen = self._merge_names(self._resolve(text, candidates, []), candidates)
        if self._propagate:
            names = [(c.start, c.end) for c in chosen if c.type == "NAME"]
            repeats = [
                c for c in propagate_names(text, names) if not protected.overlaps(c.start, c.end)
            ]
            chosen = self._resolve(text, repeats, chosen)
        chosen.sort(key=lambda c: (c.start, c.end))
        return chosen

    @staticmethod
    def _vetoed(c: Candidate, protected: _Spans) -> bool:
        """Whether clinical content (a code, a dose, an eponym phrase) vetoes a guess."""
        family = c.recognizer.split(".")[0]
        if family in _LABELLED:
            return protected.covers(c.start, c.end)
        return family in _VETOABLE and protected.overlaps(c.start, c.end)

    @staticmethod
    def _merge_names(chosen: list[Candidate], candidates: list[Candidate]) -> list[Candidate]:
        """Grow each chosen name to the union of the name candidates that overlap it.

        Two rules often see two parts of one name ("Astrid" by its lexicon, "Astrid M.
        Björgvinsdóttir" by its context); the higher priority wins the overlap, and without
        this the rest of the name would stay in clear.
        """
        names = sorted((c for c in candidates if c.type == "NAME"), key=lambda c: c.start)
        if not names:
            return chosen
        others = _Spans((c.start, c.end) for c in chosen if c.type != "NAME")
        out: list[Candidate] = []
        for c in chosen:
            if c.type == "NAME":
                start, end = c.start, c.end
                grown = True
                while grown:
                    grown = False
                    for n in names:
                        if n.start < end and start < n.end and (n.start < start or n.end > end):
                            s2, e2 = min(start, n.start), max(end, n.end)
                            if not others.overlaps(s2, e2):
                                start, end, grown = s2, e2, True
                c = c._replace(start=start, end=end)
            out.append(c)
        # Grown names may now overlap each other: keep the first of each overlapping pair.
        out.sort(key=lambda c: (c.start, -c.end))
        kept: list[Candidate] = []
        for c in out:
            if kept and c.start < kept[-1].end:
                if c.type == "NAME" and kept[-1].type == "NAME":
                    if c.end > kept[-1].end:
                        kept[-1] = kept[-1]._replace(end=c.end)
                    continue
                continue
            kept.append(c)
        return kept

    @staticmethod
    def _resolve(
        text: str, candidates: Iterable[Candidate], kept: list[Candidate]
    ) -> list[Candidate]:
        """Greedy choice: priority, then length, then position; keep ``kept`` as they are.

        A candidate that loses part of its span to a stronger one keeps the rest when the
        rest holds a digit or the candidate followed a label ("601" of the plate "601 UCT"
        when "UCT, MN" reads as a town and state): both are PHI, and the characters no
        winner covers would otherwise stay in clear. Names are grown and merged by their
        own rule, so they lose whole.
        """
        chosen = list(kept)
        taken = _Spans((c.start, c.end) for c in chosen)
        ordered = sorted(candidates, key=lambda c: (-c.priority, -(c.end - c.start), c.start))
        for c in ordered:
            if not taken.overlaps(c.start, c.end):
                chosen.append(c)
                taken.add(c.start, c.end)
            elif c.type != "NAME":
                for start, end in taken.gaps(c.start, c.end):
                    while start < end and not text[start].isalnum():
                        start += 1
                    while end > start and not text[end - 1].isalnum():
                        end -= 1
                    rest = text[start:end]
                    strong = c.recognizer in _LABELLED or any(ch.isdigit() for ch in rest)
                    if end - start >= 2 and strong:
                        chosen.append(c._replace(start=start, end=end))
                        taken.add(start, end)
        return chosen
