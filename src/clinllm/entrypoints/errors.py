"""How the command line reports failures: one line, an exit code, no traceback, no content."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Literal, NoReturn

import typer

from clinllm.entrypoints.display import shown
from clinllm.errors import ClinLLMError, ConfigError, InputError, NotImplementedWorkflow

__all__ = [
    "EXIT_CONFIG",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_INTERNAL",
    "EXIT_NOT_IMPLEMENTED",
    "EXIT_PARTIAL",
    "BatchStatus",
    "batch_exit_code",
    "run_cli",
]

#: The work ran and failed (a provider, a gate, a verification).
EXIT_FAILED = 1
#: Bad input (file, arguments).
EXIT_INPUT = 2
#: Bad configuration: the message names the setting.
EXIT_CONFIG = 3
#: The workflow (or its eval suite) does not exist in this build.
EXIT_NOT_IMPLEMENTED = 4
#: A batch ran to its end and some items failed, some succeeded; each failure is in the
#: output with its error type and reason.
EXIT_PARTIAL = 5
#: A bug: reported by type only, since its text could carry content.
EXIT_INTERNAL = 70


#: What happened to one batch item: succeeded, failed on its input, failed otherwise.
BatchStatus = Literal["ok", "input", "failed"]


def batch_exit_code(statuses: Sequence[BatchStatus]) -> int:
    """The exit code of a batch from what happened to each item.

    0 when every item succeeded; :data:`EXIT_PARTIAL` when some did and some failed; when every
    item failed, :data:`EXIT_INPUT` if each failure was bad input, else :data:`EXIT_FAILED`. A
    script can tell "fix these files" from "look at the service".
    """
    failed = [s for s in statuses if s != "ok"]
    if not failed:
        return 0
    if len(failed) < len(statuses):
        return EXIT_PARTIAL
    return EXIT_INPUT if all(s == "input" for s in failed) else EXIT_FAILED


def _fail(message: str, code: int) -> NoReturn:
    # Messages name files and ids the caller gave: never let them drive the terminal.
    sys.stderr.write(f"error: {shown(message)}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def run_cli(command: Callable[..., object], args: list[str] | None = None) -> NoReturn:
    """Run a Typer command, mapping every failure to a one-line message and exit code.

    clinllm errors are written as their (content-free) message. Any other exception is a bug:
    only its type is shown, because its text may hold document content.

    Only names Typer exports are used: Typer carries its own copy of click (``typer._click``),
    whose exceptions all derive from ``typer.TyperException``, and no longer depends on the
    ``click`` distribution, so importing ``click`` here would work only where something else
    happened to install it.
    """
    try:
        result = command(args=args, standalone_mode=False)
    except typer.Exit as exc:
        raise SystemExit(exc.exit_code) from None
    except typer.TyperException as exc:  # usage errors: bad option, missing argument, ...
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        raise SystemExit(getattr(exc, "exit_code", EXIT_INPUT)) from None
    except typer.Abort:
        _fail("aborted", 130)
    except ConfigError as exc:
        _fail(str(exc), EXIT_CONFIG)
    except InputError as exc:
        _fail(str(exc), EXIT_INPUT)
    except NotImplementedWorkflow as exc:
        _fail(str(exc), EXIT_NOT_IMPLEMENTED)
    except ClinLLMError as exc:
        _fail(str(exc), EXIT_FAILED)
    except KeyboardInterrupt:
        _fail("interrupted", 130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        _fail(
            f"internal error ({type(exc).__name__}); details withheld because they may contain "
            "document content. Re-run with CLINLLM_LOG_LEVEL=DEBUG for allowlisted diagnostics.",
            EXIT_INTERNAL,
        )
    raise SystemExit(result if isinstance(result, int) else 0)
