"""Places: toponyms found in real news sentences and geoparsed to GeoNames, offline."""

from __future__ import annotations

import copy
import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger import resources
from newsledger.extract import places
from newsledger.extract.gazetteer import key, load_gazetteer
from newsledger.model import Article


def _km(a, b):
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dl = math.radians(b[1] - a[1])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _places(pipeline, text, url=None):
    return pipeline(Article(text=text, url=url)).places


@pytest.mark.parametrize("a,b", [("St. Louis", "Saint Louis"), ("Kyiv", "kyiv"), ("São Paulo", "Sao Paulo")])
def test_places_gazetteer_key_folds_spelling(a, b):
    assert key(a) == key(b)


def test_places_gazetteer_has_countries_regions_cities_and_features():
    gz = load_gazetteer()
    features = {e.feature for e, _ in gz.lookup("Georgia")}
    assert {"PCLI", "ADM1"} <= features
    assert any(e.feature == "ADM1" and e.country == "RU" for e, _ in gz.lookup("Kursk"))
    assert any(e.feature == "PPLC" and e.country == "UA" for e, _ in gz.lookup("Kiev"))
    assert any(e.feature == "SEA" for e, _ in gz.lookup("Black Sea"))
    assert any(e.feature == "ADM2" and e.admin1 == "LA" for e, _ in gz.lookup("Rapides Parish"))


@pytest.mark.parametrize("name,country,feature,geonameid", [
    ("Kursk", "RU", "ADM1", 538555),  # Kursk Oblast (RU-KRS)
    ("Alberta", "CA", "ADM1", 5883102),
    ("Queensland", "AU", "ADM1", 2152274),
    ("Ohio", "US", "ADM1", 5165418),
    ("Rapides Parish", "US", "ADM2", 4338356),
])
def test_places_regions_carry_their_geonames_id(name, country, feature, geonameid):
    """Regions have GeoNames ids too (admin_regions.tsv, tools/admin_geonameids.py), not only cities."""
    gz = load_gazetteer()
    assert any(e.country == country and e.feature == feature and e.geonameid == geonameid
               for e, _ in gz.lookup(name)), [(e.country, e.feature, e.geonameid) for e, _ in gz.lookup(name)]


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,country,point", [
    ("Ukrainian authorities announced the capture of two soldiers in the Russian province of Kursk.",
     "Kursk", "RU", (51.7, 36.2)),
    ("The fighting spread to the Russian province of Kursk, where kyiv launched a military operation last summer.",
     "kyiv", "UA", (50.45, 30.52)),
    ("Russian forces struck Kiev overnight, officials said.", "Kiev", "UA", (50.45, 30.52)),
    ("The storm knocked out power across Georgia, with Atlanta and Savannah hit hardest.",
     "Georgia", "US", (32.7, -83.4)),
    ("Protesters gathered in Tbilisi as Georgia's parliament debated the foreign agents law.",
     "Georgia", "GE", (42.0, 43.5)),
    ("Police in Alexandria, La., arrested a man on Tuesday after a fire in Pineville.",
     "Alexandria", "US", (31.31, -92.45)),
    ("The cargo ship sank in the Black Sea off the coast of Romania.", "Black Sea", None, (43.0, 35.0)),
    ("Flood waters on the Red River at Fargo, North Dakota, rose overnight.", "Fargo", "US", (46.88, -96.79)),
])
def test_places_resolve_real_sentences(pipeline, text, mention, country, point):
    found = [p for p in _places(pipeline, text) if p.text == mention]
    assert found, [(p.text, p.name) for p in _places(pipeline, text)]
    place = found[0]
    assert place.country == country
    assert _km((place.lat, place.lon), point) < 161


@pytest.mark.slow
def test_places_adjectival_toponym_is_a_place(pipeline):
    text = "The soldiers were deployed in Ukrainian territory next to Russian troops."
    found = {p.text: p for p in _places(pipeline, text)}
    assert found["Ukrainian"].country == "UA" and found["Ukrainian"].feature == "PCLI"


