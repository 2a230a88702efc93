"""Check a reviewer's correction like model output: schema, code sets, domain rules.

A correction becomes the record of the case, so it must meet the bar model output meets: the
workflow's output schema (types, allowed values, no unknown fields), codes that exist in their
code set (a claim must never carry a code that does not exist, whoever typed it), and the
spec's domain rules (an error finding, such as an NPI whose check digit fails, refuses it). The
problems are named by field path and finding code, never by the value, since it may be PHI.

The command line (``clinllm review correct``) and the review pages both call
:func:`correct_review`, which validates against the schema, carries the evidence of the fields a
reviewer left alone to the new version (a changed field has no evidence: a person typed it) and
hands the payload to the queue, whose store runs :func:`check_correction` (code sets and domain
rules) before anything is written; a value one entry point refuses the other refuses too.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from clinllm.codes import icd10cm
from clinllm.domain.ports import CodeLookup, RecordStore, ReviewQueue
from clinllm.domain.records import ExtractionRecord
from clinllm.domain.review import ReviewItem, changed_keys, transition
from clinllm.errors import InputError, InvalidCorrection, InvalidTransition, RecordNotFound
from clinllm.pipeline.spec import Draft, RuleInput, WorkflowSpec

__all__ = ["check_correction", "correct_review", "corrected_payload", "top_field"]


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(payload)"


def _schema(spec: WorkflowSpec[Any, Any, Any], payload: Mapping[str, Any]) -> BaseModel:
    schema: type[BaseModel] = spec.output_schema
    unknown = sorted(str(k) for k in payload if k not in schema.model_fields)
    if unknown:
        raise InputError(
            f"the correction has fields the {spec.name} schema does not: {', '.join(unknown)[:200]}"
        )
    try:
        return schema.model_validate(dict(payload))
    except ValidationError as exc:
        fields = sorted({_path(tuple(e["loc"])) for e in exc.errors(include_input=False)})
        raise InputError(
            f"the correction does not fit the {spec.name} schema at: {', '.join(fields)[:300]}"
        ) from None


def check_correction(
    spec: WorkflowSpec[Any, Any, Any],
    payload: Mapping[str, Any],
    *,
    text: str,
    codes: CodeLookup | None,
) -> dict[str, Any]:
    """The correction as it will be stored, or an :class:`InputError` saying what is wrong.

    Args:
        spec: The workflow of the corrected record.
        payload: The whole corrected payload.
        text: The source document's text (the domain rules may read it).
        codes: The user's imported CPT/HCPCS table, if any.

    Returns:
        The payload re-serialized from the validated output (normalized values).

    Raises:
        InputError: A schema violation, a code that does not exist, or an error finding.
    """
    output = _schema(spec, payload)
    if spec.codes is not None:
        for ref in spec.codes(output):
            if ref.system == "ICD-10-CM":
                ok = icd10cm.normalize(ref.code) is not None
            else:
                table: Literal["cpt", "hcpcs"] = "cpt" if ref.system == "CPT" else "hcpcs"
                ok = codes is None or codes.contains(table, ref.code) is not False
            if not ok:
                raise InputError(
                    f"the correction's {ref.path} is not a code of {ref.system}: "
                    "a record must not carry a code that does not exist"
                )
    if spec.rules is not None:
        draft: Draft[Any] = Draft(output=output)
        result = spec.rules(RuleInput(draft=draft, candidates=spec.recognize(text), text=text))
        errors = sorted(
            {
                (f"{f.code} ({f.field})" if f.field else f.code)
                for f in (*result.findings, *draft.findings)
                if f.severity == "error"
            }
        )
        if errors:
            raise InputError(f"the correction breaks the {spec.name} rules: {', '.join(errors)}")
    dumped: dict[str, Any] = output.model_dump(mode="json")
    return dumped


#: At most this many problems are reported (a pasted payload can break hundreds of rules).
_MAX_PROBLEMS = 8


def top_field(path: str) -> str:
    """The top-level output field of a field path (``procedures[0].code`` -> ``procedures``)."""
    return path.split(".", 1)[0].split("[", 1)[0]


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
    try:
        return reviews.correct(item_id, payload, actor=actor, evidence=kept)
    except (InvalidCorrection, InvalidTransition, RecordNotFound):
        raise
    except InputError as exc:  # the store's own check: code sets and domain rules
        raise InvalidCorrection(item_id, (("(payload)", str(exc)[:160]),)) from None
