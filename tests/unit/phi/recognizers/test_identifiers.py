from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.recognizers.identifiers import dea_checksum_ok, npi_checksum_ok


def test_npi_check_digit() -> None:
    assert npi_checksum_ok("1234567893")
    assert not npi_checksum_ok("1234567890")
    assert not npi_checksum_ok("12345")


def test_dea_check_digit() -> None:
    assert dea_checksum_ok("BK8027319")
    assert not dea_checksum_ok("BK8027318")


def test_unlabelled_npi_and_dea_are_found() -> None:
    found = {f.text: f.type for f in detect("ordering 1234567893, DEA BK8027319")}
    assert found == {"1234567893": "OTHER_ID", "BK8027319": "LICENSE"}


def test_a_label_a_few_words_before_the_value_still_counts() -> None:
    found = {f.text: f.type for f in detect("Her student ID for the field trip form is S-5512090.")}
    assert found == {"S-5512090": "OTHER_ID"}


def test_durations_are_not_identifiers() -> None:
    assert detect("Prescription filled for a 5-day supply.") == []


def test_biometric_identifiers_by_label() -> None:
    found = {f.text: f.type for f in detect("Enrolled fingerprint ID FP-0091-7731 at the kiosk.")}
    assert found == {"FP-0091-7731": "BIOMETRIC"}


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Home hub MAC address 68:1C:89:0B:C5:1D, ok", "68:1C:89:0B:C5:1D", "DEVICE_ID"),
        ("router 00-1a-2b-3c-4d-5e online", "00-1a-2b-3c-4d-5e", "DEVICE_ID"),
        ("switch 001a.2b3c.4d5e port", "001a.2b3c.4d5e", "DEVICE_ID"),
        ("card 8949 4260 8683 8023 expired", "8949 4260 8683 8023", "ACCOUNT"),
        ("IBAN GB81 5245 9106 5365 9522 59 please", "GB81 5245 9106 5365 9522 59", "ACCOUNT"),
    ],
)
def test_mac_addresses_cards_and_ibans(text: str, value: str, kind: str) -> None:
    assert (value, kind) in [(f.text, f.type) for f in detect(text)]
