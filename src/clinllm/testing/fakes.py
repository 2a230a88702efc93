"""Fakes of the model-side ports: a structured model, a PHI guard, a screen, a code table, jobs.

Shipped in the package (like ``httpx.MockTransport``) so that anyone can run a workflow spec
without a model, a detector or a job engine. Each fake behaves like its adapter at the port:
typed results, typed failures, no content in errors.
"""

from __future__ import annotations

import builtins
import dataclasses
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from clinllm.domain.calls import Attempt, CallPolicy, CallResult, Message, Usage
from clinllm.domain.ports import Job, JobStatus, ProtectedTexts, RecordStore
from clinllm.domain.records import SourceDocument
from clinllm.domain.screening import Channel, ScreenFinding, ScreenResult
from clinllm.errors import (
    AllProvidersFailed,
    InvalidTransition,
    ProviderUnavailable,
    RecordNotFound,
)

__all__ = [
    "FakeCodeLookup",
    "FakeInjectionScreen",
    "FakePhiGuard",
    "FakeStructuredModel",
    "InMemoryJobQueue",
    "ModelCall",
]

T = TypeVar("T", bound=BaseModel)

#: An answer for one output type: the object, a function of the source text returning it, or
#: None for "every provider failed".
Answer = BaseModel | Callable[[str | None], BaseModel | None] | None


@dataclass(frozen=True, slots=True)
class ModelCall:
    """One call the fake received (for assertions: what was sent, under which policy)."""

    messages: tuple[Message, ...]
    output: type[BaseModel]
    policy: CallPolicy | None
    source_text: str | None


class FakeStructuredModel:
    """A :class:`~clinllm.domain.ports.StructuredModel` that answers from a table.

    Args:
        answers: Output type -> its answer (an instance, a function of the source text, or
            None to fail the call the way the gateway does when every provider fails).
        provider: The provider string reported as having answered.
        model: The model name reported.
    """

    def __init__(
        self,
        answers: Mapping[type[BaseModel], Answer] | None = None,
        *,
        provider: str = "fake",
        model: str = "fake-model",
    ) -> None:
        self._answers = dict(answers or {})
        self.provider = provider
        self.model = model
        self.calls: list[ModelCall] = []

    def __repr__(self) -> str:
        return f"FakeStructuredModel(provider={self.provider!r}, calls={len(self.calls)})"

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        output: type[T],
        policy: CallPolicy | None = None,
        source_text: str | None = None,
    ) -> CallResult[T]:
        """Answer from the table; an output type with no answer fails like a dead chain."""
        self.calls.append(ModelCall(tuple(messages), output, policy, source_text))
        answer = self._answers.get(output)
        value = answer(source_text) if callable(answer) else answer
        if value is None:
            error = ProviderUnavailable(self.provider, status_code=503)
            return CallResult(
                output=None,
                error=AllProvidersFailed((self.provider,), (error,)),
                provider=None,
                model=None,
                attempts=(
                    Attempt(self.provider, None, "unavailable", error_type=type(error).__name__),
                ),
                latency_s=0.0,
            )
        if not isinstance(value, output):
            value = output.model_validate(value.model_dump())
        return CallResult(
            output=value,
            error=None,
            provider=self.provider,
            model=self.model,
            attempts=(Attempt(self.provider, self.model, "ok", usage=Usage(10, 5)),),
            latency_s=0.0,
        )


class FakePhiGuard:
    """A :class:`~clinllm.domain.ports.PhiGuard` that replaces the given values by surrogates.

    Args:
        values: Original text -> surrogate; every occurrence is replaced, and restored in the
            answer.
        fail: Raise this instead (to test that nothing is sent when detection fails).
    """

    def __init__(self, values: Mapping[str, str], *, fail: Exception | None = None) -> None:
        self._values = dict(values)
        self._fail = fail
        self.scopes: list[str] = []

    def protect(self, texts: Sequence[str], *, scope: str) -> ProtectedTexts:
        """Replace every known value; count them by the pseudo type ``NAME``."""
        if self._fail is not None:
            raise self._fail
        self.scopes.append(scope)
        out: list[str] = []
        count = 0
        for text in texts:
            for original, surrogate in self._values.items():
                count += text.count(original)
                text = text.replace(original, surrogate)
            out.append(text)

        def restore(answer: str) -> str:
            for original, surrogate in self._values.items():
                answer = answer.replace(surrogate, original)
            return answer

        counts = MappingProxyType({"NAME": count} if count else {})
        return ProtectedTexts(texts=tuple(out), restore=restore, counts=counts)


