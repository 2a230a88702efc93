"""Hashing: one place for content digests and keyed digests.

Two kinds, for two different harms:

* :func:`sha256_hex` identifies *content that is not secret by itself* (a file's bytes, a
  canonical JSON record) so that a later copy can be compared with it.
* :func:`keyed_digest` (HMAC-SHA256) links records to *short secret text* (a portal message, a
  question) without storing it. A plain SHA-256 of a short message can be recovered by trying a
  dictionary of likely messages; an HMAC cannot without the key, which is never stored next to
  the digests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

__all__ = ["canonical_json", "keyed_digest", "sha256_hex"]


def _bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 of ``data`` (text is encoded as UTF-8) as 64 lower-case hex characters."""
    return hashlib.sha256(_bytes(data)).hexdigest()


def keyed_digest(key: bytes, data: bytes | str) -> str:
    """HMAC-SHA256 of ``data`` under ``key`` as 64 lower-case hex characters.

    Raises:
        ValueError: The key is shorter than 16 bytes (too weak to stop a dictionary attack).
    """
    if len(key) < 16:
        raise ValueError("a digest key must be at least 16 bytes")
    return hmac.new(key, _bytes(data), hashlib.sha256).hexdigest()


def canonical_json(value: Any) -> str:
    """JSON with sorted keys, no spaces and UTF-8 characters kept: the form that gets hashed.

    Why: two processes (or SQLite and PostgreSQL) must produce the same bytes for the same
    record, or digests computed at write time would not verify later.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
