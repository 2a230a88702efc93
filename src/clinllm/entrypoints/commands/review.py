"""``clinllm review``: work the one human review queue from the command line.

Every kind of case is here: prior-auth extractions to check (``accept``, ``correct``), triage
reply drafts to approve (``edit``, ``approve``, ``reject``), emergency escalations to
acknowledge (``accept``). ``list`` shows the queue (escalations first), ``show`` one case with
its record, evidence and history, ``claim`` takes a case. A correction stores a new version
(the original stays); every step is a version of the item (who, when, what changed) and an
audit event. The database comes from ``--database-url`` or ``CLINLLM_DATABASE_URL`` (through
the composition root) and is migrated on start; the reviewer from ``--by`` or
``CLINLLM_ACTOR``. Exit codes: 0 done; 2 bad input (unknown id, a case that cannot move that
way, a malformed correction); 3 bad configuration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.console import Console
from rich.table import Table

from clinllm.bootstrap import build_store, correct_review, output_schemas, workflow_specs
from clinllm.domain.review import ReviewItem
from clinllm.entrypoints.commands import group
from clinllm.errors import InputError
from clinllm.files import read_bounded
from clinllm.settings import load_settings

if TYPE_CHECKING:
    from clinllm.settings import Settings
    from clinllm.store import Store

__all__ = ["app", "main"]

#: Largest corrections file: a payload is one extraction's JSON, never megabytes.
_MAX_PAYLOAD_BYTES = 5 * 1024 * 1024

app = group("review", "Work the human review queue: claim, accept, correct, edit, approve.")

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="CLINLLM_DATABASE_URL",
        help="Database URL (sqlite:///path.db or postgresql://...); default: the data dir's.",
    ),
]
Actor = Annotated[
    str,
    typer.Option(
        "--by", envvar="CLINLLM_ACTOR", help="Your reviewer id (recorded in the audit log)."
    ),
]
ItemId = Annotated[int, typer.Argument(help="Review item id (from `clinllm review list`).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _settings(database_url: str | None) -> Settings:
    return load_settings(**({"database_url": database_url} if database_url else {}))


def _store(database_url: str | None, *, create: bool = True) -> Store:
    """Open (and migrate) the database through the composition root.

    ``create`` is False for the read-only commands (``list``, ``show``): a mistyped path is a
    configuration error and no empty database appears.
    """
    return build_store(_settings(database_url), create=create, audited=create)


def _item_json(item: ReviewItem) -> dict[str, Any]:
    data: dict[str, Any] = item.model_dump(mode="json")
    return data


def _print_items(items: list[ReviewItem], title: str) -> None:
    table = Table(title=title)
    for column in ("id", "status", "kind", "document", "subject", "reasons", "claimed by"):
        table.add_column(column)
    table.add_column("created (UTC)")
    for item in items:
        table.add_row(
            str(item.id),
            item.status,
            item.kind,
            str(item.document_id or ""),
            item.subject,
            ", ".join(item.reasons),
            item.claimed_by or "",
            item.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    Console().print(table)


def _done(item: ReviewItem, as_json: bool, verb: str) -> None:
    if as_json:
        typer.echo(json.dumps(_item_json(item), indent=2))
    else:
        Console().print(f"review item {item.id} {verb} by {item.updated_by}")


@app.command("list")
def list_items(
    database_url: DatabaseUrl = None,
    status: Annotated[
        str,
        typer.Option(
            help="open (pending+claimed), pending, claimed, accepted, corrected, approved, "
            "rejected, all."
        ),
    ] = "open",
    kind: Annotated[
        str | None, typer.Option(help="Only this kind (prior_auth.extraction, triage.draft...).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 100,
    as_json: AsJson = False,
) -> None:
    """List review items, oldest first."""
    choices: dict[str, Any] = {
        "open": ("pending", "claimed"),
        "all": None,
        "pending": "pending",
        "claimed": "claimed",
        "accepted": "accepted",
        "corrected": "corrected",
        "approved": "approved",
        "rejected": "rejected",
    }
    if status not in choices:
        raise InputError(f"--status must be one of {', '.join(choices)}")
    items = _store(database_url, create=False).reviews.list(
        status=choices[status], kind=kind, limit=limit
    )
    if as_json:
        typer.echo(json.dumps([_item_json(i) for i in items], indent=2))
        return
    _print_items(items, f"Review queue ({status}): {len(items)} item(s)")


@app.command()
def show(item_id: ItemId, database_url: DatabaseUrl = None) -> None:
    """Show one case: the item, its history, and the record it is about with its evidence."""
    store = _store(database_url, create=False)
    item = store.reviews.get(item_id)
    out: dict[str, Any] = {
        "item": _item_json(item),
        "history": [v.model_dump(mode="json") for v in store.reviews.history(item_id)],
    }
    subject = item.result or item.subject
    if subject.isdigit():
        extraction = store.records.get_extraction(int(subject))
        out["extraction"] = extraction.model_dump(mode="json")
        out["evidence"] = [e.model_dump(mode="json") for e in store.records.evidence(extraction.id)]
        out["findings"] = [f.model_dump(mode="json") for f in store.records.findings(extraction.id)]
    typer.echo(json.dumps(out, indent=2))


def _parse_set(assignments: list[str]) -> dict[str, Any]:
    """Parse ``field=value`` pairs; a value that parses as JSON is taken as JSON."""
    changes: dict[str, Any] = {}
    for assignment in assignments:
        field, sep, raw = assignment.partition("=")
        if not sep or not field.strip():
            raise InputError('--set takes field=value (e.g. member_id="ABC123")')
        try:
            changes[field.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            changes[field.strip()] = raw
    return changes


@app.command()
def correct(
    item_id: ItemId,
    by: Actor,
    payload: Annotated[
        Path | None,
        typer.Option(help="JSON file with the whole corrected payload.", dir_okay=False),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="field=value applied to the current payload; repeatable."),
    ] = None,
    database_url: DatabaseUrl = None,
    as_json: AsJson = False,
) -> None:
    """Correct the extraction: a new version is stored and the original is kept.

    The result must validate against the workflow's output schema (the same check as the
    review pages); a correction that does not is refused and nothing is stored.
    """
    if (payload is None) == (not set_):
        raise InputError("give exactly one of --payload FILE or --set field=value")
    settings = _settings(database_url)
    store = build_store(settings)
    if payload is not None:
        raw = read_bounded(payload, max_bytes=_MAX_PAYLOAD_BYTES)
        try:
            corrected = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):  # JSONDecodeError is a ValueError
            raise InputError(f"{payload.name}: not a readable JSON file") from None
        if not isinstance(corrected, dict):
            raise InputError(f"{payload.name}: the payload must be a JSON object")
    else:
        corrected = _parse_set(set_ or [])
    item, new = correct_review(
        store.reviews,
        store.records,
        output_schemas(workflow_specs(settings)),
        item_id,
        corrected,
        actor=by,
        whole=payload is not None,
    )
    if as_json:
        typer.echo(
            json.dumps({"item": _item_json(item), "extraction": new.model_dump(mode="json")})
        )
        return
    Console().print(
        f"review item {item.id} corrected by {by}: extraction {new.id} (version {new.version}) "
        f"supersedes {new.supersedes_id}"
    )


@app.command()
def edit(
    item_id: ItemId,
    by: Actor,
    text: Annotated[str, typer.Option(help="The draft's new text.")],
    database_url: DatabaseUrl = None,
    as_json: AsJson = False,
) -> None:
    """Edit a reply draft's text; it stays pending until approved (a version records it)."""
    _done(_store(database_url).reviews.edit(item_id, {"text": text}, actor=by), as_json, "edited")


