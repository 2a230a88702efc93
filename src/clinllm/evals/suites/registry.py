"""Suite names, and building a suite around the app's real workflow.

A workflow suite measures exactly what ``clinllm`` runs: the caller (``clinllm eval``) hands in a
factory of the composition root's app, and the suite runs ``app.run(<workflow>, text)``, the
same spec, call policy, chain and code table as ``clinllm extract`` and ``clinllm triage``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from clinllm.evals import datasets
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.suites.base import Suite, SuiteNotImplemented, WorkflowApp
from clinllm.evals.suites.phi import PhiSuite
from clinllm.evals.suites.policy_search import EVAL_TENANT, PolicySearchSuite
from clinllm.evals.suites.prior_auth import PriorAuthSuite
from clinllm.evals.suites.triage import TriageSuite

__all__ = ["SUITES", "AppFactory", "PreparedSuite", "prepare_suite"]

#: Every suite name ``--suite`` accepts (issue 3), implemented or not.
SUITES = ("prior_auth", "note_summary", "triage", "phi", "policy_search", "injection")

#: Suites that measure one of the app's workflows, by the workflow's name.
_WORKFLOW_SUITES = ("prior_auth", "triage")

#: Returns the app (built only for suites that run a workflow; building loads providers).
AppFactory = Callable[[], WorkflowApp]


@dataclass(frozen=True, slots=True)
class PreparedSuite:
    """A suite ready to run: the adapter, the cases and the dataset identity."""

    suite: Suite[Any, Any]
    cases: tuple[Any, ...]
    dataset: DatasetRef


def prepare_suite(
    name: str, data_dir: Path, app: AppFactory, *, limit: int | None = None
) -> PreparedSuite:
    """Load the data, then build the app and the suite's adapter.

    The order matters: an unknown suite or a malformed dataset is reported before a model is
    loaded, which can take seconds.

    Raises:
        SuiteNotImplemented: The suite has no adapter, or the app has no such workflow.
        clinllm.errors.InputError: The dataset is malformed.
    """
    if name not in (*_WORKFLOW_SUITES, "phi", "injection", "note_summary", "policy_search"):
        raise SuiteNotImplemented(name)
    suite: Suite[Any, Any]
    cases: tuple[Any, ...]
    if name == "policy_search":
        # Policy search still runs its own service (not yet a spec on the runner): the app
        # builds a fresh, temporary index with its gateway.
        ref, policy_data = datasets.load_policy(data_dir)
        cases = tuple(policy_data.questions)
        built_policy_app: Any = app()
        search = built_policy_app.policy_eval_search(
            [
                (d.id, d.input.title, d.input.text, d.input.groups)
                for d in policy_data.docs.values()
            ],
            tenant=EVAL_TENANT,
        )
        suite = PolicySearchSuite(search, policy_data.docs)
    elif name == "phi":
        from clinllm.phi import detect

        loaded_phi = datasets.load_phi(data_dir)
        cases, ref = loaded_phi.cases, loaded_phi.ref
        suite = PhiSuite(detect)
    elif name == "injection":
        from clinllm.evals.suites.injection import InjectionSuite
        from clinllm.screening import default_screen

        loaded_injection = datasets.load_injection(data_dir)
        cases, ref = loaded_injection.cases, loaded_injection.ref
        suite = InjectionSuite(default_screen())
    elif name == "note_summary":
        from clinllm.evals.suites.note_summary import NoteSummarySuite
        from clinllm.fhir import validate_bundle

        loaded_ns = datasets.load_note_summary(data_dir)
        cases, ref = loaded_ns.cases, loaded_ns.ref
        built_app: Any = app()
        if name not in built_app.specs:
            raise SuiteNotImplemented(name)
        suite = NoteSummarySuite(built_app, validate_bundle)
    else:
        loaded = datasets.load_triage(data_dir) if name == "triage" else None
        loaded_pa = datasets.load_prior_auth(data_dir) if name == "prior_auth" else None
        built = app()
        if name not in built.specs:
            raise SuiteNotImplemented(name)
        if loaded is not None:
            cases, ref, suite = loaded.cases, loaded.ref, TriageSuite(built)
        else:
            assert loaded_pa is not None
            cases, ref, suite = loaded_pa.cases, loaded_pa.ref, PriorAuthSuite(built)
    if limit is not None:
        cases = cases[:limit]
    return PreparedSuite(suite=suite, cases=cases, dataset=ref)
