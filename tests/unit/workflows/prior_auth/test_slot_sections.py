"""Slots under section headings, in other languages and with remarks in the label (issue 16).

Each test is one mechanism on text written here for it: an empty ``Label:`` over fields
indented under it (or named only by it: ``Name:``, ``ID:``, ``Date:``) is a section heading, not
a field left blank, and its sub-fields belong to its field; another party's section gives its
``Name:`` to nobody; Spanish labels and accents; ``Procedure (CPT)`` names its field by either part.
"""

from __future__ import annotations

import pytest

from clinllm.workflows.prior_auth.slots import find_slots

from .conftest import Extract

pytestmark = pytest.mark.anyio

SECTIONS = """PRIOR AUTHORIZATION REQUEST
Date: 03/02/2026
PATIENT:
  Name: Dana Okonkwo
  Date of birth: 04/05/1977
REQUESTING PROVIDER:
  Name: Maria Okafor, MD
  NPI: {npi}
INSURANCE:
  Plan: Harborview Health Plan
  ID: {member}
SERVICE:
  CPT: 72148
  ICD-10: M54.16
  Date: 03/20/2026
Clinical summary: ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.
"""


def sections(npi: str = "1245319599", member: str = "HHP204118937") -> str:
    return SECTIONS.format(npi=npi, member=member)


def test_a_heading_over_indented_fields_is_no_blank_field() -> None:
    slots = find_slots(sections())
    for name in ("patient_name", "requesting_provider_name", "member_id", "service_date"):
        assert [s.filled for s in slots[name]] == [True], name


def test_sub_fields_take_the_field_of_their_heading() -> None:
    text = sections()
    slots = find_slots(text)
    (provider,) = slots["requesting_provider_name"]
    assert text[provider.start : provider.end] == "Maria Okafor, MD"
    (patient,) = slots["patient_name"]
    assert text[patient.start : patient.end] == "Dana Okonkwo"
    (member,) = slots["member_id"]
    assert text[member.start : member.end] == "HHP204118937"
    (service,) = slots["service_date"]
    assert text[service.start : service.end] == "03/20/2026"


async def test_a_complete_sectioned_form_misses_nothing(extract: Extract) -> None:
    ex, _ = await extract(sections())
    assert ex.missing_fields == []
    assert ex.member_id == "HHP204118937"


async def test_a_blank_sub_field_is_missing(extract: Extract) -> None:
    ex, _ = await extract(sections(member="________"))
    assert ex.missing_fields == ["member_id"]


def test_a_heading_without_indent_is_known_by_its_sub_labels() -> None:
    text = "Requesting provider:\nName: Maria Okafor MD\nNPI: 1245319599\nMember ID:\nDOB: 4/5/77\n"
    slots = find_slots(text)
    assert [s.filled for s in slots["requesting_provider_name"]] == [True]
    assert "patient_name" not in slots
    # An empty field followed by another real field stays an empty field.
    assert [s.filled for s in slots["member_id"]] == [False]


def test_another_partys_section_gives_its_name_to_nobody() -> None:
    text = "Referring physician:\n  Name: Lee Chan DO\n  NPI: 1679576722\n"
    slots = find_slots(text)
    assert "requesting_provider_name" not in slots
    assert "patient_name" not in slots
    assert "requesting_provider_npi" not in slots


async def test_spanish_labels_and_blank_words(extract: Extract) -> None:
    text = (
        "SOLICITUD DE AUTORIZACIÓN PREVIA\n"
        "Aseguradora: Harborview Health Plan\n"
        "Nombre del paciente: Dana Okonkwo\n"
        "Fecha de nacimiento: 04/05/1977\n"
        "Número de afiliado: HHP204118937\n"
        "Médico solicitante: Maria Okafor\n"
        "NPI: 1245319599\n"
        "Código CPT: 72148\n"
        "Diagnóstico (CIE-10): M54.16\n"
        "Fecha del servicio: pendiente\n"
        "Justificación clínica: dolor radicular por 10 semanas pese a 6 semanas de fisioterapia.\n"
    )
    ex, _ = await extract(text)
    assert ex.missing_fields == ["service_date"]
    assert ex.member_id == "HHP204118937"


@pytest.mark.parametrize("label", ["Procedure (CPT)", "Requested service (CPT/HCPCS)"])
def test_a_label_with_a_remark_names_its_field_by_either_part(label: str) -> None:
    slots = find_slots(f"{label}: 72148\n")
    assert [s.filled for s in slots["procedure_code"]] == [True]


DASHED = (
    "PRIOR AUTH - OUTPATIENT IMAGING\nPatient - Dana Okonkwo\nDOB - 04/05/1977\n"
    "Health plan - Harborview Health Plan\nMember ID - HHP204118937\n"
    "Ordering physician - Maria Okafor MD\nNPI - 1245319599\nCPT - 72148\nICD-10 - M54.16\n"
    "Date of service - {dos}\n"
    "Clinical summary - ten weeks of radicular pain, failed 6 weeks of PT and NSAIDs.\n"
)


async def test_a_form_of_dashed_fields_is_read_like_labelled_fields(extract: Extract) -> None:
    ex, _ = await extract(DASHED.format(dos="03/20/2026"))
    assert ex.missing_fields == []
    assert ex.member_id == "HHP204118937"
    assert ex.requesting_provider.npi == "1245319599"


@pytest.mark.parametrize("blank", ["not on file", "unable to read (fax smudged)", "cut off"])
async def test_a_dashed_field_left_unreadable_is_missing(blank: str, extract: Extract) -> None:
    ex, _ = await extract(DASHED.format(dos=blank))
    assert ex.missing_fields == ["service_date"]


def test_headings_with_dashes_are_not_fields() -> None:
    from clinllm.workflows.prior_auth.forms import form_view

    text = (
        "SECTION A - PATIENT\nSECTION B - PROVIDER\nHOME ASSESSMENT - DONE\nFax cover - 2 pages\n"
    )
    assert form_view(text) == text
