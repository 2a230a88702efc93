import hashlib
import hmac

import pytest

from clinllm.domain.hashing import canonical_json, keyed_digest, sha256_hex


def test_sha256_hex_encodes_text_as_utf8() -> None:
    assert sha256_hex("é") == hashlib.sha256("é".encode()).hexdigest()
    assert sha256_hex(b"abc") == hashlib.sha256(b"abc").hexdigest()


def test_keyed_digest_depends_on_the_key() -> None:
    key = b"k" * 16
    assert keyed_digest(key, "chest pain") == hmac.new(key, b"chest pain", "sha256").hexdigest()
    assert keyed_digest(key, "chest pain") != keyed_digest(b"j" * 16, "chest pain")
    assert keyed_digest(key, "chest pain") != sha256_hex("chest pain")


def test_keyed_digest_refuses_a_short_key() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        keyed_digest(b"short", "x")


def test_canonical_json_is_order_independent() -> None:
    expected = '{"a":"é","b":1}'
    assert canonical_json({"b": 1, "a": "é"}) == canonical_json({"a": "é", "b": 1}) == expected
