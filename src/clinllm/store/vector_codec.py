"""How dense vectors are stored: int8 rows with a per-row scale, behind a self-describing header.

A chunk's vector and its sentences' vectors (about 5.6 per chunk) used to be stored as raw
float32: 1,536 bytes per 384-dimension row, some 8.6 KB per chunk, 0.9 GB per 100k chunks.
They are now stored as :data:`INT8` rows: each row's largest absolute component maps to 127,
and the row keeps that scale as one float32. That is 388
bytes per row (a quarter), and the cosine of a decoded row with a question moves by well under
the answer decision's smallest step (measured on the dev, tune and varied tune vectors: see
docs/policy-search.md, "Compact vectors").

Layout of an encoded value (little-endian)::

    magic (4 bytes: 00 00 c0 7f)  format (1 byte)  reserved (1 byte, 0)  dim (uint16)
    then one row after another:
      INT8:    scale (float32), dim x int8
      FLOAT16: dim x float16

The magic is a float32 quiet NaN. A value written before this format (raw float32 rows of a
normalized vector, migration ``0013_compact_vectors`` converts them) starts with a finite
number, so it can never be mistaken for a header: :func:`decode` still reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

import numpy as np

__all__ = ["FLOAT16", "INT8", "MAGIC", "decode", "decode_rows", "encode", "is_encoded"]

#: A float32 quiet NaN: no stored normalized float32 vector can start with it.
MAGIC: Final = b"\x00\x00\xc0\x7f"
#: Rows as int8 with one float32 scale each (the format written).
INT8: Final = 1
#: Rows as float16 (read; written only when asked for).
FLOAT16: Final = 2
_HEADER: Final = 8
_SCALE = np.dtype("<f4")


def is_encoded(blob: bytes) -> bool:
    """Whether ``blob`` carries this module's header (not a legacy raw float32 value)."""
    return len(blob) >= _HEADER and blob[:4] == MAGIC


def encode(rows: Sequence[Sequence[float]] | np.ndarray[Any, Any], *, fmt: int = INT8) -> bytes:
    """Encode one or more vectors of the same dimension (one row each).

    Raises:
        ValueError: No rows, rows of different dimensions, a dimension past 65,535, or an
            unknown format.
    """
    matrix = np.asarray(rows, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix.reshape(1, -1)
    if matrix.ndim != 2 or matrix.shape[0] == 0 or not 0 < matrix.shape[1] < 1 << 16:
        raise ValueError("encode takes a non-empty matrix of rows of one dimension < 65536")
    dim = int(matrix.shape[1])
    header = MAGIC + bytes([fmt, 0]) + dim.to_bytes(2, "little")
    if fmt == FLOAT16:
        return header + matrix.astype("<f2").tobytes()
    if fmt != INT8:
        raise ValueError(f"unknown vector format {fmt}")
    peak = np.abs(matrix).max(axis=1)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    values = np.clip(np.rint(matrix / scale[:, None]), -127, 127).astype(np.int8)
    out = np.empty((matrix.shape[0], 4 + dim), dtype=np.uint8)
    out[:, :4] = scale.astype(_SCALE).view(np.uint8).reshape(-1, 4)
    out[:, 4:] = values.view(np.uint8)
    return header + out.tobytes()


def decode(blob: bytes, rows: int | None = None) -> np.ndarray[Any, Any]:
    """The float32 matrix (one row per vector) of a stored value, encoded or legacy float32.

    Args:
        blob: The stored bytes.
        rows: How many rows a legacy float32 value holds (its dimension is unknown without
            it); None: one.

    Raises:
        ValueError: A header of an unknown format, or a length that does not fit it.
    """
    if not is_encoded(blob):
        flat = np.frombuffer(blob, dtype=np.float32)
        return flat.reshape(rows or 1, -1)
    fmt, dim = blob[4], int.from_bytes(blob[6:8], "little")
    body = memoryview(blob)[_HEADER:]
    if fmt == FLOAT16:
        if dim == 0 or len(body) % (2 * dim):
            raise ValueError("a float16 vector value of the wrong length")
        return np.frombuffer(body, dtype="<f2").astype(np.float32).reshape(-1, dim)
    if fmt != INT8:
        raise ValueError(f"unknown vector format {fmt}")
    width = 4 + dim
    if dim == 0 or len(body) % width:
        raise ValueError("an int8 vector value of the wrong length")
    raw = np.frombuffer(body, dtype=np.uint8).reshape(-1, width)
    scale = raw[:, :4].copy().view(_SCALE).reshape(-1)
    matrix: np.ndarray[Any, Any] = raw[:, 4:].view(np.int8).astype(np.float32) * scale[:, None]
    return matrix


def decode_rows(blobs: Sequence[bytes]) -> np.ndarray[Any, Any]:
    """One-row values (chunk vectors) as one float32 matrix, one row per value.

    Values of one length and header (what one embedder writes) are decoded in one step, so a
    reader's thousand vectors cost one numpy call, not a thousand.

    Raises:
        ValueError: Values of different dimensions, or one that :func:`decode` refuses.
    """
    if not blobs:
        return np.zeros((0, 0), dtype=np.float32)
    first = blobs[0]
    if all(len(b) == len(first) and b[:_HEADER] == first[:_HEADER] for b in blobs):
        if is_encoded(first):
            return decode(first[:_HEADER] + b"".join(b[_HEADER:] for b in blobs))
        return decode(b"".join(blobs), len(blobs))
    rows = [decode(b)[0] for b in blobs]
    if len({r.shape for r in rows}) != 1:
        raise ValueError("stored vectors of different dimensions")
    return np.stack(rows)