@pytest.mark.slow
def test_places_unresolved_toponym_is_kept_with_null_coordinates(pipeline):
    text = "Aid reached Qaryat Zzyzxabad and the city of Aleppo on Monday."
    places = _places(pipeline, text)
    aleppo = [p for p in places if p.text == "Aleppo"]
    assert aleppo and aleppo[0].country == "SY"
    for p in places:
        if p.lat is None:
            assert p.lon is None and p.geonameid is None


@pytest.mark.slow
def test_places_person_is_not_a_place(pipeline):
    text = "Tom Hartmann said Hartmann's company would build the plant in Dayton, Ohio."
    texts = {p.text for p in _places(pipeline, text)}
    assert "Hartmann" not in texts
    assert "Dayton" in texts


@pytest.mark.slow
@pytest.mark.parametrize("text,surname,place", [
    ("Coach Jim Ripley said his team was ready. \"We practised hard,\" Ripley said after the game in Dayton.",
     "Ripley", "Dayton"),
    ("Andy Trapani grew up in Boston. Trapani admits that life in Hollywood can be overwhelming.",
     "Trapani", "Boston"),
])
def test_places_surname_of_a_person_is_not_a_place(pipeline, text, surname, place):
    found = {p.text for p in _places(pipeline, text)}
    assert surname not in found
    assert place in found


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,admin1", [
    ("A man from Kansas City, Kan., was charged Monday in Wyandotte County.", "Kan", "KS"),
    ("A novel device to treat a common heart rhythm problem was presented in Orlando, Fla., on Sunday.",
     "Fla", "FL"),
])
def test_places_state_abbreviation_is_the_state(pipeline, text, mention, admin1):
    found = [p for p in _places(pipeline, text) if p.text.rstrip(".") == mention]
    assert found and found[0].feature == "ADM1" and found[0].country == "US"
    gz = load_gazetteer()
    state = gz.entry(gz.admin1_entry[("US", admin1)])
    assert (found[0].lat, found[0].lon) == (state.lat, state.lon)


def test_places_list_of_counties_reads_each_name_as_a_county():
    from newsledger.extract.places import Mention, _candidates, _LIST_OF_REGIONS

    text = "Building collapses also were reported in Harvey, Harper and Kingman counties."
    assert _LIST_OF_REGIONS.match(text[text.index("Harvey") + 6:])
    gz = load_gazetteer()
    from newsledger.extract.actors import load_actor_tables

    m = Mention(text.index("Harper"), text.index("Harper") + 6, "Harper", "GPE", "admin2", plural_cue=True)
    found = _candidates(gz, load_actor_tables(), places.load_name_words(), m, text)
    assert found and all(e.feature == "ADM2" for e, _ in found)
    assert any(e.admin1 == "KS" for e, _ in found)


@pytest.mark.slow
def test_places_institution_word_is_not_a_place(pipeline):
    text = "Two men were treated at the University of Kentucky Medical Center in Lexington."
    found = {p.text for p in _places(pipeline, text)}
    assert "University" not in found


def test_places_region_points_are_representative():
    """Large regions get a representative point (ISO 3166-2 data), not the middle of where people live."""
    gz = load_gazetteer()
    for name, cc, point in [("Ontario", "CA", (49.25, -84.5)), ("Alberta", "CA", (54.5, -115.0)),
                            ("Texas", "US", (31.25, -99.25)), ("Queensland", "AU", (-21.0, 144.5))]:
        entry = next(e for e, _ in gz.lookup(name) if e.feature == "ADM1" and e.country == cc)
        assert _km((entry.lat, entry.lon), point) < 161, name


@pytest.mark.slow
def test_places_seed_golden(seed_record):
    by_text = {}
    for p in seed_record.places:
        by_text.setdefault(p.text.lower(), p)
    assert by_text["kursk"].country == "RU"
    assert by_text["kyiv"].country == "UA"
    assert by_text["north korea"].geonameid == 1873107
    assert by_text["south korea"].country == "KR"


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc Kiev Paris, Texas. the province of Kursk\n—é")), max_size=80))
def test_places_spans_match_text(pipeline, text):
    for p in _places(pipeline, text):
        assert text[p.start:p.end] == p.text
        assert (p.lat is None) == (p.lon is None)


