"""PHI protection: find Safe Harbor identifiers, pseudonymize them, restore them.

```python
from clinllm.phi import detect
for f in detect(text):
    print(f.type, f.start, f.end, f.recognizer)   # f.text is PHI: never log it
```

Detection is rule-based and offline (no model, no download): recognizers in
``clinllm.phi.recognizers``, the engine in :class:`PhiDetector`. Pseudonymization with a
per-request :class:`Vault` lives in ``clinllm.phi.pseudonymize``; the gateway hook in
``clinllm.phi.guard``.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from clinllm.phi.detector import PhiDetector
from clinllm.phi.findings import PHI_TYPES, PhiFinding, PhiType
from clinllm.phi.guard import PhiDetectionFailed, PhiGuard, ProtectedTexts, PseudonymizingGuard
from clinllm.phi.pseudonymize import PseudonymizedText, Pseudonymizer, SurrogateStyle
from clinllm.phi.vault import Vault

if TYPE_CHECKING:
    DEFAULT_DETECTOR: PhiDetector

__all__ = [
    "DEFAULT_DETECTOR",
    "PHI_TYPES",
    "PhiDetectionFailed",
    "PhiDetector",
    "PhiFinding",
    "PhiGuard",
    "PhiType",
    "ProtectedTexts",
    "PseudonymizedText",
    "Pseudonymizer",
    "PseudonymizingGuard",
    "SurrogateStyle",
    "Vault",
    "default_detector",
    "detect",
]


@cache
def default_detector() -> PhiDetector:
    """The shared detector with every built-in recognizer, built on first use."""
    return PhiDetector.default()


def detect(text: str) -> list[PhiFinding]:
    """Find the PHI in ``text`` with the default detector.

    Args:
        text: Any text; nothing is logged or kept.

    Returns:
        Findings sorted by position, never overlapping.
    """
    return default_detector().detect(text)


def __getattr__(name: str) -> Any:
    # DEFAULT_DETECTOR is built lazily so importing clinllm.phi does no work.
    if name == "DEFAULT_DETECTOR":
        return default_detector()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
