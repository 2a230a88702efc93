"""State the HTTP service's processes share: idempotency records, review compare-and-set, limits.

Idempotency records and the review version check run on SQLite always and PostgreSQL when it
is reachable; the per-key rate limiter on Redis (127.0.0.1:6379) when it is reachable. A
skipped backend prints why.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from clinllm.domain.requests import IdempotencyScope, StoredResponse
from clinllm.domain.review import TRIAGE_DRAFT, NewReviewItem
from clinllm.errors import StaleVersion
from clinllm.store import Store
from clinllm.store.idempotency import SqlIdempotencyStore
from clinllm.store.key_limits import RedisKeyLimiter

REDIS_URL = "redis://127.0.0.1:6379/15"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_two_processes_share_one_idempotency_record(engine: Engine) -> None:
    clock = Clock()
    first, second = (SqlIdempotencyStore(engine, clock=clock) for _ in range(2))
    scope = IdempotencyScope(tenant="acme", key_id="k1", key="retry-1")
    assert first.claim(scope, "fp-a", 60) == "new"
    assert second.claim(scope, "fp-a", 60) == "running"
    assert second.claim(scope, "fp-b", 60) == "mismatch"
    answer = StoredResponse(201, b'{"id": 1}', "application/json", (("location", "/v1/x/1"),))
    first.complete(scope, answer)
    assert second.claim(scope, "fp-a", 60) == answer
    # Scoped: the same Idempotency-Key of another API key or tenant is a different record.
    assert second.claim(IdempotencyScope("acme", "k2", "retry-1"), "fp-a", 60) == "new"
    assert second.claim(IdempotencyScope("globex", "k1", "retry-1"), "fp-a", 60) == "new"
    clock.now += timedelta(seconds=61)
    assert second.claim(scope, "fp-b", 60) == "new"  # expired: the key may be used again


def test_a_released_or_abandoned_claim_can_be_taken_again(engine: Engine) -> None:
    clock = Clock()
    store = SqlIdempotencyStore(engine, running_lease_s=30, clock=clock)
    scope = IdempotencyScope(tenant="acme", key_id="k1", key="retry-2")
    assert store.claim(scope, "fp", 3600) == "new"
    store.release(scope)
    assert store.claim(scope, "fp", 3600) == "new"
    clock.now += timedelta(seconds=31)  # the claiming process died without releasing
    assert store.claim(scope, "fp", 3600) == "new"


def test_concurrent_claims_let_exactly_one_request_run(engine: Engine) -> None:
    stores = [SqlIdempotencyStore(engine) for _ in range(6)]
    scope = IdempotencyScope(tenant="acme", key_id="k1", key=f"race-{uuid.uuid4().hex}")
    start = threading.Barrier(len(stores))
    results: list[object] = []

    def claim(store: SqlIdempotencyStore) -> None:
        start.wait()
        results.append(store.claim(scope, "fp", 60))

    threads = [threading.Thread(target=claim, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(map(str, results)) == ["new"] + ["running"] * (len(stores) - 1)


def test_review_steps_with_the_same_version_let_exactly_one_win(engine: Engine) -> None:
    store = Store(engine, tenant="acme")
    item, _ = store.reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="m-1", payload={"text": "draft"}),
        actor="system",
    )
    claimed = store.reviews.claim(item.id, actor="rev", expected_version=item.version)
    with pytest.raises(StaleVersion) as stale:
        store.reviews.claim(item.id, actor="rev", expected_version=item.version)
    assert stale.value.current == claimed.version
    # Concurrent edits of an open draft, each sent with the version it read: one wins.
    reviewers = [store.for_tenant("acme").reviews for _ in range(4)]  # one audit key
    start = threading.Barrier(len(reviewers))
    won: list[int] = []
    lost: list[int] = []

    def edit(index: int) -> None:
        start.wait()
        try:
            after = reviewers[index].edit(
                item.id, {"text": f"v{index}"}, actor="rev", expected_version=claimed.version
            )
            won.append(after.version)
        except StaleVersion as exc:
            lost.append(exc.current)

    threads = [threading.Thread(target=edit, args=(i,)) for i in range(len(reviewers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1, (won, lost)
    assert lost == [won[0]] * (len(reviewers) - 1)
    history = store.reviews.history(item.id)
    assert [v.action for v in history].count("edited") == 1
    assert store.audit.verify().ok


def test_a_step_on_another_tenants_item_is_not_found_not_stale(engine: Engine) -> None:
    from clinllm.errors import RecordNotFound

    item, _ = Store(engine, tenant="acme").reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="m-2", payload={"text": "draft"}),
        actor="system",
    )
    with pytest.raises(RecordNotFound):
        Store(engine, tenant="globex").reviews.claim(item.id, actor="rev", expected_version=1)


@pytest.fixture
def redis_namespace() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        reason = f"Redis tests skipped: {REDIS_URL} unreachable ({type(exc).__name__})"
        print(reason)
        pytest.skip(reason)
    return f"test-{uuid.uuid4().hex[:10]}"


@pytest.mark.anyio
async def test_two_processes_share_a_keys_budget_in_redis(redis_namespace: str) -> None:
    one, two = (
        RedisKeyLimiter(REDIS_URL, per_minute=6, burst=3, namespace=redis_namespace)
        for _ in range(2)
    )
    try:
        waits = [await limiter.hit("key-a") for limiter in (one, two, one)]
        assert waits == [0.0, 0.0, 0.0]
        assert await two.hit("key-a") > 0  # the 4th request, wherever it lands, waits
        assert await one.hit("key-b") == 0.0  # another key has its own budget
    finally:
        await one.aclose()
        await two.aclose()


@pytest.mark.anyio
async def test_an_unreachable_redis_lets_requests_through_and_says_so() -> None:
    errors: list[str] = []
    limiter = RedisKeyLimiter(
        "redis://127.0.0.1:1/0", per_minute=6, burst=1, on_error=errors.append
    )
    try:
        assert await limiter.hit("key-a") == 0.0
    finally:
        await limiter.aclose()
    assert errors
    assert all(e.isidentifier() for e in errors)
