"""Suite names, and building a suite around the real workflow.

Workflows are imported here, lazily, so that a build without a workflow reports the suite
as not implemented instead of failing to import the harness.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from clinllm.evals import datasets
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.suites.base import Suite, SuiteNotImplemented
from clinllm.evals.suites.phi import PhiSuite
from clinllm.evals.suites.policy_search import EVAL_TENANT, PolicySearchSuite
from clinllm.evals.suites.prior_auth import PriorAuthSuite
from clinllm.evals.suites.triage import TriageSuite

__all__ = ["SUITES", "PreparedSuite", "prepare_suite", "workflow_module"]

#: Every suite name ``--suite`` accepts (issue 3), implemented or not.
SUITES = ("prior_auth", "note_summary", "triage", "phi", "policy_search", "injection")

#: Where each implemented suite's workflow lives: module and attribute.
_WORKFLOWS: dict[str, tuple[str, str]] = {
    "triage": ("clinllm.workflows.message_triage", "Triager"),
    "prior_auth": ("clinllm.workflows.prior_auth", "PriorAuthExtractor"),
    "phi": ("clinllm.phi", "detect"),
    "policy_search": ("clinllm.workflows.policy_search", "PolicySearch"),
}

#: A function returning the gateway; called only for suites that call a model.
GatewayFactory = Callable[[], Any]


@dataclass(frozen=True, slots=True)
class PreparedSuite:
    """A suite ready to run: the adapter, the cases and the dataset identity."""

    suite: Suite[Any, Any]
    cases: tuple[Any, ...]
    dataset: DatasetRef


def workflow_module(suite: str) -> tuple[ModuleType, str]:
    """Import the suite's workflow module and return it with the attribute to use.

    Raises:
        SuiteNotImplemented: The suite has no adapter, or its workflow is not in this build.
        ImportError: The workflow exists but one of its own imports is broken (a real bug,
            which must not be disguised as "not implemented").
    """
    if suite not in _WORKFLOWS:
        raise SuiteNotImplemented(suite)
    module_name, attribute = _WORKFLOWS[suite]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise SuiteNotImplemented(suite) from None
        raise
    if not hasattr(module, attribute):
        raise SuiteNotImplemented(suite)
    return module, attribute


def prepare_suite(
    name: str, data_dir: Path, gateway: GatewayFactory, *, limit: int | None = None
) -> PreparedSuite:
    """Check the workflow exists, load the data, then build the workflow and its adapter.

    The order matters: a missing workflow or a malformed dataset is reported before a model
    is loaded, which can take seconds.

    Raises:
        SuiteNotImplemented: See :func:`workflow_module`.
        clinllm.errors.InputError: The dataset is malformed.
    """
    module, attribute = workflow_module(name)
    factory = getattr(module, attribute)
    suite: Suite[Any, Any]
    if name == "triage":
        loaded_triage = datasets.load_triage(data_dir)
        cases: tuple[Any, ...] = loaded_triage.cases
        ref = loaded_triage.ref
        suite = TriageSuite(factory(gateway()))
    elif name == "prior_auth":
        loaded_pa = datasets.load_prior_auth(data_dir)
        cases, ref = loaded_pa.cases, loaded_pa.ref
        suite = PriorAuthSuite(factory(gateway()))
    elif name == "policy_search":
        from clinllm.bootstrap import build_policy_eval_search

        ref, policy_data = datasets.load_policy(data_dir)
        cases = policy_data.questions
        search = build_policy_eval_search(
            gateway(),
            [
                (d.id, d.input.title, d.input.text, d.input.groups)
                for d in policy_data.docs.values()
            ],
            tenant=EVAL_TENANT,
        )
        suite = PolicySearchSuite(search, policy_data.docs)
    else:
        loaded_phi = datasets.load_phi(data_dir)
        cases, ref = loaded_phi.cases, loaded_phi.ref
        suite = PhiSuite(factory)
    if limit is not None:
        cases = cases[:limit]
    return PreparedSuite(suite=suite, cases=cases, dataset=ref)
