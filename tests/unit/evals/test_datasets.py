from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from clinllm.errors import InputError
from clinllm.evals import datasets

DATA = Path(__file__).parents[2] / "data" / "evalsets" / "synthetic_b"
SECRET = "Zebulon Quarterfield"


def _write(tmp_path: Path, name: str, rows: list[object]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_every_suite_file_of_the_second_dataset_loads() -> None:
    assert len(datasets.load_prior_auth(DATA).cases) == 6
    assert len(datasets.load_triage(DATA).cases) == 12
    assert len(datasets.load_phi(DATA).cases) == 6
    assert len(datasets.load_note_summary(DATA).cases) == 4
    assert len(datasets.load_injection(DATA).cases) == 8
    ref, policy = datasets.load_policy(DATA)
    assert len(policy.docs) == 5
    assert len(policy.questions) == 7
    assert set(ref.files) == {"policy_docs.jsonl", "policy_questions.jsonl"}


def test_dataset_identity_is_the_sha256_of_the_file() -> None:
    loaded = datasets.load_triage(DATA)
    digest = hashlib.sha256((DATA / "triage.jsonl").read_bytes()).hexdigest()
    assert loaded.ref.files == {"triage.jsonl": digest}
    assert loaded.ref.path == str(DATA)


def test_bad_label_names_file_line_and_field_but_not_content(tmp_path: Path) -> None:
    good = {
        "id": "a",
        "input": {"message": "hello"},
        "expected": {"category": "other", "urgency": "routine"},
    }
    bad = {
        "id": "b",
        "input": {"message": SECRET},
        "expected": {"category": "zzbadlabel", "urgency": "routine"},
    }
    _write(tmp_path, "triage.jsonl", [good, bad])
    with pytest.raises(InputError) as caught:
        datasets.load_triage(tmp_path)
    message = str(caught.value)
    assert "triage.jsonl line 2" in message
    assert "expected.category" in message
    assert SECRET not in message
    assert "zzbadlabel" not in message


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "triage.jsonl").write_text('{"id": "a"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"triage.jsonl line 1: not valid JSON"):
        datasets.load_triage(tmp_path)


def test_missing_field_and_unknown_key_are_rejected(tmp_path: Path) -> None:
    row = {"id": "a", "input": {"message": "x"}, "expected": {"category": "other"}}
    _write(tmp_path, "triage.jsonl", [row])
    with pytest.raises(InputError, match=r"line 1: field expected.urgency"):
        datasets.load_triage(tmp_path)
    row["expected"] = {"category": "other", "urgency": "routine", "urgncy": "x"}
    _write(tmp_path, "triage.jsonl", [row])
    with pytest.raises(InputError, match=r"field expected.urgncy"):
        datasets.load_triage(tmp_path)


def test_non_iso_date_is_rejected(tmp_path: Path) -> None:
    row = json.loads((DATA / "prior_auth.jsonl").read_text(encoding="utf-8").splitlines()[0])
    row["expected"]["service_date"] = "04/06/2026"
    _write(tmp_path, "prior_auth.jsonl", [row])
    with pytest.raises(InputError, match=r"line 1: field expected.service_date"):
        datasets.load_prior_auth(tmp_path)


def test_phi_span_offsets_must_match_text(tmp_path: Path) -> None:
    row = {
        "id": "p",
        "input": {"text": f"Patient {SECRET} seen"},
        "expected": {"spans": [{"start": 0, "end": 7, "type": "NAME", "text": SECRET}]},
    }
    _write(tmp_path, "phi.jsonl", [row])
    with pytest.raises(InputError) as caught:
        datasets.load_phi(tmp_path)
    assert "line 1: field expected.spans.0.text" in str(caught.value)
    assert SECRET not in str(caught.value)


def test_duplicate_ids_are_rejected(tmp_path: Path) -> None:
    row = {
        "id": "a",
        "input": {"message": "x"},
        "expected": {"category": "other", "urgency": "routine"},
    }
    _write(tmp_path, "triage.jsonl", [row, row])
    with pytest.raises(InputError, match=r"line 2: field id: duplicate of line 1"):
        datasets.load_triage(tmp_path)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"prior_auth.jsonl: file not found"):
        datasets.load_prior_auth(tmp_path)


def test_question_naming_an_unknown_document_is_rejected(tmp_path: Path) -> None:
    for name in ("policy_docs.jsonl", "policy_questions.jsonl"):
        (tmp_path / name).write_text((DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    lines = (tmp_path / "policy_questions.jsonl").read_text(encoding="utf-8").splitlines()
    row = json.loads(lines[0])
    row["expected"]["relevant_doc_ids"] = ["nope-1"]
    lines[0] = json.dumps(row)
    (tmp_path / "policy_questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"field expected.relevant_doc_ids.0: unknown document"):
        datasets.load_policy(tmp_path)
