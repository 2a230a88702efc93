"""Confidence: one number per field, from how the value was read and what validation said.

The merge gives each value a confidence from how it was read (a rule at a labelled field, the
model alone, rules and model agreeing or disagreeing). Here the validate stage's caps are applied
(a failed check digit, a category instead of a billable code), and each list gets the confidence
of its weakest item: a request is only as sure as its least sure code.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clinllm.pipeline.spec import Draft

__all__ = ["score"]

_ITEM = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*)\[\d+\]$")


def score(draft: Draft[Any], caps: Mapping[str, float]) -> None:
    """Apply ``caps`` to the fields present, then set each list's to its weakest item's."""
    for key, cap in caps.items():
        if key in draft.confidence:
            draft.confidence[key] = min(draft.confidence[key], cap)
    lists: dict[str, list[float]] = {}
    for key, value in draft.confidence.items():
        m = _ITEM.match(key)
        if m is not None:
            lists.setdefault(m["field"], []).append(value)
    for name, values in lists.items():
        draft.confidence[name] = min(values)
