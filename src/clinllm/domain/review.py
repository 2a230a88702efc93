"""The review item: one case in the human queue, whatever the workflow.

A prior-auth extraction a person must check, a triage reply draft a person must approve, an
emergency escalation a person must acknowledge: all are one :class:`ReviewItem`. Its ``kind``
says what it is (``prior_auth.extraction``, ``triage.draft``, ``triage.escalation``, later
``note_summary.summary``), its ``subject`` which stored record it is about, its ``payload`` the
kind-specific content (a draft's text, an escalation's safety message). Each action a person
takes appends a :class:`ReviewVersion` with who, when and which payload keys changed, so "who
changed what" is answered from the item's history, never from logs.

Actions and the states they move an item through::

    pending ──claim──► claimed ──accept / correct / approve / reject──► (final)
       │   ◄──release──  │ ▲
       │                 └─┘ edit (a draft's text; stays open)
       └──accept / correct / approve / reject / edit (claims it implicitly)

A claim carries ``claim_expires_at`` so that a queue can hand an abandoned case to someone else;
the holder can also ``release`` it at once (back to pending, nobody's).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from clinllm.domain.audit import AuditEvent
from clinllm.errors import InputError, InvalidTransition

__all__ = [
    "DEFAULT_CLAIM_TTL",
    "FINAL_STATUSES",
    "OPEN_STATUSES",
    "PRIOR_AUTH_EXTRACTION",
    "TRIAGE_DRAFT",
    "TRIAGE_ESCALATION",
    "NewReviewItem",
    "ReviewAction",
    "ReviewItem",
    "ReviewStatus",
    "ReviewSteps",
    "ReviewVerb",
    "ReviewVersion",
    "changed_keys",
    "opened_version",
    "require_reviewer",
    "review_event",
    "transition",
]

#: Where a case is. ``accepted``, ``corrected``, ``approved`` and ``rejected`` are final.
ReviewStatus = Literal["pending", "claimed", "accepted", "corrected", "approved", "rejected"]
OPEN_STATUSES: Final[tuple[ReviewStatus, ...]] = ("pending", "claimed")
FINAL_STATUSES: Final[tuple[ReviewStatus, ...]] = ("accepted", "corrected", "approved", "rejected")

#: What a version records: the item was ``opened`` by the pipeline, or a person acted on it.
ReviewAction = Literal[
    "opened", "claimed", "released", "accepted", "corrected", "edited", "approved", "rejected"
]

#: What a person (or the pipeline) does to an item.
ReviewVerb = Literal["claim", "release", "accept", "correct", "edit", "approve", "reject"]

#: How long a claim holds before another reviewer may be given the case.
DEFAULT_CLAIM_TTL: Final = timedelta(minutes=30)

#: A prior-auth extraction that failed the review policy (payload: reasons only).
PRIOR_AUTH_EXTRACTION: Final = "prior_auth.extraction"
#: A triage reply draft waiting for staff approval (payload: text, source, template, guard).
TRIAGE_DRAFT: Final = "triage.draft"
#: An emergency a person must acknowledge at once (payload: rules, safety message).
TRIAGE_ESCALATION: Final = "triage.escalation"

_ITEM = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")


class NewReviewItem(BaseModel):
    """A case to open in the queue (see :class:`ReviewItem` for the fields)."""

    model_config = _ITEM

    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
    subject: str
    payload: dict[str, Any] = Field(default_factory=dict)
    reasons: tuple[str, ...] = ()
    document_id: int | None = None
    priority: int = 0


class ReviewItem(BaseModel):
    """One case in the human review queue (its payload may hold PHI, e.g. an edited draft)."""

    model_config = _ITEM

    id: int
    tenant: str
    """The tenant whose queue holds it."""
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
    """``<workflow>.<what>``, e.g. ``prior_auth.extraction``, ``triage.draft``."""
    subject: str
    """Id of the stored record the case is about (an extraction id)."""
    document_id: int | None = None
    """The source document, when there is one."""
    payload: dict[str, Any]
    """Kind-specific content (JSON)."""
    reasons: tuple[str, ...] = ()
    """Machine reason codes (``missing:member_id``, ``finding:npi_check_digit``); never text."""
    priority: int = 0
    """Higher first: an emergency escalation outranks every routine case."""
    version: int
    """How many versions the item has (1 when opened)."""
    status: ReviewStatus
    claimed_by: str | None = None
    claim_expires_at: AwareDatetime | None = None
    """When the claim lapses; after it a queue may give the case to someone else."""
    result: str | None = None
    """The record the reviewer settled on: the subject when accepted, a new version's id when
    corrected."""
    created_at: AwareDatetime
    created_by: str
    updated_at: AwareDatetime
    updated_by: str

    @property
    def open(self) -> bool:
        """Whether a person still has to act on it."""
        return self.status in OPEN_STATUSES

    def __repr__(self) -> str:
        return (
            f"ReviewItem(id={self.id}, kind={self.kind!r}, status={self.status!r}, "
            f"version={self.version})"
        )

    __str__ = __repr__


class ReviewVersion(BaseModel):
    """One step in an item's history: who did what, when, and which payload keys changed."""

    model_config = _ITEM

    item_id: int
    version: int
    action: ReviewAction
    actor: str
    at: AwareDatetime
    status: ReviewStatus
    """The item's status after the action."""
    payload: dict[str, Any]
    """The item's payload after the action."""
    changed: tuple[str, ...] = ()
    """Payload keys whose value the action changed (empty for claim, accept, approve...)."""
    result: str | None = None
    """The record the action produced or settled on (a correction's new version id)."""

    def __repr__(self) -> str:
        return (
            f"ReviewVersion(item_id={self.item_id}, version={self.version}, "
            f"action={self.action!r}, actor={self.actor!r}, changed={self.changed})"
        )

    __str__ = __repr__


