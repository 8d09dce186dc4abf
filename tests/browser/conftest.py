"""Real-browser tests: headless Chromium driven by Playwright against the live server.

The Chromium is `CHROMIUM`, else Debian's `chromium`, else Playwright's download
(tests/browser/chromium.py); with none, the run stops once with how to install one.

One Chromium process serves the whole browser block; every test gets a fresh browser
context (no shared cookies or storage) and a transactional database with serialized
rollback, so the data migrations' home page, site and service areas survive the flush
that follows each live-server test.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.browser.chromium import find_chromium, not_found_message

# Playwright's sync API runs an event loop in this thread; without this, Django refuses
# ORM calls made from the test body ("You cannot call this from an async context").
# Other tests must not inherit it, though (`manage.py check --deploy` in a subprocess
# fails with async.E001), so the browser fixture sets it only while Chromium runs.
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
_ASYNC_UNSAFE_BEFORE = os.environ.get(ASYNC_UNSAFE)

BROWSER_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = BROWSER_DIR.parent.parent
AXE_PATH = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
# axe-core is loaded like any of the hub's own scripts (an inline copy would break the
# Content-Security-Policy): the browser asks the live server's origin for this path and
# the context's route answers it from node_modules.
AXE_URL_PATH = "/__browser-tests__/axe.min.js"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Generous: on a loaded 2-core machine a live-server request that creates a draft page has
# taken over 10 s. Only a test that is failing anyway waits this long.
DEFAULT_TIMEOUT_MS = 30_000

CHROMIUM_KEY = pytest.StashKey[str]()
# Stops Playwright once the last browser test is done (see pytest_runtest_teardown).
_running: dict[str, object] = {}


def _restore_async_unsafe() -> None:
    if _ASYNC_UNSAFE_BEFORE is None:
        os.environ.pop(ASYNC_UNSAFE, None)
    else:
        os.environ[ASYNC_UNSAFE] = _ASYNC_UNSAFE_BEFORE


def _is_browser_test(item) -> bool:
    return BROWSER_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config, items):
    """Mark every test in this folder as a browser test with a restorable database.

    Without a Chromium the run stops here, once, rather than failing every browser test.
    """
    browser_items = [item for item in items if _is_browser_test(item)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    if browser_items and not config.option.collectonly:
        executable = find_chromium()
        if executable is None:
            raise pytest.UsageError(not_found_message())
        config.stash[CHROMIUM_KEY] = executable


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Close Chromium after the last browser test rather than at the end of the session.

    While Playwright's sync API is up, an asyncio loop counts as running in this thread,
    which would change how Django behaves in whatever tests run next.
    pytest-django runs all transactional tests together, so the browser tests are
    consecutive.
    """
    try:
        return (yield)
    finally:
        if nextitem is None or not _is_browser_test(nextitem):
            stop = _running.pop("stop", None)
            if stop is not None:
                stop()


@pytest.fixture(scope="session")
def browser(django_db_setup, pytestconfig):
    """One headless Chromium for the browser tests.

    With Playwright running, asgiref hands Django a second set of database connection
    objects (the connection handler is "thread critical" and a loop counts as running).
    The test database's serialized contents, which ``serialized_rollback`` restores before
    each test, live on the first set, so they are copied across once the browser is up.
    """
    from django.db import connections

    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    os.environ[ASYNC_UNSAFE] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=pytestconfig.stash[CHROMIUM_KEY], args=CHROMIUM_ARGS, headless=True
        )
    except BaseException:
        playwright.stop()
        _restore_async_unsafe()
        raise

    def stop():
        if chromium.is_connected():
            chromium.close()
        playwright.stop()
        _restore_async_unsafe()

    _running["stop"] = stop
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    yield chromium
    if _running.pop("stop", None) is not None:
        stop()


# Every page and frame reports each Content-Security-Policy violation to the test, as it
# happens (an exposed binding survives navigations, unlike anything kept in `window`).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__hubReportCspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
}, true);
"""


def flush_csp_reports(page) -> None:
    """Wait one task on the page, so violation reports already queued reach the test."""
    if not page.is_closed():
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 0))")


def format_csp_violations(violations: list[str]) -> str:
    return "\n".join([f"{len(violations)} Content-Security-Policy violation(s):", *violations])


@pytest.fixture
def csp_violations():
    """Every CSP violation reported in this test's browser contexts; none may remain."""
    return []


@pytest.fixture
def new_context(browser, live_server, csp_violations):
    """Open fresh browser profiles (one per person in the test), closed at teardown.

    Requests that leave the live server are aborted, and a Content-Security-Policy
    violation on any page they visit, reported by the page or in the console, fails
    the test.
    """
    if not browser.is_connected():
        pytest.fail("Chromium was closed after an earlier block of browser tests")
    origin = live_server.url.rstrip("/")
    opened = []

    def report(source, detail):
        csp_violations.append(
            f"- {detail['directive']} blocked {detail['blocked'] or 'inline'} on"
            f" {detail['page']} ({detail['source']}) {detail['sample']!r}"
        )

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            csp_violations.append(
                f"- console on {message.page and message.page.url}: {message.text}"
            )

    def route_request(route):
        url = route.request.url
        if url == origin + AXE_URL_PATH:
            route.fulfill(path=AXE_PATH, content_type="text/javascript")
        elif url.startswith(origin):
            route.continue_()
        else:
            route.abort()

    def open_context():
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.route("**/*", route_request)
        context.expose_binding("__hubReportCspViolation", report)
        context.add_init_script(CSP_LISTENER)
        context.on("console", console)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        for open_page in context.pages:
            flush_csp_reports(open_page)
        context.close()
    if csp_violations:
        pytest.fail(format_csp_violations(csp_violations))


@pytest.fixture
def context(new_context):
    """A fresh browser profile per test (see ``new_context``)."""
    return new_context()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    flush_csp_reports(page)
    page.close()


def _selector(target) -> str:
    """axe names a node by a list of selectors (frames) that may nest (shadow DOM)."""
    if isinstance(target, list):
        return " >>> ".join(_selector(part) for part in target)
    return str(target)


def format_violations(violations: list[dict], url: str, shown: int = 3) -> str:
    lines = [f"{len(violations)} axe-core violation(s) on {url}:"]
    for violation in violations:
        nodes = violation["nodes"]
        targets = ", ".join(_selector(node["target"]) for node in nodes[:shown])
        more = f" (+{len(nodes) - shown} more)" if len(nodes) > shown else ""
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']}"
            f" ({violation['helpUrl']})"
        )
        lines.append(f"    targets: {targets}{more}")
    return "\n".join(lines)


def _run_axe(page) -> dict:
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE_URL_PATH)
    return page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )


def assert_accessible(page) -> None:
    """Run axe-core's WCAG 2.2 A and AA rules on the page and fail on any violation.

    A click that navigates returns before the next document exists, so a check
    that lands mid-navigation waits for the new page and tries again.
    """
    for attempt in range(3):
        try:
            results = _run_axe(page)
            break
        except PlaywrightError as error:
            navigating = "appendChild" in str(error) or "context was destroyed" in str(error)
            if not navigating or attempt == 2:
                raise
            page.wait_for_timeout(200)
    violations = results["violations"]
    if violations:
        raise AssertionError(format_violations(violations, page.url))


@pytest.fixture(name="assert_accessible")
def assert_accessible_fixture():
    """The axe-core check as a fixture: ``assert_accessible(page)``."""
    return assert_accessible
