"""Logs, traces and metrics that carry identifiers and numbers, never content."""
