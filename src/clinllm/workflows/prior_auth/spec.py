"""The prior-authorization workflow as a specification for the pipeline's runner.

A faxed or uploaded packet in; a grounded, validated request out (FORMAT.md's
``prior_auth.jsonl``): procedure and diagnosis codes, drugs, payer, member id, requesting
provider and NPI, service date, deadline, urgency, payer requirements and missing fields, with
evidence and confidence per field. A case missing a required field, with a field below 0.7
confidence, or with an error-level finding goes to the review queue as a
``prior_auth.extraction`` item.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from typing import Final

from clinllm.domain.review import PRIOR_AUTH_EXTRACTION
from clinllm.pipeline.spec import ReviewPolicy, WorkflowSpec
from clinllm.workflows.prior_auth.checks import codes, domain_rules, present, record_missing
from clinllm.workflows.prior_auth.merge import merge
from clinllm.workflows.prior_auth.prompt import PROMPT
from clinllm.workflows.prior_auth.questions import ASKED_BY_DEFAULT, question_set
from clinllm.workflows.prior_auth.rules import Candidates, extract_rules, recognize
from clinllm.workflows.prior_auth.schema import (
    REQUIRED_FIELDS,
    PriorAuthExtraction,
    PriorAuthModelOutput,
)

__all__ = ["PRIOR_AUTH", "REVIEW_THRESHOLD", "prior_auth_spec"]

#: A present field below this confidence sends the case to review.
REVIEW_THRESHOLD: Final = 0.7

#: The prior-authorization workflow.
PRIOR_AUTH: Final[WorkflowSpec[PriorAuthExtraction, PriorAuthModelOutput, Candidates]] = (
    WorkflowSpec(
        name="prior_auth",
        version="3",
        output_schema=PriorAuthExtraction,
        model_schema=PriorAuthModelOutput,
        prompt=PROMPT,
        recognize=recognize,
        merge=merge,
        channel="document",
        codes=codes,
        rules=domain_rules,
        required=present,
        record_missing=record_missing,
        review=ReviewPolicy(
            threshold=REVIEW_THRESHOLD,
            required_fields=REQUIRED_FIELDS,
            # A payer requirement is a hint for the reviewer, not a value a claim rests on.
            confidence_exempt=("payer_requirements",),
            kind=PRIOR_AUTH_EXTRACTION,
        ),
        rules_provider=extract_rules,
        questions=question_set(ASKED_BY_DEFAULT),
    )
)


def prior_auth_spec(
    questions: Collection[str] = ASKED_BY_DEFAULT,
) -> WorkflowSpec[PriorAuthExtraction, PriorAuthModelOutput, Candidates]:
    """:data:`PRIOR_AUTH` asking the model the question kinds ``questions`` (none by default).

    Raises:
        ValueError: An unknown question kind.
    """
    return dataclasses.replace(PRIOR_AUTH, questions=question_set(questions))
