"""clinllm: put LLMs into regulated healthcare workflows safely.

The public API is re-exported here; everything else is internal and may change::

    import clinllm

    async with clinllm.open_app() as app:           # settings from CLINLLM_* variables
        outcome = await app.run("prior_auth", Path("fax.pdf"))
        outcome.output, outcome.evidence, outcome.route.action
        decision = await app.run("triage", "my 3 week old has a fever of 38.4")

``open_app``, ``App``, ``Outcome`` and the workflow types load on first use, so importing
``clinllm`` (or one of its modules) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from clinllm.errors import (
    AllProvidersFailed,
    ClinLLMError,
    ConfigError,
    ContentError,
    DataPolicyViolation,
    DeadlineExceeded,
    InputError,
    NotImplementedWorkflow,
    ProviderError,
    SchemaViolation,
)

if TYPE_CHECKING:
    from clinllm.bootstrap import App, build_app, open_app
    from clinllm.domain.calls import CallPolicy, CallResult, Message
    from clinllm.domain.evidence import Evidence
    from clinllm.domain.findings import Finding
    from clinllm.domain.outcome import Outcome, RouteDecision
    from clinllm.domain.review import ReviewItem
    from clinllm.gateway import Gateway
    from clinllm.pipeline.runner import RunConfig, Runner
    from clinllm.pipeline.spec import WorkflowSpec
    from clinllm.settings import Settings, load_settings

__all__ = [
    "AllProvidersFailed",
    "App",
    "CallPolicy",
    "CallResult",
    "ClinLLMError",
    "ConfigError",
    "ContentError",
    "DataPolicyViolation",
    "DeadlineExceeded",
    "Evidence",
    "Finding",
    "Gateway",
    "InputError",
    "Message",
    "NotImplementedWorkflow",
    "Outcome",
    "ProviderError",
    "ReviewItem",
    "RouteDecision",
    "RunConfig",
    "Runner",
    "SchemaViolation",
    "Settings",
    "WorkflowSpec",
    "build_app",
    "load_settings",
    "open_app",
]

_LAZY: dict[str, str] = {
    "App": "clinllm.bootstrap",
    "build_app": "clinllm.bootstrap",
    "open_app": "clinllm.bootstrap",
    "CallPolicy": "clinllm.domain.calls",
    "CallResult": "clinllm.domain.calls",
    "Message": "clinllm.domain.calls",
    "Evidence": "clinllm.domain.evidence",
    "Finding": "clinllm.domain.findings",
    "Outcome": "clinllm.domain.outcome",
    "RouteDecision": "clinllm.domain.outcome",
    "ReviewItem": "clinllm.domain.review",
    "Gateway": "clinllm.gateway",
    "RunConfig": "clinllm.pipeline.runner",
    "Runner": "clinllm.pipeline.runner",
    "WorkflowSpec": "clinllm.pipeline.spec",
    "Settings": "clinllm.settings",
    "load_settings": "clinllm.settings",
}


def __getattr__(name: str) -> Any:
    """Load a public name on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'clinllm' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"
