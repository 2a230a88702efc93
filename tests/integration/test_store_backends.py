"""The store's behaviour on every backend: SQLite always, PostgreSQL when reachable."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from clinllm.domain.audit import AuditEvent
from clinllm.domain.evidence import Evidence
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, NewReviewItem
from clinllm.errors import InvalidTransition
from clinllm.store import Store, current_revision, head_revision, make_engine, upgrade
from clinllm.store.testing import (
    postgres_unavailable_reason,
    test_postgres_url,
)


@pytest.fixture
def store(engine: Engine) -> Store:
    return Store(engine)


def test_document_lifecycle_with_review_correction(store: Store) -> None:
    doc, created = store.documents.register(
        sha256="f" * 64, source_name="fax.pdf", text="Member ID: Q1", pages=1
    )
    _, created_again = store.documents.register(
        sha256="f" * 64, source_name="fax.pdf", text="Member ID: Q1", pages=1
    )
    assert created
    assert not created_again
    ext, _ = store.extractions.add(
        doc.id,
        "prior_auth",
        {"member_id": None, "codes": ["72148"]},
        model="m",
        provider="rules",
        evidence=[Evidence(start=0, end=6, text="Member", field="codes[0]")],
    )
    item, _ = store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(ext.id),
            payload={},
            reasons=("missing:member_id",),
            document_id=doc.id,
        ),
        actor="system",
    )
    store.reviews.claim(item.id, actor="rev")
    closed, new = store.reviews.correct(item.id, {"member_id": "Q1"}, actor="rev")
    assert closed.status == "corrected"
    assert new.supersedes_id == ext.id
    assert store.extractions.get(ext.id).payload["codes"] == ["72148"]
    assert store.extractions.evidence(ext.id)[0].text == "Member"
    assert store.documents.get(doc.id).status == "reviewed"
    verification = store.audit.verify()
    assert verification.ok
    assert verification.entries == 6


def test_timestamps_round_trip_exactly(store: Store) -> None:
    entry = store.audit.append(AuditEvent(actor="a", action="x.read"))
    (stored,) = store.audit.entries()
    assert stored.ts == entry.ts
    assert stored.hash == entry.hash


def test_concurrent_appends_never_fork_the_chain(store: Store) -> None:
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(10):
                store.audit.append(
                    AuditEvent(actor=f"w{n}", action="x.read", subjects={"i": str(i)})
                )
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    verification = store.audit.verify()
    assert verification.ok
    assert verification.entries == 40


def test_audit_log_is_append_only_in_the_database(store: Store, engine: Engine) -> None:
    store.audit.append(AuditEvent(actor="a", action="x.read"))
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'mallory'"))
    assert store.audit.verify().ok


def test_two_reviewers_racing_for_one_item_one_wins(store: Store) -> None:
    doc, _ = store.documents.register(sha256="9" * 64, source_name="r.txt", text="t", pages=1)
    ext, _ = store.extractions.add(doc.id, "prior_auth", {"a": 1})
    item, _ = store.reviews.open(
        NewReviewItem(kind=PRIOR_AUTH_EXTRACTION, subject=str(ext.id), payload={}), actor="system"
    )
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def reviewer(name: str) -> None:
        barrier.wait()
        try:
            store.reviews.claim(item.id, actor=name)
            outcomes.append("won")
        except InvalidTransition:
            outcomes.append("lost")

    threads = [threading.Thread(target=reviewer, args=(f"rev{n}",)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["lost", "lost", "lost", "won"]
    assert store.reviews.get(item.id).status == "claimed"


@pytest.mark.postgres
def test_workers_starting_together_upgrade_once_on_postgres() -> None:
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    url = test_postgres_url()
    schema = f"clinllm_up_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    errors: list[BaseException] = []

    def worker() -> None:
        engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
        try:
            upgrade(engine)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            engine.dispose()

    try:
        threads = [threading.Thread(target=worker) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        engine = make_engine(url, connect_args={"options": f"-csearch_path={schema}"})
        assert current_revision(engine) == head_revision()
        engine.dispose()
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
