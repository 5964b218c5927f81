"""Figures: values, ranges, approximation, unit, measure, claim; what is not a figure."""

from __future__ import annotations

import functools

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract import figures
from newsledger.extract.base import Context
from newsledger.model import MEASURES, Article, Claim, Record


@functools.cache
def _lexicon() -> figures.Lexicon:
    return figures.load()


@functools.cache
def _blank():
    """A tokenizer-only pipeline: enough for reading numbers, fast to load."""
    return spacy.blank("en")


@pytest.fixture(scope="module")
def lex():
    return _lexicon()


@pytest.fixture(scope="module")
def blank():
    return _blank()


def run(nlp, text, claims=()):
    record = Record(id="t", text=text, claims=list(claims))
    ctx = Context(article=Article(text=text), record=record, resources={"figures": _lexicon()})
    return figures.extract(nlp(text), ctx)


def only(found, needle):
    hits = [f for f in found if needle in f.text]
    assert len(hits) == 1, [f.text for f in found]
    return hits[0]


# -- vocabulary -----------------------------------------------------------------


def test_figures_lexicon_measures_are_schema_measures(lex):
    assert set(lex.measures.values()) <= set(MEASURES)
    assert {"kill", "injure", "casualty", "capture", "arrest", "deploy", "displace", "missing"} <= set(lex.measures)


def test_figures_lexicon_has_acled_vague_counts(lex):
    assert lex.vague["dozens"] == 12 and lex.vague["hundreds"] == 100 and lex.vague["thousands"] == 1000


def test_figures_lexicon_tables_do_not_overlap(lex):
    """A word is either a number, a scale or a vague count: overlaps would make parsing ambiguous."""
    assert not set(lex.units) & set(lex.scales)
    assert not set(lex.units) & set(lex.vague)


# -- reading numbers (tokenizer only) -------------------------------------------


@pytest.mark.parametrize("text,value", [
    ("4,000", 4000),
    ("twenty six", 26),
    ("twenty-six", 26),
    ("two hundred and five", 205),
    ("1.2 million", 1_200_000),
    ("a dozen", 12),
    ("two dozen", 24),
    ("three thousand", 3000),
    ("two and a half", 2.5),
    ("15bn", 15_000_000_000),
    ("dozens", 12),
    ("hundreds of thousands", 100_000),
    ("tens of thousands", 10_000),
    ("several hundred", 300),
])
def test_figures_scan_number_values(blank, lex, text, value):
    doc = blank(text)
    end, got, _vague, _scaled = figures._scan_number(doc, 0, lex)
    assert end == len(doc)
    assert got == pytest.approx(value)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_figures_digits_with_commas_round_trip(n):
    lex = _lexicon()
    doc = _blank()(f"{n:,}")
    end, got, _, _ = figures._scan_number(doc, 0, lex)
    assert end == len(doc) and got == n


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=99))
def test_figures_spelled_numbers_below_hundred(n):
    lex = _lexicon()
    words = {int(v): k for k, v in lex.units.items()}
    text = words[n] if n in words else f"{words[n - n % 10]} {words[n % 10]}"
    doc = _blank()(text)
    end, got, _, _ = figures._scan_number(doc, 0, lex)
    assert end == len(doc) and got == n


# -- whole sentences (spaCy model) ----------------------------------------------



