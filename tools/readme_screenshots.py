"""Take the README's screenshots (docs/screenshots/*.png) from the real server.

The store holds the example article (../shared/examples/seed-article.txt,
extracted with the current pipeline) and the test suite's synthetic reports
(tests/web_records.py: three outlets reporting one capture with conflicting
figures). Needs /usr/bin/chromium and Playwright, like the browser tests:

    PYTHONPATH=src python tools/readme_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

PAGES = [  # (file, path, what to do first)
    ("article", "/articles/{seed}", "click"),
    ("claims", "/claims", None),
    ("timeline", "/timeline", None),
    ("map", "/map", "map"),
    ("entity", "/entities/Volodymyr%20Zelensky", None),
    ("search", "/search?q=soldiers", None),
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    from newsledger.ingest.text import parse_text
    from newsledger.pipeline import Pipeline
    from newsledger.store import SQLiteStore, content_hash
    from test_web_browser import ARGS, CHROMIUM, Server
    from web_records import capture_reports

    seed_path = ROOT.parent / "shared" / "examples" / "seed-article.txt"
    db = Path(tempfile.mkdtemp(prefix="newsledger-shots-")) / "shots.db"
    store = SQLiteStore(db)
    seed = Pipeline()(parse_text(seed_path.read_text(encoding="utf-8"), origin=str(seed_path)))
    store.put(seed, content_hash(seed.text, seed.title))
    for r in capture_reports():
        store.put(r, content_hash(r.text, r.title))
    store.relink()
    store.close()
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    server = Server(db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 760})
            for name, path, action in PAGES:
                page.goto(server.url + path.format(seed=seed.id))
                if action == "click":
                    page.locator("#article-text .hl.k-quotes, #article-text .hl").first.click()
                elif action == "map":
                    page.wait_for_selector("#points circle")
                    page.locator("#points circle").last.click(force=True)
                    page.wait_for_timeout(200)
                target = out / f"{name}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
