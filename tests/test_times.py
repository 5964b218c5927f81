"""The times extractor: TIMEX3 spans, types and values resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract import times
from newsledger.extract.base import Context
from newsledger.model import Article, Record
from newsledger.temporal import Period, Resolver, choose, find_candidates, load_grammar
from newsledger.temporal.resolve import parse_fraction, parse_number


@pytest.fixture(scope="module")
def grammar():
    return load_grammar()


def run(nlp, grammar, text: str, anchor: str | None):
    doc = nlp(text)
    ctx = Context(article=Article(text=text, published=anchor), record=Record(id="t", text=text),
                  resources={"times": grammar}, anchor=date.fromisoformat(anchor) if anchor else None)
    return times.extract(doc, ctx)


# (sentence, publication date, expected (text, type, value) among the results)
CASES = [
    # tense-aware weekdays: a past verb means the latest such day (the same day counts)
    ("The authorities of South Korea have been shown on Wednesday willing to host those North Korean soldiers.",
     "2025-02-19", ("Wednesday", "DATE", "2025-02-19")),
    ("Japan's central bank said Friday it would keep interest rates unchanged.",
     "2024-03-21", ("Friday", "DATE", "2024-03-15")),
    ("The prime minister will meet the king on Thursday in Amman.",
     "2024-03-20", ("Thursday", "DATE", "2024-03-21")),
    ("The company will report its results on Friday.", "2025-02-19", ("Friday", "DATE", "2025-02-21")),
    # seasons and years relative to the anchor
    ("Kyiv launched a military operation in the Russian province of Kursk last summer.",
     "2025-02-19", ("last summer", "DATE", "2024-SU")),
    ("The Strategic Defense Agreement was achieved during the last year between the two leaders.",
     "2025-02-19", ("the last year", "DATE", "2024")),
    ("Unemployment fell this year for the first time since 2014.", "2025-02-19", ("this year", "DATE", "2025")),
    ("He has lived in Geneva since 2014.", "2025-02-19", ("2014", "DATE", "2014")),
    ("The FTSE 100 fell 1.2% to close at 7,402 yesterday.", "2023-10-30", ("yesterday", "DATE", "2023-10-29")),
    ("Exports rose sharply last month.", "2025-02-19", ("last month", "DATE", "2025-01")),
    ("The ministry will publish the figures next week.", "2025-02-19", ("next week", "DATE", "2025-W09")),
    # partial dates: the year comes from the anchor and the verb
    ("Inflation was 2.1% in March.", "2025-02-19", ("March", "DATE", "2024-03")),
    ("The new law takes effect in March.", "2025-02-19", ("March", "DATE", "2025-03")),
    ("The dividend is payable Jan. 15 to shareholders of record Dec. 29.", "2023-12-08", ("Jan. 15", "DATE", "2024-01-15")),
    ("Protesters gathered on Saturday, April 25 outside the embassy.", "1998-04-24",
     ("Saturday, April 25", "DATE", "1998-04-25")),
    ("The merger was completed on Sept. 27, 2023.", "2023-11-02", ("Sept. 27, 2023", "DATE", "2023-09-27")),
    ("Net income in the third quarter rose 12%.", "1989-10-26", ("the third quarter", "DATE", "1989-Q3")),
    # relative to the anchor, with numbers written as words
    ("The talks collapsed two weeks ago.", "2025-02-19", ("two weeks ago", "DATE", "2025-W06")),
    ("The company was founded twenty five years ago.", "2025-02-19", ("twenty five years ago", "DATE", "2000")),
    # narrative reference time
    ("On March 3 the rebels took the town. The next day they withdrew.", "2025-04-10",
     ("The next day", "DATE", "2025-03-04")),
    # durations, ranges, sets, fuzzy references
    ("The strike lasted three days.", "2025-02-19", ("three days", "DURATION", "P3D")),
    ("Sales fell in the past two months.", "2025-02-19", ("the past two months", "DURATION", "P2M")),
    ("In the last twenty four hours the Thai baht has lost four percent of its value.", "1997-07-03",
     ("the last twenty four hours", "DURATION", "PT24H")),
    ("Output grew from 2019 to 2021.", "2025-02-19", ("2021", "DATE", "2021")),
    ("The market opens every Friday.", "2025-02-19", ("every Friday", "SET", "XXXX-WXX-5")),
    ("The newspaper is published daily.", "2025-02-19", ("daily", "SET", "P1D")),
    ("Sales have slowed recently.", "2025-02-19", ("recently", "DATE", "PAST_REF")),
    ("Prices are now higher than a year ago.", "2025-02-19", ("now", "DATE", "PRESENT_REF")),
    ("Unemployment is expected to fall in the coming months.", "2025-02-19",
     ("coming months", "DATE", "FUTURE_REF")),
    # machine-translation noise in clock times
    ("The attack began at 02: 22h near the border.", "2025-02-20", ("02: 22h", "TIME", "2025-02-20T02:22")),
    ("The tender offer expires at 5 p.m. EST, Dec. 6.", "2023-11-30", ("5 p.m. EST, Dec. 6", "TIME", "2023-12-06T17:00")),
    ("the ceasefire began on saturday night", "2024-03-25", ("saturday night", "TIME", "2024-03-23TNI")),
    # fractions of a unit go to the next smaller unit
    ("Some 600,000 Rohingya have lived in camps in Bangladesh for 2 1/2 years.", "2020-02-27",
     ("2 1/2 years", "DURATION", "P2Y6M")),
    ("The secretary of state spent about 5 1/2 hours in Kyiv before flying on to Warsaw.", "2022-09-09",
     ("about 5 1/2 hours", "DURATION", "PT5H30M")),
    ("A minute and a half after takeoff, the crew reported an engine fire.", "2024-01-06",
     ("A minute and a half", "DURATION", "PT1M30S")),
    ("The strike at the shipyard lasted two and a half years.", "2024-01-06",
     ("two and a half years", "DURATION", "P2Y6M")),
    # "that year", "that same day": the narrative time, not the anchor's
    ("She moved to Lisbon in June 2019 and opened a bakery there later that year.", "2024-05-10",
     ("later that year", "DATE", "2019")),
    ("The ferry sank on Sept. 14, 2023. Earlier that day, the coast guard had issued a storm warning.",
     "2023-10-01", ("Earlier that day", "DATE", "2023-09-14")),
    ("The mayor was elected last Nov. 7 on a promise to cut bus fares.", "2024-04-19",
     ("last Nov. 7", "DATE", "2023-11-07")),
    ("Several Sahel countries have suffered a wave of coups in recent years.", "2024-02-13",
     ("recent years", "DURATION", "PXY")),
    # weekdays counted from the day being told, and cues that beat the verb's tense
    ("The Nikkei fell 3% on Friday, Oct. 27, and lost 5% from the previous Friday.", "2023-10-30",
     ("the previous Friday", "DATE", "2023-10-20")),
    ("The delegation could travel to Geneva as soon as Tuesday, a spokesman said.", "2024-04-01",
     ("Tuesday", "DATE", "2024-04-02")),
    ("The court has given the company until 9 a.m. Tuesday to respond.", "2024-04-01",
     ("9 a.m. Tuesday", "TIME", "2024-04-02T09:00")),
    ("The bank also named a new chief risk officer, effective Feb. 1.", "2023-10-26",
     ("Feb. 1", "DATE", "2024-02-01")),
    ("Traders were likely to sell the shares as soon as trading opened Monday.", "2023-11-01",
     ("Monday", "DATE", "2023-11-06")),
    ("The bid for the rest of the company had been set to expire Nov. 6.", "2023-11-02",
     ("Nov. 6", "DATE", "2023-11-06")),
    ("A Senate committee subpoenaed the chief executive to testify on Feb. 10.", "2024-01-05",
     ("Feb. 10", "DATE", "2024-02-10")),
    ("A vigil planned for Saturday was canceled because of the storm.", "2024-03-24",
     ("Saturday", "DATE", "2024-03-23")),
    ("The dispute is expected to dominate a European Union summit set for Brussels in April.", "2024-03-12",
     ("April", "DATE", "2024-04")),
    ("Police have been searching for the gunman since the Oct. 7 shooting.", "2024-05-06",
     ("Oct. 7", "DATE", "2023-10-07")),
    # the closing day of a quarter leaves the quarter as the reference for "a year earlier"
    ("Net income for the quarter ended Sept. 30 rose 8% from a year earlier.", "2023-10-26",
     ("a year earlier", "DATE", "2022-Q3")),
    ("For its fiscal first quarter ended Sept. 30, the software maker earned $5 million, compared with "
     "$4 million a year earlier.", "2023-10-26", ("a year earlier", "DATE", "2022-Q1")),
    # "the year" names the year under discussion; "the year ended March 31" is twelve months
    ("Sales for the full year rose 13% to $6.6 billion.", "2023-11-02", ("the full year", "DATE", "2023")),
    ("The unit had revenue of $76 million for the year ended March 31.", "2023-11-02",
     ("the year", "DURATION", "P1Y")),
    ("The cereal maker wants a 50% share of the market by 2026. Its chief executive forecast an earnings "
     "increase for the full year.", "2023-10-30", ("the full year", "DATE", "2023")),
    # moveable feasts from the computus, and the week a holiday falls in
    ("Thousands of pilgrims walked the Via Dolorosa in Jerusalem on Good Friday.", "2024-04-01",
     ("Good Friday", "DATE", "2024-03-29")),
    ("Hotels in Rome will be fully booked for Easter week.", "2025-03-20", ("Easter week", "DATE", "2025-W16")),
    # "N units ago": only "a year ago" compares with the period under discussion
    ("In December the rebels entered Damascus. The Assad family took power 53 years ago.", "2024-12-20",
     ("53 years ago", "DATE", "1971")),
    ("Just a decade ago, the country was still under military rule.", "2021-03-12",
     ("a decade ago", "DATE", "2011")),
    ("The retailer earned $376,000 in the 2022 period. The year-ago results included a one-time charge.",
     "2023-11-02", ("The year-ago", "DATE", "2022")),
    ("Analysts say electric cars will one day outsell petrol models in Europe.", "2020-03-03",
     ("one day", "DATE", "FUTURE_REF")),
    # modifiers widen the span and set TIMEX3 mod
    ("The plant will reopen early next year.", "1989-10-27", ("early next year", "DATE", "1990")),
]


@pytest.mark.slow
@pytest.mark.parametrize("sentence,anchor,expected", CASES)
def test_times_real_sentences(nlp, grammar, sentence, anchor, expected):
    found = [(t.text, t.type, t.value) for t in run(nlp, grammar, sentence, anchor)]
    assert expected in found


@pytest.mark.slow
@pytest.mark.parametrize("sentence", [
    "The minister may resign.",              # modal verb, not the month
    "Protesters march to the parliament.",   # verb, not the month
    "The army deployed 1500 troops.",        # a count, not a year
    "Shares rose 2.25% to $1,990.",          # amounts, not dates or times
    "The index dropped 19.69 points to 1618.93.",  # an index level, not the year 1618
    "Tourists flocked to Easter Island.",    # a place, not the feast
])
def test_times_rejects_non_temporal(nlp, grammar, sentence):
    assert run(nlp, grammar, sentence, "2025-02-19") == []


@pytest.mark.slow
def test_times_modifier_sets_mod(nlp, grammar):
    found = run(nlp, grammar, "The plant will reopen early next year.", "1989-10-27")
    assert [(t.text, t.mod) for t in found] == [("early next year", "START")]


@pytest.mark.slow
def test_times_without_anchor_stays_underspecified(nlp, grammar):
    found = run(nlp, grammar, "The committee met on Wednesday and again last year.", None)
    values = {t.text: t.value for t in found}
    assert values["Wednesday"] == "XXXX-WXX-3"
    assert values["last year"] is None


@pytest.mark.slow
def test_times_seed_article_checks(seed_record):
    """The example article's three time checks (../shared/acceptance/check_seed.py, group times)."""
    got = {(t.text.lower(), t.value) for t in seed_record.times}
    assert any("wednesday" in text and value == "2025-02-19" for text, value in got)
    assert ("last summer", "2024-SU") in got
    assert any("last year" in text and value == "2024" for text, value in got)


