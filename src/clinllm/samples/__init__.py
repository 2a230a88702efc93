"""Synthetic sample documents for the demo, and the small writer that makes them.

Every name, member id, NPI and phone number in these files is invented (NPIs pass the Luhn
check, phones are 555-01xx); the codes are real code-system codes so that validation has
something true to check. ``manifest.json`` lists each file with the values a correct
extraction finds. Regenerate with ``scripts/make_samples.py``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["sample_manifest", "sample_note_path", "sample_paths"]


def _root() -> Path:
    return Path(str(resources.files(__name__)))


def sample_paths() -> list[Path]:
    """The bundled prior-authorization samples (text letters, a fax PDF, a scanned PDF)."""
    return sorted(p for p in _root().iterdir() if p.name.startswith("pa_"))


def sample_note_path() -> Path:
    """The bundled synthetic discharge summary the demo summarizes into a FHIR Bundle."""
    return _root() / "note_discharge_copd.txt"


def sample_manifest() -> list[dict[str, Any]]:
    """Each sample's file name, kind and expected extraction, as written by the generator."""
    data: list[dict[str, Any]] = json.loads((_root() / "manifest.json").read_text(encoding="utf-8"))
    return data
