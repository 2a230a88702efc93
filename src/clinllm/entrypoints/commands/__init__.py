"""The command groups of ``clinllm``, one module each, made by :func:`group`."""

from __future__ import annotations

import typer

__all__ = ["group"]


def group(name: str, summary: str, *, no_args_is_help: bool = True) -> typer.Typer:
    """A command group as every clinllm group is made.

    No shell-completion installer, and no pretty exceptions: an error is one line with an exit
    code (:func:`clinllm.entrypoints.errors.run_cli`), never a traceback that could hold content.
    """
    return typer.Typer(
        name=name,
        help=summary,
        no_args_is_help=no_args_is_help,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
