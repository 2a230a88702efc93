"""``clinllm policies ingest|search|ask``: permissioned policy search on the configured store.

``ingest`` reads text, Markdown, HTML and PDF files into the policy index for the given groups
(``--groups``) of a tenant; re-ingesting a changed file replaces it, an unchanged one is left
alone. ``search`` prints the ranked passages a user may read; ``ask`` answers through the
gateway with grounded citations, or refuses. Every ingest, search and answer is audited.

The user and groups come from the command line here, standing in for authentication; nothing
typed in the question changes them. Output is JSON on stdout; errors are one line.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from clinllm.bootstrap import (
    build_gateway,
    build_policy_ingestor,
    build_policy_search,
    build_store,
    configure_process,
)
from clinllm.domain.policies import Reader, SearchHit
from clinllm.entrypoints.errors import run_cli
from clinllm.errors import InputError
from clinllm.settings import load_settings

if TYPE_CHECKING:
    from clinllm.workflows.policy_search import PolicyAnswer

__all__ = ["answer_json", "app", "hit_json", "main"]

app = typer.Typer(
    name="policies",
    help="Policy search: ingest documents for groups, search and ask as a user.",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
)

_Groups = Annotated[
    str, typer.Option("--groups", help="Comma-separated groups, e.g. billing,all_staff")
]
_Tenant = Annotated[str | None, typer.Option("--tenant", help="Tenant (default: CLINLLM_TENANT)")]
_User = Annotated[str, typer.Option("--user", help="The user asking")]


def _groups(value: str) -> list[str]:
    groups = [g.strip() for g in value.split(",") if g.strip()]
    if not groups:
        raise InputError("--groups needs at least one group")
    return groups


def _reader(user: str, groups: str, tenant: str) -> Reader:
    try:
        return Reader(user=user, groups=frozenset(_groups(groups)), tenant=tenant)
    except ValueError as exc:
        raise InputError(str(exc)) from None


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """One ranked passage: where it is, how it ranked, what the screen said (no score)."""
    chunk = hit.chunk
    return {
        "rank": hit.rank,
        "document": chunk.document_key,
        "chunk": chunk.chunk_id,
        "title": chunk.title,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "hidden": chunk.hidden,
        "flagged": [f.reason for f in chunk.findings],
        "text": chunk.text,
    }


def answer_json(answer: PolicyAnswer) -> dict[str, Any]:
    """The answer with its grounded citations, or the refusal."""
    return {
        "decision": answer.decision,
        "answer": answer.answer,
        "citations": [
            {
                "document": c.document_key,
                "chunk": c.chunk_id,
                "title": c.title,
                "section": c.section,
                "quote": c.quote,
                "start": c.start,
                "end": c.end,
            }
            for c in answer.citations
        ],
        "reasons": list(answer.reasons),
        "provider": answer.provider,
        "model": answer.model,
    }


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Text, Markdown, HTML or PDF files")],
    groups: _Groups,
    tenant: _Tenant = None,
    key: Annotated[
        str | None, typer.Option("--id", help="Document id (one file only; default: file name)")
    ] = None,
    actor: Annotated[str, typer.Option("--actor", help="Who ingests (audit)")] = "system",
) -> None:
    """Index policy files for the groups allowed to read them."""
    settings = load_settings()
    configure_process(settings)
    if key is not None and len(paths) != 1:
        raise InputError("--id can name only one file")
    allowed = _groups(groups)
    ingestor = build_policy_ingestor(settings, build_store(settings))
    for path in paths:
        try:
            result = ingestor.ingest_file(
                path, groups=allowed, tenant=tenant or settings.tenant, key=key, actor=actor
            )
        except ValueError as exc:
            raise InputError(f"{path.name}: {exc}") from None
        typer.echo(
            json.dumps(
                {
                    "document": result.key,
                    "status": result.status,
                    "chunks": result.chunks,
                    "flagged_chunks": result.flagged_chunks,
                    "hidden_chunks": result.hidden_chunks,
                }
            )
        )


@app.command()
def search(
    question: Annotated[str, typer.Argument(help="The question")],
    user: _User,
    groups: _Groups,
    tenant: _Tenant = None,
) -> None:
    """Ranked passages the user may read."""
    settings = load_settings()
    configure_process(settings)
    reader = _reader(user, groups, tenant or settings.tenant)
    service = build_policy_search(settings, build_gateway(settings, "rules"), build_store(settings))
    outcome = service.search(question, reader)
    typer.echo(json.dumps({"results": [hit_json(h) for h in outcome.hits]}, indent=2))


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question")],
    user: _User,
    groups: _Groups,
    tenant: _Tenant = None,
    provider: Annotated[
        str | None, typer.Option("--provider", help="Provider chain, e.g. rules")
    ] = None,
) -> None:
    """An answer with citations from documents the user may read, or a refusal."""
    settings = load_settings()
    configure_process(settings)
    reader = _reader(user, groups, tenant or settings.tenant)
    gateway = build_gateway(settings, provider)
    service = build_policy_search(settings, gateway, build_store(settings))

    async def _go() -> PolicyAnswer:
        try:
            return await service.ask(question, reader)
        finally:
            await gateway.aclose()

    typer.echo(json.dumps(answer_json(asyncio.run(_go())), indent=2))


def main() -> None:
    """Entry point for ``python -m clinllm.entrypoints.commands.policies``."""
    run_cli(app)


if __name__ == "__main__":
    main()