@pytest.mark.parametrize("name,columns", [
    ("demonyms.tsv", 2), ("country_aliases.tsv", 2), ("actor_aliases.tsv", 5), ("role_nouns.tsv", 2),
    ("place_aliases.tsv", 2), ("features.tsv", 5), ("countries.tsv", 6), ("admin_regions.tsv", 9),
    ("place_stopwords.tsv", 2), ("us_state_abbreviations.tsv", 2),
])
def test_places_resource_tables_state_source_and_are_well_formed(name, columns):
    from newsledger import resources

    head = resources.path(name).read_text(encoding="utf-8").splitlines()[:6]
    assert any(line.startswith("#") and ("source" in line.lower() or "derived" in line.lower()
                                        or "geonames" in line.lower()) for line in head), name
    rows = resources.load_tsv(name)
    assert len(rows) > 1
    assert all(len(row) >= columns for row in rows[1:]), name


def test_places_country_name_in_a_story_set_in_another_country():
    """'Georgia' in a story whose places are all American is the state, unless Georgia (GE) is named."""
    from collections import Counter

    from newsledger.extract.places import _Geo

    assert _Geo(countries=Counter({"US": 5})).foreign("GE")
    assert not _Geo(countries=Counter({"US": 5, "GE": 1})).foreign("GE")
    assert not _Geo(countries=Counter({"US": 2})).foreign("GE")  # too little to go on
    assert not _Geo(countries=Counter({"US": 3, "RU": 2})).foreign("GE")


@pytest.mark.slow
def test_places_list_items_are_of_one_kind(pipeline):
    text = ("Health officials said the states with reported cases of illness are Arizona, California, "
            "Colorado, Georgia, Illinois, Missouri, Pennsylvania and Washington.")
    found = {p.text: p for p in _places(pipeline, text)}
    assert found["California"].feature == "ADM1" and found["California"].country == "US"
    assert found["Georgia"].feature == "ADM1" and found["Georgia"].country == "US"


def test_places_street_names_are_toponyms_without_a_point():
    from newsledger.extract.places import _REGION_IN_STREET

    _STREET = places.load_name_words().street
    for name in ("Main Street", "Cabin Creek Road", "E. Walnut Street", "Highway 19", "Commerce Drive"):
        assert _STREET.search(name) and not _REGION_IN_STREET.search(name), name
    for name in ("Clarke County Superior Court", "Otter Tail County Road 80", "Alexandria", "Wall Street Journal"):
        assert not (_STREET.search(name) and not _REGION_IN_STREET.search(name)), name


@pytest.mark.slow
def test_places_each_name_in_a_list_of_counties_is_a_county(pipeline):
    text = ("School boards in Barrow, Jackson and Madison counties tweaked their own policies, "
            "officials in Athens said.")
    found = {p.text: p for p in _places(pipeline, text)}
    for name in ("Barrow", "Jackson", "Madison"):
        assert found[name].feature == "ADM2", name


@pytest.mark.slow
@pytest.mark.parametrize("text,mention", [
    ("Sen. Torrey Westrom, R-Elbow Lake, said the talk of stricter rules was premature.", "Elbow Lake"),
    ("Majority Whip James Clyburn, D-S.C., asked to insert language into the bill.", "S.C."),
])
def test_places_legislator_hometown_is_a_place(pipeline, text, mention):
    found = {p.text: p for p in _places(pipeline, text)}
    assert mention in found and found[mention].country == "US"