_PAST: Final[dict[ReviewVerb, ReviewAction]] = {
    "claim": "claimed",
    "release": "released",
    "accept": "accepted",
    "correct": "corrected",
    "edit": "edited",
    "approve": "approved",
    "reject": "rejected",
}
_FINAL: Final[dict[ReviewVerb, ReviewStatus]] = {
    "accept": "accepted",
    "correct": "corrected",
    "approve": "approved",
    "reject": "rejected",
}
#: What each known kind allows besides ``claim``; a kind not listed allows every verb.
_KIND_VERBS: Final[dict[str, frozenset[ReviewVerb]]] = {
    PRIOR_AUTH_EXTRACTION: frozenset({"accept", "correct", "reject"}),
    TRIAGE_DRAFT: frozenset({"edit", "approve", "reject"}),
    TRIAGE_ESCALATION: frozenset({"accept"}),
}


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    """The keys whose value differs between two payloads (a version's ``changed``)."""
    return tuple(k for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k))


def require_reviewer(actor: str) -> str:
    """The reviewer's id, refused when blank: every step must name the person who took it.

    A blank ``--by`` would record a step no one can be asked about, and a claim by no one
    would lock the case for everybody.

    Raises:
        InputError: ``actor`` is empty or only whitespace (or has control characters).
    """
    if not actor or not actor.strip() or any(ord(c) < 32 for c in actor) or len(actor) > 128:
        raise InputError(
            "a reviewer id is required (--by or CLINLLM_ACTOR): non-blank, one line, "
            "at most 128 characters"
        )
    return actor


def transition(
    item: ReviewItem,
    verb: ReviewVerb,
    *,
    actor: str,
    now: datetime,
    changes: Mapping[str, Any] | None = None,
    result: str | None = None,
    changed: Sequence[str] = (),
    claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
) -> tuple[ReviewItem, ReviewVersion | None]:
    """The item after ``actor`` does ``verb``, and the version that records it.

    The one state machine of the review queue: the SQL queue and the in-memory fake both call
    it, so they cannot disagree about what is allowed.

    Args:
        item: The item as it is now.
        verb: What is done.
        actor: Who does it.
        now: When (aware UTC).
        changes: For ``edit``: payload keys and their new values.
        result: For ``correct``: the id of the new version of the subject.
        changed: For ``correct``: the field paths of the subject the correction changed.
        claim_ttl: How long a claim (explicit or implicit) holds; once it has passed, another
            reviewer may act on the case (and takes the claim over).

    Returns:
        The new item and its version; ``None`` for the version when nothing happened (claiming
        an item one already holds).

    Raises:
        InvalidTransition: The item is closed, claimed by someone else (and the claim has not
            expired), or its kind does not take ``verb``.
        InputError: ``actor`` is blank.
    """
    require_reviewer(actor)
    if not item.open:
        raise InvalidTransition("review item", item.id, state=item.status, action=verb)
    allowed = _KIND_VERBS.get(item.kind)
    if verb not in ("claim", "release") and allowed is not None and verb not in allowed:
        raise InvalidTransition("review item", item.id, state=f"a {item.kind} item", action=verb)
    held = item.status == "claimed" and (
        item.claim_expires_at is None or item.claim_expires_at > now
    )
    if held and item.claimed_by != actor:
        raise InvalidTransition(
            "review item", item.id, state=f"claimed by {item.claimed_by}", action=verb
        )
    if verb == "claim" and held:
        return item, None  # already the actor's
    if verb == "release" and item.status != "claimed":
        raise InvalidTransition("review item", item.id, state=item.status, action=verb)
    update: dict[str, Any] = {
        "version": item.version + 1,
        "updated_at": now,
        "updated_by": actor,
    }
    if item.claimed_by != actor or not held or verb == "claim":
        update |= {"claimed_by": actor, "claim_expires_at": now + claim_ttl}
    keys: tuple[str, ...] = ()
    if verb == "claim":
        update["status"] = "claimed"
    elif verb == "release":
        update |= {"status": "pending", "claimed_by": None, "claim_expires_at": None}
    elif verb == "edit":
        new_payload = {**item.payload, **dict(changes or {})}
        keys = changed_keys(item.payload, new_payload)
        update["payload"] = new_payload
    else:
        update["status"] = _FINAL[verb]
        if verb == "accept":
            update["result"] = item.subject
        elif verb == "correct":
            update["result"] = result
            keys = tuple(changed)
    after = item.model_copy(update=update)
    version = ReviewVersion(
        item_id=item.id,
        version=after.version,
        action=_PAST[verb],
        actor=actor,
        at=now,
        status=after.status,
        payload=after.payload,
        changed=keys,
        result=after.result if verb in ("accept", "correct") else None,
    )
    return after, version


