"""Real-browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live_server, with axe-core checking every page we visit for accessibility problems."""

import os
import re
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# (creating fixtures, reading the outbox) would otherwise refuse to run.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("GLASNIK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_JS = Path(__file__).parent / "vendor" / "axe-core-4.11.4" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RESULTS_DIR = Path(__file__).resolve().parents[3] / "test-results"


def _browser_required() -> bool:
    ci = os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")
    return ci or os.environ.get("GLASNIK_REQUIRE_BROWSER") == "1"


@pytest.fixture(scope="session")
def browser():
    if not (CHROMIUM.exists() and os.access(CHROMIUM, os.X_OK)):
        message = (
            f"Chromium not found at {CHROMIUM}. Install it with 'sudo apt-get install chromium' "
            "(or run ./dev test as root, which installs it)."
        )
        if _browser_required():
            pytest.fail(f"Browser tests must run here (CI or GLASNIK_REQUIRE_BROWSER=1). {message}")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp lets axe-core be injected; the site's own code never relies on it.
    context = browser.new_context(bypass_csp=True, locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    """Save a full-page screenshot to test-results/ for a human to look at."""
    RESULTS_DIR.mkdir(exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    page.screenshot(path=str(RESULTS_DIR / f"{safe}.png"), full_page=True)


def assert_accessible(page, name: str | None = None) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA) on the page; fail on serious or critical findings."""
    if name:
        screenshot(page, name)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        r"""async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ') + ' :: '
                    + (n.failureSummary || '').replace(/\s*\n\s*/g, '; ')),
            }));
        }""",
        AXE_TAGS,
    )
    serious = [v for v in results if v["impact"] in ("serious", "critical")]
    if serious:
        lines = [f"axe-core found {len(serious)} serious/critical problem(s) on {page.url}:"]
        for violation in serious:
            lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}")
            lines.extend(f"    {node}" for node in violation["nodes"])
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    return assert_accessible
