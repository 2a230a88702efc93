from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.recognizers.identifiers import dea_checksum_ok, npi_checksum_ok, vin_checksum_ok


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


def test_vin_check_digit() -> None:
    assert vin_checksum_ok("1HGCM82633A004352")
    assert vin_checksum_ok("1hgcm82633a004352")
    assert not vin_checksum_ok("1HGCM82643A004352")
    assert not vin_checksum_ok("1HGCM8263")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a check digit makes a lower-case VIN one
        ("3, Kia, 0CJF46, TX, sryv7f109gbd09898", "sryv7f109gbd09898"),
        ("car vin 1hgcm82633a004352 towed", "1hgcm82633a004352"),
        # capitals with five digits stay VINs without it (most VINs outside North America)
        ("chassis WVWZZZ1JZXW000001 imported", "WVWZZZ1JZXW000001"),
    ],
)
def test_vins_with_and_without_check_digit(text: str, found: str) -> None:
    assert (found, "VEHICLE") in [(f.text, f.type) for f in detect(text)]


def test_a_lower_case_code_without_check_digit_is_no_vin() -> None:
    assert detect("token abcdefgh12345678x end") == []
