"""Injection screens: implementations of :class:`clinllm.domain.screening.InjectionScreen`.

``default_screen()`` is what the composition root wires into every workflow's screen stage:
Unicode normalization, carrier decoding, named rules and the committed classifier
(:mod:`clinllm.screening.layered`). ``RuleScreen`` is the older sentence rule alone, kept for
the prior-auth workflow's re-export.
"""

from __future__ import annotations

from clinllm.domain.screening import InjectionScreen
from clinllm.screening.classifier import HashedLinearClassifier, default_classifier
from clinllm.screening.layered import LayeredScreen
from clinllm.screening.rules import RuleScreen

__all__ = ["HashedLinearClassifier", "LayeredScreen", "RuleScreen", "default_screen"]


def default_screen(*, classifier: bool = True) -> InjectionScreen:
    """The screen used when nothing else is configured.

    Args:
        classifier: Include the trained classifier (the default); without it only the
            normalization, decoders and rules run.
    """
    return LayeredScreen(default_classifier() if classifier else None)
