"""The outlet home-region learner, on made-up records and a made-up gazetteer (no spaCy)."""

from __future__ import annotations

import pytest

from newsledger.link import outlets
from newsledger.link.outlets import OutletHome, Reading, learn_homes, outlet_domain, region_votes
from newsledger.model import Place, Record

#: a toy gazetteer: name -> readings (geonameid, feature, country, admin1)
GAZ = {
    "Ohio": [Reading(1, "ADM1", "US", "OH"), Reading(11, "PPL", "US", "IL")],
    "Ky.": [Reading(2, "ADM1", "US", "KY")],
    "Zanesville": [Reading(3, "PPL", "US", "OH")],
    "Lancaster": [Reading(4, "PPL", "US", "OH"), Reading(5, "PPL", "US", "PA"), Reading(6, "PPL", "GB", "ENG")],
    "Paducah": [Reading(7, "PPL", "US", "KY")],
    "Iraq": [Reading(8, "PCLI", "IQ", "00")],
    "Banbury": [Reading(9, "PPL", "GB", "ENG")],
    "Pikeville": [Reading(10, "PPL", "US", "KY")],
    "Berea": [Reading(12, "ADM1", "LS", "D"), Reading(13, "PPL", "US", "KY")],
    "Manitoba": [Reading(14, "ADM1", "CA", "03")],
}


def readings(name: str) -> list[Reading]:
    return GAZ.get(name, [])


def rec(url: str | None, *names: str, n: int = 0) -> Record:
    """A record whose places are ``names``, each resolved to its first reading."""
    places = []
    for name in names:
        first = GAZ[name][0]
        places.append(Place(id="", text=name, start=0, end=len(name), name=name, country=first.country,
                            lat=0.0, lon=0.0, geonameid=first.geonameid, feature=first.feature))
    return Record(id=f"r{n}-{url}", text=" ".join(names), url=url, places=places)


@pytest.mark.parametrize("url,domain", [
    ("http://www.valleycourier.example/news/2009/03/1", "valleycourier.example"),
    ("https://News.Example.co.uk:8080/a?b=c", "news.example.co.uk"),
    ("valleycourier.example/news", None),
    (None, None),
    ("", None),
])
def test_outlets_domain_from_url(url, domain):
    assert outlet_domain(url) == domain


def test_outlets_region_votes_count_named_regions_and_single_reading_towns():
    """"Ohio" resolved as the state and "Zanesville" (one reading) vote Ohio; "Lancaster" (three
    states) and a country do not vote."""
    votes = region_votes(rec("http://a.example/1", "Ohio", "Zanesville", "Lancaster", "Iraq"), readings)
    assert votes == {("US", "OH"): 2}


@pytest.mark.parametrize("country,expected", [
    (None, {("LS", "D"): 1.0, ("CA", "03"): 1.0}),  # the outlet's country unknown: every region read counts
    ("US", {("CA", "03"): 1.0}),  # an American paper's "Berea" read as Lesotho's district is no vote
    ("LS", {("LS", "D"): 1.0, ("CA", "03"): 1.0}),
])
def test_outlets_region_abroad_votes_only_when_its_name_is_unambiguous(country, expected):
    votes = region_votes(rec("http://a.example/1", "Berea", "Manitoba"), readings, country)
    assert dict(votes) == expected


def test_outlets_region_votes_do_not_carry_a_town_s_country_to_the_next_place():
    """A town's region is not the outlet's country: with the country unknown, "Berea" after
    "Paducah" still votes for the region it was read as."""
    votes = region_votes(rec("http://a.example/1", "Paducah", "Berea"), readings)
    assert dict(votes) == {("US", "KY"): 1, ("LS", "D"): 1.0}


def test_outlets_region_votes_need_the_resolved_reading_for_a_region():
    """A region name resolved to something else (the Illinois village called Ohio) is not a vote for
    the state."""
    village = rec("http://a.example/1", "Ohio")
    village.places[0].geonameid, village.places[0].feature = 11, "PPL"
    assert region_votes(village, readings) == {}


def test_outlets_dominant_region_over_several_articles_is_the_home():
    recs = [rec("http://www.courier.example/1", "Ohio", "Zanesville", n=1),
            rec("http://www.courier.example/2", "Zanesville", "Iraq", n=2),
            rec("http://www.courier.example/3", "Ky.", n=3),
            rec("http://gazette.example/1", "Paducah", "Pikeville", n=4)]
    homes = learn_homes(recs, readings)
    assert homes == {"courier.example": OutletHome("courier.example", "US", "OH", 0.75, 2)}


def test_outlets_one_article_makes_no_home():
    """"gazette.example" above named Kentucky towns in one article only: that is one story, not a home."""
    assert learn_homes([rec("http://gazette.example/1", "Paducah", "Pikeville", "Ky.")], readings) == {}


def test_outlets_region_below_half_of_the_mentions_is_no_home():
    recs = [rec("http://a.example/1", "Ohio", "Paducah", n=1), rec("http://a.example/2", "Zanesville", "Ky.", n=2),
            rec("http://a.example/3", "Banbury", n=3), rec("http://a.example/4", "Pikeville", n=4)]
    # Ohio 2, Kentucky 3, England 1: Kentucky has 3 of 6 (half) -> home; one more English town -> none
    assert learn_homes(recs, readings)["a.example"].admin1 == "KY"
    recs.append(rec("http://a.example/5", "Banbury", n=5))
    assert outlets.MIN_SHARE == 0.5 and learn_homes(recs, readings) == {}


