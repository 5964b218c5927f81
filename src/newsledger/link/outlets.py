"""An outlet's home region, learned from the outlet's own articles in a batch.

A local paper's "Richmond" is its own state's Richmond: the reader knows where
the paper is. newsledger does not keep a table of outlets (a hand list of
domains would only know the outlets someone typed in); it reads the home off
the outlet's articles instead. For each outlet domain it counts the
first-level regions (country, admin1) of the places that say where they are
without doubt:

* a first-level region named outright and resolved as one ("Ohio", "Ky."); one
  outside the country the outlet's domain suggests only when no other region
  has a place of that name;
* a town or county whose name has gazetteer readings in one first-level
  region only (every reading of "Tuscaloosa" is in Alabama).

A region is the outlet's home only when it dominates those mentions
(:data:`MIN_SHARE`) and comes up in several of its articles
(:data:`MIN_ARTICLES`): one story about Iraq or one wire piece about Texas
does not make a home.

What it does not do: resolve any place (the places extractor takes the home
as one more, weak piece of evidence), read any file, or decide countries
(the country-code domain already says those).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Record

#: a region is the home when at least this share of the outlet's unambiguous mentions are in it
MIN_SHARE = 0.5
#: ... and it is named in at least this many of the outlet's articles
MIN_ARTICLES = 2
#: a first-level region named outright counts this much; a town with a single reading counts 1
REGION_VOTE = 1.0

_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?([^/:?#]+)", re.I)


@dataclass(frozen=True, slots=True)
class OutletHome:
    """Where an outlet is, and how much of its own evidence says so."""

    domain: str
    country: str
    admin1: str
    #: share of the outlet's unambiguous mentions in this region
    share: float
    #: articles of the outlet that name a place in this region
    articles: int


@dataclass(frozen=True, slots=True)
class Reading:
    """One gazetteer reading of a name: what the learner needs of it."""

    geonameid: int | None
    feature: str
    country: str | None
    admin1: str


def outlet_domain(url: str | None) -> str | None:
    """The outlet's domain from an article URL, without ``www.``: 'thetowntalk.com'."""
    if not url:
        return None
    m = _HOST.match(url.strip())
    if not m:
        return None
    host = m.group(1).lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def region_votes(record: Record, readings: Callable[[str], Sequence[Reading]],
                 country: str | None = None) -> Counter:
    """The first-level regions the record's places name without doubt, with their votes.

    ``country``: the outlet's likely country (from its domain), if known. A region outside it
    votes only when its name has no reading in another region: a Kentucky paper's "Berea" read
    as Lesotho's Berea district is a misreading, not evidence of a home abroad."""
    votes: Counter = Counter()
    for place in record.places:
        if place.geonameid is None:
            continue
        found = readings(place.text)
        if place.feature == "ADM1":
            own = [r for r in found if r.geonameid == place.geonameid and r.country and r.admin1]
            if own and (country is None or own[0].country == country
                        or len({(r.country, r.admin1) for r in found}) == 1):
                votes[(own[0].country, own[0].admin1)] += REGION_VOTE
            continue
        if place.feature in ("PCLI", "PCL", "PCLS", "PCLD", "PCLF", "CONT") or not found:
            continue
        regions = {(r.country, r.admin1) for r in found}
        if len(regions) == 1:
            region = next(iter(regions))
            if region[0] and region[1]:
                votes[region] += 1
    return votes


class HomeLearner:
    """Counts the region votes of an outlet's articles as they come, so a batch read window by
    window learns from everything seen so far without keeping the records."""

    def __init__(self, readings: Callable[[str], Sequence[Reading]],
                 domain_country: Callable[[str | None], str | None] | None = None,
                 likely_country: Callable[[str | None], str | None] | None = None) -> None:
        self.readings = readings
        self.domain_country = domain_country
        #: the country an outlet's domain suggests, also for generic domains (see region_votes)
        self.likely_country = likely_country
        self._named: dict[str, str | None] = {}
        self._totals: dict[str, Counter] = defaultdict(Counter)
        self._seen_in: dict[str, Counter] = defaultdict(Counter)

    def add(self, record: Record) -> None:
        domain = outlet_domain(record.url)
        if domain is None:
            return
        if self.domain_country is not None and domain not in self._named:
            self._named[domain] = self.domain_country(record.url)
        votes = region_votes(record, self.readings,
                             self.likely_country(record.url) if self.likely_country is not None else None)
        self._totals[domain].update(votes)
        self._seen_in[domain].update(votes.keys())

    def homes(self) -> dict[str, OutletHome]:
        """The outlets whose articles so far agree on one region (module docstring)."""
        homes: dict[str, OutletHome] = {}
        for domain, counts in self._totals.items():
            total = sum(counts.values())
            if not total:
                continue
            ranked = counts.most_common()
            if self._named.get(domain) is not None:
                ranked = [(region, n) for region, n in ranked if region[0] == self._named[domain]]
            if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
                continue  # no region, or two regions tied: no home
            (country, admin1), top = ranked[0]
            share = top / total
            articles = self._seen_in[domain][(country, admin1)]
            if share >= MIN_SHARE and articles >= MIN_ARTICLES:
                homes[domain] = OutletHome(domain, country, admin1, round(share, 3), articles)
        return homes


def learn_homes(records: Iterable[Record], readings: Callable[[str], Sequence[Reading]],
                domain_country: Callable[[str | None], str | None] | None = None,
                likely_country: Callable[[str | None], str | None] | None = None) -> dict[str, OutletHome]:
    """Domain -> home region, for the outlets whose own articles agree on one (module docstring).

    ``domain_country`` gives the country an article URL's domain names (a country-code domain), if
    any: a home must lie in it (a British paper's home is not in Indiana, however many of its
    Cambridges have a single reading there). ``likely_country`` is the country a domain suggests,
    generic domains included (see :func:`region_votes`).
    """
    learner = HomeLearner(readings, domain_country, likely_country)
    for record in records:
        learner.add(record)
    return learner.homes()
