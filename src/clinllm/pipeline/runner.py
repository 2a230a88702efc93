"""The runner: the same stages, in the same order, for every workflow spec.

::

    ingest ─► normalize ─► screen ─► recognize ─► questions / model (unless short-circuited)
      ─► merge + ground ─► validate ─► required fields ─► confidence ─► route
      ─► persist ─► audit ─► after-route actions ─► FHIR

Each stage is its own module under :mod:`clinllm.pipeline`; the spec supplies what is
workflow-specific (:class:`~clinllm.pipeline.spec.WorkflowSpec`). The runner is built by the
composition root (:mod:`clinllm.bootstrap`) with its ports; every entrypoint (CLI, eval, Python
API, HTTP service, workers) gets its runner from there, so they all run one configuration.
"""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from clinllm.domain.calls import CallPolicy, CallResult
from clinllm.domain.hashing import sha256_hex
from clinllm.domain.outcome import Outcome
from clinllm.domain.ports import (
    AuditLog,
    CodeLookup,
    InjectionScreen,
    RecordStore,
    ReviewQueue,
    RunTracer,
    StructuredModel,
)
from clinllm.domain.records import DocumentFailure, SourceDocument
from clinllm.domain.text_input import check_text
from clinllm.domain.tracing import NO_TRACER
from clinllm.errors import ConfigError, IngestError, InputError
from clinllm.observability.logging import get_logger, log_event
from clinllm.pipeline import audit, confidence, fhir, persist, route
from clinllm.pipeline.extract import ask_model, call_info, call_policy
from clinllm.pipeline.ground import Grounder
from clinllm.pipeline.ingest import ingest
from clinllm.pipeline.ocr import OcrEngine
from clinllm.pipeline.questions import Answers, ask_questions
from clinllm.pipeline.screen import Screened, screen
from clinllm.pipeline.source import SourceInput, ingested_input, read_for_hash, text_input
from clinllm.pipeline.spec import ActionContext, MergeInput, ModelAnswer, WorkflowSpec
from clinllm.pipeline.validate import validate

__all__ = ["RunConfig", "Runner"]

OutT = TypeVar("OutT", bound=BaseModel)

_log = get_logger("clinllm.pipeline")