@pytest.mark.parametrize("raw,expected", [
    ("twenty four", "24"), ("twenty-four", "24"), ("a hundred", "100"), ("several", "X"), ("12", "12"),
    ("one hundred and fifty", "150"), ("a couple of", "2"),
])
def test_times_parse_number(grammar, raw, expected):
    assert parse_number(raw, grammar.lexicon) == expected


@pytest.mark.parametrize("value,gran", [
    ("2025-02-19", "day"), ("2025-W08", "week"), ("2025-02", "month"), ("2024-SU", "season"),
    ("1989-Q3", "quarter"), ("2024-H1", "half"), ("2024", "year"),
])
def test_times_period_roundtrip(value, gran):
    period = Period.parse(value)
    assert period is not None and period.gran == gran and period.format() == value


@pytest.mark.parametrize("template,anchor,expected", [
    ("@rel(year,-1)", "2025-02-19", "2024"),
    ("@rel(week,-1)", "2025-02-19", "2025-W07"),
    ("@rel(quarter,0)", "2025-02-19", "2025-Q1"),
    ("@season(SU,last)", "2025-02-19", "2024-SU"),
    ("@weekday(3,past)", "2025-02-20", "2025-02-19"),
    ("@weekday(3,future)", "2025-02-20", "2025-02-26"),
    ("@month(03,past)", "2025-02-19", "2024-03"),
    ("@monthday(12,01,weak-past)", "1989-10-27", "1989-12-01"),
    ("@dur(X,year)", "2025-02-19", "PXY"),
    ("@dur(2,decade)", "2025-02-19", "P20Y"),
    ("@ago(year,-X)", "2025-02-19", "PAST_REF"),
    ("@ago(decade,-2)", "1999-03-12", "1979"),
    ("@dur(2,year,0.5)", "2025-02-19", "P2Y6M"),
    ("@dur(1,day,0.5)", "2025-02-19", "P1DT12H"),
    ("@dur(5,hour,0.5)", "2025-02-19", "PT5H30M"),
    ("@refweekday(5,-1)", "1989-10-30", "1989-10-27"),
])
def test_times_resolver_functions(template, anchor, expected):
    value, _ = Resolver(date.fromisoformat(anchor)).value(template, None)
    assert value == expected