@pytest.mark.slow
@pytest.mark.parametrize("sentence,needle,value,value_max,approximate,unit,measure", [
    ("President Volodymyr Zelensky has estimated that some 4,000 North Korean soldiers have died or have been "
     "injured in Kursk, although the figure has not been verified.",
     "4,000", 4000, None, True, "North Korean soldiers", "killed_or_injured"),
    ("Ukrainian authorities have announced the capture of two North Korean soldiers who fought next to the "
     "Russian troops in the Russian province of Kursk.",
     "two", 2, None, False, "North Korean soldiers", "captured"),
    ("At least 12 people were killed when a bus plunged into a ravine in northern Pakistan, police said.",
     "12", 12, None, True, "people", "killed"),
    ("Police arrested dozens of protesters outside parliament on Saturday.",
     "dozens", 12, None, True, "protesters", "arrested"),
    ("The fighting has forced thousands of families to flee their homes, the UN said.",
     "thousands", 1000, None, True, "families", "displaced"),
    ("Northrop Grumman and EADS won a $40 billion contract to supply aerial refuelling tankers.",
     "$40 billion", 40_000_000_000, None, False, "USD", "money"),
    ("The company said it would cut between 10 and 20 jobs at the plant.",
     "between 10 and 20", 10, 20, False, "jobs", "other"),
    ("Analysts expect the plant to create 1,500 to 2,000 jobs over the next decade.",
     "1,500 to 2,000", 1500, 2000, False, "jobs", "other"),
    ("Fuel efficiency improvements of 15-20% are required for a new airliner.",
     "15-20%", 15, 20, False, "percent", "other"),
    ("Russia has deployed more than 10,000 troops to the border region, officials said.",
     "10,000", 10000, None, True, "troops", "deployed"),
    ("The death toll from the earthquake rose to 320 on Tuesday.",
     "320", 320, None, False, None, "killed"),
    ("Rescue workers said 27 people were still missing after the landslide.",
     "27", 27, None, False, "people", "missing"),
    ("The blast injured 40 people, three of them seriously.",
     "40", 40, None, False, "people", "injured"),
    ("The attack left at least 15 casualties among the security forces.",
     "15", 15, None, True, "casualties", "killed_or_injured"),
    ("Qatar Airways will also purchase 20 of Boeing's larger planes for $4.6 billion.",
     "$4.6 billion", 4_600_000_000, None, False, "USD", "money"),
    ("Twenty six migrants drowned when their boat capsized off the coast of Libya.",
     "Twenty six", 26, None, False, "migrants", "killed"),
    ("Some 150,000 people across the region are feared to be dead after the tsunami.",
     "150,000", 150000, None, True, "people", "killed"),
    ("In India, more than 2,000 people are thought to have died in the floods.",
     "2,000", 2000, None, True, "people", "killed"),
    ("Twenty-one thousand people lost their lives in the catastrophes last year.",
     "Twenty-one thousand", 21000, None, False, "people", "killed"),
    ("Hundreds of thousands have been left homeless by the cyclone.",
     "Hundreds of thousands", 100000, None, True, None, "displaced"),
    ("The firm has set aside millions of dollars to cover the cost of litigation.",
     "millions", 1_000_000, None, True, "USD", "money"),
    ("Indonesia expects debt repayments of up to 30 trillion rupiah to be frozen.",
     "30 trillion", 30_000_000_000_000, None, True, "IDR", "money"),
    ("According to Reuters, they plan to seize 12,900 acres from the farm.",
     "12,900", 12900, None, False, "acres", "other"),
    ("Security forces detained 40 journalists during the protests, a rights group said.",
     "40", 40, None, False, "journalists", "arrested"),
    ("Police said about 200 gunmen who killed five villagers had been arrested.",
     "200", 200, None, True, "gunmen", "arrested"),
    ("Officials said 5,000 troops killed dozens of militants in the offensive.",
     "5,000", 5000, None, False, "troops", "other"),
    ("Officials said 5,000 troops killed dozens of militants in the offensive.",
     "dozens", 12, None, True, "militants", "killed"),
])
def test_figures_real_sentences(nlp, sentence, needle, value, value_max, approximate, unit, measure):
    fig = only(run(nlp, sentence), needle)
    assert fig.value == pytest.approx(value)
    assert fig.value_max == (pytest.approx(value_max) if value_max is not None else None)
    assert fig.approximate is approximate
    assert fig.unit == unit
    assert fig.measure == measure


@pytest.mark.slow
@pytest.mark.parametrize("sentence,not_figures", [
    ("The ceasefire took effect at 10:30 on 12 March 2024.", ["10", "30", "12", "2024"]),
    ("In 2003 the Pentagon halted the deal.", ["2003"]),
    ("He finished third in the first round of voting.", ["third", "first"]),
    ("Call the hotline on 0800 555 1234 for information.", ["0800", "555", "1234"]),
    ("The suspect, aged 25, was arrested in Leeds.", ["25"]),
    ("Boeing delivered the final Boeing 717 to AirTran on Tuesday.", ["717"]),
    ("The US Air Force chose the KC-45 tanker.", ["45"]),
    ("Flight 370 disappeared over the Indian Ocean.", ["370"]),
    ("Chelsea won 2-1 at Anfield on Sunday.", ["2", "1"]),
    ("The talks lasted three days.", ["three"]),
    ("No one has claimed responsibility for the attack.", ["one"]),
    ("Despite losing 28-17 in Sunday's Six Nations encounter, the Italians were upbeat.", ["28", "17", "Six"]),
    ("The cuts will result in a one-off charge of 790m euros.", ["one"]),
])
def test_figures_not_dates_times_labels(nlp, sentence, not_figures):
    found = run(nlp, sentence)
    texts = {f.text for f in found}
    assert not any(any(n in t for t in texts) for n in not_figures), texts


