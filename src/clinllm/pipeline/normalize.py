r"""Normalize: the one text every later stage reads, whatever the input was.

Ingest already joins pages with a form feed (``\f``) and normalizes what it reads; text given
directly (a portal message, an API call) gets the same treatment here: one newline convention
and Unicode NFC, so an offset means the same character everywhere. Nothing is removed that
would move offsets of text a person reads.

Detectors that want a looser view (NFKC, format characters removed, with an offset map back)
build it from this text; the PHI package is building that view (``clinllm.phi``).
"""

from __future__ import annotations

import unicodedata

__all__ = ["normalize_text"]


def normalize_text(text: str) -> str:
    r"""``text`` with ``\r\n``/``\r`` as ``\n`` and composed Unicode (NFC)."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