@pytest.mark.parametrize("raw,expected", [("1/2", "0.5"), ("½", "0.5"), ("and a half", "0.5"), ("3/4", "0.75"), ("", "")])
def test_times_parse_fraction(raw, expected):
    assert parse_fraction(raw) == expected


@pytest.mark.parametrize("year,expected", [(1998, "1998-04-12"), (2000, "2000-04-23"), (2019, "2019-04-21"),
                                           (2024, "2024-03-31"), (2025, "2025-04-20"), (2038, "2038-04-25")])
def test_times_easter_sunday(year, expected):
    from newsledger.temporal.resolve import easter_sunday

    assert easter_sunday(year).isoformat() == expected


def test_times_prefilter_words_are_a_necessary_condition(grammar):
    """The plain words of each prefilter are the words its regex looks for (not garbage from parsing it)."""
    from newsledger.temporal.grammar import word_alternatives

    assert word_alternatives(r"from\s+now|hence") == (("from", "now"), ("hence",))
    assert word_alternatives(r"\d{4}") is None
    for rule in grammar.rules:
        if rule.needs_words is None:
            continue
        for alt in rule.needs_words:
            sample = " ".join(alt)
            assert rule.needs.search(sample), (rule.name, sample)


def test_times_rules_compile_and_are_documented(grammar):
    from newsledger import resources

    assert len(grammar.rules) > 50
    for name in ("lexicon.yaml", "rules.yaml", "fixed.tsv"):
        head = resources.path("times/" + name).read_text(encoding="utf-8").splitlines()[:6]
        assert any("Licence" in line or "licence" in line for line in head), name
    names = [r.name for r in grammar.rules]
    assert len(names) == len(set(names))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from([
    "on Wednesday", "last summer", "two weeks ago", "since 2014", "every Friday", "02: 22h", "March 3",
    "the next day", "recently", "in the coming months", "twenty four hours", "Q3 2024", "1990s",
    "Mayday", "may", "the", "troops", "$1,990", ".", ",", "\n", "é", "—", " ",
]) | st.text(max_size=12), max_size=12))
def test_times_spans_match_text_property(grammar, parts):
    """Whatever the input, every candidate chosen points exactly into the text and none overlap."""
    text = " ".join(parts)
    chosen = choose(text, find_candidates(text, grammar), grammar)
    last_end = -1
    for cand in chosen:
        assert 0 <= cand.start < cand.end <= len(text)
        assert cand.start >= last_end
        last_end = cand.end
        resolver = Resolver(date(2025, 2, 19))
        from newsledger.temporal.resolve import fill, normalize_groups
        try:
            values = normalize_groups(cand.groups, grammar.lexicon)
        except (KeyError, ValueError):
            continue
        resolver.value(fill(cand.rule.value, values), "past")


@pytest.mark.parametrize("raw,expected", [
    ("Updated 02/20/2025 at 02: 22h.", "2025-02-20T02:22"),
    ("Wednesday, 19 February 2025, 14:30 GMT", "2025-02-19T14:30"),
    ("Feb. 19, 2025 at 3:45 p.m.", "2025-02-19T15:45"),
    ("Posted: Sept. 3, 2024", "2024-09-03"),
    ("Published Wednesday", None),          # no anchor in a header: no date
])
def test_times_header_datetime_shares_rules(grammar, raw, expected):
    from newsledger.temporal.header import header_datetime

    assert header_datetime(raw, grammar) == expected
