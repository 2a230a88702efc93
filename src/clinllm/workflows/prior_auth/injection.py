"""Prompt-injection text inside a prior-auth document: the shared rule screen's spans.

Such a sentence is reported as a finding and its characters are masked before the recognizers
and the model see the text, so it cannot set urgency, add a code or change any other field.
"""

from __future__ import annotations

from clinllm.screening.rules import InjectionSpan, find_injections, mask

__all__ = ["InjectionSpan", "find_injections", "mask"]
