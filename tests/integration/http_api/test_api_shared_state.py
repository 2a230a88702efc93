"""Two service processes on one database (and one Redis): what they must agree on.

Two live servers, each with its own app, engine and caches (as two processes have), on the same
SQLite file: a retried ``Idempotency-Key`` replays across them, two reviewers racing with the
same ``If-Match`` cannot both win, and a key revoked through one stops working on the other
within the key cache's bound. With Redis reachable, a key's rate limit is one budget across both.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest

from clinllm.settings import HttpSettings

from .live import LiveService, problem, start_service, stop_service

ROUTINE = "Could you refill my lisinopril prescription please, I am almost out."
REDIS_URL = "redis://127.0.0.1:6379/15"
KEY_CACHE_TTL_S = 1.0


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveService, LiveService]]:
    data_dir: Path = tmp_path_factory.mktemp("pair")
    http = HttpSettings(rate_per_minute=100_000, rate_burst=10_000, key_cache_ttl_s=KEY_CACHE_TTL_S)
    first = start_service(data_dir, http)
    second = start_service(data_dir, http)
    try:
        yield first[0], second[0]
    finally:
        stop_service(*second)
        stop_service(*first)


def test_a_retry_on_the_other_process_replays_the_first_answer(
    pair: tuple[LiveService, LiveService],
) -> None:
    one, two = pair
    secret = one.key("acme", "staff")
    idem = {"Idempotency-Key": f"retry-{uuid.uuid4().hex}"}
    with one.client(secret, **idem) as a, two.client(secret, **idem) as b:
        first = a.post("/v1/triage", json={"message": ROUTINE, "id": "m-7"})
        replayed = b.post("/v1/triage", json={"message": ROUTINE, "id": "m-7"})
        different = b.post("/v1/triage", json={"message": ROUTINE, "id": "m-8"})
    assert first.status_code == replayed.status_code == 200, first.text
    assert replayed.content == first.content
    assert replayed.headers.get("idempotent-replayed") == "true"
    assert problem(different)["status"] == 422
    # The same Idempotency-Key from another tenant's key runs its own request.
    with two.client(two.key("globex", "staff"), **idem) as other:
        theirs = other.post("/v1/triage", json={"message": ROUTINE, "id": "m-7"})
    assert theirs.status_code == 200
    assert theirs.headers.get("idempotent-replayed") is None


def _draft(service: LiveService) -> tuple[int, str]:
    with service.client(service.key("acme", "staff")) as staff:
        message = f"{ROUTINE} Reference {uuid.uuid4().hex[:8]}."  # a new message: a new draft
        draft_id = staff.post("/v1/triage", json={"message": message}).json()["draft_id"]
    with service.client(service.key("acme", "reviewer")) as reviewer:
        claimed = reviewer.post(f"/v1/review/items/{draft_id}/claim")
    assert claimed.status_code == 200, claimed.text
    return int(draft_id), claimed.headers["etag"]


def _race(
    services: tuple[LiveService, LiveService], secret: str, draft_id: int, etag: str
) -> list[httpx.Response]:
    """Two edits of one draft, each on its own server, sent at the same moment."""
    start = threading.Barrier(len(services))
    answers: list[httpx.Response] = []

    def edit(service: LiveService, text: str) -> None:
        with service.client(secret) as client:
            start.wait()
            answers.append(
                client.post(
                    f"/v1/review/items/{draft_id}/edit",
                    json={"text": text},
                    headers={"If-Match": etag},
                )
            )

    texts = ("Sent to the care team.", "Your refill is on its way.")
    threads = [
        threading.Thread(target=edit, args=pair) for pair in zip(services, texts, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_two_reviewers_racing_with_the_same_version_cannot_both_win(
    pair: tuple[LiveService, LiveService],
) -> None:
    one, two = pair
    secret = one.key("acme", "reviewer")
    for _ in range(3):  # a few rounds: a lucky interleaving must not hide a lost update
        draft_id, etag = _draft(one)
        answers = _race(pair, secret, draft_id, etag)
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200, 412], [a.text for a in answers]
        winner = next(a for a in answers if a.status_code == 200)
        loser = next(a for a in answers if a.status_code == 412)
        assert problem(loser)["error_type"] == "StaleVersion"
        assert loser.headers["etag"] == winner.headers["etag"]
        with two.client(secret) as reviewer:
            history = reviewer.get(f"/v1/review/items/{draft_id}").json()["history"]
        assert [v["action"] for v in history].count("edited") == 1


def test_a_key_revoked_on_one_process_stops_on_the_other_within_the_cache_bound(
    pair: tuple[LiveService, LiveService],
) -> None:
    one, two = pair
    with one.client(one.key("acme", "admin")) as admin:
        key = admin.post("/v1/keys", json={"role": "staff"}).json()
        with two.client(key["secret"]) as caller:
            assert caller.post("/v1/triage", json={"message": ROUTINE}).status_code == 200
            with one.client(key["secret"]) as same:
                assert same.post("/v1/triage", json={"message": ROUTINE}).status_code == 200
                assert admin.delete(f"/v1/keys/{key['key_id']}").status_code == 204
                # Revoked through this process: refused here at once.
                assert problem(same.post("/v1/triage", json={"message": ROUTINE}))["status"] == 401
            time.sleep(KEY_CACHE_TTL_S + 0.2)
            assert problem(caller.post("/v1/triage", json={"message": ROUTINE}))["status"] == 401


@pytest.fixture
def redis_pair(tmp_path: Path) -> Iterator[tuple[LiveService, LiveService]]:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        reason = f"Redis tests skipped: {REDIS_URL} unreachable ({type(exc).__name__})"
        print(reason)
        pytest.skip(reason)
    http = HttpSettings(rate_per_minute=3, rate_burst=3, redis_url=REDIS_URL)
    # Lifespan on: shutting down closes each server's Redis connections on its own loop.
    first = start_service(tmp_path, http, lifespan="on")
    second = start_service(tmp_path, http, lifespan="on")
    try:
        yield first[0], second[0]
    finally:
        stop_service(*second)
        stop_service(*first)


def test_a_keys_rate_limit_is_one_budget_across_processes_in_redis(
    redis_pair: tuple[LiveService, LiveService],
) -> None:
    one, two = redis_pair
    secret = one.key(f"t{uuid.uuid4().hex[:8]}", "staff")  # a fresh key: a fresh budget
    statuses = []
    for service in (one, two, one, two):
        with service.client(secret) as client:
            response = client.get("/v1/review/items")  # 403 for staff, but counted first
            statuses.append(response.status_code)
            last = response
    assert statuses == [403, 403, 403, 429]
    assert int(last.headers["retry-after"]) >= 1
    assert problem(last)["status"] == 429
