"""What every route reads from ``app.state``, set once by ``create_app``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request

from clinllm.domain.identity import KeyStore
from clinllm.domain.ports import JobQueue

if TYPE_CHECKING:
    from clinllm.bootstrap.service import Service
    from clinllm.settings import HttpSettings

__all__ = ["ApiContext", "context"]


@dataclass(frozen=True, slots=True)
class ApiContext:
    """The service, the key store, the optional job queue and the HTTP settings."""

    service: Service
    keys: KeyStore
    jobs: JobQueue | None
    settings: HttpSettings


async def context(request: Request) -> ApiContext:
    """This app's context (routes take it through ``Depends(context)``).

    ``async`` on purpose: FastAPI runs a plain ``def`` dependency in its thread pool, a thread
    hop per request (measured at several milliseconds under load) for a dictionary read.
    """
    ctx: ApiContext = request.app.state.context
    return ctx
