"""The store the composition root builds: the database at head, the audit key, the checks.

Split from :mod:`clinllm.bootstrap` for size; it is part of the composition root and imported
from there (``from clinllm.bootstrap import build_store``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from clinllm.bootstrap.policies import audit_key
from clinllm.errors import ConfigError
from clinllm.settings import Settings
from clinllm.store import Store

__all__ = ["build_store"]


def build_store(settings: Settings, *, create: bool = True, audited: bool = True) -> Store:
    """The store on ``CLINLLM_DATABASE_URL`` (default: SQLite in the data dir), migrated to head.

    Args:
        settings: Read once by the caller.
        create: Create a missing SQLite database (and audit key file). Read-only commands
            (``audit verify``, ``audit export``, listing reviews) pass False: a mistyped path
            is then a configuration error, and nothing is created.
        audited: False for commands that neither append to nor verify the audit log
            (listing and showing review items): a missing audit key is then no error, and
            the store gets a throwaway key it never uses.

    Raises:
        ConfigError: The database cannot be reached or (``create`` False) does not exist,
            naming ``CLINLLM_DATABASE_URL``; the audit key is missing or too short.
    """
    from clinllm.domain.audit import AuditKey
    from clinllm.store import make_engine, upgrade

    engine = make_engine(settings.resolved_database_url, create=create)
    upgrade(engine)  # connects first: an unreachable database is named before a missing key
    try:
        key = AuditKey(audit_key(settings, create=create))
    except ConfigError:
        if audited:
            raise
        key = AuditKey.ephemeral()
    return Store(
        engine,
        tenant=settings.tenant,
        audit_key=key,
        claim_ttl=timedelta(seconds=settings.review_claim_ttl_s),
        check_correction=_correction_check(settings),
    )


def _correction_check(
    settings: Settings,
) -> Callable[[str, Mapping[str, Any], str], Mapping[str, Any]]:
    """Reviewers' corrections checked like model output, by the workflow's own spec.

    A workflow that is not yet a spec (note summary) has its corrections stored as given.
    """
    from clinllm.bootstrap import build_code_table, workflow_specs
    from clinllm.pipeline.correction import check_correction

    specs = workflow_specs(settings)
    codes = build_code_table(settings)

    def check(workflow: str, payload: Mapping[str, Any], text: str) -> Mapping[str, Any]:
        spec = specs.get(workflow)
        if spec is None:
            return payload
        return check_correction(spec, payload, text=text, codes=codes)

    return check
