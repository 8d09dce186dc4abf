"""Find the Chromium the browser tests drive: `CHROMIUM`, then Debian's, then Playwright's.

`make test` runs `python -m tests.browser.chromium` once before pytest: it prints the
executable's path, downloading Playwright's own build (`playwright install chromium`)
when neither `CHROMIUM` nor a `chromium` on PATH gives one, or prints one line saying how
to install one and exits 1. tests/browser/conftest.py finds it the same way (without
downloading).
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HOW_TO_INSTALL = (
    "No Chromium for the browser tests: install Debian's (apt-get install chromium), run "
    ".venv/bin/playwright install chromium, or set CHROMIUM=/path/to/chromium."
)


def _executable(path: str | os.PathLike | None) -> str | None:
    if path and Path(path).is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def playwright_chromium() -> str | None:
    """Playwright's own Chromium, if it has been downloaded."""
    with sync_playwright() as playwright:
        return _executable(playwright.chromium.executable_path)


def find_chromium(*, install: bool = False) -> str | None:
    """The first Chromium that exists: CHROMIUM, `chromium` on PATH, Playwright's download.

    A CHROMIUM that names no executable is an answer of None, never silently passed over.
    With `install`, Playwright's build is downloaded when nothing else is found.
    """
    if "CHROMIUM" in os.environ:
        return _executable(os.environ["CHROMIUM"])
    found = _executable(shutil.which("chromium")) or playwright_chromium()
    if found or not install:
        return found
    subprocess.run(
        [sys.executable, "-m", "playwright", "install", "chromium"],
        capture_output=True,
        timeout=600,
        check=False,
    )
    return playwright_chromium()


def not_found_message() -> str:
    """The one line to print when no Chromium can be had."""
    if "CHROMIUM" in os.environ:
        return f"CHROMIUM={os.environ['CHROMIUM']} is not an executable. " + HOW_TO_INSTALL
    return HOW_TO_INSTALL


def main() -> int:
    path = find_chromium(install=True)
    if path is None:
        print(not_found_message(), file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
