"""``clinllm keys create|list|revoke`` as subprocesses on the test's own data dir."""

from __future__ import annotations

import json
import subprocess
import sys


def clinllm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "clinllm.entrypoints.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_create_prints_only_the_key_then_list_and_revoke() -> None:
    created = clinllm(
        "keys", "create", "--tenant", "acme", "--role", "reviewer", "--groups", "billing,all_staff"
    )
    assert created.returncode == 0, created.stderr
    secret = created.stdout.strip()
    assert created.stdout == secret + "\n"  # the key and nothing else on stdout
    assert secret.startswith("clk_")
    listed = clinllm("keys", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) == 1
    assert rows[0]["tenant"] == "acme"
    assert rows[0]["groups"] == ["all_staff", "billing"]
    assert secret not in listed.stdout
    # The secret part may itself contain "_" (URL-safe base64): split at the first two only.
    assert secret.split("_", 2)[2] not in listed.stdout
    revoked = clinllm("keys", "revoke", rows[0]["key_id"])
    assert revoked.returncode == 0, revoked.stderr
    again = clinllm("keys", "revoke", rows[0]["key_id"])
    assert again.returncode == 2
    assert json.loads(clinllm("keys", "list", "--json").stdout)[0]["revoked_at"] is not None


def test_bad_role_and_bad_group_are_input_errors() -> None:
    role = clinllm("keys", "create", "--tenant", "acme", "--role", "root")
    group = clinllm("keys", "create", "--tenant", "acme", "--role", "staff", "--groups", "a b")
    assert (role.returncode, group.returncode) == (2, 2)
    assert role.stdout == group.stdout == ""
    assert "a b" not in group.stderr
