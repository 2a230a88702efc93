"""Cells of tables typed by their column header (issue 16)."""

from __future__ import annotations

from clinllm.phi import detect
from clinllm.phi.recognizers.tables import TableColumnRecognizer


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.type) for f in detect(text)]


def test_space_aligned_device_table() -> None:
    text = (
        "Device inventory\n\n"
        "Device        Model      Lot       Serial No.    Implanted\n"
        "Hub           FKA-32     N7187J    MN.4790.56    2022-12-26\n"
        "RV lead       1914-95    B1931C    1HV1FW        2024-04-11\n"
    )
    found = _found(text)
    assert ("MN.4790.56", "DEVICE_ID") in found
    assert ("1HV1FW", "DEVICE_ID") in found  # a short serial no prose rule would take
    assert not any(v in ("FKA-32", "1914-95", "N7187J", "B1931C") for v, _ in found)


def test_pipe_table_of_vehicles() -> None:
    text = (
        "Unit | Make | Tag No. | State | VIN\n"
        "1 | Ford | GP1 3506 | FL | PEL1FTE3410074683\n"
        "2 | Kia | 21D N03 | NC | SBC03UMJ81YD85441\n"
    )
    found = _found(text)
    assert ("GP1 3506", "VEHICLE") in found
    assert ("21D N03", "VEHICLE") in found
    assert not any(t == "NAME" for _, t in found)  # "Kia" under "Make" is no person


def test_csv_export_with_compound_headers() -> None:
    text = "Name,PumpSerial,MedRecNo,DxCode,Units\nBergkamp Verity,6EM4KS,A65-7430-13,M5416,17\n"
    found = _found(text)
    assert ("Bergkamp Verity", "NAME") in found
    assert ("6EM4KS", "DEVICE_ID") in found
    assert ("A65-7430-13", "MRN") in found
    assert not any(v in ("M5416", "17") for v, _ in found)


def test_a_zip_column_alone() -> None:
    text = "Name                ZIP     Vaccine  Lot\nUmberto Leclercq    18379   RSV      V7150W\n"
    found = _found(text)
    assert ("18379", "ADDRESS") in found
    assert not any(v == "V7150W" for v, _ in found)


def test_a_row_of_a_two_column_form_is_not_a_header() -> None:
    text = "| Patient | Cordelia Haverkamp |\n| MRN | 5512 0094 |\n| Device | Tandem pump |\n"
    candidates = list(TableColumnRecognizer().analyze(text))
    assert candidates == []
    assert ("Cordelia Haverkamp", "NAME") in _found(text)
