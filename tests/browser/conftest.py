"""Real-browser tests: Debian's Chromium, driven headless by its chromedriver through Selenium.

Nothing is downloaded: the browser and the driver are the system's
(``/usr/bin/chromium``, ``/usr/bin/chromedriver``; ``make browser-deps``
installs them as root with apt) and Selenium Manager is kept offline. Without
them every test here is skipped and the reason is printed at the end of the run
(``WARGAME_BROWSER_TESTS=required``, set by ``.ci/run``, turns the skip into a failure).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("WARGAME_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("WARGAME_CHROMEDRIVER", "/usr/bin/chromedriver"))
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Chromium flags: headless, no GPU, nothing fetched in the background."""


def missing() -> str | None:
    """Why the browser tests cannot run here (None: they can)."""
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not (tool.is_file() and os.access(tool, os.X_OK)):
            return (
                f"no {tool} (as root: make browser-deps, or apt install chromium chromium-driver)"
            )
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[test]')"
    return None


REQUIRED_VAR = "WARGAME_BROWSER_TESTS"
"""Set to ``required`` (``.ci/run`` does) to fail instead of skipping without a browser."""


def pytest_terminal_summary(terminalreporter) -> None:
    why = missing()
    if why:
        terminalreporter.write_line(f"browser tests skipped: {why}", yellow=True)


@pytest.fixture
def chromium(tmp_path):
    """A headless Chromium with a fresh profile (skipped, with the reason, when impossible)."""
    why = missing()
    if why and os.environ.get(REQUIRED_VAR) == "required":
        pytest.fail(f"{REQUIRED_VAR}=required but {why}")
    if why:
        pytest.skip(why)
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must never download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path / 'profile'}")
    options.add_argument("--window-size=1280,900")
    service = Service(executable_path=str(CHROMEDRIVER), log_output=str(tmp_path / "driver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "profile", ignore_errors=True)
