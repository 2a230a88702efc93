"""Check a reviewer's correction like model output: schema, code sets, domain rules.

A correction becomes the record of the case, so it must meet the bar model output meets: the
workflow's output schema (types, allowed values, no unknown fields), codes that exist in their
code set (a claim must never carry a code that does not exist, whoever typed it), and the
spec's domain rules (an error finding, such as an NPI whose check digit fails, refuses it). The
problems are named by field path and finding code, never by the value, since it may be PHI.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from clinllm.codes import icd10cm
from clinllm.domain.ports import CodeLookup
from clinllm.errors import InputError
from clinllm.pipeline.spec import Draft, RuleInput, WorkflowSpec

__all__ = ["check_correction"]


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