@pytest.mark.slow
@pytest.mark.parametrize("text,mention", [
    ("A man Roswell police say shoplifted a bracelet was arrested on Monday.", "Roswell"),
    ("Rebecca Sears, 41, of Grovetown, planned to have her son baptised.", "Grovetown"),
])
def test_places_ner_repair_finds_local_town_names(nlp, text, mention):
    doc = nlp(text)
    assert any(e.text == mention and e.label_ == "GPE" for e in doc.ents), [(e.text, e.label_) for e in doc.ents]


@pytest.mark.slow
def test_places_acronym_and_virus_name_are_not_places(pipeline):
    text = ("The Food and Drug Administration (FDA) said three farm workers near Manila were infected "
            "with Reston ebolavirus. The FDA has recalled the eggs.")
    found = {p.text for p in _places(pipeline, text)}
    assert "FDA" not in found and "Reston" not in found
    assert "Manila" in found


@pytest.mark.slow
def test_places_town_inside_a_named_county(pipeline):
    """'Huntsville' with 'Walker County' is Huntsville, Texas: the county it lies in is named."""
    text = ("A Huntsville man was arrested Friday after a chase through Walker County, the sheriff's "
            "office said. He was taken to the Walker County jail in Huntsville.")
    found = {p.text: p for p in _places(pipeline, text)}
    assert found["Huntsville"].country == "US"
    assert _km((found["Huntsville"].lat, found["Huntsville"].lon), (30.72, -95.55)) < 50


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,point", [
    ("Aid convoys reached the Democratic Republic of the Congo on Tuesday after weeks of delay.",
     "Democratic Republic of the Congo", (-2.9, 23.6)),
    ("Factories in Anhui reopened on Monday as the lockdown eased.", "Anhui", (32.0, 117.0)),
    ("Bushfires forced evacuations across NSW as temperatures climbed past 40C.", "NSW", (-32.0, 147.0)),
])
def test_places_cut_short_names_region_words_and_abbreviations(pipeline, text, mention, point):
    found = {p.text: p for p in _places(pipeline, text)}
    assert mention in found, [(p.text, p.name) for p in _places(pipeline, text)]
    assert _km((found[mention].lat, found[mention].lon), point) < 400


def test_places_country_at_the_end_of_an_organisation_name():
    from newsledger.extract.actors import load_actor_tables
    from newsledger.extract.places import _country_at_end

    tables = load_actor_tables()
    text = "Save the Children Kenya said the schools had closed."
    span = _country_at_end(tables, text, 0, len("Save the Children Kenya"))
    assert span is not None and text[span[0]:span[1]] == "Kenya"
    assert _country_at_end(tables, "Microsoft said", 0, len("Microsoft")) is None


@pytest.mark.slow
@pytest.mark.parametrize("text,mention", [
    # a place coordinated with a tagged place
    ("The storm knocked down trees in Baltimore and Cumberland on Sunday evening.", "Cumberland"),
    # a town before what it has, after an article
    ("Deputies said a Kalamazoo woman was hurt when her car left the road.", "Kalamazoo"),
    # a dateline after a byline and date
    ("By JANE DOE Staff Writer June 2, 2011 MANSFIELD -- The council voted to repave two streets.",
     "MANSFIELD"),
])
def test_places_ner_repair_lists_local_nouns_and_datelines(pipeline, text, mention):
    found = {p.text for p in _places(pipeline, text)}
    assert mention in found, found


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,country", [
    ("Storms swept across the Northwest on Tuesday, and officials in Seattle urged drivers to stay home.",
     "Northwest", None),  # not Iceland's Northwest region
    ("Oil prices rose as tensions grew in the Gulf, traders in Chicago said.", "Gulf", None),
    ("Papua New Guinea declared an emergency in Gulf after the floods; Port Moresby sent aid.", "Gulf", "PG"),
])
def test_places_relative_name_is_a_region_only_where_the_story_is(pipeline, text, mention, country):
    """A direction or "the Gulf" is some country's region of that name only when the story names it;
    otherwise it stays a place without a point."""
    place = next(p for p in _places(pipeline, text) if p.text == mention)
    assert place.country == country
    assert (place.lat is None) == (country is None)


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,country", [
    ("Two activists were detained on Monday, the Georgian Interior Ministry said.", "Georgian", "GE"),
    ("The South Korean Navy fired warning shots at a fishing boat.", "South Korean", "KR"),
    ("American Airlines announced six new regional routes on Monday.", None, None),  # a company
])
def test_places_demonym_opening_a_state_body_is_its_country(pipeline, text, mention, country):
    found = {p.text: p.country for p in _places(pipeline, text)}
    assert found == ({mention: country} if mention else {})


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,absent", [
    ("The injured hiker was flown to Southern Ohio Medical Center on Saturday.", "Ohio", None),
    ("The case will be heard in Nashville’s General Sessions Court next month.", "Nashville", None),
    ("The Federation of Michigan Farmers backed the new water rules.", "Michigan", None),
    ("Nelson Mandela's foundation announced the new scholarships on Friday.", None, "Nelson"),
    ("Real Madrid beat the visitors 3-1 on Sunday night.", None, "Madrid"),
])
def test_places_place_inside_an_organisation_name(pipeline, text, mention, absent):
    found = {p.text for p in _places(pipeline, text)}
    if mention:
        assert mention in found, found
    if absent:
        assert absent not in found, found


