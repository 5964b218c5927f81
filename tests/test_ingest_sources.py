"""Feeds, WARC archives and URLs as ingest sources (no NLP: readers only)."""

from __future__ import annotations

import http.server
import io
import threading
from pathlib import Path

import pytest

from newsledger.ingest.sources import FetchOptions, html_to_text, is_feed_file, read_sources, read_warc
from newsledger.model import Article, ErrorRecord

PARA = ("The electoral commission said on Sunday that turnout in the regional vote reached 61 percent, the "
        "highest level recorded since the constitution was amended in 1998, and that counting would finish "
        "by Tuesday evening in all districts.")
PARA2 = ("Opposition leaders welcomed the figure but said irregularities had been reported at polling stations "
         "in three northern provinces, and asked observers from the regional security organisation to "
         "publish their findings before the results are certified.")
PAGE = (f"<html><head><title>Turnout hits record in regional vote</title>"
        f"<meta property='article:published_time' content='2024-03-10T09:00:00Z'></head><body>"
        f"<nav>Home | World | Sport</nav><article><h1>Turnout hits record in regional vote</h1>"
        f"<p>{PARA}</p><p>{PARA2}</p></article><footer>Copyright</footer></body></html>")

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example News</title><link>https://news.example.org/</link>
<item><title>Turnout hits record</title><link>https://news.example.org/turnout</link>
<pubDate>Sun, 10 Mar 2024 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{PARA}</p><p>{PARA2}</p><script>track()</script>]]></content:encoded></item>
<item><title>Floods close schools</title><link>https://news.example.org/floods</link>
<pubDate>Mon, 11 Mar 2024 07:30:00 GMT</pubDate>
<description>Floods closed 40 schools in the river valley on Monday, officials said.</description></item>
<item><title>Empty item</title><link>https://news.example.org/empty</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><title>Talks resume in Geneva</title><link href="https://wire.example.com/geneva"/>
<id>urn:uuid:1</id><updated>2024-05-02T12:00:00Z</updated><published>2024-05-01T08:00:00Z</published>
<summary type="html">&lt;p&gt;Negotiators returned to Geneva on Wednesday for a third round of talks.&lt;/p&gt;</summary>
</entry></feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item>
</channel></rss>"""


def test_ingest_sources_rss_file_gives_one_article_per_entry(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(RSS, encoding="utf-8")
    items = list(read_sources([str(feed)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ErrorRecord"]
    first, second, empty = items
    assert first.title == "Turnout hits record" and first.url == "https://news.example.org/turnout"
    assert first.published == "2024-03-10T09:00" and first.source == "Example News"
    assert PARA in first.text and PARA2 in first.text and "track()" not in first.text
    assert second.text == "Floods closed 40 schools in the river valley on Monday, officials said."
    assert empty.code == "E001" and empty.input.endswith("#3")


def test_ingest_sources_atom_recognised_by_content_in_a_folder(tmp_path):
    (tmp_path / "wire.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "note.txt").write_text("Rain fell in Oslo on Monday.", encoding="utf-8")
    items = list(read_sources([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Article"]
    assert items[0].text == "Rain fell in Oslo on Monday."
    atom = items[1]
    assert atom.title == "Talks resume in Geneva" and atom.published == "2024-05-01T08:00"
    assert atom.updated == "2024-05-02T12:00" and atom.text.startswith("Negotiators returned")


def test_ingest_sources_entity_bomb_is_refused(tmp_path):
    feed = tmp_path / "bomb.rss"
    feed.write_text(BOMB, encoding="utf-8")
    items = list(read_sources([str(feed)]))
    assert len(items) == 1 and isinstance(items[0], ErrorRecord) and items[0].code == "E011"


def test_ingest_sources_malformed_feed_is_one_failure(tmp_path):
    feed = tmp_path / "broken.rss"
    feed.write_text("<?xml version='1.0'?><rss><channel><item><title>x</item></rss>", encoding="utf-8")
    (tmp_path / "ok.txt").write_text("Snow fell in Oslo.", encoding="utf-8")
    items = list(read_sources([str(feed), str(tmp_path / "ok.txt")]))
    assert [getattr(i, "code", "ok") for i in items] == ["E011", "ok"]


def test_ingest_sources_is_feed_file(tmp_path):
    (tmp_path / "a.xml").write_text(ATOM)
    (tmp_path / "b.xml").write_text("<?xml version='1.0'?><config><x/></config>")
    assert is_feed_file(tmp_path / "a.xml") and not is_feed_file(tmp_path / "b.xml")


@pytest.mark.parametrize("fragment,expected", [
    ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
    ("Plain &amp; simple", "Plain & simple"),
    ("<div>A<script>x()</script><style>p{}</style></div>", "A"),
])
def test_ingest_sources_html_to_text(fragment, expected):
    assert html_to_text(fragment).strip() == expected


def _warc(path: Path, records: list[tuple[str, str, str, bytes, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for rec_type, url, ctype, body, status in records:
            if rec_type == "response":
                headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
                rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            else:
                rec = writer.create_warc_record(url, rec_type, payload=io.BytesIO(body),
                                                warc_content_type=ctype)
            writer.write_record(rec)


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_ingest_sources_warc_reads_html_responses_only(tmp_path, suffix):
    path = tmp_path / f"crawl{suffix}"
    _warc(path, [
        ("warcinfo", "", "application/warc-fields", b"software: test\r\n", ""),
        ("response", "https://news.example.org/turnout", "text/html; charset=utf-8", PAGE.encode(), "200 OK"),
        ("response", "https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "200 OK"),
        ("response", "https://news.example.org/gone", "text/html", b"<html>gone</html>", "404 Not Found"),
        ("metadata", "https://news.example.org/turnout", "application/json", b"{}", ""),
        ("response", "https://news.example.org/empty", "text/html", b"<html><body></body></html>", "200 OK"),
    ])
    items = list(read_sources([str(path)]))
    assert [type(i).__name__ for i in items] == ["Article", "ErrorRecord"]
    article = items[0]
    assert article.url == "https://news.example.org/turnout"
    assert PARA in article.text and "Copyright" not in article.text
    assert article.published == "2024-03-10T09:00"
    assert items[1].input.endswith("#https://news.example.org/empty")


def test_ingest_sources_warc_is_streamed(tmp_path):
    """A generator over the archive: the first article arrives before the rest is read."""
    path = tmp_path / "big.warc.gz"
    _warc(path, [("response", f"https://news.example.org/{i}", "text/html",
                  PAGE.replace("61 percent", f"{i} percent").encode(), "200 OK") for i in range(50)])
    it = read_warc(path)
    first = next(it)
    assert isinstance(first, Article) and "0 percent" in first.text
    assert sum(1 for _ in it) == 49


def test_ingest_sources_truncated_warc_keeps_complete_records(tmp_path):
    path = tmp_path / "cut.warc.gz"
    _warc(path, [("response", "https://news.example.org/a", "text/html", PAGE.encode(), "200 OK")] * 3)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(read_sources([str(path)]))
    assert 1 <= sum(isinstance(i, Article) for i in items) <= 2


def test_ingest_sources_not_a_warc_is_one_failure(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"this is not an archive\n" * 10)
    items = list(read_sources([str(path)]))
    assert len(items) == 1 and items[0].code == "E015"


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/page": (200, "text/html; charset=utf-8", PAGE.encode()),
        "/feed": (200, "application/rss+xml", RSS.encode()),
        "/image": (200, "image/jpeg", b"\xff\xd8\xff" + b"0" * 100),
        "/huge": (200, "text/html", b"<html>" + b"a" * 5000 + b"</html>"),
        "/missing": (404, "text/html", b"not here"),
    }

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        code, ctype, body = self.routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if self.path != "/huge":  # no length: the size limit must hold while streaming
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_ingest_sources_url_page(server):
    items = list(read_sources([f"{server}/page"], fetch=FetchOptions(timeout=5)))
    assert len(items) == 1 and isinstance(items[0], Article)
    assert items[0].url == f"{server}/page" and PARA in items[0].text


def test_ingest_sources_url_follows_redirect(server):
    items = list(read_sources([f"{server}/redirect"], fetch=FetchOptions(timeout=5)))
    assert isinstance(items[0], Article) and items[0].url == f"{server}/page"


def test_ingest_sources_url_feed(server):
    items = list(read_sources([f"{server}/feed"], fetch=FetchOptions(timeout=5)))
    assert [type(i).__name__ for i in items] == ["Article", "Article", "ErrorRecord"]


@pytest.mark.parametrize("route,code", [("/image", "E013"), ("/huge", "E004"), ("/missing", "E012")])
def test_ingest_sources_url_failures(server, route, code):
    items = list(read_sources([f"{server}{route}"], fetch=FetchOptions(timeout=5, max_bytes=2000)))
    assert len(items) == 1 and isinstance(items[0], ErrorRecord) and items[0].code == code


def test_ingest_sources_url_unreachable():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    items = list(read_sources([f"http://127.0.0.1:{port}/x"], fetch=FetchOptions(timeout=2)))
    assert items[0].code == "E012"
