"""0014: the SQLite full-text entry of a chunk is rewritten only when an indexed column changes.

Behaviour, not the trigger's text: a vector-only update leaves the FTS5 index's pages as they
were (before ``0014`` it wrote a new segment), while an update of the text re-indexes the row
(the new word is found, the old one is not, and FTS5's own integrity check passes).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, text

from clinllm.domain.policies import Reader
from clinllm.retrieval.loader import load_policy_text
from clinllm.retrieval.memory import RecordingPolicyAudit
from clinllm.retrieval.sqlite_index import SqlitePolicyIndex
from clinllm.screening import RuleScreen
from clinllm.store import current_revision, migrate, upgrade
from clinllm.store.testing import migrated_sqlite
from clinllm.workflows.policy_search import PolicyIngestor

PTO = """Paid Time Off
1. Requests
Requests of 5 or more consecutive days must be submitted at least 4 weeks in advance.
"""
HR = Reader(user="u1", groups=frozenset({"hr"}), tenant="t1")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    with migrated_sqlite(tmp_path) as engine:
        PolicyIngestor(
            SqlitePolicyIndex(engine),
            screen=RuleScreen(),
            embedder=None,
            audit=RecordingPolicyAudit(),
        ).ingest("pto", load_policy_text(PTO), groups=["hr"], tenant="t1")
        yield engine


def _pages(engine: Engine) -> list[tuple[int, bytes]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, block FROM policy_chunks_fts_data ORDER BY id"))
        return [(int(i), bytes(b)) for i, b in rows]


def _update(engine: Engine, assignment: str, **values: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(f"UPDATE policy_chunks SET {assignment}"), values)


def _found(engine: Engine, word: str) -> set[str]:
    return {
        h.chunk.chunk_id for h in SqlitePolicyIndex(engine).search(HR, word, None, embedder=None)
    }


def _downgrade_to_0013(engine: Engine) -> None:
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013_compact_vectors")


def test_a_vector_only_update_leaves_the_full_text_index_untouched(engine: Engine) -> None:
    assert current_revision(engine) == "0014_policy_fts_text_update"
    before = _pages(engine)
    _update(engine, "vector = :v, embedder = 'model-b', sentence_embedder = 'model-b'", v=b"\0")
    assert _pages(engine) == before
    assert _found(engine, "weeks advance")


def test_a_text_update_re_indexes_the_row(engine: Engine) -> None:
    _update(engine, "text = replace(text, 'weeks', 'fortnights')")
    assert _found(engine, "fortnights")
    assert not _found(engine, "weeks")
    with engine.begin() as connection:  # raises when the index and its content disagree
        connection.execute(
            text("INSERT INTO policy_chunks_fts(policy_chunks_fts) VALUES ('integrity-check')")
        )


def test_the_downgrade_restores_the_trigger_of_every_update(engine: Engine) -> None:
    _downgrade_to_0013(engine)
    before = _pages(engine)
    _update(engine, "vector = :v", v=b"\0")
    assert _pages(engine) != before  # the old trigger re-indexed an unchanged text
    upgrade(engine)
    assert current_revision(engine) == "0014_policy_fts_text_update"
    before = _pages(engine)
    _update(engine, "vector = :v", v=b"\1")
    assert _pages(engine) == before
