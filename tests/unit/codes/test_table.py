from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from clinllm.codes.table import CodeTable
from clinllm.entrypoints.commands.codes import app
from clinllm.errors import InputError


def test_import_csv_with_header_then_lookup(tmp_path: Path) -> None:
    src = tmp_path / "cpt.csv"
    src.write_text("Code,Description\n72148,site text\n99213,x\nnot-a-code,y\n", encoding="utf-8")
    table = CodeTable(tmp_path / "data")
    assert table.contains("cpt", "72148") is None  # nothing imported yet
    report = table.import_file(src, "cpt")
    assert (report.imported, report.rejected) == (2, 1)
    assert table.contains("cpt", "72148") is True
    assert table.contains("cpt", "70553") is False
    # A fresh instance reads the stored file.
    again = CodeTable(tmp_path / "data")
    assert again.has_table("cpt")
    assert again.contains("cpt", "99213") is True
    assert not again.has_table("hcpcs")


def test_import_tsv_without_header(tmp_path: Path) -> None:
    src = tmp_path / "hcpcs.tsv"
    src.write_text("J0135\tInjection, adalimumab, 20 mg\nE0601\tCPAP device\n", encoding="utf-8")
    report = CodeTable(tmp_path).import_file(src, "hcpcs")
    assert report.imported == 2
    assert report.path.read_text(encoding="utf-8").splitlines()[0].startswith("E0601\t")


def test_import_errors_name_the_file_not_its_content(tmp_path: Path) -> None:
    bad = tmp_path / "empty.csv"
    bad.write_text("code\nnope\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no valid cpt codes: empty\.csv"):
        CodeTable(tmp_path).import_file(bad, "cpt")
    with pytest.raises(InputError, match="not found"):
        CodeTable(tmp_path).import_file(tmp_path / "missing.csv", "cpt")


def test_codes_import_command(tmp_path: Path) -> None:
    src = tmp_path / "cpt.csv"
    src.write_text("code\n72148\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["import", str(src), "--system", "cpt", "--data-dir", str(tmp_path / "d")]
    )
    assert result.exit_code == 0, result.output
    assert CodeTable(tmp_path / "d").contains("cpt", "72148") is True
    bad = CliRunner().invoke(app, ["import", str(src), "--system", "loinc"])
    assert bad.exit_code != 0