class FakeInjectionScreen:
    """An :class:`~clinllm.domain.ports.InjectionScreen` that flags the given phrases.

    Args:
        phrases: Every occurrence of each phrase is a finding (reason ``fake``).
    """

    def __init__(self, phrases: Iterable[str] = ()) -> None:
        self._phrases = tuple(p for p in phrases if p)
        self.channels: list[Channel] = []

    def screen(self, text: str, channel: Channel) -> ScreenResult:
        """Flag every occurrence of every phrase."""
        self.channels.append(channel)
        findings: list[ScreenFinding] = []
        for phrase in self._phrases:
            at = text.find(phrase)
            while at >= 0:
                findings.append(ScreenFinding(at, at + len(phrase), "fake", 1.0))
                at = text.find(phrase, at + 1)
        return ScreenResult(tuple(sorted(findings, key=lambda f: f.start)))


class FakeCodeLookup:
    """A :class:`~clinllm.domain.ports.CodeLookup` over in-memory tables.

    Args:
        tables: System (``cpt``, ``hcpcs``) -> the codes in that imported table. A system
            with no entry has no table (lookups answer None).
    """

    def __init__(self, tables: Mapping[str, Iterable[str]] | None = None) -> None:
        self._tables = {k: frozenset(v) for k, v in (tables or {}).items()}

    def contains(self, system: Literal["cpt", "hcpcs"], code: str) -> bool | None:
        """Whether the code is in that system's table; None without a table."""
        table = self._tables.get(system)
        return None if table is None else code in table


@dataclass
class InMemoryJobQueue:
    """A :class:`~clinllm.domain.ports.JobQueue` in a dict: idempotent by key, never runs.

    ``submit`` stores the document in ``records`` when one is given (an
    :class:`~clinllm.testing.memory.InMemoryRecordStore`), else keeps no document.
    """

    jobs: dict[str, Job] = field(default_factory=dict)
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    records: RecordStore | None = None
    tenant: str = "default"

    def for_tenant(self, tenant: str) -> InMemoryJobQueue:
        """The same jobs (one dict), seen and submitted as ``tenant``'s."""
        return dataclasses.replace(self, tenant=tenant)

    async def enqueue(self, kind: str, payload: Mapping[str, Any], idempotency_key: str) -> Job:
        """Queue a job, or return the one already queued under the key."""
        return self._add(kind, payload, idempotency_key, document_id=None)

    def _add(
        self, kind: str, payload: Mapping[str, Any], key: str, *, document_id: int | None
    ) -> Job:
        for job in self.jobs.values():
            if job.idempotency_key == key and job.tenant == self.tenant:
                return job
        now = self.clock()
        job = Job(
            id=uuid.uuid4().hex,
            kind=kind,
            payload=dict(payload),
            idempotency_key=key,
            created_at=now,
            updated_at=now,
            tenant=self.tenant,
            document_id=document_id,
        )
        self.jobs[job.id] = job
        return job

    async def get(self, job_id: str) -> Job:
        """Fetch a job by id."""
        job = self.jobs.get(job_id)
        if job is None or job.tenant != self.tenant:
            raise RecordNotFound("job", job_id)
        return job

    async def submit(
        self,
        workflow: str,
        document: SourceDocument,
        *,
        idempotency_key: str | None = None,
        actor: str = "system",
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """Keep the document (when there is a record store) and queue a job on it."""
        key = idempotency_key or f"{workflow}:{document.sha256}"
        document_id = None
        if self.records is not None:
            record, _ = self.records.add_document(document, actor=actor)
            document_id = record.id
        payload = {**(options or {}), "workflow": workflow, "document_id": document_id}
        payload["actor"] = actor
        return self._add(f"run:{workflow}", payload, key, document_id=document_id)

    async def list(
        self, *, status: JobStatus | None = None, kind: str | None = None, limit: int = 100
    ) -> builtins.list[Job]:
        """Jobs, newest first."""
        found = [
            j
            for j in self.jobs.values()
            if j.tenant == self.tenant
            and (status is None or j.status == status)
            and (kind is None or j.kind == kind)
        ]
        return sorted(found, key=lambda j: j.created_at, reverse=True)[:limit]

    async def retry(self, job_id: str, *, actor: str = "system") -> Job:
        """Queue a failed or cancelled job again."""
        job = await self.get(job_id)
        if job.status not in ("failed", "cancelled"):
            raise InvalidTransition("job", job_id, state=job.status, action="retry")
        return self._set(job, status="queued", error_type=None, reason=None)

    async def cancel(self, job_id: str, *, actor: str = "system") -> Job:
        """Cancel a queued job."""
        job = await self.get(job_id)
        if job.status != "queued":
            raise InvalidTransition("job", job_id, state=job.status, action="cancel")
        return self._set(job, status="cancelled", reason="cancelled by " + actor)

    def _set(self, job: Job, **changes: Any) -> Job:
        changed = job.model_copy(update={**changes, "updated_at": self.clock()})
        self.jobs[job.id] = changed
        return changed
