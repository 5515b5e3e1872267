"""How policykg drives a real browser against its app, for the browser test and benchmarks.

Debian's Chromium is used through Playwright's `executable_path` (Playwright never downloads
a browser here), with the flags that keep it from calling home, so every request it makes
is one the app itself caused and can be checked to stay on localhost.
"""

from __future__ import annotations

from typing import Final

from playwright.sync_api import Browser, Playwright

CHROMIUM: Final = "/usr/bin/chromium"
CHROMIUM_ARGS: Final = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian Chromium with background networking off."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
