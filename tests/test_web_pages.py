"""Server-rendered pages: the article view's segmentation, every page over a
real store, and escaping of hostile article text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.api import ApiSettings, create_app
from newsledger.model import Record
from newsledger.store import SQLiteStore, content_hash
from newsledger.web.article import Mark, article_view, marks, segments
from web_records import XSS, capture_report, capture_reports, empty_record, hostile_record


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = SQLiteStore(tmp_path_factory.mktemp("pages") / "web.db")
    for r in [*capture_reports(), hostile_record(), empty_record()]:
        s.put(r, content_hash(r.text, r.title))
    s.relink()
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(ApiSettings(), store=store, extractor=lambda a: None))


# -- segmentation ---------------------------------------------------------------------

@pytest.mark.parametrize("text,found,expected", [
    ("Kim met Putin.", [Mark("entities", "ent1", 0, 3), Mark("entities", "ent2", 8, 13)],
     [("Kim", ("ent1",)), (" met ", ()), ("Putin", ("ent2",)), (".", ())]),
    # a quote holding an entity: the entity is innermost
    ('"Putin lied," he said.', [Mark("quotes", "q1", 0, 13), Mark("entities", "ent1", 1, 6)],
     [('"', ("q1",)), ("Putin", ("ent1", "q1")), (' lied,"', ("q1",)), (" he said.", ())]),
    # crossing ranges
    ("two soldiers on Monday", [Mark("figures", "f1", 0, 12), Mark("claims", "c1", 4, 22)],
     [("two ", ("f1",)), ("soldiers", ("f1", "c1")), (" on Monday", ("c1",))]),
])
def test_article_segments_cover_overlaps(text, found, expected):
    assert [(s.text, s.items) for s in segments(text, found)] == expected


def test_article_marks_skip_items_whose_offsets_do_not_fit():
    rec = capture_report("x", "Outlet", "2025-01-11", "two North Korean soldiers", 2)
    rec.entities[0].end = len(rec.text) + 5
    ids = {m.id for m in marks(rec)}
    assert "ent1" not in ids and "ev1" in ids and "q1" in ids


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=60), st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=8))
def test_article_segments_rebuild_text(text, ranges):
    found = [Mark("entities", f"e{i}", min(a, b), max(a, b)) for i, (a, b) in enumerate(ranges)
             if min(a, b) < max(a, b) <= len(text)]
    segs = segments(text, found)
    assert "".join(s.text for s in segs) == text
    for s in segs:
        for m in found:
            covers = m.start <= s.start and s.start + len(s.text) <= m.end
            assert (m.id in s.items) == covers


def test_article_view_details_show_normalized_values():
    view = article_view(capture_report("x", "Outlet", "2025-01-11", "two North Korean soldiers", 2))
    rows = {i.id: dict(i.rows) for i in view.items}
    assert rows["q1"]["speaker"] == "Volodymyr Zelensky (UKR, government)"
    assert rows["c2"]["certainty"] == "hedged"
    assert rows["f1"]["value"] == "2" and rows["f1"]["measure"] == "captured"
    assert rows["t1"]["normalized"] == "2025-01-11"
    assert rows["p1"]["coordinates"] == "51.7373, 36.1874"
    assert rows["ev1"]["place"] == "Kursk" and rows["ev1"]["target"].startswith("North Korea")


# -- pages ------------------------------------------------------------------------------

def test_pages_article_shows_every_kind(client):
    html = client.get("/articles/nl-web-a1").text
    for kind in ("entities", "quotes", "claims", "figures", "times", "places", "events"):
        assert f"k-{kind}" in html, kind
    assert 'data-items="f1' in html and "51.7373, 36.1874" in html
    assert "newsledger-record-v1" in html  # the record beside the text


def test_pages_empty_article_reads_well(client):
    html = client.get("/articles/nl-web-empty").text
    assert "Nothing much happened today." in html
    assert html.count("none found") == 7


@pytest.mark.parametrize("url,needle", [
    ("/", "Ukraine captures North Korean soldiers"),
    ("/claims", "conflict"),
    ("/claims?conflicts=1", "five North Korean soldiers"),
    ("/timeline", "FIGHT"),
    ("/timeline?type=PROTEST", "PROTEST"),
    ("/timeline?entity=Volodymyr+Zelensky", "Kursk"),
    ("/map", "map-data"),
    ("/entities", "Volodymyr Zelensky"),
    ("/entities/Volodymyr%20Zelensky", "Our soldiers took them alive"),
    ("/search?q=soldiers", "<mark>soldiers</mark>"),
    ("/search?type=FIGHT", "Agency Two"),
    ("/search", "Words"),
    ("/docs", "/api/articles"),
    ("/read", "<textarea"),
])
def test_pages_render(client, url, needle):
    r = client.get(url)
    assert r.status_code == 200, url
    assert needle in r.text, url


def test_pages_timeline_filter_by_type(client):
    fights = client.get("/timeline", params={"type": "FIGHT"}).text
    assert "Agency One" in fights and 'data-type="PROTEST"' not in fights


def test_pages_entity_splits_actor_and_target(client):
    html = client.get("/entities/North Korea").text
    assert "Events as target (3)" in html and "Events as actor (0)" in html
    html = client.get("/entities/Ukraine").text
    assert "Events as target (0)" in html and "Events as actor (3)" in html


def test_pages_missing_things_are_404(client):
    assert client.get("/articles/none").status_code == 404
    assert client.get("/stories/none").status_code == 404
    assert client.get("/entities/Nobody At All").status_code == 404


def test_pages_basemap_is_bundled(client):
    r = client.get("/basemap.svg")
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.count("<path") > 150


def test_pages_load_nothing_from_elsewhere(client):
    """No CDN: every script, stylesheet and image comes from this server."""
    for url in ("/", "/articles/nl-web-a1", "/claims", "/timeline", "/map", "/search?q=x", "/docs", "/read"):
        refs = Collector.parse(client.get(url).text).refs
        assert refs, url
        assert all(r.startswith("/") and not r.startswith("//") for r in refs), (url, refs)


def test_pages_read_form_extracts_without_storing(store):
    from test_web_api import fake_extractor

    c = TestClient(create_app(ApiSettings(), store=store, extractor=fake_extractor))
    r = c.post("/read", data={"text": "Kim Jong Un visited Moscow.", "title": "Visit"})
    assert r.status_code == 200 and "not stored" in r.text and 'data-items="ent1"' in r.text
    assert c.post("/read", data={"text": "  "}).status_code == 422


# -- hostile text -----------------------------------------------------------------------

class Collector(HTMLParser):
    """Scripts, event-handler attributes, URLs and resources of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.refs: list[str] = []
        self._in_script = False

    @classmethod
    def parse(cls, html: str) -> "Collector":
        c = cls()
        c.feed(html)
        return c

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                self.urls.append(value or "")
        if tag == "script":
            self.scripts.append(a)
        if tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        if tag == "link" and a.get("rel") == "stylesheet":
            self.refs.append(a["href"])
        if tag in ("img", "image", "iframe") and (a.get("src") or a.get("href")):
            self.refs.append(a.get("src") or a.get("href"))


@pytest.mark.parametrize("url", ["/articles/nl-web-xss", "/", "/claims", "/timeline", "/map", "/search?q=xss",
                                 "/search?type=PROTEST", "/entities", "/timeline?type=PROTEST"])
def test_pages_escape_hostile_text(client, url):
    html = client.get(url).text
    page = Collector.parse(html)
    assert page.handlers == [], page.handlers
    for s in page.scripts:
        assert s.get("src", "").startswith("/static/") or s.get("type") == "application/json", s
    assert not any(u.strip().lower().startswith("javascript:") for u in page.urls)
    assert "<script>window.__xss" not in html and "<svg onload" not in html and "<img src=x" not in html


def test_pages_hostile_json_block_cannot_close_script(client):
    html = client.get("/map").text
    block = html.split('id="map-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block  # tojson escapes < so '</script>' in a name cannot end the block


def test_pages_hostile_item_details_are_text(client):
    html = client.get("/articles/nl-web-xss").text
    for payload in XSS:
        assert payload not in html.replace("&#34;", '"') or "<" not in payload and '"' not in payload
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
