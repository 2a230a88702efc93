from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from clinllm.store import current_revision, head_revision, make_engine, upgrade
from clinllm.store.models import Base


def test_upgrade_from_a_url_creates_the_file_and_is_repeatable(tmp_path: Path) -> None:
    db = tmp_path / "nested" / "dir" / "clinllm.db"
    upgrade(f"sqlite:///{db}")
    upgrade(f"sqlite:///{db}")
    assert db.exists()
    engine = make_engine(f"sqlite:///{db}")
    try:
        assert current_revision(engine) == head_revision() == "0014_policy_fts_text_update"
        tables = set(inspect(engine).get_table_names())
        assert {
            "documents",
            "extractions",
            "evidence",
            "findings",
            "review_queue",
            "review_versions",
            "audit_log",
            "policy_documents",
            "policy_document_groups",
            "policy_chunks",
            "policy_chunks_fts",
        } <= tables
        assert not tables & {"review_items", "triage_decisions", "drafts", "escalations"}
    finally:
        engine.dispose()


def test_models_match_the_migrations(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        upgrade(engine)
        with engine.connect() as connection:
            # The FTS5 table and its shadow tables are created by raw SQL and have no model.
            diff = compare_metadata(
                MigrationContext.configure(
                    connection,
                    opts={
                        "compare_type": False,
                        "include_name": lambda name, kind, _parent: (
                            not (kind == "table" and (name or "").startswith("policy_chunks_fts"))
                        ),
                    },
                ),
                Base.metadata,
            )
        assert diff == []
    finally:
        engine.dispose()
