"""Suite adapters: each runs one workflow over one dataset file and scores it.

An adapter receives its workflow through its constructor (a fake in tests, the real one from
:func:`clinllm.evals.suites.registry.build_suite`), so the harness never builds a model.
"""
