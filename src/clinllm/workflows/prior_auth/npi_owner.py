"""The requester's NPI by elimination: the one NPI in the packet that no other party owns.

A portal printout puts "Ord NPI" two pairs away from the clinician's name; a handwritten form
puts the value on the line under its label; a bilingual form writes "NPI del medico". The
name readers of :mod:`.parties` look for an NPI beside or just under the name and miss these.
What they share: the packet holds one valid NPI whose own label or line names no other party
(referrer, facility, lab, supplier...). A request has one requester, so that NPI is theirs.
It is a reading by elimination, not by a label, so its confidence stays below the review
threshold: a person confirms it.
"""

from __future__ import annotations

import re

from clinllm.codes import npi as npi_codes
from clinllm.workflows.prior_auth.layout import Layout
from clinllm.workflows.prior_auth.prose import PROSE_CEILING
from clinllm.workflows.prior_auth.recognizers import Span

__all__ = ["unowned_npi"]

_TEN = re.compile(r"(?<![\d-])(\d{10})(?![\d-])")
_NPI_WORD = re.compile(r"\bNPI\b", re.I)
# Another party's role in the NPI's own label or line (the requester's role beside it wins).
_OTHER = re.compile(
    r"\b(referr\w*|pcp|primary\s+care|facility|site|location|supplier|vendor|lab(?:oratory)?|"
    r"group|rendering|performing|attending|hospital|dme|pharmacy|radiolog\w*|patholog\w*|"
    r"therapist|coordinator|reviewer|billing|assistant)\b",
    re.I,
)
_OWN_ROLE = re.compile(r"\b(?:requesting|ordering|ord|prescrib\w*|solicitante)\b", re.I)


def _label_of(layout: Layout, start: int) -> str:
    """The words that label the number: its line before it, or the line above if it is alone.

    A pair further left on the same line ("Mbr #: X    Ord NPI: Y") is cut at the last run of
    spaces, so only the number's own pair counts.
    """
    line = layout.line_at(start)
    left = layout.text[line.start : start]
    own = re.split(r"\s{3,}|\t|\|", left)[-1]
    if own.strip(" :#.-") or line.index == 0:
        return own
    above = next((ln for ln in reversed(layout.lines[: line.index]) if not ln.blank), None)
    return above.text if above is not None else own


def unowned_npi(layout: Layout) -> Span | None:
    """The single valid NPI whose label names no other party, or ``None`` if none or several.

    Args:
        layout: The document's lines (the text the recognizers read).
    """
    found: dict[str, Span] = {}
    for m in _TEN.finditer(layout.text):
        value = m.group(1)
        if not npi_codes.is_valid(value):
            continue
        label = _label_of(layout, m.start())
        if not _NPI_WORD.search(label):
            continue
        if _OTHER.search(label) and not _OWN_ROLE.search(label):
            continue
        found.setdefault(value, Span(value, m.start(), m.end(), PROSE_CEILING))
    return next(iter(found.values())) if len(found) == 1 else None