@pytest.mark.slow
def test_places_state_name_is_not_a_namesake_village_near_other_places(pipeline):
    """'Florida' beside New York and Texas is the state, not the village of Florida, N.Y."""
    text = ("Governors from New York and Texas met in Albany on Monday. Florida Senator Jane Roe said the "
            "storm relief bill would pass, and officials in Buffalo agreed.")
    found = {p.text: p for p in _places(pipeline, text)}
    assert found["Florida"].feature == "ADM1" and found["Florida"].country == "US"


@pytest.mark.slow
def test_places_name_used_as_a_person_is_not_a_place(pipeline):
    text = ("The exhibition opens in Moscow next week. \"We wanted people to see it,\" Petrova said. "
            "Petrova, the curator, has worked at the museum since 1998.")
    found = {p.text for p in _places(pipeline, text)}
    assert "Petrova" not in found and "Moscow" in found


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,point", [
    ("Volunteers will clear trash from the banks of the Kanawha River on Saturday morning.", "Kanawha River",
     (38.3, -81.6)),
    ("The bill adds 12,000 acres to the Monongahela National Forest in West Virginia.",
     "Monongahela National Forest", None),
    ("The S.C. Highway Patrol is investigating the crash near Lexington.", "S.C.", (33.8, -80.9)),
    ("A pickup driven by Larry Dunaway of Berea crossed the center line, troopers said.", "Berea", None),
])
def test_places_natural_features_state_abbreviations_and_hometowns(pipeline, text, mention, point):
    start = text.index(mention)
    places = _places(pipeline, text)
    found = [p for p in places if p.start < start + len(mention) and start < p.end]  # the span or its head
    assert found, [(p.text, p.name) for p in places]
    if point is not None:
        assert _km((found[0].lat, found[0].lon), point) < 161


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,point", [
    ("The City of Montreal adopted a new snow-clearing plan on Tuesday.", "Montreal", (45.5, -73.6)),
    ("Frog species are vanishing across Central and South America, researchers said.", "South America",
     (-14.6, -57.7)),
    ("Ohioans will vote on the school levy in May, officials in Columbus said.", "Ohioans", (40.4, -82.8)),
    ("South Ossetian officials accused Tbilisi of shelling villages near Tskhinvali.", "South Ossetian",
     (42.3, 44.0)),
])
def test_places_admin_prefix_trailing_place_and_regional_adjectives(pipeline, text, mention, point):
    start = text.index(mention)
    places = _places(pipeline, text)
    found = [p for p in places if p.start < start + len(mention) and start < p.end]
    assert found and found[0].lat is not None, [(p.text, p.name) for p in places]
    assert _km((found[0].lat, found[0].lon), point) < 161


