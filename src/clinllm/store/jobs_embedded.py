"""The embedded job worker: the ``jobs`` table as the queue, run in-process, no server.

The embedded default (SQLite) has no job engine to lean on, so this small loop is the engine:
``concurrency`` slots each claim the oldest due row (SQLite's ``BEGIN IMMEDIATE`` serializes
the claim, so a row is never taken twice), run it through the handler, and record the end
with the shared steps of :mod:`clinllm.store.jobs` (same attempts, backoff and dead letters
as on PostgreSQL). A heartbeat keeps running rows fresh; a sweep re-queues rows whose worker
died (kill -9) once their heartbeat is older than ``stalled_after_s``. On a stop request the
slots take nothing new and finish what they hold (graceful shutdown).

Production runs procrastinate on PostgreSQL instead (:mod:`clinllm.store.jobs_pg`); this
loop is not meant to scale past one machine.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass

from clinllm.store.jobs import JobHandler, SqlJobQueue, Transient, execute

__all__ = ["EmbeddedWorker", "WorkerStats"]


@dataclass
class WorkerStats:
    """What one worker run did.

    Attributes:
        done: Jobs that ended ``done``.
        failed: Jobs that ended in the dead letter.
        retried: Attempts that failed transiently and were queued again.
    """

    done: int = 0
    failed: int = 0
    retried: int = 0


class EmbeddedWorker:
    """Run queued jobs in this process.

    Args:
        jobs: The job table.
        handler: Runs one job (its workflow through the composition root).
        transient: Whether a failure is transient (retried with backoff).
        name: This worker's name (recorded on the rows it runs).
        concurrency: Jobs run at once (model calls overlap; CPU stages take turns).
        queues: Queues to take jobs from; every queue when None.
        poll_s: Wait between claims when nothing is due.
        heartbeat_s: Interval of the heartbeat and of the stalled-job sweep.
        stalled_after_s: A running row whose heartbeat is older than this is re-queued.
    """

    def __init__(
        self,
        jobs: SqlJobQueue,
        handler: JobHandler,
        *,
        transient: Transient,
        name: str,
        concurrency: int = 1,
        queues: Sequence[str] | None = None,
        poll_s: float = 0.2,
        heartbeat_s: float = 5.0,
        stalled_after_s: float = 30.0,
    ) -> None:
        self._jobs = jobs
        self._handler = handler
        self._transient = transient
        self.name = name
        self._concurrency = max(1, concurrency)
        self._queues = tuple(queues) if queues else None
        self._poll_s = poll_s
        self._heartbeat_s = heartbeat_s
        self._stalled_after_s = stalled_after_s
        self._running: set[str] = set()
        self.stats = WorkerStats()

    def __repr__(self) -> str:
        return f"EmbeddedWorker(name={self.name!r}, concurrency={self._concurrency})"

    async def run(self, *, stop: asyncio.Event | None = None, until_empty: bool = False) -> None:
        """Work until ``stop`` is set (then finish the jobs in hand), or the queue is empty.

        Args:
            stop: Set it to shut down gracefully (the CLI sets it on SIGTERM/SIGINT).
            until_empty: Return once no job is queued or running (``submit --wait``).
        """
        stop = stop or asyncio.Event()
        keeper = asyncio.create_task(self._keep_alive(stop))
        try:
            slots = [
                asyncio.create_task(self._slot(stop, until_empty)) for _ in range(self._concurrency)
            ]
            await asyncio.gather(*slots)
        finally:
            keeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keeper

    async def _slot(self, stop: asyncio.Event, until_empty: bool) -> None:
        while not stop.is_set():
            job = await asyncio.to_thread(self._jobs.claim, worker=self.name, queues=self._queues)
            if job is None:
                if until_empty and not self._running and not await self._pending():
                    return
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self._poll_s)
                continue
            self._running.add(job.id)
            try:
                ended = await execute(self._jobs, job, self._handler, transient=self._transient)
            finally:
                self._running.discard(job.id)
            if ended.status == "done":
                self.stats.done += 1
            elif ended.status == "failed":
                self.stats.failed += 1
            else:
                self.stats.retried += 1

    async def _pending(self) -> bool:
        counts = await asyncio.to_thread(self._jobs.counts)
        return bool(counts.get("queued") or counts.get("running"))

    async def _keep_alive(self, stop: asyncio.Event) -> None:
        """Heartbeat the rows in hand; re-queue rows of workers that stopped heartbeating."""
        while True:
            await asyncio.sleep(self._heartbeat_s)
            await asyncio.to_thread(self._jobs.heartbeat, sorted(self._running))
            await asyncio.to_thread(
                self._jobs.requeue_stalled, stalled_after_s=self._stalled_after_s
            )
