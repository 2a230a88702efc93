"""The correction form: inputs from a record, edits read back."""

from __future__ import annotations

from clinllm.entrypoints.api.ui.fields import form_fields, read_changes

PAYLOAD = {
    "member_id": None,
    "payer": "Acme Health",
    "diagnoses": [{"code": "M54.16"}],
    "requesting_provider": {"name": "Ann Lee", "npi": "1234567893"},
}


def test_text_fields_are_literal_and_lists_are_json() -> None:
    by_name = {f.name: f for f in form_fields(PAYLOAD)}
    assert (by_name["member_id"].kind, by_name["member_id"].value) == ("text", "")
    assert by_name["diagnoses"].kind == "json"
    assert by_name["diagnoses"].value == '[{"code": "M54.16"}]'


def test_only_changed_fields_are_read_back_and_digits_stay_text() -> None:
    form = {
        "f.member_id": " 00123 ",
        "f.payer": "Acme Health",
        "f.diagnoses": '[{"code": "M54.16"}]',
        "f.requesting_provider": '{"name": "Ann Lee", "npi": "123"}',
        "f.unknown": "ignored",
        "csrf_token": "t",
    }
    changes, problems = read_changes(PAYLOAD, form)
    assert changes == {
        "member_id": "00123",
        "requesting_provider": {"name": "Ann Lee", "npi": "123"},
    }
    assert problems == {}


def test_an_empty_text_field_is_null_and_bad_json_is_a_problem() -> None:
    changes, problems = read_changes(PAYLOAD, {"f.payer": "  ", "f.diagnoses": "[{"})
    assert changes == {"payer": None}
    assert problems == {"diagnoses": "not valid JSON"}


def test_a_refused_form_shows_what_was_typed_with_the_problem() -> None:
    fields = form_fields(PAYLOAD, submitted={"f.payer": "typed"}, problems={"payer": "bad"})
    payer = next(f for f in fields if f.name == "payer")
    assert (payer.value, payer.problem, payer.input_id) == ("typed", "bad", "field-payer")