@pytest.mark.slow
def test_places_capital_before_a_region_of_the_same_name(pipeline):
    text = "The governor flew to Washington on Tuesday to press Congress for flood aid for Ohio and Kentucky."
    found = {p.text: p for p in _places(pipeline, text)}
    assert found["Washington"].feature == "PPLC", found["Washington"]


@pytest.mark.slow
def test_places_common_word_or_memorial_name_in_an_organisation_is_not_a_place(pipeline):
    text = ("Members of the Lakeview Chamber of Commerce toured the new library on Friday before the "
            "council meeting in Lakeview, Ohio.")
    found = {p.text for p in _places(pipeline, text)}
    assert "Commerce" not in found and "Lakeview" in found, found


_HOME_URL = "https://www.valleycourier.example/news/2024/1"


@pytest.mark.slow
@pytest.mark.parametrize("text,home_point,other_point", [
    ("Richmond police arrested two men on Friday after a break-in at a downtown pharmacy.",
     (37.75, -84.29), (37.55, -77.46)),
    ("Springfield firefighters put out a blaze at a warehouse on Tuesday night.",
     (37.69, -85.22), (37.22, -93.30)),
])
def test_places_outlet_home_flips_a_namesake(pipeline, text, home_point, other_point):
    """A Kentucky paper's bare "Richmond" is Richmond, Ky.; without a home it is the largest one."""
    from newsledger.link.outlets import OutletHome

    homes = {"valleycourier.example": OutletHome("valleycourier.example", "US", "KY", 0.8, 5)}
    doc = pipeline.nlp(text)
    article = Article(text=text, url=_HOME_URL)
    without = pipeline.annotate(doc, article, {}).places[0]
    with_home = pipeline.annotate(doc, article, homes).places[0]
    assert _km((without.lat, without.lon), other_point) < 30
    assert _km((with_home.lat, with_home.lon), home_point) < 30


@pytest.mark.slow
def test_places_outlet_home_reads_its_own_region(pipeline):
    """A Georgia paper's "Georgia" (and "Athens") is its own state's; without a home the country's
    own name and the capital win."""
    from newsledger.link.outlets import OutletHome

    text = "Officials in Athens said Georgia would lift the watering ban."
    homes = {"valleycourier.example": OutletHome("valleycourier.example", "US", "GA", 0.8, 5)}
    doc = pipeline.nlp(text)
    article = Article(text=text, url=_HOME_URL)
    without = {p.text: (p.country, p.feature) for p in pipeline.annotate(doc, article, {}).places}
    with_home = {p.text: (p.country, p.feature) for p in pipeline.annotate(doc, article, homes).places}
    assert without == {"Athens": ("GR", "PPLC"), "Georgia": ("GE", "PCLI")}
    assert with_home == {"Athens": ("US", "PPL"), "Georgia": ("US", "ADM1")}


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "Richmond, Va., police arrested two men on Friday after a break-in at a downtown pharmacy.",
    "Richmond police arrested two men on Friday after a break-in, the Virginia State Police said.",
])
def test_places_outlet_home_yields_to_the_article_s_own_evidence(pipeline, text):
    """The state after the name, or named in the story, outweighs the outlet's home."""
    from newsledger.link.outlets import OutletHome

    homes = {"valleycourier.example": OutletHome("valleycourier.example", "US", "KY", 0.8, 5)}
    record = pipeline.annotate(pipeline.nlp(text), Article(text=text, url=_HOME_URL), homes)
    richmond = next(p for p in record.places if p.text == "Richmond")
    assert _km((richmond.lat, richmond.lon), (37.55, -77.46)) < 30


@pytest.mark.parametrize("text,names", [
    ("President Saakashvili spoke in Tbilisi on Monday.", {"Saakashvili"}),
    ("Gov. Pawlenty signed the bill; Petrova said she would appeal.", {"Pawlenty", "Petrova"}),
    ("The state gov said funds would go to Lincoln County.", set()),  # a lower-case word is no title
    ("President Barack Obama visited Dayton.", set()),  # a full name: the model's PERSON already says so
])
def test_places_person_like_names_from_titles_and_speech(text, names):
    """A lone name after a title (the person_titles.tsv list entities strip) or before a speech verb."""
    assert places._person_like(text, places.load_name_words()) == frozenset(names)


