from __future__ import annotations

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
