"""The code table a user imports: their own CPT or HCPCS list, kept as a plain file.

Why: CPT descriptors are licensed and the CMS HCPCS file is not packaged anywhere, so the
library can only check those codes by format. A site that holds a licence (or downloads the
public HCPCS file) imports it once with ``clinllm codes import``; from then on a code that is
well-formed but not in the table is rejected as non-existent. The table is one tab-separated
file per system under ``<data_dir>/codes/`` so it can be inspected, diffed and backed up.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from clinllm.codes import cpt, hcpcs
from clinllm.errors import InputError
from clinllm.files import read_bounded

__all__ = ["CodeSystem", "CodeTable", "ImportReport"]

#: The systems a user may import.
CodeSystem = Literal["cpt", "hcpcs"]

_CODE_HEADERS = ("code", "cpt", "cpt code", "hcpcs", "hcpcs code", "hcpc", "procedure code")
_DESC_HEADERS = ("description", "descriptor", "short description", "long description", "desc")
_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did.

    Attributes:
        system: The code system imported.
        imported: Distinct codes now in the table.
        rejected: Rows whose code column was not a well-formed code of that system.
        path: The table file written.
    """

    system: CodeSystem
    imported: int
    rejected: int
    path: Path


def _normalize(system: CodeSystem, code: str) -> str | None:
    return cpt.normalize(code) if system == "cpt" else hcpcs.normalize(code)


class CodeTable:
    """Codes the user imported, per system, read from ``<data_dir>/codes/<system>.tsv``.

    Lookups are set membership on a table loaded once per system, so checking every code of a
    batch costs next to nothing.

    Args:
        data_dir: The clinllm data directory (settings decide where it is).
    """

    def __init__(self, data_dir: Path) -> None:
        self._dir = Path(data_dir) / "codes"
        self._loaded: dict[CodeSystem, frozenset[str] | None] = {}

    def __repr__(self) -> str:
        return f"CodeTable(dir={str(self._dir)!r})"

    def __eq__(self, other: object) -> bool:
        """Two tables are the same table when they read the same directory."""
        if not isinstance(other, CodeTable):
            return NotImplemented
        return self._dir.resolve() == other._dir.resolve()

    def __hash__(self) -> int:
        return hash(self._dir.resolve())

    def path(self, system: CodeSystem) -> Path:
        """The file that holds the table for ``system``."""
        return self._dir / f"{system}.tsv"

    def has_table(self, system: CodeSystem) -> bool:
        """Whether the user imported a table for ``system``."""
        return self._codes(system) is not None

    def contains(self, system: CodeSystem, code: str) -> bool | None:
        """Whether ``code`` is in the imported table; None when no table was imported."""
        codes = self._codes(system)
        if codes is None:
            return None
        norm = _normalize(system, code)
        return norm is not None and norm in codes

    def _codes(self, system: CodeSystem) -> frozenset[str] | None:
        if system not in self._loaded:
            path = self.path(system)
            if not path.is_file():
                self._loaded[system] = None
            else:
                with path.open(encoding="utf-8", newline="") as fh:
                    rows = csv.reader(fh, delimiter="\t")
                    self._loaded[system] = frozenset(r[0] for r in rows if r and r[0])
        return self._loaded[system]

    def import_file(self, source: Path, system: CodeSystem) -> ImportReport:
        """Import a CSV or TSV code list into the table for ``system`` (replacing it).

        The file needs a code column (header ``code``, ``cpt``, ``hcpcs`` ..., else the first
        column) and may have a description column, kept for the user's own display.

        Raises:
            InputError: The file is missing, too large, not UTF-8 text or has no codes.
        """
        source = Path(source)
        if not source.exists():
            raise InputError(f"code table file not found: {source.name}")
        try:
            raw = read_bounded(source, max_bytes=_MAX_BYTES).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"code table file is not UTF-8 text: {source.name}") from exc
        if "\x00" in raw:
            raise InputError(f"code table file is binary, not text: {source.name}")
        try:
            rows = list(csv.reader(io.StringIO(raw), dialect=_dialect(raw)))
        except csv.Error:  # a field over the csv module's limit, a bad quote
            raise InputError(f"code table file is not a readable CSV: {source.name}") from None
        rows = [r for r in rows if any(cell.strip() for cell in r)]
        if not rows:
            raise InputError(f"code table file has no rows: {source.name}")
        code_col, desc_col, body = _columns(rows)
        table: dict[str, str] = {}
        rejected = 0
        for row in body:
            cell = row[code_col].strip() if code_col < len(row) else ""
            code = _normalize(system, cell)
            if code is None:
                rejected += 1
                continue
            desc = row[desc_col].strip() if desc_col is not None and desc_col < len(row) else ""
            table.setdefault(code, " ".join(desc.split()))
        if not table:
            raise InputError(f"code table file has no valid {system} codes: {source.name}")
        self._dir.mkdir(parents=True, exist_ok=True)
        target = self.path(system)
        tmp = target.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
            for code in sorted(table):
                writer.writerow([code, table[code]])
        tmp.replace(target)
        self._loaded[system] = frozenset(table)
        return ImportReport(system=system, imported=len(table), rejected=rejected, path=target)


def _dialect(raw: str) -> type[csv.Dialect]:
    first = raw.splitlines()[0] if raw else ""
    # Descriptors often hold commas; a tab anywhere in the header line means TSV.
    return csv.excel_tab if "\t" in first else csv.excel


def _columns(rows: list[list[str]]) -> tuple[int, int | None, list[list[str]]]:
    header = [c.strip().lower() for c in rows[0]]
    code_col = next((i for i, h in enumerate(header) if h in _CODE_HEADERS), None)
    desc_col = next((i for i, h in enumerate(header) if h in _DESC_HEADERS), None)
    if code_col is not None:
        return code_col, desc_col, rows[1:]
    # No recognised header: first column is the code, second (if any) the description; a
    # first row that is not a code is a header we do not know and is skipped by validation.
    return 0, (1 if len(rows[0]) > 1 else None), rows