def test_outlets_tied_regions_make_no_home():
    recs = [rec("http://a.example/1", "Ohio", n=1), rec("http://a.example/2", "Ohio", n=2),
            rec("http://a.example/3", "Paducah", n=3), rec("http://a.example/4", "Ky.", n=4)]
    assert learn_homes(recs, readings) == {}


def test_outlets_home_lies_in_the_country_of_a_country_code_domain():
    """A British paper that names American towns with one reading more often than English ones gets
    the English home, or none; never an American one."""
    recs = [rec("http://www.herald.example.co.uk/1", "Zanesville", "Banbury", n=1),
            rec("http://www.herald.example.co.uk/2", "Zanesville", "Banbury", n=2),
            rec("http://www.herald.example.co.uk/3", "Zanesville", n=3)]
    assert learn_homes(recs, readings)["herald.example.co.uk"].admin1 == "OH"
    country = {"herald.example.co.uk": "GB"}
    homes = learn_homes(recs, readings, lambda url: country.get(outlet_domain(url) or ""))
    assert homes == {}  # England has 2 of 5 mentions: below half
    recs.append(rec("http://www.herald.example.co.uk/4", "Banbury", "Banbury", n=4))
    homes = learn_homes(recs, readings, lambda url: country.get(outlet_domain(url) or ""))
    assert (homes["herald.example.co.uk"].country, homes["herald.example.co.uk"].admin1) == ("GB", "ENG")


def test_outlets_records_without_url_or_places_are_ignored():
    assert learn_homes([rec(None, "Ohio", "Zanesville"), Record(id="x", text="", url="http://a.example/1")],
                       readings) == {}


#: three stories of one made-up Kentucky paper: two name the state, the third a bare "Richmond"
PAPER_URL = "https://www.valleycourier.example/news/{}"
KENTUCKY_PAPER = ["Kentucky lawmakers approved a new road budget on Monday, and the governor said Kentucky "
                  "roads would be repaved by fall.",
                  "Schools across Kentucky will open late on Wednesday because of snow, Kentucky education "
                  "officials said.",
                  "Richmond police arrested two men on Friday after a break-in at a downtown pharmacy."]


@pytest.mark.slow
def test_outlets_batch_windows_carry_homes_forward_and_stream(pipeline):
    """A home learned in an earlier window serves later ones; records leave window by window."""
    from newsledger.model import Article

    consumed: list[int] = []

    def articles():
        for n, text in enumerate(KENTUCKY_PAPER, start=1):
            consumed.append(n)
            yield Article(text=text, id=f"a{n}", url=PAPER_URL.format(n))

    stream = pipeline.process_batch(articles(), log=False, window=2)
    first = next(stream)
    assert first.id == "a1" and consumed == [1, 2]  # the first window only
    rest = list(stream)
    richmond = next(p for p in rest[-1].places if p.text == "Richmond")
    assert (round(richmond.lat), round(richmond.lon)) == (38, -84)  # Richmond, Kentucky


@pytest.mark.slow
def test_outlets_ingest_stores_places_read_with_the_outlet_home(pipeline, tmp_path):
    """`ingest` reads as `extract` does: the stored record has the home state's Richmond."""
    from newsledger.commands.ingest import ingest
    from newsledger.model import Article
    from newsledger.store import SQLiteStore

    store = SQLiteStore(str(tmp_path / "news.db"))
    try:
        summary = ingest(store, pipeline, [Article(text=t, id=f"a{n}", url=PAPER_URL.format(n))
                                           for n, t in enumerate(KENTUCKY_PAPER, start=1)], link=False)
        assert summary.stored == 3
        stored = store.get_article("a3")
        richmond = next(p for p in stored.places if p.text == "Richmond")
        assert (round(richmond.lat), round(richmond.lon)) == (38, -84)  # Richmond, Kentucky
    finally:
        store.close()


def _paper_docs() -> list[dict]:
    """The Kentucky paper's stories as a library user passes them (JSONL keys)."""
    return [{"id": f"a{n}", "url": PAPER_URL.format(n), "text": t} for n, t in enumerate(KENTUCKY_PAPER, start=1)]


def _richmond(record) -> tuple[int, int]:
    place = next(p for p in record.places if p.text == "Richmond")
    return round(place.lat), round(place.lon)


@pytest.mark.slow
def test_outlets_extract_many_reads_as_the_cli(pipeline, capsys):
    """The library's extract_many gives the records `newsledger extract` does (Pipeline.process_batch),
    home state's Richmond included, and prints nothing."""
    import newsledger
    from newsledger.model import Article

    docs = _paper_docs()
    cli = list(pipeline.process_batch([Article(text=d["text"], id=d["id"], url=d["url"]) for d in docs], log=False))
    capsys.readouterr()
    lib = list(newsledger.extract_many(docs))
    assert capsys.readouterr() == ("", "")
    assert [r.id for r in lib] == ["a1", "a2", "a3"]
    assert [r.to_dict() for r in lib] == [r.to_dict() for r in cli]
    assert _richmond(lib[2]) == (38, -84)  # Richmond, Kentucky


@pytest.mark.slow
def test_outlets_extract_many_one_pass_is_process_many(pipeline):
    """one_pass=True reads as --one-pass (Pipeline.process_many): no home, Virginia's Richmond."""
    import newsledger
    from newsledger.model import Article

    docs = _paper_docs()
    one = list(pipeline.process_many([Article(text=d["text"], id=d["id"], url=d["url"]) for d in docs]))
    lib = list(newsledger.extract_many(docs, one_pass=True))
    assert [r.to_dict() for r in lib] == [r.to_dict() for r in one]
    assert _richmond(lib[2]) == (38, -77)  # Richmond, Virginia
