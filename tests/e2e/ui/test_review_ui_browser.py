"""The review pages in a real headless browser (Debian's chromium, driven by Playwright).

Each test gets a fresh SQLite database seeded by the real workflows (a prior-auth letter that
goes to review, a routine portal message with a reply draft, a short clinic note) and the pages
served by uvicorn on 127.0.0.1. The reviewer works with the keyboard where a person would.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from clinllm.testing.review_seed import ROUTINE_MESSAGE

from .live import LiveUi


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


def _sign_in(page: Page, ui: LiveUi, role: str = "reviewer", name: str = "Rev One") -> None:
    secret, _ = ui.keys.create(tenant="acme", role=role, name=name)  # type: ignore[arg-type]
    page.goto(f"{ui.base}/ui/signin")
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()  # the skip link comes first
    page.get_by_label("API key").fill(secret)
    page.get_by_label("API key").press("Enter")


def test_sign_in_claim_correct_a_field_and_sign_out(page: Page, live_ui: LiveUi) -> None:
    item = live_ui.items.prior_auth
    assert item is not None, "no bundled prior-auth sample went to review"
    _sign_in(page, live_ui)
    expect(page).to_have_url(f"{live_ui.base}/ui/queue")
    page.get_by_role("link", name=f"#{item}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Item #{item}")
    marks = page.locator("pre.document mark")
    assert marks.count() > 0
    page.locator("table.fields a").first.click()  # a field's evidence link jumps to its span
    assert "#ev-" in page.url

    page.get_by_role("button", name="Claim").click()
    expect(page.get_by_role("status")).to_have_text("You claimed this item.")
    expect(page.locator("#item-status")).to_have_text("claimed")
    if os.environ.get("CLINLLM_UI_SCREENSHOT"):
        page.set_viewport_size({"width": 1400, "height": 1100})
        page.screenshot(path=os.environ["CLINLLM_UI_SCREENSHOT"])

    original = live_ui.app.records.get_extraction(
        int(live_ui.app.reviews.get(item).subject)
    ).payload
    page.get_by_label("service_date", exact=True).fill("2026-02-31")
    page.get_by_role("button", name="Save correction").click()
    alert = page.locator("#action-error")
    expect(alert).to_contain_text("The correction was not stored")
    expect(alert).to_contain_text("service_date")
    expect(page.get_by_label("service_date", exact=True)).to_have_attribute("aria-invalid", "true")
    assert live_ui.app.reviews.get(item).status == "claimed"

    page.get_by_label("service_date", exact=True).fill(original.get("service_date") or "")
    page.get_by_label("member_id", exact=True).fill("QZ00917")
    page.get_by_role("button", name="Save correction").click()
    expect(page.get_by_role("status")).to_contain_text("Correction stored as a new version")
    closed = live_ui.app.reviews.get(item)
    assert closed.status == "corrected"
    assert closed.result is not None
    corrected = live_ui.app.records.get_extraction(int(closed.result))
    assert corrected.payload == {**original, "member_id": "QZ00917"}

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{live_ui.base}/ui/signin")
    page.goto(f"{live_ui.base}/ui/queue")
    expect(page).to_have_url(f"{live_ui.base}/ui/signin")


def test_edit_and_approve_a_triage_draft(page: Page, live_ui: LiveUi) -> None:
    item = live_ui.items.draft
    assert item is not None
    _sign_in(page, live_ui)
    page.goto(f"{live_ui.base}/ui/items/{item}")
    expect(page.locator("pre.document")).to_contain_text(ROUTINE_MESSAGE)
    page.get_by_label("Draft text").fill("Thanks, Dana. We will call you with a morning slot.")
    page.get_by_role("button", name="Save edit").click()
    expect(page.get_by_role("status")).to_contain_text("Draft text saved")
    page.get_by_role("button", name="Approve draft").click()
    expect(page.locator("#item-status")).to_have_text("approved")
    final = live_ui.app.reviews.get(item)
    assert final.status == "approved"
    assert final.payload["text"] == "Thanks, Dana. We will call you with a morning slot."
    assert [v.action for v in live_ui.app.reviews.history(item)] == [
        "opened",
        "edited",
        "approved",
    ]


def test_a_post_without_or_with_a_wrong_csrf_token_is_refused(page: Page, live_ui: LiveUi) -> None:
    item = live_ui.items.draft
    assert item is not None
    _sign_in(page, live_ui)
    expect(page).to_have_url(f"{live_ui.base}/ui/queue")
    url = f"{live_ui.base}/ui/items/{item}/approve"
    forms: list[dict[str, str | float | bool]] = [{}, {"csrf_token": "forged-token"}]
    for form in forms:
        response = page.request.post(url, form=form)  # the browser's own session cookie
        assert response.status == 403
        assert "nothing was changed" in response.text()
    # A cross-site page posting the same form: the SameSite=Strict session is not sent.
    page.set_content(
        f'<form id="f" method="post" action="{url}">'
        '<input name="csrf_token" value="forged-token"></form>'
    )
    with page.expect_navigation():
        page.locator("#f").evaluate("form => form.submit()")
    assert live_ui.app.reviews.get(item).status == "pending"
    assert [v.action for v in live_ui.app.reviews.history(item)] == ["opened"]


def test_another_tenants_item_is_not_found(page: Page, live_ui: LiveUi) -> None:
    theirs = live_ui.other_items.draft
    assert theirs is not None
    _sign_in(page, live_ui)
    expect(page).to_have_url(f"{live_ui.base}/ui/queue")
    response = page.goto(f"{live_ui.base}/ui/items/{theirs}")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
    assert "Dana" not in page.content()


def test_a_staff_key_sees_the_forbidden_page(page: Page, live_ui: LiveUi) -> None:
    _sign_in(page, live_ui, role="staff")
    expect(page.get_by_role("heading", level=1)).to_have_text("Not allowed")


def test_a_note_summary_shows_its_fhir_bundle(page: Page, live_ui: LiveUi) -> None:
    assert live_ui.items.note is not None, "the seeded clinic note opened no review item"
    _sign_in(page, live_ui)
    page.goto(f"{live_ui.base}/ui/items/{live_ui.items.note}")
    bundle = page.locator("#fhir-bundle")
    expect(bundle).to_contain_text('"resourceType": "Bundle"')


def test_cookies_are_http_only_and_strict(page: Page, live_ui: LiveUi) -> None:
    _sign_in(page, live_ui)
    expect(page).to_have_url(f"{live_ui.base}/ui/queue")
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["clinllm_ui_session"]
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Strict"
    assert session["path"] == "/ui"
    assert "clk_" not in session["value"]
