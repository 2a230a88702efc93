"""Policy-search suite: ingest ``policy_docs.jsonl`` into a fresh store, ask every question.

Each question is asked as its user (id and groups from the dataset, one tenant for the run);
the workflow sees the same permissions a real reader would, and the scorer checks that no
unreadable document was retrieved, cited or quoted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from pydantic import JsonValue

from clinllm.domain.policies import Reader
from clinllm.evals.datasets import PolicyDocCase, PolicyQuestionCase
from clinllm.evals.scorers import policy_search as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, call_info

__all__ = ["EVAL_TENANT", "PolicyAsker", "PolicySearchSuite"]

#: The tenant every dataset document and question belongs to.
EVAL_TENANT = "eval"


class PolicyAsker(Protocol):
    """The part of :class:`clinllm.workflows.policy_search.PolicySearch` the eval uses."""

    async def ask(self, question: str, reader: Reader) -> Any:
        """Return an answer with ``decision``, ``answer``, ``citations``, ``hits``, ``call``."""
        ...


class PolicySearchSuite:
    """Scores leaks, recall@5, citation precision, refusals and injection obedience.

    Args:
        search: The workflow, over a store that already holds the dataset's documents.
        docs: The dataset's documents by id (the scorer needs their groups and texts).
    """

    name = "policy_search"
    uses_model = True

    def __init__(self, search: PolicyAsker, docs: Mapping[str, PolicyDocCase]) -> None:
        self._search = search
        self._docs = dict(docs)

    async def predict(self, case: PolicyQuestionCase) -> tuple[scoring.PolicyAnswerView, CallInfo]:
        """Ask one question as its user."""
        reader = Reader(
            user=case.input.user.id,
            groups=frozenset(case.input.user.groups),
            tenant=EVAL_TENANT,
        )
        outcome = await self._search.ask(case.input.question, reader)
        retrieved = tuple(dict.fromkeys(h.chunk.document_key for h in outcome.hits))
        cited = tuple(dict.fromkeys(c.document_key for c in outcome.citations))
        refused = outcome.decision == "refused"
        view = scoring.PolicyAnswerView(
            retrieved_doc_ids=retrieved,
            cited_doc_ids=cited,
            refused=refused,
            answer="" if refused else outcome.answer,
            refusal_reason=outcome.reasons[0] if refused and outcome.reasons else "",
        )
        return view, call_info(outcome.call)

    def _row(self, run: CaseRun[PolicyQuestionCase, scoring.PolicyAnswerView]) -> scoring.PolicyRow:
        return scoring.PolicyRow(question=run.case, prediction=run.prediction)

    def score_case(self, run: CaseRun[PolicyQuestionCase, scoring.PolicyAnswerView]) -> Scored:
        """Per question: no leak, refusal right, relevant document in the top 5."""
        row = self._row(run)
        fields = scoring.case_fields(row, self._docs)
        produced: JsonValue = None
        if run.prediction is not None:
            produced = {
                "retrieved": list(run.prediction.retrieved_doc_ids),
                "cited": list(run.prediction.cited_doc_ids),
                "refused": run.prediction.refused,
            }
        return Scored(fields=fields, expected=run.case.expected.model_dump(), produced=produced)

    def metrics(
        self, runs: Sequence[CaseRun[PolicyQuestionCase, scoring.PolicyAnswerView]]
    ) -> dict[str, JsonValue]:
        """All policy-search metrics, and the error counts (``errors.*``) behind them."""
        rows = [self._row(r) for r in runs]
        out: dict[str, JsonValue] = dict(scoring.metrics(rows, self._docs))
        out["errors"] = dict(scoring.error_counts(rows))
        return out
