"""The JSON report of one eval run: its schema, and reading and writing it.

The report's keys are a contract: CI, the compare gate and the HTML report read them, and
other tooling may too. ``metrics`` holds numbers (or ``null`` when not measurable on the
data) and a few nested objects (``confusion_matrix``, ``recall_by_type``, ``by_channel``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from clinllm.errors import InputError
from clinllm.evals.datasets import DatasetRef

__all__ = [
    "COUNT_TABLES",
    "CaseReport",
    "CaseUsage",
    "EvalReport",
    "flatten_metrics",
    "is_count_cell",
]


class CaseUsage(BaseModel):
    """Tokens spent on one case, summed over every model attempt."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    input_tokens: int = 0
    output_tokens: int = 0


class CaseReport(BaseModel):
    """One case: which fields passed, expected vs produced, and what it cost.

    ``expected`` and ``produced`` hold dataset values, which stand in for PHI: the HTML report
    masks them unless asked not to.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    id: str
    passed: bool
    fields: dict[str, bool]
    expected: JsonValue
    produced: JsonValue
    latency_s: float
    usage: CaseUsage = Field(default_factory=CaseUsage)
    cost_usd: float = 0.0
    provider: str | None = None
    errors: list[str] = Field(default_factory=list)


class EvalReport(BaseModel):
    """Everything one ``clinllm eval run`` measured."""

    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    suite: str
    provider: str
    dataset: DatasetRef
    n: int
    started_at: str
    code_version: str
    metrics: dict[str, JsonValue]
    cases: list[CaseReport]

    def write(self, path: Path) -> None:
        """Write the report as indented JSON (stable key order, for readable diffs)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.model_dump_json(indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> EvalReport:
        """Read and validate a report file.

        Raises:
            InputError: The file is missing or is not a valid report (names the field).
        """
        if not path.is_file():
            raise InputError(f"report {path.name}: file not found")
        try:
            return cls.model_validate_json(path.read_bytes())
        except ValidationError as exc:
            first = exc.errors(include_input=False, include_url=False)[0]
            field = ".".join(str(p) for p in first["loc"]) or "<root>"
            raise InputError(f"report {path.name}: field {field}: {first['msg']}") from None


def _walk(prefix: str, value: JsonValue) -> Iterator[tuple[str, float | None]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _walk(f"{prefix}.{key}", inner)
    elif value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        yield prefix, None if value is None else float(value)


#: Nested metrics that are tables of counts (gold by predicted), not scores: informational,
#: never gated, charted or emitted as evaluation scores.
COUNT_TABLES = ("confusion_matrix", "confusion_matrix_urgency")


def is_count_cell(metric: str) -> bool:
    """Whether a flat metric name is a cell of one of the :data:`COUNT_TABLES`."""
    return metric.split(".", 1)[0] in COUNT_TABLES and "." in metric


def flatten_metrics(metrics: dict[str, JsonValue]) -> dict[str, float | None]:
    """Numeric metrics as a flat mapping; nested objects become dotted keys.

    ``recall_by_type.NAME`` and ``by_channel.user.recall`` can then be compared and gated like
    any top-level metric.
    """
    flat: dict[str, float | None] = {}
    for key, value in metrics.items():
        for name, number in _walk(key, value):
            flat[name] = number
    return flat