#: Largest file accepted by default (20 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Default most pages of a PDF or multi-page image.
DEFAULT_MAX_PAGES = 500
#: Default most characters of text given directly (a portal message, an API call's text).
DEFAULT_MAX_CHARS = 200_000


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything that decides what a workflow run produces, for one spec.

    Two entrypoints run the same configuration when their ``RunConfig`` objects are equal:
    the same spec, call policy, provider chain, code table, screen and model switch.

    Attributes:
        spec: The workflow spec.
        policy: The model call's policy (deadline, attempts, PHI flag, token cap).
        chain: The provider chain the model tries, in order.
        codes: The code table the validate stage checks CPT/HCPCS codes against.
        screen: The injection screen.
        use_model: Whether the model is asked at all (False: the rules alone).
    """

    spec: WorkflowSpec[Any, Any, Any]
    policy: CallPolicy
    chain: tuple[str, ...]
    codes: CodeLookup | None
    screen: InjectionScreen
    use_model: bool


class Runner:
    """Runs workflow specs through the pipeline's stages.

    Args:
        model: The structured model (the gateway).
        screen: The injection screen.
        base_policy: The call policy from settings (deadline, attempts); each spec sets its own
            token cap and the PHI flag on top (:func:`~clinllm.pipeline.extract.call_policy`).
        chain: The provider chain ``model`` tries (reported in :meth:`config`).
        codes: The user's imported code table, if any.
        records: Where documents and results are stored; None stores nothing.
        reviews: The review queue; None opens no items.
        audit_log: The audit log; None writes no events.
        tenant: The tenant runs belong to.
        actor: Who runs workflows by default (``system`` for batch jobs).
        use_model: Ask the model at all; False runs the rules alone.
        max_bytes: Largest file accepted.
        max_pages: Most pages of a PDF or image accepted.
        max_chars: Most characters of text given directly (a message) accepted.
        ocr: The OCR engine for scanned pages (tesseract by default).
        clock: Aware UTC clock.
        tracer: Opens a ``workflow_run`` span per run with a child span per stage (the model
            call's spans nest under ``stage.model``); traces nothing when None.
    """

    def __init__(
        self,
        *,
        model: StructuredModel,
        screen: InjectionScreen,
        base_policy: CallPolicy,
        chain: tuple[str, ...] = (),
        codes: CodeLookup | None = None,
        records: RecordStore | None = None,
        reviews: ReviewQueue | None = None,
        audit_log: AuditLog | None = None,
        tenant: str = "default",
        actor: str = "system",
        use_model: bool = True,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_chars: int = DEFAULT_MAX_CHARS,
        ocr: OcrEngine | None = None,
        clock: Callable[[], datetime] = _utc_now,
        tracer: RunTracer | None = None,
    ) -> None:
        self._model = model
        self._screen = screen
        self._base_policy = base_policy
        self._chain = chain
        self._codes = codes
        self._records = records
        self._reviews = reviews
        self._audit = audit_log
        self._tenant = tenant
        self._actor = actor
        self._use_model = use_model
        self._max_bytes = max_bytes
        self._max_pages = max_pages
        self._max_chars = max_chars
        self._ocr = ocr
        self._clock = clock
        self._tracer: RunTracer = tracer if tracer is not None else NO_TRACER

    def __repr__(self) -> str:
        return (
            f"Runner(chain={self._chain!r}, records={type(self._records).__name__}, "
            f"use_model={self._use_model})"
        )

    def for_tenant(
        self, tenant: str, reviews: ReviewQueue | None, records: RecordStore | None = None
    ) -> Runner:
        """This runner for ``tenant`` (its queue and records; ``records=None`` keeps these)."""
        clone = copy.copy(self)
        clone._tenant, clone._reviews = tenant, reviews
        clone._records = records if records is not None else self._records
        return clone

    @property
    def records(self) -> RecordStore | None:
        """Where documents and results are stored (None: nothing is stored)."""
        return self._records

    def config(self, spec: WorkflowSpec[Any, Any, Any]) -> RunConfig:
        """The configuration a run of ``spec`` uses."""
        return RunConfig(
            spec=spec,
            policy=call_policy(self._base_policy, spec.prompt),
            chain=self._chain,
            codes=self._codes,
            screen=self._screen,
            use_model=self._use_model,
        )

    async def read(
        self,
        source: str | Path | bytes,
        *,
        source_name: str | None = None,
        actor: str | None = None,
    ) -> SourceDocument:
        """Ingest ``source`` as :meth:`run` would, without running anything (job submission).

        Raises IngestError (recorded as a failed document first) when it cannot be read.
        """
        return (await self._read(source, source_name, actor or self._actor)).document

    async def _read(
        self, source: str | Path | bytes | SourceDocument, source_name: str | None, actor: str
    ) -> SourceInput:
        if isinstance(source, SourceDocument):  # read before (a job's stored document)
            return SourceInput(text=source.text, document=source)
        if source_name is not None:
            try:
                check_text(source_name[:255], max_chars=255)
            except InputError as exc:  # stored with the record: PostgreSQL refuses NUL
                raise type(exc)(f"source_name: {exc}") from None
        if isinstance(source, str):
            check_text(source, max_chars=self._max_chars)
            return text_input(source, source_name or "text")
        try:
            document = await asyncio.to_thread(
                ingest,
                source,
                max_bytes=self._max_bytes,
                max_pages=self._max_pages,
                source_name=source_name,
                ocr_engine=self._ocr,
            )
        except IngestError as exc:
            if self._records is not None:
                data = (
                    source if isinstance(source, bytes) else read_for_hash(source, self._max_bytes)
                )
                failure = DocumentFailure(
                    source_name=exc.source[:255],
                    error_type=type(exc).__name__,
                    reason=exc.reason[:255],
                    sha256=sha256_hex(data) if data is not None else None,
                    byte_size=len(data) if data is not None else None,
                )
                self._records.add_failed_document(failure, actor=actor)
            log_event(_log, "pipeline.failed", stage="ingest", error_type=type(exc).__name__)
            raise
        return ingested_input(document)

    async def store_input(
        self,
        source: str | Path | bytes,
        *,
        source_name: str | None = None,
        actor: str | None = None,
    ) -> int:
        """Read and store one input without running a workflow; returns the document id.

        A job queue carries identifiers, never content: the service stores the document
        first and enqueues its id for a worker.

        Raises:
            IngestError: The file cannot be read (recorded as a failed document first).
            ConfigError: Nowhere to store it (a runner without a record store).
        """
        if self._records is None:
            raise ConfigError("this runner stores nothing", setting="CLINLLM_DATABASE_URL")
        actor = actor or self._actor
        given = await self._read(source, source_name, actor)
        record, _ = self._records.add_document(given.document, actor=actor)
        return record.id

    async def run(
        self,
        spec: WorkflowSpec[OutT, Any, Any],
        source: str | Path | bytes | SourceDocument,
        *,
        source_name: str | None = None,
        actor: str | None = None,
        references: Mapping[str, str] | None = None,
    ) -> Outcome[OutT]:
        """Run ``spec`` over one input.

        Args:
            spec: The workflow.
            source: The input: a ``str`` is the text itself (a message, a document's text); a
                ``Path`` or ``bytes`` is a file (text, PDF, scanned PDF, image) to ingest; a
                ``SourceDocument`` was read before (:meth:`read`; a job runs its stored one).
            source_name: The file name or the caller's id for the input (stored, never logged).
            actor: Who runs it; the runner's default actor when None.
            references: The caller's references (``patient``), for the spec's FHIR mapping.

        Returns:
            The outcome. A model failure is not an error: the rules alone answer, and the
            failure is on ``outcome.call.error``.

        Raises:
            IngestError: The file cannot be read (recorded as a failed document first).
            ConfigError: Misconfiguration (a provider, a corrupt model file, OCR missing).
        """
        started = time.monotonic()
        actor = actor or self._actor
        trace = self._tracer
        with trace.span(
            "workflow_run",
            {
                "clinllm.workflow": spec.name,
                "clinllm.workflow.version": spec.version,
                "clinllm.prompt.version": spec.prompt.version,
                "clinllm.tenant": self._tenant,
            },
        ) as run_span:
            outcome = await self._run(spec, source, source_name, actor, trace, references)
            run_span.set("clinllm.route", outcome.route.action)
            run_span.set("clinllm.provider", outcome.provider)
            if outcome.call is not None:
                run_span.set("clinllm.fallback_used", outcome.call.fallback_used)
            if outcome.stored is not None:
                run_span.set("clinllm.extraction.id", outcome.stored.extraction_id)
        stored = outcome.stored
        log_event(
            _log,
            "pipeline.run",
            workflow=spec.name,
            document_id=str(stored.document_id) if stored is not None else None,
            extraction_id=str(stored.extraction_id) if stored is not None else None,
            provider=outcome.provider,
            status=outcome.route.action,
            fallback_used=outcome.call.fallback_used if outcome.call is not None else None,
            latency_ms=round((time.monotonic() - started) * 1000, 2),
        )
        return outcome

    async def _run(
        self,
        spec: WorkflowSpec[OutT, Any, Any],
        source: str | Path | bytes | SourceDocument,
        source_name: str | None,
        actor: str,
        trace: RunTracer,
        references: Mapping[str, str] | None = None,
    ) -> Outcome[OutT]:
        """The stages in order, each in its own span."""
        with trace.span("stage.ingest", {"clinllm.stage": "ingest"}):
            given = await self._read(source, source_name, actor)
        text = given.text

        # Synchronous stages run in a thread: the loop serves other runs, heartbeats, fetches.
        def prepare() -> tuple[int | None, Screened, str, Any]:
            document_id: int | None = None
            if self._records is not None:
                with trace.span("stage.store_document", {"clinllm.stage": "store_document"}) as sp:
                    record, _ = self._records.add_document(given.document, actor=actor)
                    document_id = record.id
                    sp.set("clinllm.document.id", document_id)
            with trace.span("stage.screen", {"clinllm.stage": "screen"}) as sp:
                screened = screen(text, spec.channel, self._screen)
                sp.set("clinllm.findings", len(screened.spans))
            with trace.span("stage.recognize", {"clinllm.stage": "recognize"}):
                readable = text if spec.recognize_unmasked else screened.masked
                return document_id, screened, readable, spec.recognize(readable)

        document_id, screened, readable, candidates = await asyncio.to_thread(prepare)
        policy = call_policy(self._base_policy, spec.prompt)
        answer: ModelAnswer[Any] = ModelAnswer()
        answers: Answers = {}
        asked: CallResult[Any] | None = None
        with trace.span("stage.model", {"clinllm.stage": "model"}) as sp:
            skip = not self._use_model or spec.short_circuit(candidates)
            sp.set("clinllm.short_circuit", skip)
            qset = spec.questions
            if not skip and qset is not None:
                # The questions read the masked text: an injected sentence is never an excerpt.
                open_questions = list(qset.open(screened.masked, candidates))[: qset.max_questions]
                sp.set("clinllm.questions", len(open_questions))
                if open_questions:
                    answers, asked = await ask_questions(
                        self._model,
                        qset,
                        open_questions,
                        policy=dataclasses.replace(
                            policy, max_output_tokens=qset.max_output_tokens
                        ),
                        source_text=readable,
                    )
            if not skip and (qset is None or not qset.replaces_extraction):
                answer = await ask_model(
                    self._model,
                    spec.prompt,
                    spec.model_schema,
                    shown=screened.masked,
                    rules_text=readable,
                    policy=policy,
                )
                if answer.failed:
                    sp.fail("ModelUnavailable")

        def conclude() -> Outcome[OutT]:
            with trace.span("stage.ground", {"clinllm.stage": "ground"}) as sp:
                grounder = Grounder(text, avoid=screened.spans)
                draft = spec.merge(
                    MergeInput(
                        text=text,
                        candidates=candidates,
                        answer=answer,
                        ground=grounder,
                        screened=screened.result,
                        answers=answers,
                    )
                )
                sp.set("clinllm.dropped_ungrounded", grounder.dropped)
            draft.findings.extend(screened.findings())
            if answer.failed or (asked is not None and asked.output is None):
                no_answer = "no provider answered; the deterministic rules alone were used"
                draft.find("model_unavailable", "info", no_answer)
            with trace.span("stage.validate", {"clinllm.stage": "validate"}):
                checked = validate(spec, draft, candidates, text, self._codes)
                missing = route.missing_fields(spec, draft, candidates)
                if spec.record_missing is not None:
                    draft.output = spec.record_missing(draft.output, missing)
                for name in missing:
                    absent = f"required field {name} is not in the document"
                    draft.find("missing_required_field", "warning", absent, name)
            with trace.span("stage.route", {"clinllm.stage": "route"}) as sp:
                confidence.score(draft, checked.caps)
                decision = route.decide(spec, draft, missing)
                sp.set("clinllm.route", decision.action)
                sp.set("clinllm.findings", len(draft.findings))
            output = spec.output_schema.model_validate(draft.output.model_dump())
            outcome: Outcome[OutT] = Outcome(
                workflow=spec.name,
                workflow_version=spec.version,
                prompt_version=(
                    spec.prompt.version
                    if spec.questions is None
                    else f"{spec.prompt.version}+{spec.questions.version}"
                ),
                output=output,
                evidence=dict(draft.evidence),
                findings=tuple(draft.findings),
                confidence=dict(draft.confidence),
                route=decision,
                call=call_info(
                    answer.call,
                    asked,
                    rules_settled=not skip and qset is not None and qset.replaces_extraction,
                ),
                dropped_ungrounded=grounder.dropped,
                rejected_codes=checked.rejected,
                input_sha256=given.document.sha256,
                idempotency_key=f"{spec.name}:{spec.version}:{given.document.sha256}",
            )
            if self._records is not None and document_id is not None:
                with trace.span("stage.persist", {"clinllm.stage": "persist"}):
                    stored = persist.persist(
                        spec,
                        outcome,
                        document_id=document_id,
                        records=self._records,
                        reviews=self._reviews,
                        actor=actor,
                        tenant=self._tenant,
                    )
                outcome = dataclasses.replace(outcome, stored=stored)
            if self._audit is not None:
                with trace.span("stage.audit", {"clinllm.stage": "audit"}):
                    audit.record_run(self._audit, spec, outcome, actor=actor, tenant=self._tenant)
            return outcome

        outcome = await asyncio.to_thread(conclude)
        if spec.after_route:
            with trace.span("stage.after_route", {"clinllm.stage": "after_route"}):
                outcome = await self._after_route(spec, outcome, policy, actor, text, screened)
        bundle = await asyncio.to_thread(fhir.to_fhir, spec, outcome, references)
        if bundle is not None:
            outcome = dataclasses.replace(outcome, fhir=bundle)
        return outcome

    async def _after_route(
        self,
        spec: WorkflowSpec[OutT, Any, Any],
        outcome: Outcome[OutT],
        policy: CallPolicy,
        actor: str,
        text: str,
        screened: Screened,
    ) -> Outcome[OutT]:
        """The workflow's actions after routing (triage: escalation item, reply draft)."""
        context = ActionContext(
            model=self._model,
            policy=policy,
            reviews=self._reviews,
            audit=self._audit,
            actor=actor,
            text=text,
            shown=screened.masked,
            clock=self._clock,
        )
        actions: dict[str, Any] = {}
        for action in spec.after_route:
            result = await action(outcome, context)
            if result is not None:
                actions[action.name] = dict(result)
        return dataclasses.replace(outcome, actions=actions)
