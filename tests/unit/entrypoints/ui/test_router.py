"""The review pages through starlette's TestClient: the quick cases (the browser tests cover
the full flows in tests/e2e/ui/)."""

from __future__ import annotations

import logging
import re

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from clinllm.bootstrap.service import build_service
from clinllm.entrypoints.api.ui import build_ui_router
from clinllm.entrypoints.api.ui.session import SESSION_COOKIE

from .conftest import SECRET, UiWorld


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


def _sign_in(ui: UiWorld, role: str = "reviewer", tenant: str = "acme") -> str:
    secret, _ = ui.keys.create(tenant=tenant, role=role, name="Rev One")  # type: ignore[arg-type]
    form = ui.client.get("/ui/signin")
    response = ui.client.post(
        "/ui/signin",
        data={"api_key": secret, "csrf_token": _csrf(form.text)},
        follow_redirects=False,
    )
    assert response.status_code == 303
    return secret


def test_pages_need_a_session(ui: UiWorld) -> None:
    for path in ("/ui/queue", f"/ui/items/{ui.items.draft}"):
        response = ui.client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/signin"


def test_sign_in_sets_a_strict_http_only_cookie_without_the_key(ui: UiWorld) -> None:
    secret = _sign_in(ui)
    cookie = ui.client.cookies.get(SESSION_COOKIE, path="/ui")
    assert cookie
    assert secret not in cookie
    queue = ui.client.get("/ui/queue")
    assert queue.status_code == 200
    assert f'href="/ui/items/{ui.items.draft}"' in queue.text
    assert f'href="/ui/items/{ui.other_items.draft}"' not in queue.text  # another tenant's


def test_the_session_cookie_attributes(ui: UiWorld) -> None:
    secret, _ = ui.keys.create(tenant="acme", role="reviewer")
    form = ui.client.get("/ui/signin")
    response = ui.client.post(
        "/ui/signin",
        data={"api_key": secret, "csrf_token": _csrf(form.text)},
        follow_redirects=False,
    )
    header = next(
        v for k, v in response.headers.multi_items() if k == "set-cookie" and SESSION_COOKIE in v
    )
    assert "HttpOnly" in header
    assert "SameSite=strict" in header or "SameSite=Strict" in header
    assert "Path=/ui" in header


def test_a_wrong_key_or_a_missing_token_does_not_sign_in(ui: UiWorld) -> None:
    form = ui.client.get("/ui/signin")
    bad = ui.client.post(
        "/ui/signin", data={"api_key": "clk_nope_nope", "csrf_token": _csrf(form.text)}
    )
    assert bad.status_code == 401
    assert "not accepted" in bad.text
    secret, _ = ui.keys.create(tenant="acme", role="reviewer")
    forged = ui.client.post("/ui/signin", data={"api_key": secret})
    assert forged.status_code == 403
    assert SESSION_COOKIE not in ui.client.cookies


def test_a_staff_key_gets_the_403_page(ui: UiWorld) -> None:
    _sign_in(ui, role="staff")
    response = ui.client.get("/ui/queue")
    assert response.status_code == 403
    assert "may not use the review queue" in response.text


def test_another_tenants_item_is_a_404_page_for_reads_and_actions(ui: UiWorld) -> None:
    _sign_in(ui)
    page = ui.client.get(f"/ui/items/{ui.items.draft}")
    token = _csrf(page.text)
    theirs = ui.other_items.draft
    assert ui.client.get(f"/ui/items/{theirs}").status_code == 404
    claim = ui.client.post(f"/ui/items/{theirs}/claim", data={"csrf_token": token})
    assert claim.status_code == 404
    assert ui.other.reviews.get(theirs or 0).status == "pending"
    assert "Dana" not in claim.text


def test_a_post_without_the_right_csrf_token_changes_nothing(ui: UiWorld) -> None:
    _sign_in(ui)
    item = ui.items.draft
    for data in ({}, {"csrf_token": "forged"}):
        response = ui.client.post(f"/ui/items/{item}/approve", data=data)
        assert response.status_code == 403
        assert "nothing was changed" in response.text
    assert ui.app.reviews.get(item or 0).status == "pending"


def test_a_revoked_key_ends_its_sessions(ui: UiWorld) -> None:
    _sign_in(ui)
    assert ui.client.get("/ui/queue").status_code == 200
    (info,) = ui.keys.list()
    ui.keys.revoke(info.principal.key_id)
    assert ui.client.get("/ui/queue", follow_redirects=False).status_code == 303


def test_sign_out_ends_the_session_for_a_copied_cookie_in_every_process(ui: UiWorld) -> None:
    _sign_in(ui)
    copied = ui.client.cookies.get(SESSION_COOKIE, path="/ui")
    assert copied
    # A second service process: its own router and gate over the same database and secret.
    other = FastAPI()
    other.include_router(
        build_ui_router(
            ui.app, keys=ui.keys, sign_outs=build_service(ui.app).sign_outs(), session_secret=SECRET
        ),
        prefix="/ui",
    )
    with TestClient(other, base_url="http://127.0.0.1") as elsewhere:
        elsewhere.cookies.set(SESSION_COOKIE, copied, path="/ui")
        assert elsewhere.get("/ui/queue").status_code == 200
        signed_in = ui.client.get("/ui/queue")
        signout = ui.client.post(
            "/ui/signout", data={"csrf_token": _csrf(signed_in.text)}, follow_redirects=False
        )
        assert signout.status_code == 303
        assert signout.headers["location"] == "/ui/signin"
        assert ui.client.get("/ui/queue", follow_redirects=False).status_code == 303
        ui.client.cookies.set(SESSION_COOKIE, copied, path="/ui")  # the copy, replayed
        for client in (ui.client, elsewhere):
            response = client.get("/ui/queue", follow_redirects=False)
            assert response.status_code == 303
            assert response.headers["location"] == "/ui/signin"
    _sign_in(ui)  # signing in again makes a new session, which works
    assert ui.client.get("/ui/queue").status_code == 200


