"""What the runner reads: an input as text plus the :class:`SourceDocument` to store.

A message is normalized and hashed as text; a file goes through ingest (PDF, image, OCR) and is
hashed as bytes. Either way the stages get the same two things, and a file that cannot be read
still yields its hash when its bytes could be read, so its failure is recorded against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from clinllm.domain.hashing import sha256_hex
from clinllm.domain.records import SourceDocument
from clinllm.errors import IngestError
from clinllm.files import read_bounded
from clinllm.pipeline.ingest import IngestedDocument
from clinllm.pipeline.normalize import normalize_text

__all__ = ["SourceInput", "ingested_input", "read_for_hash", "text_input"]


@dataclass(frozen=True, slots=True)
class SourceInput:
    """The text the stages read and the document record it came from."""

    text: str
    document: SourceDocument


def text_input(text: str, source_name: str) -> SourceInput:
    """A message: normalized, hashed as UTF-8 text, pages split on form feeds."""
    text = normalize_text(text)
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\f"]
    return SourceInput(
        text=text,
        document=SourceDocument(
            sha256=sha256_hex(text),
            source_name=source_name[:255],
            text=text,
            pages=len(starts),
            media_type="text/plain",
            byte_size=len(text.encode("utf-8")),
            page_starts=tuple(starts),
        ),
    )


def ingested_input(document: IngestedDocument) -> SourceInput:
    """A file read by ingest: its text and the record of its bytes."""
    return SourceInput(
        text=document.text,
        document=SourceDocument(
            sha256=document.sha256,
            source_name=document.source_name[:255],
            text=document.text,
            pages=document.page_count,
            media_type=document.media_type,
            byte_size=document.byte_size,
            page_starts=tuple(page.start for page in document.pages),
        ),
    )


def read_for_hash(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, so a failed record still carries its hash; None if unreadable."""
    try:
        return read_bounded(path, max_bytes=max_bytes)
    except IngestError:
        return None
