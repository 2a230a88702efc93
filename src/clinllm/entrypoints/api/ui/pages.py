"""The review pages: the queue, an item, and the actions a reviewer takes on it.

Every page checks the same things in the same order: a session (else the sign-in page), the
reviewer role (else 403), the CSRF token on a POST (else 403, nothing changed), then works the
principal's tenant queue only (another tenant's item is "unknown": 404). Actions call the
queue's own steps and :meth:`clinllm.bootstrap.App.correct_review`, the same functions as
``clinllm review``, so the pages cannot allow what the command line refuses.

After a successful action the browser is redirected (303) to the item page, so a reload does
not repeat the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, Literal

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response

from clinllm.bootstrap import App
from clinllm.domain.identity import Principal
from clinllm.domain.ports import ReviewQueue
from clinllm.domain.review import ReviewItem, ReviewStatus
from clinllm.entrypoints.api.ui.auth import FormRefused, Gate, read_form
from clinllm.entrypoints.api.ui.fields import read_changes
from clinllm.entrypoints.api.ui.render import secure
from clinllm.entrypoints.api.ui.views import item_view
from clinllm.errors import InvalidCorrection, InvalidTransition, RecordNotFound
from clinllm.observability.logging import get_logger, log_event

__all__ = ["page_routes"]

_log = get_logger("clinllm.ui")

Verb = Literal["claim", "release", "accept", "correct", "edit", "approve", "reject"]
_VERBS: Final[frozenset[str]] = frozenset(
    {"claim", "release", "accept", "correct", "edit", "approve", "reject"}
)
_DONE: Final[dict[str, str]] = {
    "claim": "You claimed this item.",
    "release": "You released this item; it is back in the queue.",
    "accept": "Accepted.",
    "correct": "Correction stored as a new version; the original is kept.",
    "edit": "Draft text saved; it still needs approval.",
    "approve": "Draft approved. Your messaging system sends it; clinllm never does.",
    "reject": "Rejected.",
}
_FILTERS: Final[dict[str, tuple[ReviewStatus, ...] | None]] = {
    "open": ("pending", "claimed"),
    "closed": ("accepted", "corrected", "approved", "rejected"),
    "all": None,
}
#: Longest reply draft a reviewer may save.
MAX_DRAFT_CHARS: Final = 5000


def page_routes(router: APIRouter, gate: Gate, app: App) -> None:
    """Add the queue, item and action routes to ``router``."""
    page = gate.renderer

    def who(request: Request) -> Principal | Response:
        principal = gate.principal(request)
        if principal is None:
            return secure(RedirectResponse("/ui/signin", status_code=303))
        if not principal.may("reviewer"):
            log_event(_log, "ui.forbidden", tenant=principal.tenant, status_code=403)
            return page.error(403, principal=principal, csrf=gate.csrf(request))
        return principal

    @router.get("", include_in_schema=False)
    @router.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        target = "/ui/queue" if gate.principal(request) is not None else "/ui/signin"
        return secure(RedirectResponse(target, status_code=303))

    @router.get("/static/ui.css", include_in_schema=False)
    def css() -> Response:
        return secure(Response(page.css, media_type="text/css"))

    @router.get("/queue", include_in_schema=False)
    def queue_page(request: Request, status: str = "open") -> Response:
        principal = who(request)
        if isinstance(principal, Response):
            return principal
        chosen = status if status in _FILTERS else "open"
        items = app.review_queue(principal.tenant).list(status=_FILTERS[chosen], limit=500)
        return page.page(
            "queue.html",
            principal=principal,
            csrf=gate.csrf(request),
            items=items,
            shown=chosen,
            filters=list(_FILTERS),
        )

    def show(
        request: Request,
        principal: Principal,
        item_id: int,
        *,
        status: int = 200,
        notice: str = "",
        error: str = "",
        form: dict[str, str] | None = None,
        problems: dict[str, str] | None = None,
        listed: list[tuple[str, str]] | None = None,
    ) -> Response:
        queue = app.review_queue(principal.tenant)
        try:
            view = item_view(
                app, queue, item_id, actor=principal.actor, submitted=form, problems=problems
            )
        except RecordNotFound:
            return page.error(404, principal=principal, csrf=gate.csrf(request))
        view.error = error
        view.problems = listed or []
        return page.page(
            "item.html",
            status=status,
            principal=principal,
            csrf=gate.csrf(request),
            view=view,
            notice=notice,
            max_draft=MAX_DRAFT_CHARS,
        )

    @router.get("/items/{item_id}", include_in_schema=False)
    def item_page(request: Request, item_id: int, done: str = "") -> Response:
        principal = who(request)
        if isinstance(principal, Response):
            return principal
        return show(request, principal, item_id, notice=_DONE.get(done, ""))

    @router.post("/items/{item_id}/{verb}", include_in_schema=False)
    async def act(request: Request, item_id: int, verb: str) -> Response:
        try:
            form = await read_form(request)
        except FormRefused as refused:
            return page.error(refused.status)
        # The key store and the queue block: off the event loop.
        return await run_in_threadpool(act_on, request, item_id, verb, form)

    def act_on(request: Request, item_id: int, verb: str, form: dict[str, str]) -> Response:
        principal = who(request)
        if isinstance(principal, Response):
            return principal
        if not gate.csrf_ok(request, form):
            log_event(_log, "ui.csrf_refused", review_id=str(item_id), status_code=403)
            return page.csrf_refused(principal=principal, csrf=gate.csrf(request))
        if verb not in _VERBS:
            return page.error(404, principal=principal, csrf=gate.csrf(request))
        queue = app.review_queue(principal.tenant)
        actor = principal.actor
        step = _step(app, queue, verb, item_id, actor, principal.tenant, form)
        try:
            outcome = step()
        except RecordNotFound:
            return page.error(404, principal=principal, csrf=gate.csrf(request))
        except InvalidTransition as exc:
            return show(request, principal, item_id, status=409, error=str(exc))
        except InvalidCorrection as exc:
            problems = {path.split(".")[0].split("[")[0]: why for path, why in exc.problems}
            return show(
                request,
                principal,
                item_id,
                status=422,
                error="The correction was not stored: fix the fields below.",
                form=form,
                problems=problems,
                listed=list(exc.problems),
            )
        if isinstance(outcome, str):  # the form itself was unusable
            return show(request, principal, item_id, status=422, error=outcome, form=form)
        log_event(
            _log,
            "ui.review",
            review_id=str(item_id),
            tenant=principal.tenant,
            status=outcome.status,
            outcome=verb,
        )
        return secure(RedirectResponse(f"/ui/items/{item_id}?done={verb}", status_code=303))


def _step(
    app: App,
    queue: ReviewQueue,
    verb: str,
    item_id: int,
    actor: str,
    tenant: str,
    form: dict[str, str],
) -> Callable[[], ReviewItem | str]:
    """The blocking work of one action; a ``str`` result is a message about the form."""

    def run() -> ReviewItem | str:
        if verb == "correct":
            item = queue.get(item_id)
            record = (
                app.records.get_extraction(int(item.subject)) if item.subject.isdigit() else None
            )
            if record is None:
                return "This item has no record to correct."
            changes, unreadable = read_changes(record.payload, form)
            if unreadable:
                raise InvalidCorrection(item_id, tuple(unreadable.items()))
            if not changes:
                return "No field was changed. To keep the record as it is, use Accept."
            closed, _ = app.correct_review(item_id, changes, actor=actor, tenant=tenant)
            return closed
        if verb == "edit":
            text = form.get("text", "").strip()
            if not text:
                return "The draft text is empty; to discard the draft, use Reject."
            if len(text) > MAX_DRAFT_CHARS:
                return f"The draft is longer than {MAX_DRAFT_CHARS} characters."
            return queue.edit(item_id, {"text": text}, actor=actor)
        steps: dict[str, Callable[..., ReviewItem]] = {
            "claim": queue.claim,
            "release": queue.release,
            "accept": queue.accept,
            "approve": queue.approve,
            "reject": queue.reject,
        }
        return steps[verb](item_id, actor=actor)

    return run
