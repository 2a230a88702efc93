"""Layouts the first rules did not read: tables, machine keys, inline members, prose criteria.

Each test is one general mechanism (not a document): the same fields written the way exported
forms, case summaries and payer letters write them.
"""

from __future__ import annotations

from clinllm.workflows.prior_auth.forms import form_view
from clinllm.workflows.prior_auth.rules import recognize

TABLE = """\
RIVERBEND CLINIC | PRIOR AUTH REQUEST | 03/02/2026
| Field | Value |
|---|---|
| Patient | Dana Okonkwo |
| DOB | 4/5/77 |
| Payer | Harborview Health Plan |
| Member ID | HHP 204 118 937 |
| Provider | (signature illegible) |
| NPI | 1245319599 |
| Date of service | 3/20/26 |

| Type | Code | Description |
|---|---|---|
| CPT | 72148 | MRI lumbar spine without contrast |
| ICD-10 | M5416 | Radiculopathy, lumbar region |

Referring physician: Lucas Brennan, NPI 1679576722
No authorization needed for: A4565 sling.
"""

PORTAL = """\
PATIENT_INFORMATION
patient_name: Dana Okonkwo
date_of_birth: 1977-04-05
health_plan: Harborview Health Plan
member_id: HHP204118937
group_number: GR4411
SERVICE_INFORMATION
procedure_codes: 29881
diagnosis_codes: S83241A;M2341
"""

CASE = """\
Harborview Health Plan - UM CASE SUMMARY
Member Dana Okonkwo (04/05/1977), ID HHP204118937
Service: knee arthroscopy; codes 29881; diagnoses S83.241A, M2341
Reviewer notes:
Knee locking for 4 months despite physical therapy; MRI shows a bucket-handle tear.
Not part of this request: total knee arthroplasty (27447) may be requested later.
Our orthopedic policy asks for imaging that confirms the tear, and for 6 weeks of therapy.
"""


def test_the_form_view_keeps_every_offset() -> None:
    for text in (TABLE, PORTAL, CASE):
        view = form_view(text)
        assert len(view) == len(text)
        assert [i for i, ch in enumerate(view) if ch == "\n"] == [
            i for i, ch in enumerate(text) if ch == "\n"
        ]
    assert "Member ID : HHP 204 118 937" in form_view(TABLE)
    assert "member id: HHP204118937" in form_view(PORTAL)


def test_pipe_tables_are_fields() -> None:
    c = recognize(TABLE)
    assert c.member_id is not None
    assert c.member_id.value == "HHP 204 118 937"
    assert TABLE[c.member_id.start : c.member_id.end] == "HHP 204 118 937"
    assert [h.code for h in c.procedures] == ["72148"]  # the sling needs no authorization
    assert [h.code for h in c.diagnoses] == ["M54.16"]  # undotted, in an ICD-10 row
    assert c.patient_name is not None
    assert c.patient_dob is not None
    assert c.service_date is not None


def test_an_unreadable_provider_keeps_its_npi_and_a_referring_npi_is_not_taken() -> None:
    c = recognize(TABLE)
    assert c.provider_name is None
    assert c.provider_npi is not None
    assert c.provider_npi.value == "1245319599"


def test_machine_keys_are_labels() -> None:
    c = recognize(PORTAL)
    assert c.member_id is not None
    assert c.member_id.value == "HHP204118937"
    assert c.payer is not None
    assert c.payer.value == "Harborview Health Plan"
    assert [h.code for h in c.diagnoses] == ["S83.241A", "M23.41"]
    assert c.patient_name is not None
    assert c.patient_dob is not None


def test_inline_member_and_deferred_request_and_prose_criteria() -> None:
    c = recognize(CASE)
    assert c.member_id is not None
    assert c.member_id.value == "HHP204118937"
    assert c.patient_name is not None
    assert c.patient_dob is not None
    assert [h.code for h in c.procedures] == ["29881"]  # 27447 is a later request
    assert [h.code for h in c.diagnoses] == ["S83.241A", "M23.41"]  # "diagnoses" in the clause
    assert c.justification is not None
    reqs = [r.value for r in c.requirements]
    assert "imaging that confirms the tear" in reqs
    assert any(r.startswith("6 weeks of therapy") for r in reqs)


def test_surname_first_with_credentials_and_a_signature_label() -> None:
    text = (
        "Surgeon........ Brennan, Lucas MD        NPI....... 1679576722\n"
        "Assistant...... Halloran, Greer PA-C     NPI....... 1245319599\n"
    )
    c = recognize(text)
    assert c.provider_name is not None
    assert c.provider_name.value == "Lucas Brennan"
    assert c.provider_npi is not None
    assert c.provider_npi.value == "1679576722"
    signed = (
        "Electronically signed: Maria Okafor, DO  NPI ______\n"
        "Referring: Lucas Brennan, NPI 1679576722\n"
    )
    s = recognize(signed)
    assert s.provider_name is not None
    assert s.provider_name.value == "Maria Okafor"
    assert s.provider_npi is None
    assert s.npi_blank