def _step(verb: Literal["claim", "release", "accept", "approve", "reject"], summary: str) -> None:
    """Register ``clinllm review <verb> ID --by ME``: one queue step, the same for every kind."""

    def command(
        item_id: ItemId,
        by: Actor,
        database_url: DatabaseUrl = None,
        as_json: AsJson = False,
    ) -> None:
        queue = _store(database_url).reviews
        _done(getattr(queue, verb)(item_id, actor=by), as_json, f"{verb.rstrip('e')}ed")

    command.__doc__ = summary
    app.command(verb)(command)


_step("claim", "Claim a pending case so no one else works it.")
_step("release", "Give back a case you hold, so another reviewer can take it.")
_step("accept", "Accept the record as it is (or acknowledge an escalation) and close the case.")
_step("approve", "Approve a reply draft (your system sends it; clinllm never does).")
_step("reject", "Reject a case.")


def _invoke(args: list[str] | None = None, standalone_mode: bool = False) -> object:
    """Run the app, turning Typer's usage errors into their message and exit code.

    Typer 0.29 vendors click, so its usage errors are ``typer.TyperException`` rather than
    ``click.ClickException`` and would otherwise reach ``run_cli`` as internal errors.
    """
    try:
        return app(args=args, standalone_mode=standalone_mode)
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        raise SystemExit(getattr(exc, "exit_code", 2)) from None


def main() -> None:
    """Run ``clinllm review`` on its own (``python -m clinllm.entrypoints.commands.review``)."""
    from clinllm.entrypoints.errors import run_cli

    run_cli(_invoke)


if __name__ == "__main__":
    main()
