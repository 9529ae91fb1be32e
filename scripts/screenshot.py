"""make view-demo: a screenshot of one review page, taken in headless Chromium.

Opens PAGE at 1280×800, clicks a target highlight (so that the detail pane shows a
value) and writes a PNG. Uses Debian's chromium (or $KEHOACH_CHROMIUM) through
playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import launch, why_no_browser  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("page", type=Path, help="an HTML page written by `kehoach view`")
    ap.add_argument("png", type=Path, help="where to write the screenshot")
    ap.add_argument("--click", default="#target-1", help="what to click first")
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--height", type=int, default=800)
    args = ap.parse_args()
    reason = why_no_browser()
    if reason:
        print(f"screenshot: {reason}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch(pw)
        page = browser.new_page(
            viewport={"width": args.width, "height": args.height}, reduced_motion="reduce"
        )
        page.goto(args.page.resolve().as_uri())
        target = page.locator(args.click).first
        if target.count():
            target.click()
            target.evaluate("e => e.scrollIntoView({block: 'center'})")
        args.png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.png))
        browser.close()
    print(f"screenshot: wrote {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
