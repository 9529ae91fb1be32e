"""Headless Chromium for the page tests: Debian's binary, driven by playwright, no downloads."""

from __future__ import annotations

import os
import shutil
from typing import Any

# Without these, Chromium on a machine with no network stalls on first-run and update checks.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """The browser binary: $KEHOACH_CHROMIUM, else chromium on PATH (Debian's package)."""
    env = os.environ.get("KEHOACH_CHROMIUM")
    if env:
        return env if os.access(env, os.X_OK) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def why_no_browser() -> str | None:
    """None when the tests can drive a browser, else the reason they skip."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return "no Chromium binary (apt-get install chromium, or set KEHOACH_CHROMIUM)"
    return None


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=chromium_path(), args=FLAGS)