def _places_with_words(pipeline, text, data):
    """The places extractor run on ``text`` with name words compiled from ``data`` (the parsed
    places/name_words.yaml), everything else as :func:`places.load` gives it."""
    from newsledger.extract.base import Context

    article = Article(text=text)
    record = pipeline(article)
    res = dataclasses.replace(places.load(), words=places.build_name_words(data))
    ctx = Context(article=article, record=record, resources={places.EXTRACTOR.name: res})
    return {p.text for p in places.extract(pipeline.nlp(text), ctx)}


@pytest.mark.slow
@pytest.mark.parametrize("keys,word,text,mention", [
    # a natural-feature word: the model calls the reservoir an organisation
    (("natural_features", "water"), "Reservoir", "Crews pulled a car from the Watauga Reservoir late Tuesday.",
     "Watauga Reservoir"),
    # an institution word: the town inside the organisation's name is a place
    (("institution_words",), "fellowship", "The Pineville Fellowship will hold its annual dinner on Friday.",
     "Pineville"),
    # a street word: the street is a toponym without a point, not the New Zealand region
    (("streets", "words"), "Gardens", "Police closed Marlborough Gardens after the gas leak.",
     "Marlborough Gardens"),
])
def test_places_name_words_added_to_the_data_are_honoured(pipeline, keys, word, text, mention):
    """The word lists are data: a word added to places/name_words.yaml changes what is found."""
    data = copy.deepcopy(resources.load_yaml("places/name_words.yaml"))  # the loader's dict is cached
    assert mention not in _places_with_words(pipeline, text, data)
    target = data
    for k in keys[:-1]:
        target = target[k]
    target[keys[-1]] = [*target[keys[-1]], word]
    assert mention in _places_with_words(pipeline, text, data)


@pytest.mark.slow
def test_places_uk_street_is_a_toponym_without_a_point(pipeline):
    """'Marlborough Crescent' is a street (British usage), not the Marlborough region of New Zealand."""
    place = next(p for p in _places(pipeline, "Police closed Marlborough Crescent after the gas leak.")
                 if p.text.startswith("Marlborough"))
    assert place.text == "Marlborough Crescent" and place.lat is None


def test_places_name_words_compile_from_the_data_file():
    """Every list of places/name_words.yaml reaches a pattern or a set, longest word first where an
    alternation could cut a word short."""
    words = places.load_name_words()
    assert words is places.load().words  # compiled once, shared by every load
    assert words.natural.search("Kanawha River") and words.water_tail.search("Kanawha River")
    assert words.natural.search("Canaan Valley") and not words.water_tail.search("Canaan Valley")
    assert words.natural_area.search("Monongahela National Forest")
    assert words.disease_after.match(" virus") and words.disease_after.match("-coronavirus outbreak")
    assert words.direction.match("Northeastern Ohio").group(0) == "Northeastern "
    assert words.admin_prefix.match("City of Montreal") and not words.admin_prefix.match("Cityview of Montreal")
    assert words.institution.fullmatch("University") and not words.institution.fullmatch("Alexandria")
    assert "sub-saharan" in words.name_modifiers and "la" in words.title_like_abbreviations


@pytest.mark.slow
def test_places_speaker_verbs_are_speech_cues(nlp):
    """The speech verbs after a one-word name are forms of speech cues the attribution extractors
    read (attribution/cues.tsv), so the two lists cannot drift apart."""
    speech = {row[0] for row in resources.load_tsv("attribution/cues.tsv") if row[2] == "speech"}
    for form in resources.load_yaml("places/name_words.yaml")["speaker_verbs"]:
        doc = nlp(f"Petrova {form} the plan was sound.")
        assert doc[1].lemma_ in speech, (form, doc[1].lemma_)
