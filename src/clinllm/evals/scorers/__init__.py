"""Metric definitions per suite: pure functions from (gold, prediction) rows to numbers.

One module per suite. Each metric is one documented function; the key it is reported under
is its function name, and those keys are a contract (add more, never rename).
"""