class ReviewSteps:
    """The queue's one-step actions, written once for every adapter.

    An adapter (the SQL queue, the in-memory fake) supplies :meth:`_act`: load the item, apply
    :func:`transition`, store the item and its version, audit. Why a base class: the actions are
    the same sentence for every store, and two copies would drift.

    ``expected_version`` makes a step conditional: it happens only if the item is still at that
    version, checked in the same transaction as the step (compare-and-set), else
    :class:`~clinllm.errors.StaleVersion`. Two reviewers sending the same version cannot both win.
    """

    def _act(
        self,
        item_id: int,
        verb: ReviewVerb,
        actor: str,
        *,
        expected_version: int | None = None,
        **kw: Any,
    ) -> ReviewItem:
        raise NotImplementedError

    def claim(self, item_id: int, *, actor: str, expected_version: int | None = None) -> ReviewItem:
        """Take a pending case so no one else works it (claiming one's own is a no-op)."""
        return self._act(item_id, "claim", actor, expected_version=expected_version)

    def release(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Give back a case one holds (pending again), so another reviewer can take it."""
        return self._act(item_id, "release", actor, expected_version=expected_version)

    def accept(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Accept the subject as it is (or acknowledge an escalation); final."""
        return self._act(item_id, "accept", actor, expected_version=expected_version)

    def edit(
        self,
        item_id: int,
        changes: Mapping[str, Any],
        *,
        actor: str,
        expected_version: int | None = None,
    ) -> ReviewItem:
        """Change payload keys (a draft's ``text``); the case stays open."""
        return self._act(item_id, "edit", actor, expected_version=expected_version, changes=changes)

    def approve(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Approve the payload (a person releases a draft; clinllm never sends it); final."""
        return self._act(item_id, "approve", actor, expected_version=expected_version)

    def reject(
        self, item_id: int, *, actor: str, expected_version: int | None = None
    ) -> ReviewItem:
        """Reject the case; final."""
        return self._act(item_id, "reject", actor, expected_version=expected_version)


def opened_version(item: ReviewItem) -> ReviewVersion:
    """The first version of a new item: the pipeline opened it."""
    return ReviewVersion(
        item_id=item.id,
        version=1,
        action="opened",
        actor=item.created_by,
        at=item.created_at,
        status=item.status,
        payload=item.payload,
    )


def review_event(
    item: ReviewItem, action: ReviewAction, *, doc_hashes: tuple[str, ...] = ()
) -> AuditEvent:
    """The audit event of one review step: ids, kind, status and reasons; never the payload."""
    subjects = {"review_item": str(item.id), "subject": item.subject}
    if item.document_id is not None:
        subjects["document"] = str(item.document_id)
    if item.result is not None and item.result != item.subject:
        subjects["result"] = item.result
    decision: dict[str, str | list[str] | None] = {"kind": item.kind, "status": item.status}
    if action == "opened" and item.reasons:
        decision["reasons"] = [r[:128] for r in item.reasons]
    return AuditEvent(
        actor=item.updated_by,
        action=f"review.{action}",
        subjects=subjects,
        doc_hashes=doc_hashes,
        decision=decision,
        tenant=item.tenant,
        ts=item.updated_at,
    )
