"""The strict Content-Security-Policy holds: pages work without the browser refusing anything."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/sr/",
    "/en/accounts/signup/",
    "/en/accounts/login/",
    "/en/accounts/password/reset/",
    "/sl/organizations/",
    "/en/accessibility/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_with_policy_enforced_and_no_violation(browser, live_server, path):
    context = browser.new_context(base_url=live_server.url)  # no bypass_csp: the real policy
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on("pageerror", lambda error: violations.append(str(error)))

    response = page.goto(path)
    page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert page.evaluate("typeof window.htmx") == "object"
    assert violations == []
    context.close()


def test_inline_script_is_refused_by_the_policy(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/en/")

    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.appendChild(s); }"
    )

    assert page.evaluate("window.injected === true") is False
    context.close()
