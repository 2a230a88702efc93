"""The normalized detection view and its offset map (issue 10: disguised identifiers)."""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.normalize import fold, normalize, ocr_digits


def test_ascii_text_is_its_own_view() -> None:
    view = normalize("MRN 12345678, call 555-010-0199")
    assert view.identity
    assert view.text == "MRN 12345678, call 555-010-0199"
    assert view.to_source(4, 12) == (4, 12)


def test_plain_accented_text_is_its_own_view() -> None:
    view = normalize("José Muñoz visitó la clínica")
    assert view.identity


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("123\u200b-45-6789", "123-45-6789"),  # zero-width space
        ("555\u2011010\u20110199", "555-010-0199"),  # non-breaking hyphens
        ("555\u2013010\u22120199", "555-010-0199"),  # en dash, minus sign
        ("\uff15\uff15\uff15-\uff10\uff11\uff10", "555-010"),  # fullwidth digits
        ("\u0665\u0665\u0665", "555"),  # Arabic-Indic digits
        ("555\u00a0010\u20090199", "555 010 0199"),  # no-break and thin spaces
        ("44\u2060817\ufeff263\u200c\u200d", "44817263"),  # word joiner, BOM, ZWNJ, ZWJ
        ("03\u221504\u22151931", "03/04/1931"),  # division slashes
        ("\uff2d\uff32\uff2e", "MRN"),  # fullwidth letters
        ("Jose\u0301", "José"),  # combining accent composed
        ("ca\u00adre", "care"),  # soft hyphen
        ("a\u2028b", "a\nb"),  # line separator
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_view_spans_map_back_over_hidden_characters() -> None:
    raw = "SSN 123\u200b-45\u20116789 ok"
    view = normalize(raw)
    start = view.text.index("123")
    end = view.text.index(" ok")
    s, e = view.to_source(start, end)
    assert raw[s:e] == "123\u200b-45\u20116789"


def test_expanding_characters_map_to_their_whole_source() -> None:
    raw = "x \ufb01 y"  # the "fi" ligature is two view characters
    view = normalize(raw)
    assert view.text == "x fi y"
    assert view.to_source(2, 3) == (2, 3)
    assert view.to_source(3, 4) == (2, 3)


def test_repr_shows_shape_only() -> None:
    assert "Okafor" not in repr(normalize("Maria\u200b Okafor"))


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("SSN 123\u200b-45\u20116789 on file", "123\u200b-45\u20116789", "SSN"),
        ("cell (555)\u00a0010\u20130199 today", "(555)\u00a0010\u20130199", "PHONE"),
        ("MRN: 44\u200b8172\u206063", "44\u200b8172\u206063", "MRN"),
        ("DOB \uff10\uff13/\uff10\uff14/\uff11\uff19\uff13\uff11.", None, "DATE"),
        ("email jo\u200bhn@exam\u200bple.org", "jo\u200bhn@exam\u200bple.org", "EMAIL"),
    ],
)
def test_disguised_identifiers_are_found_at_original_offsets(
    text: str, value: str | None, kind: str
) -> None:
    found = [f for f in detect(text) if f.type == kind]
    assert len(found) == 1
    f = found[0]
    assert text[f.start : f.end] == f.text
    if value is not None:
        assert f.text == value
    else:
        assert fold(f.text) == "03/04/1931"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cell 555-O10-4471", "cell 555-010-4471"),
        ("call 555.0l0.4471 now", "call 555.010.4471 now"),
        ("MRN: 0O482913", "MRN: 00482913"),
        # codes and words keep their letters
        ("58 (I63.9); ICD I10, O2 sat 94; Hold Iodine 1200/800", None),
        ("call me at +912709331155 I'd like to", None),
    ],
)
def test_ocr_letters_inside_digit_runs_are_read_as_digits(text: str, expected: str | None) -> None:
    fixed = ocr_digits(text)
    assert len(fixed) == len(text)
    assert fixed == (expected if expected is not None else text)
