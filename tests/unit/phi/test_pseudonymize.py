from __future__ import annotations

import datetime as dt
import re

import pytest

from clinllm.phi import PhiDetector, Pseudonymizer

SALT_A = b"tenant-a-salt-0123456789"
SALT_B = b"tenant-b-salt-9876543210"
NOTE = (
    "Patient: Ottoline Barrowcliffe, DOB 07/04/1961. Admitted 02/11/2026, discharged "
    "02/17/2026. Her son Casimir Barrowcliffe (cell 555-010-7788) visited. "
    "Ms. Barrowcliffe was seen by Dr. Quillon. MRN: 0044719."
)


@pytest.fixture(scope="module")
def detector() -> PhiDetector:
    return PhiDetector.default()


def test_placeholders_are_typed_consistent_and_reversible(detector: PhiDetector) -> None:
    result = Pseudonymizer(detector, salt=SALT_A).pseudonymize(NOTE, scope="t/p1")
    assert "Barrowcliffe" not in result.text
    assert "0044719" not in result.text
    assert "[NAME_1]" in result.text
    assert "[MRN_1]" in result.text
    # the patient's surname alone maps to the patient's surrogate
    assert result.text.count("[NAME_1]") == 2
    assert result.vault.restore_text("patient [NAME_1], mrn [MRN_1]") == (
        "patient Ottoline Barrowcliffe, mrn 0044719"
    )
    assert result.counts["DATE"] == 3


def test_realistic_surrogates_round_trip_exactly(detector: PhiDetector) -> None:
    pseudo = Pseudonymizer(detector, salt=SALT_A, style="realistic")
    result = pseudo.pseudonymize(NOTE, scope="t/p1")
    assert "Barrowcliffe" not in result.text
    assert "555-010-7788" not in result.text
    assert result.vault.restore_text(result.text) == NOTE


def test_same_value_same_surrogate_within_scope_but_not_across_tenants(
    detector: PhiDetector,
) -> None:
    a1 = Pseudonymizer(detector, salt=SALT_A, style="realistic").pseudonymize(NOTE, scope="p1")
    a2 = Pseudonymizer(detector, salt=SALT_A, style="realistic").pseudonymize(NOTE, scope="p1")
    b = Pseudonymizer(detector, salt=SALT_B, style="realistic").pseudonymize(NOTE, scope="p1")
    assert a1.text == a2.text
    assert a1.text != b.text


def test_date_shift_preserves_intervals(detector: PhiDetector) -> None:
    pseudo = Pseudonymizer(detector, salt=SALT_A, shift_dates=True)
    text = pseudo.pseudonymize(NOTE, scope="p1").text
    dates = [
        dt.datetime.strptime(d, "%m/%d/%Y").date() for d in re.findall(r"\d\d/\d\d/\d{4}", text)
    ]
    assert len(dates) == 3
    assert (dates[2] - dates[1]).days == 6
    assert "02/11/2026" not in text
    assert pseudo.shift_days("p1") != 0
    assert pseudo.shift_days("p1") == pseudo.shift_days("p1")


def test_restore_json_restores_nested_strings(detector: PhiDetector) -> None:
    result = Pseudonymizer(detector, salt=SALT_A).pseudonymize(NOTE, scope="p1")
    restored = result.vault.restore_json(
        {"patient": {"name": "[NAME_1]"}, "ids": ["[MRN_1]", 3], "ok": True}
    )
    assert restored == {
        "patient": {"name": "Ottoline Barrowcliffe"},
        "ids": ["0044719", 3],
        "ok": True,
    }


def test_short_salt_is_refused(detector: PhiDetector) -> None:
    with pytest.raises(ValueError, match="salt"):
        Pseudonymizer(detector, salt=b"short")
