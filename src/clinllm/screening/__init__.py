"""Injection screens: implementations of :class:`clinllm.domain.screening.InjectionScreen`.

``default_screen()`` is what the composition root wires into every workflow's screen stage.
"""

from __future__ import annotations

from clinllm.domain.screening import InjectionScreen
from clinllm.screening.rules import RuleScreen

__all__ = ["RuleScreen", "default_screen"]


def default_screen() -> InjectionScreen:
    """The screen used when nothing else is configured."""
    return RuleScreen()
