"""Browser tests: the real server (``python -m newsledger serve``) in a
subprocess, driven with Playwright through Debian's headless Chromium.

Screenshots go to test-output/ (git-ignored). Chromium comes from the system
(/usr/bin/chromium, installed by .ci/run): Playwright's own browser download
is not used.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from conftest import ROOT, SEED
from web_records import capture_reports, empty_record, hostile_record

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
OUT = ROOT / "test-output"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``newsledger serve`` as a subprocess on a free loopback port."""

    def __init__(self, db: Path, extra: list[str] | None = None, timeout: float = 240.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        env.pop("NEWSLEDGER_TOKEN", None)
        self.log = db.with_suffix(".log").open("w")
        self.proc = subprocess.Popen([sys.executable, "-m", "newsledger", "serve", "--db", str(db),
                                      "--port", str(self.port), *(extra or [])],
                                     cwd=str(ROOT), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {db.with_suffix('.log').read_text()}")
            try:
                if httpx.get(self.url + "/api/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from newsledger.store import SQLiteStore, content_hash

    db = tmp_path_factory.mktemp("browser") / "web.db"
    store = SQLiteStore(db)
    for r in [*capture_reports(), hostile_record(), empty_record()]:
        store.put(r, content_hash(r.text, r.title))
    store.relink()
    store.close()
    srv = Server(db)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 860})
    pg = ctx.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    ctx.close()


def shot(page, name: str) -> None:
    OUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)


def test_browser_article_click_highlight_shows_details(server, page):
    page.goto(server.url + "/articles/nl-web-a1")
    card = page.locator('.card[data-item="f1"]')
    assert card.is_hidden()
    page.locator('#article-text .hl[data-items~="f1"]').first.click()
    assert card.is_visible()
    assert "captured" in card.inner_text() and "person" in card.inner_text()
    # a place: coordinates in its card
    page.locator('#article-text .hl[data-items~="p1"]').first.click()
    assert "51.7373, 36.1874" in page.locator('.card[data-item="p1"]').inner_text()
    # a quote, from the item index
    page.locator('button[data-pick="q1"]').click()
    assert "Volodymyr Zelensky" in page.locator('.card[data-item="q1"]').inner_text()
    # turning a kind off in the legend
    page.locator('input[data-toggle-kind="entities"]').uncheck()
    assert "hide-entities" in page.evaluate("document.body.className")
    page.locator('#article-text .hl[data-items~="f1"]').first.click()
    shot(page, "article")
    assert page.errors == []


def test_browser_hostile_article_runs_nothing(server, page):
    for url in ("/articles/nl-web-xss", "/", "/claims", "/timeline", "/map", "/search?q=xss",
                "/search?type=PROTEST", "/entities", "/timeline?type=PROTEST"):
        page.goto(server.url + url)
        for el in page.locator(".hl").all()[:20]:
            el.hover()
            el.click()
        assert page.evaluate("typeof window.__xss") == "undefined", url
    page.goto(server.url + "/articles/nl-web-xss")
    assert "<script>window.__xss = 1</script>" in page.locator("#article-text").inner_text()
    assert page.dialogs == [] and page.errors == []
    shot(page, "xss")


def test_browser_claims_board_marks_conflicts(server, page):
    page.goto(server.url + "/claims")
    assert page.locator(".series.has-conflict").count() >= 1
    assert "five North Korean soldiers" in page.locator(".series.has-conflict").first.inner_text()
    assert page.locator(".cert-hedged").count() >= 1
    shot(page, "claims")


def test_browser_timeline_filters_by_type(server, page):
    page.goto(server.url + "/timeline")
    assert page.locator('li[data-type="FIGHT"]').count() >= 3
    page.select_option("#filter-type", "PROTEST")
    page.wait_for_url("**type=PROTEST**")
    types = {li.get_attribute("data-type") for li in page.locator("#timeline li").all()}
    assert types == {"PROTEST"}
    page.goto(server.url + "/timeline?entity=Volodymyr+Zelensky")
    assert page.locator('li[data-type="FIGHT"]').count() == 3
    assert page.locator('li[data-type="PROTEST"]').count() == 0
    page.goto(server.url + "/timeline")
    shot(page, "timeline")


def test_browser_map_finds_point(server, page):
    page.goto(server.url + "/map")
    page.wait_for_selector("#points circle")
    # Kursk and Kyiv are near each other: clustered at world scale; click until a single point shows
    for _ in range(6):
        kursk = None
        for c in page.locator("#points circle").all():
            cx, cy = float(c.get_attribute("cx")), float(c.get_attribute("cy"))
            if abs(cx - 36.19) < 8 and abs(cy + 51.74) < 8:
                kursk = c
        assert kursk is not None
        kursk.click()
        if "Kursk" in page.locator("#map-list").inner_text():
            break
    assert "Kursk" in page.locator("#map-list").inner_text()
    # the basemap is drawn (an SVG served by newsledger)
    assert page.evaluate("document.querySelector('#map image').getAttribute('href')") == "/basemap.svg"
    shot(page, "map")


def test_browser_entity_and_search(server, page):
    page.goto(server.url + "/")
    page.fill(".quicksearch input", "soldiers")
    page.press(".quicksearch input", "Enter")
    page.wait_for_url("**/search?q=soldiers")
    assert page.locator("ol.hits li").count() == 3
    shot(page, "search")
    page.goto(server.url + "/entities/Volodymyr%20Zelensky")
    assert "Our soldiers took them alive" in page.inner_text("main")
    shot(page, "entity")
    page.goto(server.url + "/")
    shot(page, "home")


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory):
    if not SEED.exists():
        pytest.skip("../shared/examples/seed-article.txt is not beside this checkout")
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    srv = Server(db, ["--ingest", str(SEED)])
    yield srv
    srv.stop()


def test_browser_readme_command_serves_the_example(seed_server, page):
    """What a newcomer sees after the README's first command: the example, readable, with its record."""
    page.goto(seed_server.url + "/")
    page.locator("table.articles a").first.click()
    page.wait_for_selector("#article-text")
    text = page.locator("#article-text").inner_text()
    assert "North Korean soldiers" in text
    assert page.locator("#article-text .hl").count() > 5
    page.locator("#article-text .hl").first.click()
    assert page.locator(".card:not([hidden])").count() >= 1
    assert '"schema": "newsledger-record-v1"' in page.locator("#record-json").text_content()
    shot(page, "seed-article")
    assert page.errors == []
