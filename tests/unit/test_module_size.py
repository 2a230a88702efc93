"""No module in ``src/`` is over 500 lines: one module per idea, readable in one sitting."""

from __future__ import annotations

from pathlib import Path

import clinllm

LIMIT = 500
SRC = Path(clinllm.__file__).parent


def test_no_module_is_over_the_limit() -> None:
    sizes = {
        path.relative_to(SRC).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in SRC.rglob("*.py")
    }
    assert len(sizes) > 100  # the tree was found
    too_long = {name: n for name, n in sizes.items() if n > LIMIT}
    assert too_long == {}, f"split these modules (over {LIMIT} lines): {too_long}"
