"""A reviewer's correction: validated against the workflow's output schema, then stored.

The review queue stores whatever payload it is handed as the new version of a record; this stage
is what stands between a person's typing and that store. A correction must still be a valid
output of its workflow (an NPI of ten digits, an ICD-10-CM code with its dot, a real date), or
the corrected record would be worse than the model's: it would break every consumer that trusts
the schema. The command line (``clinllm review correct``) and the review pages both call
:func:`correct_review`, so a value one refuses the other refuses too.

Evidence of the fields the reviewer left alone is carried to the new version, so the corrected
record still shows where each unchanged value was read; a changed field has no evidence (a
person typed it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError

from clinllm.domain.ports import RecordStore, ReviewQueue
from clinllm.domain.records import ExtractionRecord
from clinllm.domain.review import ReviewItem, changed_keys, transition
from clinllm.errors import InvalidCorrection

__all__ = ["correct_review", "corrected_payload", "top_field"]

#: At most this many problems are reported (a pasted payload can break hundreds of rules).
_MAX_PROBLEMS = 8


def top_field(path: str) -> str:
    """The top-level output field of a field path (``procedures[0].code`` -> ``procedures``)."""
    return path.split(".", 1)[0].split("[", 1)[0]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out[:128] or "(payload)"


def corrected_payload(
    schema: type[BaseModel],
    current: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    item_id: object,
    whole: bool = False,
) -> dict[str, Any]:
    """The payload to store: ``current`` with ``changes`` applied, if ``schema`` accepts it.

    Args:
        schema: The workflow's output schema.
        current: The record's payload as stored.
        changes: Top-level fields and their new values (or the whole payload when ``whole``).
        item_id: The review item, for the error message.
        whole: ``changes`` replaces the payload instead of patching it.

    Raises:
        InvalidCorrection: The result does not validate; names field paths, never values.
    """
    payload = dict(changes) if whole else {**current, **changes}
    try:
        schema.model_validate(payload)
    except ValidationError as exc:
        problems = tuple(
            (_path(tuple(err["loc"])), str(err["msg"])[:160])
            for err in exc.errors(include_input=False, include_url=False)[:_MAX_PROBLEMS]
        )
        raise InvalidCorrection(item_id, problems) from None
    return payload


def correct_review(
    reviews: ReviewQueue,
    records: RecordStore,
    schemas: Mapping[str, type[BaseModel]],
    item_id: int,
    changes: Mapping[str, Any],
    *,
    actor: str,
    whole: bool = False,
) -> tuple[ReviewItem, ExtractionRecord]:
    """Correct the record a review item is about: validate, then store a new version.

    Args:
        reviews: The queue holding the item (of the caller's tenant).
        records: Where the record and its evidence are.
        schemas: Output schema by workflow name.
        item_id: The review item.
        changes: Top-level fields and their new values (the whole payload when ``whole``).
        actor: Who corrects.
        whole: Replace the payload instead of patching it.

    Returns:
        The closed item and the new version of the record.

    Raises:
        RecordNotFound: No such item in this queue.
        InvalidTransition: The item cannot be corrected (closed, someone else's, a draft).
        InvalidCorrection: The corrected payload does not validate; nothing is stored.
    """
    item = reviews.get(item_id)
    # Refuse a closed or someone else's case before reading its record (same rule as the queue).
    transition(item, "correct", actor=actor, now=datetime.now(UTC))
    original = records.get_extraction(int(item.subject))
    schema = schemas.get(original.workflow)
    if schema is None:
        raise InvalidCorrection(item_id, (("(payload)", f"{original.workflow} has no schema"),))
    payload = corrected_payload(schema, original.payload, changes, item_id=item_id, whole=whole)
    changed = {top_field(key) for key in changed_keys(original.payload, payload)}
    kept = tuple(
        e
        for e in records.evidence(original.id)
        if e.field is not None and top_field(e.field) not in changed
    )
    return reviews.correct(item_id, payload, actor=actor, evidence=kept)
