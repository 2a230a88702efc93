"""Workflows: each turns one kind of healthcare input into a validated, evidenced result.

A workflow owns its schema, prompt, deterministic rules and mapping; it reaches models only
through :mod:`clinllm.gateway` and persistence only through the ports it defines.
"""
