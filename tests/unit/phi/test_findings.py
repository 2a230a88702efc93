from __future__ import annotations

import pydantic
import pytest

from clinllm.phi import PHI_TYPES, PhiFinding

SENTINEL = "Zebulon Quixtar-Vantablack"


def test_every_format_type_is_known() -> None:
    assert set(PHI_TYPES) == {
        "NAME",
        "ADDRESS",
        "DATE",
        "AGE_OVER_89",
        "PHONE",
        "FAX",
        "EMAIL",
        "SSN",
        "MRN",
        "HEALTH_PLAN_ID",
        "ACCOUNT",
        "LICENSE",
        "VEHICLE",
        "DEVICE_ID",
        "URL",
        "IP",
        "BIOMETRIC",
        "OTHER_ID",
    }


def test_finding_is_frozen_and_hides_its_value() -> None:
    f = PhiFinding(start=0, end=26, type="NAME", text=SENTINEL, confidence=0.9, recognizer="x")
    assert SENTINEL not in repr(f)
    with pytest.raises(pydantic.ValidationError):
        f.start = 3  # type: ignore[misc]


def test_validation_error_does_not_echo_the_value() -> None:
    with pytest.raises(pydantic.ValidationError) as info:
        PhiFinding(start=0, end=26, type="PERSON", text=SENTINEL, confidence=2.0, recognizer="x")  # type: ignore[arg-type]
    assert SENTINEL not in str(info.value)
    assert "PERSON" not in str(info.value)
