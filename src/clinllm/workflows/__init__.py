"""Workflows: each turns one kind of healthcare input into a validated, evidenced result.

A workflow is a specification (:class:`clinllm.pipeline.spec.WorkflowSpec`), not a program: its
schema, recognizers, prompt, merge, rules, required fields, review policy and after-route
actions. The pipeline's runner does the rest, the same way for every workflow; models, stores and
the review queue are reached only through the domain's ports. See ``docs/architecture.md``.
"""
