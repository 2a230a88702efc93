"""The default screen: normalize, decode carriers, then rules and a classifier on every view.

Order matters. Normalization comes first so that no rule or feature sees a zero-width space or
a Cyrillic look-alike; decoding comes next so that an instruction inside base64 or leetspeak
is read like any other; the rules catch the well-known shapes with a name that explains the
finding; the classifier catches paraphrases no rule lists. Every finding is mapped back to the
original text, so masking blanks exactly the characters that carried the instruction (a whole
blob when it came from a decoded blob).
"""

from __future__ import annotations

from collections.abc import Mapping

from clinllm.domain.screening import Channel, ScreenFinding, ScreenResult
from clinllm.screening.classifier import SegmentClassifier, segments
from clinllm.screening.decoders import carriers, tag_characters
from clinllm.screening.normalize import View, normalize
from clinllm.screening.patterns import apply_rules, reported_speech, sentences

__all__ = ["LayeredScreen"]

#: Longest text screened in one piece; a longer one is screened in overlapping windows so
#: that cost stays linear and no regex backtracks over megabytes.
_WINDOW = 20_000
_OVERLAP = 500


class LayeredScreen:
    """Normalization, carrier decoding, rules and (optionally) a trained classifier.

    Args:
        classifier: Scores segments; None runs the rules alone.
        thresholds: Per channel, the classifier probability at or above which a segment is
            flagged. Document text is held to a stricter threshold than user text because a
            policy library contains many more benign imperatives than a chat box.
    """

    def __init__(
        self,
        classifier: SegmentClassifier | None,
        thresholds: Mapping[Channel, float] | None = None,
    ) -> None:
        self._classifier = classifier
        self._thresholds: Mapping[Channel, float] = (
            thresholds
            if thresholds is not None
            else (classifier.thresholds if classifier is not None else {})
        )

    def __repr__(self) -> str:
        return f"LayeredScreen(classifier={self._classifier!r})"

    def __eq__(self, other: object) -> bool:
        # Two screens are the same configuration when they would flag the same spans: same
        # classifier (its training run) and thresholds. Runs compare configurations this way.
        if not isinstance(other, LayeredScreen):
            return NotImplemented
        mine = getattr(self._classifier, "version", None)
        theirs = getattr(other._classifier, "version", None)
        same = mine == theirs if mine is not None else self._classifier is other._classifier
        return same and dict(self._thresholds) == dict(other._thresholds)

    __hash__ = None  # type: ignore[assignment]

    def screen(self, text: str, channel: Channel) -> ScreenResult:
        """Screen ``text``; never raises (an internal failure flags the whole text).

        Failing closed is deliberate: a text the screen could not read is not passed to a
        model as if it were clean.
        """
        try:
            findings: list[ScreenFinding] = []
            for offset in range(0, max(len(text), 1), _WINDOW - _OVERLAP):
                window = text[offset : offset + _WINDOW]
                findings.extend(self._screen_window(window, channel, offset))
                if offset + _WINDOW >= len(text):
                    break
            return ScreenResult(_merge(findings))
        except Exception:  # noqa: BLE001 (the port promises not to raise for any string)
            return ScreenResult((ScreenFinding(0, len(text), "screen_error", 1.0),))

    def classifier_score(self, text: str, channel: Channel) -> float:
        """The classifier's highest probability over every view and segment of ``text``.

        The text is flagged by the classifier exactly when this reaches the channel's
        threshold, so this is the number to calibrate a threshold on (the findings'
        scores are not: a flagged segment is narrowed to its sentences, and those score
        lower than the segment that flagged them). 0 without a classifier.
        """
        if self._classifier is None:
            return 0.0
        best = 0.0
        for offset in range(0, max(len(text), 1), _WINDOW - _OVERLAP):
            base = normalize(text[offset : offset + _WINDOW])
            for view in (base, *carriers(base), *tag_characters(text[offset : offset + _WINDOW])):
                scored = _without_reported_speech(view.text)
                for start, end in segments(scored):
                    best = max(best, self._classifier.probability(scored[start:end], channel))
            if offset + _WINDOW >= len(text):
                break
        return best

    def _screen_window(self, text: str, channel: Channel, offset: int) -> list[ScreenFinding]:
        base = normalize(text)
        views: list[View] = [base, *carriers(base), *tag_characters(text)]
        findings: list[ScreenFinding] = []
        threshold = self._thresholds.get(channel, 1.01)
        for view in views:
            decoded = view.kind != "normalized"
            rule_spans: list[tuple[int, int]] = []
            for hit in apply_rules(view.text):
                start, end = view.origin(hit.start, hit.end)
                rule_spans.append((hit.start, hit.end))
                reason = f"{hit.reason}_in_{view.kind}" if decoded else hit.reason
                findings.append(ScreenFinding(start + offset, end + offset, reason, hit.score))
            if self._classifier is None:
                continue
            for start, end, probability in self._classify(view.text, channel, threshold):
                if any(start <= rs and re <= end for rs, re in rule_spans):
                    continue  # a rule already pinned the span down more precisely
                begin, stop = view.origin(start, end)
                reason = f"classifier_in_{view.kind}" if decoded else "classifier"
                findings.append(ScreenFinding(begin + offset, stop + offset, reason, probability))
        return findings

    def _classify(
        self, text: str, channel: Channel, threshold: float
    ) -> list[tuple[int, int, float]]:
        """Flagged spans of ``text``, as narrow as the classifier can pin them.

        Segments (the whole short text, pairs of sentences) are scored first; a flagged
        segment is then narrowed to those of its sentences that are flagged alone, and a
        flagged span that contains a narrower flagged span is dropped, so that masking does
        not blank the benign sentences around an injection.
        """
        assert self._classifier is not None
        scored = _without_reported_speech(text)
        spans = sentences(scored)
        flagged: list[tuple[int, int, float]] = []
        for start, end in segments(scored):
            probability = self._classifier.probability(scored[start:end], channel)
            if probability < threshold:
                continue
            inner = [(a, b) for a, b in spans if start <= a and b <= end]
            narrowed = []
            if len(inner) > 1:
                for a, b in inner:
                    alone = self._classifier.probability(scored[a:b], channel)
                    if alone >= threshold:
                        narrowed.append((a, b, alone))
            flagged.extend(narrowed or [(start, end, probability)])
        unique = list(dict.fromkeys(flagged))
        return [
            f
            for f in unique
            if not any(
                g is not f and f[0] <= g[0] and g[1] <= f[1] and g[:2] != f[:2] for g in unique
            )
        ]


def _without_reported_speech(text: str) -> str:
    """``text`` with quoted reported speech blanked, so the classifier scores the framing.

    The quote's characters become spaces, so offsets stay those of the view.
    """
    quotes = reported_speech(text)
    if not quotes:
        return text
    chars = list(text)
    for start, end in quotes:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _merge(findings: list[ScreenFinding]) -> tuple[ScreenFinding, ...]:
    """Overlapping findings become one, named by the most certain of them."""
    merged: list[ScreenFinding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            best = last if last.score >= finding.score else finding
            merged[-1] = ScreenFinding(
                last.start, max(last.end, finding.end), best.reason, max(last.score, finding.score)
            )
        else:
            merged.append(finding)
    return tuple(merged)
