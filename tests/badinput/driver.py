"""Run many ``clinllm`` command lines in one process (a subprocess of the bad-input tests).

Starting Python and importing clinllm costs seconds; the suite has hundreds of cases, so one
subprocess runs them all: it reads a JSON list of cases (``{"args": [...], "env": {...}}``) on
stdin, runs each through the real entry point (:func:`clinllm.entrypoints.errors.run_cli`, as
the console script does) with stdout and stderr captured, and prints one JSON line per case:
the exit code and what the command wrote. Anything the command writes straight to the process's
own streams (a stray traceback, a log handler) is in this process's stderr, which the tests
read as well.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys


def main() -> None:
    from clinllm.entrypoints.cli import app
    from clinllm.entrypoints.errors import run_cli

    cases = json.load(sys.stdin)
    results = []
    for case in cases:
        saved = dict(os.environ)
        os.environ.update(case.get("env") or {})
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    run_cli(app, list(case["args"]))
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
        finally:
            os.environ.clear()
            os.environ.update(saved)
        results.append({"code": code, "stdout": out.getvalue(), "stderr": err.getvalue()})
    sys.stdout.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
