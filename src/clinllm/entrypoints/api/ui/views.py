"""What an item page shows, gathered from the queue and the record store in one place.

The item is read from the principal's own tenant queue first; the record, its evidence and the
document are reached only through it, so an item id of another tenant never reads anything
(the queue answers "unknown id" and the page is a 404).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from clinllm.bootstrap import App
from clinllm.domain.ports import ReviewQueue
from clinllm.domain.records import ExtractionRecord
from clinllm.domain.review import (
    PRIOR_AUTH_EXTRACTION,
    TRIAGE_DRAFT,
    TRIAGE_ESCALATION,
    ReviewItem,
    ReviewVersion,
)
from clinllm.entrypoints.api.ui.document import Mark, Segment, segments
from clinllm.entrypoints.api.ui.fields import FormField, form_fields
from clinllm.errors import RecordNotFound

__all__ = ["FieldRow", "ItemView", "item_view", "verbs_for"]

#: What each kind offers besides claim/release (the domain's state machine has the last word).
_VERBS: Final[Mapping[str, tuple[str, ...]]] = {
    PRIOR_AUTH_EXTRACTION: ("accept", "correct", "reject"),
    TRIAGE_DRAFT: ("edit", "approve", "reject"),
    TRIAGE_ESCALATION: ("accept",),
}
_OTHER_VERBS: Final = ("accept", "reject")


def verbs_for(kind: str) -> tuple[str, ...]:
    """The final actions a kind of item offers on its page."""
    return _VERBS.get(kind, _OTHER_VERBS)


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of the record in the "fields and evidence" table."""

    name: str
    value: str
    confidence: str
    marks: list[Mark]


@dataclass(slots=True)
class ItemView:
    """Everything the item template needs (built by :func:`item_view`)."""

    item: ReviewItem
    history: list[ReviewVersion]
    record: ExtractionRecord | None
    result: ExtractionRecord | None
    segments: list[Segment]
    document_name: str
    rows: list[FieldRow]
    form: list[FormField]
    bundle: str
    verbs: tuple[str, ...]
    can_claim: bool
    can_release: bool
    can_act: bool
    draft: str
    extras: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""
    problems: list[tuple[str, str]] = field(default_factory=list)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _record(app: App, record_id: str | None) -> ExtractionRecord | None:
    if not record_id or not record_id.isdigit():
        return None
    try:
        return app.records.get_extraction(int(record_id))
    except RecordNotFound:
        return None


def item_view(
    app: App,
    queue: ReviewQueue,
    item_id: int,
    *,
    actor: str,
    submitted: Mapping[str, str] | None = None,
    problems: Mapping[str, str] | None = None,
) -> ItemView:
    """Gather one item's page.

    Args:
        app: The application (records).
        queue: The principal's tenant queue.
        item_id: The item.
        actor: The signed-in reviewer (what they may do depends on who holds the item).
        submitted: A refused correction's form values, shown again for fixing.
        problems: Field -> why it was refused.

    Raises:
        RecordNotFound: No such item in this tenant's queue.
    """
    item = queue.get(item_id)
    record = _record(app, item.subject)
    result = _record(app, item.result) if item.result != item.subject else None
    text, name = "", ""
    if item.document_id is not None:
        try:
            text = app.records.document_text(item.document_id)
            name = app.records.get_document(item.document_id).source_name
        except RecordNotFound:
            text = ""
    evidence = app.records.evidence(record.id) if record is not None else []
    parts, marks = segments(text, evidence)
    rows: list[FieldRow] = []
    bundle = ""
    if record is not None:
        payload = record.payload
        preview = app.fhir_preview(record)
        if preview is not None:
            bundle = json.dumps(preview, indent=2, ensure_ascii=False)
        confidence = record.confidence or {}
        for key, value in payload.items():
            score = confidence.get(key)
            rows.append(
                FieldRow(
                    key,
                    _show(value),
                    f"{score:.2f}" if isinstance(score, int | float) else "",
                    [m for m in marks if m.field.split(".")[0].split("[")[0] == key],
                )
            )
    mine = item.claimed_by is None or item.claimed_by == actor
    correctable = record is not None and "correct" in verbs_for(item.kind)
    return ItemView(
        item=item,
        history=queue.history(item_id),
        record=record,
        result=result,
        segments=parts,
        document_name=name,
        rows=rows,
        form=form_fields(record.payload, submitted=submitted, problems=problems)
        if correctable and record is not None
        else [],
        bundle=bundle,
        verbs=verbs_for(item.kind),
        can_claim=item.status == "pending",
        can_release=item.status == "claimed" and item.claimed_by == actor,
        can_act=item.open and mine,
        draft=str(item.payload.get("text", "")) if item.kind == TRIAGE_DRAFT else "",
        extras=[(k, _show(v)) for k, v in item.payload.items() if k != "text"],
    )