def test_claim_release_and_approve_a_draft(ui: UiWorld) -> None:
    _sign_in(ui)
    item = ui.items.draft
    token = _csrf(ui.client.get(f"/ui/items/{item}").text)
    claimed = ui.client.post(f"/ui/items/{item}/claim", data={"csrf_token": token})
    assert claimed.status_code == 200
    assert "You claimed this item." in claimed.text
    assert ui.app.reviews.get(item or 0).claimed_by == "Rev One (key:" + (
        ui.keys.list()[0].principal.key_id + ")"
    )
    ui.client.post(f"/ui/items/{item}/release", data={"csrf_token": token})
    assert ui.app.reviews.get(item or 0).status == "pending"
    edited = ui.client.post(
        f"/ui/items/{item}/edit", data={"csrf_token": token, "text": "See you <b>soon</b>."}
    )
    assert "See you &lt;b&gt;soon&lt;/b&gt;." in edited.text
    ui.client.post(f"/ui/items/{item}/approve", data={"csrf_token": token})
    final = ui.app.reviews.get(item or 0)
    assert (final.status, final.payload["text"]) == ("approved", "See you <b>soon</b>.")
    history = [v.action for v in ui.app.reviews.history(item or 0)]
    assert history == ["opened", "claimed", "released", "edited", "approved"]


@pytest.mark.parametrize("verb", ["accept", "correct"])
def test_a_draft_cannot_be_accepted_or_corrected(ui: UiWorld, verb: str) -> None:
    _sign_in(ui)
    item = ui.items.draft
    token = _csrf(ui.client.get(f"/ui/items/{item}").text)
    response = ui.client.post(f"/ui/items/{item}/{verb}", data={"csrf_token": token})
    assert response.status_code in (409, 422)
    assert ui.app.reviews.get(item or 0).status == "pending"


def test_a_bad_correction_is_refused_and_a_good_one_versioned(ui: UiWorld) -> None:
    assert ui.items.prior_auth is not None, "no prior-auth sample went to review"
    _sign_in(ui)
    item = ui.items.prior_auth
    page = ui.client.get(f"/ui/items/{item}")
    assert "<mark" in page.text
    token = _csrf(page.text)
    bad = ui.client.post(
        f"/ui/items/{item}/correct",
        data={"csrf_token": token, "f.service_date": "2026-02-31"},
    )
    assert bad.status_code == 422
    assert "service_date" in bad.text
    assert 'aria-invalid="true"' in bad.text
    assert ui.app.reviews.get(item).status == "pending"
    good = ui.client.post(
        f"/ui/items/{item}/correct",
        data={"csrf_token": token, "f.member_id": "QZ00917"},
    )
    assert good.status_code == 200
    closed = ui.app.reviews.get(item)
    assert closed.status == "corrected"
    assert closed.result is not None
    assert ui.app.records.get_extraction(int(closed.result)).payload["member_id"] == "QZ00917"


def test_an_oversized_or_non_form_post_is_refused(ui: UiWorld) -> None:
    _sign_in(ui)
    item = ui.items.draft
    big = ui.client.post(f"/ui/items/{item}/edit", data={"text": "x" * 70_000})
    assert big.status_code == 413
    as_json = ui.client.post(f"/ui/items/{item}/approve", json={"csrf_token": "x"})
    assert as_json.status_code == 415


def test_every_page_sends_the_security_headers(ui: UiWorld) -> None:
    response = ui.client.get("/ui/signin")
    csp = response.headers["content-security-policy"]
    assert "script-src" not in csp
    assert "default-src 'none'" in csp
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"


def test_document_text_is_escaped_never_markup(ui: UiWorld) -> None:
    message = '<script>alert("x")</script> Please refill my lisinopril. <img src=x onerror=y>'
    outcome = anyio.run(ui.app.run, "triage", message)
    assert outcome.stored is not None
    drafts = [i for i in ui.app.reviews.list() if i.document_id == outcome.stored.document_id]
    assert drafts, "the message opened no review item"
    _sign_in(ui)
    page = ui.client.get(f"/ui/items/{drafts[0].id}")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert "<img src=x" not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text


def test_no_typed_value_or_document_text_reaches_the_logs(
    ui: UiWorld, caplog: pytest.LogCaptureFixture
) -> None:
    sentinel = "Zebulon-Quartermaine-4471"
    _sign_in(ui)
    item = ui.items.prior_auth or 0
    token = _csrf(ui.client.get(f"/ui/items/{item}").text)
    with caplog.at_level(logging.DEBUG):
        ui.client.post(
            f"/ui/items/{item}/correct", data={"csrf_token": token, "f.service_date": sentinel}
        )
        ui.client.post(f"/ui/items/{item}/correct", data={"csrf_token": "nope"})
        ui.client.post(
            f"/ui/items/{item}/correct", data={"csrf_token": token, "f.member_id": sentinel}
        )
    assert ui.app.reviews.get(item).status == "corrected"
    logged = caplog.text + "".join(str(vars(r)) for r in caplog.records)
    assert "ui.review" in logged
    assert sentinel not in logged
    assert "Halloran" not in logged  # the sample fax's (synthetic) patient name
