"""The HTTP service: every workflow behind ``/v1`` with API keys, roles and tenants.

``create_app(app, keys=..., settings=...)`` builds the FastAPI application from the composition
root's :class:`~clinllm.bootstrap.App`; ``clinllm serve`` runs it with uvicorn. See
``docs/http.md`` for the endpoints, authentication and errors.
"""

from clinllm.entrypoints.api.app import Extension, create_app

__all__ = ["Extension", "create_app"]
