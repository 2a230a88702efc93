"""Identifiers after a label: grouped values, many labels, layouts and not-PHI labels."""

from __future__ import annotations

import pytest

from clinllm.phi import detect
from clinllm.phi.recognizers.id_labels import NOT_PHI, header_kind
from clinllm.phi.recognizers.labelled_ids import LabelledIdRecognizer, id_value_at


def _found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.type) for f in detect(text)]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        # values written in groups stay whole
        ("Chart No.: 69 958 853\nDevice: CPAP", "69 958 853", "MRN"),
        ("Member ID ........ NUY 599 98 5894\nGroup", "NUY 599 98 5894", "HEALTH_PLAN_ID"),
        ("Beneficiary ID - W404396720 22 |", "W404396720 22", "HEALTH_PLAN_ID"),
        ("SN: PZX 771 204 S, model Advisa", "PZX 771 204 S", "DEVICE_ID"),
        # plates: a state first, letters last, a country or state name between label and value
        ("registration plate CA JDX 9886, VIN", "CA JDX 9886", "VEHICLE"),
        ("licence plate reads TP99 EGB, then", "TP99 EGB", "VEHICLE"),
        ("tag # number is Sweden KZJ 753, 2TG7", "KZJ 753", "VEHICLE"),
        ("witness gave a partial lic. plate # 6KMD. Deputy", "6KMD", "VEHICLE"),
        # labels not in the first list, English and Spanish
        ("Mbr ID: W818413125", "W818413125", "HEALTH_PLAN_ID"),
        ("Hosp No: E72446248", "E72446248", "MRN"),
        ("Su número de afiliado es U2793 9846 31 y", "U2793 9846 31", "HEALTH_PLAN_ID"),
        ("N.º de expediente = 1928-362-0", "1928-362-0", "MRN"),
        ("Vehículo: patente 94L X50\nEquipo", "94L X50", "VEHICLE"),
        ("La placa del carro de mi papá es 6LZV925 y", "6LZV925", "VEHICLE"),
        ("Núm. serie: 824056326UE, lote R9398J", "824056326UE", "DEVICE_ID"),
        # a label touching its value, a label in a two-column table
        ("Loaner wheelchair #WC-118 issued", "WC-118", "OTHER_ID"),
        ("| MRN | 5512 0094 |", "5512 0094", "MRN"),
        # the label alone on its line names the value below it
        ("Acct # |\n8088 9643 89\nRecord #", "8088 9643 89", "ACCOUNT"),
        ("pump serial |\n10398/JC |\nDate", "10398/JC", "DEVICE_ID"),
        # spelled-out label, "policy" right before an id
        ("M R N 00482913 on file", "00482913", "MRN"),
        ("Also policy W378778271 05 with Lakeshore Mutual", "W378778271 05", "HEALTH_PLAN_ID"),
    ],
)
def test_labelled_values_are_found_whole(text: str, value: str, kind: str) -> None:
    assert (value, kind) in _found(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # lot, model, REF, firmware, NDC, rooms: not identifiers of a person
        ("Lot: M6847Z    REF 608-4122    Model XN-3274", ["M6847Z", "608-4122", "XN-3274"]),
        ("reagent lot 35547K; firmware v9.8.20", ["35547K", "9.8.20"]),
        ("Notes: NDC 0942-9700-75 dispensed", ["0942-9700-75"]),
        ("Model number ................ AU-9061", ["AU-9061"]),
        # a count reached through a clause is no identifier
        ("Downloaded meter (30 days): mean 148, 11% low", ["148"]),
        ("A bi-level device (E0470) is covered", ["E0470"]),
    ],
)
def test_not_phi_values_stay(text: str, kept: list[str]) -> None:
    found = " ".join(f.text for f in detect(text))
    assert not any(value in found for value in kept)


def test_a_serial_beside_a_lot_is_found_and_the_lot_kept() -> None:
    text = "Insulin pump S/N KV-40031-JR, lot 2211807, REF M8275058/5."
    assert _found(text) == [("KV-40031-JR", "DEVICE_ID")]


def test_not_phi_values_are_proposed_as_vetoes() -> None:
    kinds = {c.type for c in LabelledIdRecognizer().analyze("Lot 22B0417 and model TR-641")}
    assert kinds == {NOT_PHI}


def test_grouped_value_stops_at_labels_units_and_columns() -> None:
    text = "MRN 1234567 DOB 01/02/1930"
    assert id_value_at(text, 4, "MRN") == (4, 11)
    text = "Member ID 12345678 90 days"
    assert id_value_at(text, 10, "HEALTH_PLAN_ID") == (10, 18)
    text = "Policy # TWM-8613161   Group: 4410"
    assert id_value_at(text, 9, "HEALTH_PLAN_ID") == (9, 20)


def test_a_labelled_value_is_vetoed_only_when_it_is_a_code() -> None:
    # "U2089" alone would be a code; a plan id that starts like one is not.
    assert ("U2089 9464 49", "HEALTH_PLAN_ID") in _found("Medicaid #\nU2089 9464 49\nDate")
    assert _found("Diagnosis code: E11.9") == []


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("PumpSerial", "DEVICE_ID"),
        ("MedRecNo", "MRN"),
        ("FIN_Acct", "ACCOUNT"),
        ("Tag No.", "VEHICLE"),
        ("Lic Plate", "VEHICLE"),
        ("Policy", "HEALTH_PLAN_ID"),
        ("Name", "NAME"),
        ("DxCode", NOT_PHI),
        ("Lot", NOT_PHI),
        ("Make", NOT_PHI),
        ("Implanted", None),
    ],
)
def test_column_headers_are_typed(header: str, kind: str | None) -> None:
    assert header_kind(header) == kind
