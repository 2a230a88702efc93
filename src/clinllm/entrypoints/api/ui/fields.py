"""The correction form: a record's top-level fields as inputs, and the edits read back.

A text field (a member id, a payer, a date) is a one-line input taken literally, so a member id
of digits stays a string; an empty one means "not present" (``null``). Lists and objects
(procedures, diagnoses, the requesting provider) are JSON in a text area. Only the fields the
reviewer changed are sent on, and the workflow's schema then validates the whole corrected
record (:func:`clinllm.bootstrap.correct_review`), the same check as ``clinllm review correct``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["FIELD_PREFIX", "FormField", "form_fields", "read_changes"]

#: Form names of field inputs are ``f.<field>`` so they cannot collide with ``csrf_token``.
FIELD_PREFIX = "f."


@dataclass(frozen=True, slots=True)
class FormField:
    """One input of the correction form.

    Attributes:
        name: The top-level field (``member_id``).
        kind: ``text`` (one line, literal) or ``json`` (a text area holding JSON).
        value: What the input shows.
        problem: Why the last submitted value was refused, or ``""``.
    """

    name: str
    kind: Literal["text", "json"]
    value: str
    problem: str = ""

    @property
    def input_id(self) -> str:
        """The element id, for ``<label for>``."""
        return f"field-{self.name}"


def _kind(value: Any) -> Literal["text", "json"]:
    return "text" if value is None or isinstance(value, str) else "json"


def _show(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def form_fields(
    payload: Mapping[str, Any],
    *,
    submitted: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
) -> list[FormField]:
    """The inputs for ``payload`` (showing ``submitted`` values after a refused correction)."""
    submitted = submitted or {}
    problems = problems or {}
    return [
        FormField(
            name,
            _kind(value),
            submitted.get(FIELD_PREFIX + name, _show(value)),
            problems.get(name, ""),
        )
        for name, value in payload.items()
    ]


def read_changes(
    payload: Mapping[str, Any], form: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The fields whose submitted value differs from ``payload``, and unreadable ones.

    Returns:
        ``(changes, problems)``: new values by field; field -> why it could not be read. A name
        that is not a field of ``payload`` is ignored (the form never sends one).
    """
    changes: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, current in payload.items():
        raw = form.get(FIELD_PREFIX + name)
        if raw is None:
            continue
        value: Any
        if _kind(current) == "text":
            value = raw.strip() or None
        else:
            try:
                value = json.loads(raw)
            except json.JSONDecodeError:
                problems[name] = "not valid JSON"
                continue
        if value != current:
            changes[name] = value
    return changes, problems
