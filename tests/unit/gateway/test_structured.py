import pytest
from pydantic import BaseModel, Field

from clinllm.errors import SchemaViolation
from clinllm.gateway.structured import (
    json_schema_for,
    parse_output,
    repair_message,
    strict_json_schema,
)


class Item(BaseModel):
    code: str = Field(max_length=8)


class Out(BaseModel):
    items: list[Item] = Field(default_factory=list, max_length=3)
    note: str | None = None


def test_strict_schema_closes_objects_and_requires_every_property() -> None:
    schema = strict_json_schema(json_schema_for(Out))
    assert schema["additionalProperties"] is False
    assert sorted(schema["required"]) == ["items", "note"]
    item = schema["$defs"]["Item"]
    assert item["additionalProperties"] is False
    assert item["required"] == ["code"]
    assert "default" not in schema["properties"]["note"]


def test_parse_accepts_fenced_json() -> None:
    assert parse_output('```json\n{"items": [{"code": "A1"}]}\n```', Out).items[0].code == "A1"


def test_parse_error_names_locations_not_values() -> None:
    secret = "ZZSECRETVALUE"
    with pytest.raises(SchemaViolation) as info:
        parse_output('{"items": [{"code": "' + secret + '"}]}', Out)
    assert "items.0.code" in str(info.value)
    assert secret not in str(info.value)
    assert secret not in repair_message(info.value).content


def test_not_json_is_a_schema_violation() -> None:
    with pytest.raises(SchemaViolation, match="not JSON"):
        parse_output("Sure! Here is the JSON you asked for", Out)


def test_transform_runs_before_validation() -> None:
    out = parse_output('{"note": "[NAME_1]"}', Out, transform=lambda d: {"note": "restored"})
    assert out.note == "restored"
