"""Alembic migrations of the clinllm schema, shipped in the package and run by ``upgrade()``."""
