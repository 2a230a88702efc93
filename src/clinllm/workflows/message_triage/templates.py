"""Staff-owned text: the emergency safety message and the reply draft templates.

Patient-facing text that matters for safety is written and approved by clinical staff, kept
in plain text files, and attached verbatim: a model never writes the emergency safety
message. The files ship in the package (``templates/``); a deployment can point at its own
directory with the same file names. Each file's SHA-256 is kept so a stored escalation or
draft proves which approved version it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Protocol

from clinllm.domain.hashing import sha256_hex
from clinllm.errors import ConfigError
from clinllm.workflows.message_triage.schema import CATEGORIES, Category

__all__ = ["Template", "Templates"]

SAFETY_FILE = "emergency_safety_message.txt"
NEUTRAL_FILE = "neutral_acknowledgement.txt"


class _Readable(Protocol):
    def joinpath(self, name: str) -> _Readable: ...
    def read_text(self, encoding: str = ...) -> str: ...


@dataclass(frozen=True, slots=True)
class Template:
    """One template file's text, its name and the hash of its content."""

    name: str
    text: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Templates:
    """Every template triage attaches.

    Attributes:
        safety: The emergency safety message.
        neutral: The neutral acknowledgement that replaces a rejected model draft.
        drafts: The reply draft template per category.
    """

    safety: Template
    neutral: Template
    drafts: dict[Category, Template]

    @classmethod
    def load(cls, directory: Path | None = None) -> Templates:
        """Read the templates from ``directory``, or from the package when None.

        Raises:
            ConfigError: A template file is missing or empty.
        """
        root: _Readable | Path = (
            directory
            if directory is not None
            else resources.files("clinllm.workflows.message_triage").joinpath("templates")
        )

        def read(name: str) -> Template:
            try:
                text = root.joinpath(name).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(
                    f"triage template {name} is missing", setting="triage.templates"
                ) from exc
            if not text:
                raise ConfigError(f"triage template {name} is empty", setting="triage.templates")
            return Template(name, text, sha256_hex(text))

        return cls(
            safety=read(SAFETY_FILE),
            neutral=read(NEUTRAL_FILE),
            drafts={c: read(f"draft_{c}.txt") for c in CATEGORIES},
        )