@pytest.mark.slow
@pytest.mark.parametrize("sentence,needle,text,value,unit", [
    ("The current budget in 2004/05 showed a deficit of about £400m.", "400", "about £400m", 400_000_000, "GBP"),
    ("He produced his best times in the 800m at major races in Erfurt.", "800", "800m", 800, "m"),
    ("Some 2m people have signed up to the service since launch.", "2m", "Some 2m", 2_000_000, "people"),
    ("The cuts will result in a one-off charge of 790m euros ($1.1bn).", "790", "790m euros", 790_000_000, "EUR"),
])
def test_figures_abbreviated_scales(nlp, sentence, needle, text, value, unit):
    fig = only(run(nlp, sentence), needle)
    assert (fig.text, fig.value, fig.unit) == (text, value, unit)


@pytest.mark.slow
def test_figures_each_verb_keeps_its_own_subject(nlp):
    """"191 were killed and 2,000 injured": two figures, two measures, not killed_or_injured twice."""
    found = run(nlp, "Europe suffered fewer disasters, but 191 people were killed and more than 2,000 injured "
                     "in March.")
    assert only(found, "191").measure == "killed"
    assert only(found, "2,000").measure == "injured"


@pytest.mark.slow
def test_figures_verb_measures_need_the_verb_sense(nlp):
    """"missing forecasts of 53.7" is the verb miss, not people missing."""
    found = run(nlp, "But, despite missing forecasts of 53.7, the index remained above 50.")
    assert all(f.measure == "other" for f in found)


@pytest.mark.slow
def test_figures_model_number_is_a_name_throughout_the_article(nlp):
    text = ("Ryanair exercises options on five Boeing 737-800 jets. The airline will buy five new 737 aircraft, "
            "bringing its order book to 230.")
    values = sorted(f.value for f in run(nlp, text))
    assert values == [5, 5, 230]


@pytest.mark.slow
def test_figures_carried_by_innermost_claim(nlp):
    text = ("Officials said the army had arrested 30 people. Zelensky estimated that some 4,000 soldiers "
            "had died, an estimate not verified.")
    outer = Claim(id="c1", text=text[:47], start=0, end=47, source=None, certainty="reported")
    inner = Claim(id="c2", text=text[15:47], start=15, end=47, source=None, certainty="reported")
    second = Claim(id="c3", text=text[48:], start=48, end=len(text), source=None, certainty="estimated")
    found = run(nlp, text, claims=[outer, inner, second])
    assert only(found, "30").claim == "c2"
    assert only(found, "4,000").claim == "c3"


@pytest.mark.slow
def test_figures_outside_any_claim_have_no_claim(nlp):
    found = run(nlp, "Two captured North Korean soldiers")
    assert [(f.value, f.claim, f.measure) for f in found] == [(2, None, "captured")]


@pytest.mark.slow
def test_figures_seed_article(seed_record):
    """The example article: 4,000 killed or injured soldiers, approximate, in Zelensky's claim; 2 captured."""
    f4000 = [f for f in seed_record.figures if f.value == 4000]
    assert f4000 and f4000[0].approximate and f4000[0].measure == "killed_or_injured"
    assert "soldiers" in f4000[0].unit
    assert any(f.value == 2 and f.measure == "captured" for f in seed_record.figures)
    claims = {c.id: c for c in seed_record.claims}
    if claims:
        claim = claims.get(f4000[0].claim)
        assert claim is not None and "zelensk" in (claim.source.text or "").lower()


# -- properties -----------------------------------------------------------------

fragments = st.lists(
    st.sampled_from([
        "some 4,000", " soldiers", " were killed", " between 10 and", " 20", " $1.2bn", " 15-20%", " dozens of",
        " protesters", " in 2024", " at 10:30", " 2-1", " twenty", "-six", " and a half", " Boeing 737", ", ", ". ",
        " more than", " hundreds of thousands", " €", "5m", " up to", " 555-1234", " No. 10", "\n",
    ]) | st.text(max_size=12),
    min_size=1, max_size=20,
).map("".join)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(fragments)
def test_figures_spans_point_into_text_and_are_deterministic(nlp, text):
    first = run(nlp, text)
    for fig in first:
        assert text[fig.start:fig.end] == fig.text
        assert fig.text.strip() == fig.text and fig.text
        assert fig.measure in MEASURES
        assert fig.value_max is None or fig.value_max > fig.value
    ends = [(f.start, f.end) for f in first]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "figures overlap"
    assert [f.id for f in first] == [f"f{i}" for i in range(1, len(first) + 1)]
    assert run(nlp, text) == first
