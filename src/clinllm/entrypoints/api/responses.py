"""A response body serialized once, straight from its pydantic model.

``JSONResponse(model.model_dump(mode="json"))`` walks the data twice: pydantic turns the model
into Python dicts and lists, then the standard library encodes those to JSON. A route that
answers with its own :class:`~starlette.responses.Response` (a status, headers, an idempotent
replay) gets the bytes from pydantic's serializer in one pass instead. The body is the same
JSON document the published schema describes, since the model is that schema.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel
from starlette.responses import Response

__all__ = ["model_response"]

_JSON = "application/json"


def model_response(
    model: BaseModel, *, status_code: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    """``model`` as an ``application/json`` response, encoded in one pass."""
    return Response(
        model.model_dump_json(),
        status_code=status_code,
        headers=headers,
        media_type=_JSON,
    )
