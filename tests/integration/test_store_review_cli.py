"""``clinllm review`` as a subprocess over a real SQLite database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, TRIAGE_DRAFT, NewReviewItem
from clinllm.entrypoints.commands.review import _invoke
from clinllm.entrypoints.errors import run_cli
from clinllm.store import Store, make_engine, upgrade

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    doc, _ = store.documents.register(sha256="e" * 64, source_name="a.txt", text="t", pages=1)
    ext, _ = store.extractions.add(doc.id, "prior_auth", {"member_id": None, "payer": "Acme"})
    store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(ext.id),
            payload={},
            reasons=("missing:member_id",),
            document_id=doc.id,
        ),
        actor="system",
    )
    doc2, _ = store.documents.register(sha256="d" * 64, source_name="b.txt", text="t", pages=1)
    ext2, _ = store.extractions.add(doc2.id, "prior_auth", {"member_id": "X1"})
    store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(ext2.id),
            payload={},
            reasons=("low_confidence:npi",),
            document_id=doc2.id,
        ),
        actor="system",
    )
    decision, _ = store.extractions.add(doc2.id, "triage", {"category": "other"})
    store.reviews.open(
        NewReviewItem(
            kind=TRIAGE_DRAFT,
            subject=str(decision.id),
            payload={"text": "We got it."},
            document_id=doc2.id,
        ),
        actor="system",
    )
    engine.dispose()
    return url


def _run(*args: str, url: str, actor: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CLINLLM_DATABASE_URL": url, "COLUMNS": "200"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("CLINLLM_ACTOR", None)
    if actor:
        env["CLINLLM_ACTOR"] = actor
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.commands.review", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def _in_process(capsys: pytest.CaptureFixture[str], *args: str, url: str) -> tuple[int, str, str]:
    """The same entry point without a new interpreter (the subprocess tests cover that)."""
    with pytest.raises(SystemExit) as info:
        run_cli(_invoke, [*args, "--database-url", url])
    captured = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


def test_list_claim_accept_correct(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CLINLLM_ACTOR", raising=False)
    listed = _run("list", url=db_url)
    assert listed.returncode == 0, listed.stderr
    assert "missing:member_id" in listed.stdout
    assert "low_confidence:npi" in listed.stdout

    claimed = _run("claim", "1", "--by", "rev1", "--json", url=db_url)
    assert claimed.returncode == 0, claimed.stderr
    assert json.loads(claimed.stdout)["claimed_by"] == "rev1"

    code, _, err = _in_process(capsys, "accept", "1", "--by", "rev2", url=db_url)
    assert code == 2
    assert "claimed by rev1" in err

    corrected = _run("correct", "1", "--set", 'member_id="ABC123"', url=db_url, actor="rev1")
    assert corrected.returncode == 0, corrected.stderr
    assert "version 2" in corrected.stdout

    code, out, _ = _in_process(capsys, "show", "1", url=db_url)
    shown = json.loads(out)
    payload = shown["extraction"]["payload"]  # checked against the schema: defaults filled in
    assert (payload["member_id"], payload["payer"], payload["procedures"]) == ("ABC123", "Acme", [])
    assert shown["extraction"]["created_by"] == "rev1"

    code, _, err = _in_process(capsys, "accept", "2", "--by", "rev3", url=db_url)
    assert code == 0, err

    code, out, _ = _in_process(capsys, "list", "--json", url=db_url)
    assert [i["kind"] for i in json.loads(out)] == ["triage.draft"]
    code, out, _ = _in_process(capsys, "list", "--status", "all", "--json", url=db_url)
    assert [i["status"] for i in json.loads(out)] == ["corrected", "accepted", "pending"]
    history = [v["action"] for v in shown["history"]]
    assert history == ["opened", "claimed", "corrected"]


def test_a_draft_is_edited_then_approved_from_the_command_line(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _in_process(
        capsys, "edit", "3", "--by", "rn1", "--text", "We got it, thanks.", "--json", url=db_url
    )
    assert code == 0, err
    assert json.loads(out)["payload"]["text"] == "We got it, thanks."
    code, _, err = _in_process(capsys, "approve", "3", "--by", "rn1", url=db_url)
    assert code == 0, err
    code, _, err = _in_process(capsys, "correct", "3", "--by", "rn1", "--set", "a=1", url=db_url)
    assert code == 2
    assert "it is approved" in err
    code, out, _ = _in_process(capsys, "show", "3", url=db_url)
    shown = json.loads(out)
    assert [(v["action"], v["changed"]) for v in shown["history"]] == [
        ("opened", []),
        ("edited", ["text"]),
        ("approved", []),
    ]
    assert shown["extraction"]["workflow"] == "triage"  # the decision the draft answers


def test_correct_from_a_payload_file(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = tmp_path / "fix.json"
    payload.write_text(json.dumps({"member_id": "Z9"}), encoding="utf-8")
    code, out, err = _in_process(
        capsys, "correct", "2", "--payload", str(payload), "--by", "rev", "--json", url=db_url
    )
    assert code == 0, err
    assert json.loads(out)["extraction"]["supersedes_id"] == 2


def test_unknown_id_exits_2_with_a_message(db_url: str) -> None:
    result = _run("claim", "999", "--by", "rev", url=db_url)
    assert result.returncode == 2
    assert "unknown review item id 999" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("accept", "999", "--by", "rev"), "unknown review item id 999"),
        (("show", "999"), "unknown review item id 999"),
        (("list", "--status", "bogus"), "--status must be one of"),
        (("correct", "1", "--by", "rev"), "exactly one of"),
        (("claim", "1"), "--by"),
    ],
)
def test_clear_errors_exit_2_in_process(
    db_url: str,
    args: tuple[str, ...],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CLINLLM_ACTOR", raising=False)
    with pytest.raises(SystemExit) as info:
        run_cli(_invoke, [*args, "--database-url", db_url])
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_a_correction_the_schema_refuses_is_not_stored(
    db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _in_process(
        capsys,
        "correct", "2", "--by", "rev", "--set", 'requesting_provider={"npi": "12345"}',
        url=db_url,
    )  # fmt: skip
    assert code == 2
    assert "requesting_provider.npi" in err
    assert "12345" not in err  # the rule, never the value
    code, out, _ = _in_process(capsys, "show", "2", url=db_url)
    shown = json.loads(out)
    assert shown["item"]["status"] == "pending"
    assert shown["extraction"]["version"] == 1


def test_release_gives_the_case_back(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert _in_process(capsys, "claim", "2", "--by", "rev1", url=db_url)[0] == 0
    code, out, err = _in_process(capsys, "release", "2", "--by", "rev1", "--json", url=db_url)
    assert code == 0, err
    assert (json.loads(out)["status"], json.loads(out)["claimed_by"]) == ("pending", None)
