"""Read a policy file (text, Markdown, HTML, PDF) into one normalized text with its metadata.

The text is what gets chunked, screened and quoted; hidden HTML (and Markdown comments, which a
rendered page does not show) is appended after the visible text as separate stretches, so a
chunk is either wholly visible or wholly hidden and offsets stay exact. Title, version and
effective date are read from the text when it states them.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from clinllm.errors import InputError
from clinllm.files import read_bounded
from clinllm.retrieval.chunker import TextPart
from clinllm.retrieval.html import html_to_text

__all__ = ["LoadedPolicy", "load_policy_file", "load_policy_text", "media_type_for"]

_MEDIA = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".pdf": "application/pdf",
}
_HIDDEN_HEADER = "\n\n"
#: Largest policy file accepted.
MAX_BYTES = 20 * 1024 * 1024
_VERSION = re.compile(
    r"\b(?:version|revision|rev\.?)\s*(?:no\.?|number|#)?\s*[:#]?\s*([A-Za-z]?\d[\w.-]{0,15})", re.I
)
_EFFECTIVE = re.compile(
    r"\beffective(?:\s+date)?\s*(?:on|as of|:)?\s*"
    r"([A-Za-z]{3,9}\.? \d{1,2}, \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})",
    re.I,
)
_MD_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


@dataclass(frozen=True, slots=True)
class LoadedPolicy:
    """One document's normalized text, its visible/hidden parts and metadata."""

    text: str
    parts: tuple[TextPart, ...]
    media_type: str
    title: str
    version: str | None
    effective_date: str | None

    def __repr__(self) -> str:
        hidden = sum(p.hidden for p in self.parts)
        return (
            f"LoadedPolicy(chars={len(self.text)}, media_type={self.media_type!r}, hidden={hidden})"
        )


def media_type_for(path: Path) -> str:
    """The media type of a policy file by its suffix.

    Raises:
        InputError: Not a text, Markdown, HTML or PDF file.
    """
    media = _MEDIA.get(path.suffix.lower())
    if media is None:
        raise InputError(f"{path.name}: unsupported policy file type (text, Markdown, HTML, PDF)")
    return media


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\x00", "")


def _iso_date(raw: str) -> str | None:
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y"):
        try:
            return datetime.strptime(raw, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _assemble(visible: str, hidden: list[str]) -> tuple[str, tuple[TextPart, ...]]:
    parts = [TextPart(0, len(visible))]
    text = visible
    for stretch in hidden:
        text += _HIDDEN_HEADER
        parts.append(TextPart(len(text), len(text) + len(stretch), hidden=True))
        text += stretch
    return text, tuple(parts)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:200]
    return "untitled"


def load_policy_text(
    raw: str, media_type: str = "text/plain", *, title: str | None = None
) -> LoadedPolicy:
    """Normalize a document already in memory.

    Args:
        raw: The document (HTML source for ``text/html``).
        media_type: How to read it.
        title: The title, when known; else read from the document.
    """
    raw = _normalize(raw)
    hidden: list[str] = []
    found_title: str | None = None
    if media_type == "text/html":
        page = html_to_text(raw)
        visible, hidden, found_title = page.visible, page.hidden, page.title
    elif media_type == "text/markdown":
        hidden = [m.group(1).strip() for m in _MD_COMMENT.finditer(raw) if m.group(1).strip()]
        visible = _MD_COMMENT.sub("", raw).strip()
    else:
        visible = raw.strip()
    text, parts = _assemble(visible, hidden)
    version = _VERSION.search(visible)
    effective = _EFFECTIVE.search(visible)
    return LoadedPolicy(
        text=text,
        parts=parts,
        media_type=media_type,
        title=(title or found_title or _first_line(visible)).strip()[:200],
        version=version.group(1) if version else None,
        effective_date=_iso_date(effective.group(1)) if effective else None,
    )


def load_policy_file(path: Path, *, title: str | None = None) -> LoadedPolicy:
    """Read and normalize one policy file.

    Raises:
        InputError: Unsupported type, unreadable, not UTF-8, or (PDF) no text; names the file.
    """
    media_type = media_type_for(path)
    if media_type == "application/pdf":
        from clinllm.pipeline.ingest import ingest

        document = ingest(path, max_bytes=MAX_BYTES, ocr="auto")
        loaded = load_policy_text(document.text, "text/plain", title=title)
        return dataclasses.replace(loaded, media_type=media_type)
    try:
        raw = read_bounded(path, max_bytes=MAX_BYTES).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text") from None
    return load_policy_text(raw, media_type, title=title)
