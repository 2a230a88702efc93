"""The stored vector format: int8 rows with a scale behind a header, legacy float32 still read."""

from __future__ import annotations

import numpy as np
import pytest

from clinllm.store import vector_codec
from clinllm.store.vector_codec import FLOAT16, INT8, decode, decode_rows, encode, is_encoded


def _unit_rows(n: int, dim: int = 384, seed: int = 7) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    unit: np.ndarray = rows / np.linalg.norm(rows, axis=1, keepdims=True)
    return unit


def test_int8_is_a_quarter_of_float32_and_keeps_cosines_within_two_thousandths() -> None:
    rows = _unit_rows(50)
    blob = encode(rows)
    assert is_encoded(blob)
    assert len(blob) == 8 + 50 * (4 + 384)  # header, then scale + 384 bytes per row
    queries = _unit_rows(20, seed=8)
    error = np.abs(queries @ decode(blob).T - queries @ rows.T)
    assert error.max() < 2e-3
    assert error.mean() < 5e-4


def test_float16_is_read_and_nearly_exact() -> None:
    rows = _unit_rows(3)
    blob = encode(rows, fmt=FLOAT16)
    assert len(blob) == 8 + 3 * 384 * 2
    assert np.abs(decode(blob) - rows).max() < 1e-3


def test_a_legacy_float32_value_is_read_as_it_was_stored() -> None:
    rows = _unit_rows(4)
    legacy = rows.tobytes()
    assert not is_encoded(legacy)
    assert np.array_equal(decode(legacy, 4), rows)
    assert np.array_equal(decode(rows[0].tobytes()), rows[:1])


def test_no_finite_float32_vector_starts_with_the_header() -> None:
    # The magic is a float32 NaN: a stored vector (finite) can never be mistaken for a header.
    (first,) = np.frombuffer(vector_codec.MAGIC, dtype="<f4")
    assert np.isnan(first)


@pytest.mark.parametrize("fmt", [INT8, FLOAT16])
def test_one_row_values_decode_together_whatever_their_form(fmt: int) -> None:
    rows = _unit_rows(5)
    encoded = [encode([r], fmt=fmt) for r in rows]
    assert np.abs(decode_rows(encoded) - rows).max() < 2e-3
    legacy = [r.tobytes() for r in rows]
    assert np.array_equal(decode_rows(legacy), rows)
    mixed = decode_rows(encoded[:2] + legacy[2:])  # a database half converted
    assert mixed.shape == (5, 384)
    assert np.array_equal(mixed[2:], rows[2:])
    assert decode_rows([]).shape == (0, 0)


def test_zero_and_short_vectors_survive() -> None:
    assert np.array_equal(decode(encode([[0.0, 0.0]])), np.zeros((1, 2), dtype=np.float32))
    assert np.array_equal(decode(encode([[1.0, 0.0]])), np.array([[1.0, 0.0]], dtype=np.float32))


def test_malformed_values_are_refused() -> None:
    blob = encode(_unit_rows(2))
    with pytest.raises(ValueError, match="wrong length"):
        decode(blob[:-1])
    with pytest.raises(ValueError, match="unknown vector format"):
        decode(blob[:4] + bytes([9]) + blob[5:])
    with pytest.raises(ValueError, match="unknown vector format"):
        encode(_unit_rows(1), fmt=9)
    with pytest.raises(ValueError, match="non-empty"):
        encode(np.zeros((0, 3)))
    with pytest.raises(ValueError, match="different dimensions"):
        decode_rows([encode([[1.0, 0.0]]), encode([[1.0, 0.0, 0.0]])])
