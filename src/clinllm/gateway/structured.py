"""Structured output: schemas for providers, prompted instructions, parsing and the repair re-ask.

Whatever the provider, the gateway validates the output against the pydantic model itself:
a provider's "native" enforcement can silently fall back (llama.cpp does for schemas its
grammar converter cannot handle), so it is never trusted on its own.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from clinllm.errors import SchemaViolation
from clinllm.gateway.ports import Message

__all__ = [
    "json_schema_for",
    "map_strings",
    "parse_output",
    "prompted_instructions",
    "repair_message",
    "strict_json_schema",
    "strict_json_schema_for",
]

T = TypeVar("T", bound=BaseModel)

_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """Apply ``fn`` to every string inside parsed JSON (restores PHI surrogates in an answer)."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, list):
        return [map_strings(v, fn) for v in value]
    if isinstance(value, dict):
        return {k: map_strings(v, fn) for k, v in value.items()}
    return value


@functools.cache
def json_schema_for(output: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of ``output`` as pydantic writes it (validation mode).

    Cached per model class: generating a schema costs milliseconds, more than the rest of a
    gateway call. Callers must not mutate the result.
    """
    return output.model_json_schema()


@functools.cache
def strict_json_schema_for(output: type[BaseModel]) -> dict[str, Any]:
    """:func:`strict_json_schema` of ``output``'s schema, cached per model class."""
    return strict_json_schema(json_schema_for(output))


def strict_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite a pydantic schema for OpenAI strict mode.

    Strict mode wants every object closed (``additionalProperties: false``) and every property
    listed in ``required``; optional fields stay optional in meaning because pydantic writes
    them as ``anyOf [..., null]``. Keywords strict mode rejects (``default``, ``title``) are
    dropped: the pydantic model still applies defaults when validating.
    """
    result = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            node.pop("default", None)
            node.pop("title", None)
            if node.get("type") == "object" and "properties" in node:
                node["additionalProperties"] = False
                node["required"] = list(node["properties"].keys())
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(result)
    return result


def prompted_instructions(schema_name: str, schema: dict[str, Any]) -> str:
    """Instructions appended to the system message when the provider cannot enforce a schema."""
    return (
        f"Answer with one JSON object that validates against the JSON schema {schema_name!r} "
        "below. Output only the JSON object: no prose, no markdown fences.\n"
        f"{json.dumps(schema, separators=(',', ':'))}"
    )


def parse_output(
    text: str,
    output: type[T],
    *,
    transform: Callable[[Any], Any] | None = None,
) -> T:
    """Parse raw model text as JSON and validate it against ``output``.

    Args:
        text: Raw model output; may be wrapped in a markdown fence.
        output: The pydantic model to validate against.
        transform: Applied to the parsed JSON before validation (e.g. restoring pseudonyms).

    Raises:
        SchemaViolation: Not JSON, or JSON that does not validate. The error names field
            paths only, never values.
    """
    match = _FENCE.match(text)
    body = match.group(1) if match else text
    try:
        if transform is None:
            # pydantic parses JSON in Rust: one pass, no intermediate Python objects
            return output.model_validate_json(body)
        data = transform(json.loads(body))
        return output.model_validate(data)
    except (json.JSONDecodeError, RecursionError):
        raise SchemaViolation(output.__name__, locations=("<not JSON>",)) from None
    except ValidationError as exc:
        errors = exc.errors()
        if errors and errors[0]["type"] == "json_invalid":
            raise SchemaViolation(output.__name__, locations=("<not JSON>",)) from None
        locations = tuple(".".join(str(p) for p in err["loc"]) or "<root>" for err in errors)
        raise SchemaViolation(
            output.__name__, error_count=exc.error_count(), locations=locations
        ) from None


def repair_message(error: SchemaViolation) -> Message:
    """The one re-ask after invalid output: names the failing fields, never echoes values."""
    where = ", ".join(error.locations[:10]) or "the whole object"
    return Message(
        role="user",
        content=(
            f"Your previous answer did not validate against the schema {error.schema_name!r} "
            f"({error.error_count} error(s) at: {where}). Answer again with only one JSON object "
            "that validates against the schema."
        ),
    )
