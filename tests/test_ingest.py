from __future__ import annotations

import json

import pytest

from newsledger.ingest import read_bytes, read_paths
from newsledger.ingest.dates import normalize_datetime
from newsledger.ingest.text import parse_text
from newsledger.model import Article, ErrorRecord


@pytest.mark.parametrize("raw,expected", [
    ("02/19/2025", "2025-02-19"),
    ("Updated 02/20/2025 at 02: 22h.", "2025-02-20T02:22"),
    ("Updated 02/20/2025 at 02:22 h", "2025-02-20T02:22"),
    ("2025-02-19T08:15:00+01:00", "2025-02-19T08:15"),
    ("19/02/2025", "2025-02-19"),
    ("19 February 2025", "2025-02-19"),
    ("February 19, 2025", "2025-02-19"),
    ("no date here", None),
])
def test_dates_normalize_header(raw, expected):
    assert normalize_datetime(raw) == expected


def test_text_seed_layout(seed_text):
    article = parse_text(seed_text)
    assert article.title.startswith("The “North Korean soldiers are South Korean citizens")
    assert article.published == "2025-02-19"
    assert article.updated == "2025-02-20T02:22"
    assert article.text.startswith("The authorities of South Korea")
    assert "\n\n\n" not in article.text
    assert "02/19/2025" not in article.text


def test_text_title_line_and_no_header():
    article = parse_text("Floods hit the north\n\nHeavy rain fell on Monday in the region.")
    assert article.title == "Floods hit the north"
    assert article.text == "Heavy rain fell on Monday in the region."
    plain = parse_text("Heavy rain fell on Monday in the region.\n\nRivers rose.")
    assert plain.title is None and plain.text.startswith("Heavy rain")


HTML = b"""<!doctype html><html><head><title>Floods - The Daily</title>
<meta property="og:site_name" content="The Daily"><meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2025-02-19T08:30:00Z">
<meta property="article:modified_time" content="2025-02-20T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Floods hit the north of the country</h1>
<p>Heavy rain fell on Monday across the northern provinces, officials said, forcing thousands from their homes.</p>
<p>The regional government said it had opened shelters in three towns and asked for help from the army.</p>
</article><footer>Copyright The Daily</footer></body></html>"""


def test_html_body_and_metadata():
    article = read_bytes(HTML, "page.html")
    assert isinstance(article, Article)
    assert article.title == "Floods hit the north of the country"
    assert "Heavy rain fell on Monday" in article.text
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.published == "2025-02-19T08:30"
    assert article.updated == "2025-02-20T10:00"
    assert article.author == "Ana Ruiz"
    assert article.source == "The Daily"


def test_jsonl_documents_and_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": "Rain fell.", "title": "T", "published": "2025-01-01", "url": "u", "gold": {}}),
        "{not json",
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "d", "text": "   "}),
    ]), encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert isinstance(items[0], Article) and items[0].id == "a" and items[0].published == "2025-01-01"
    assert [i.code for i in items[1:]] == ["E006", "E007", "E001"]
    assert items[2].id == "c"


@pytest.mark.parametrize("sep", ["\u0085", "\u2028", "\u2029"])
def test_jsonl_line_with_a_unicode_line_separator_in_a_string_is_one_document(tmp_path, sep):
    """JSON Lines ends lines at \\n only; a raw NEL or LINE SEPARATOR inside a string stays in it."""
    path = tmp_path / "docs.jsonl"
    lines = [json.dumps({"id": "a", "text": f"Flooding closed roads.{sep}Schools shut early."}, ensure_ascii=False),
             json.dumps({"id": "b", "text": "Rain fell."})]
    path.write_text("\r\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_paths([str(path)]))
    assert [i.id for i in items] == ["a", "b"] and all(isinstance(i, Article) for i in items)
    assert sep in items[0].text


@pytest.mark.parametrize("data,code", [
    (b"", "E001"),
    (b"   \n\n  ", "E001"),
    (b"\x00\x01\x02binary\x00stuff" * 10, "E002"),
    (bytes(range(1, 32)) * 20, "E002"),
    (b"<html><body></body></html>", "E005"),
    (b"x" * 2000, "E004"),
])
def test_bad_inputs_give_coded_errors(data, code):
    item = read_bytes(data, "bad", max_bytes=1000)
    assert isinstance(item, ErrorRecord)
    assert item.code == code and item.message


def test_latin1_is_decoded_not_garbled():
    item = read_bytes("Le ministère a déclaré que la réunion aura lieu à Genève.".encode("latin-1"), "fr.txt")
    assert isinstance(item, Article)
    assert "ministère" in item.text


def test_directory_is_read_in_sorted_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second article body text.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First article body text.", encoding="utf-8")
    (tmp_path / "c.bin").write_bytes(b"\x00\x00\x00")
    items = list(read_paths([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [getattr(i, "text", None) for i in items[:2]] == ["First article body text.", "Second article body text."]
    assert items[2].code == "E002" and items[3].code == "E008"
