"""Hand-built records for the web tests: every kind of item, on real news
sentences, so the pages are exercised whatever the extractors produce today.

Offsets are computed from the text (``grounded``), never typed by hand.
"""

from __future__ import annotations

from newsledger.model import (
    Claim, Entity, Event, Figure, MainEvent, Party, Place, Quote, Record, SentenceRef, Span, Time,
)

KURSK = (51.7373, 36.1874)
KYIV = (50.4547, 30.5238)
SEOUL = (37.5660, 126.9784)

REPORTS = [
    # (id, outlet, published, figure text, value)
    ("nl-web-a1", "Agency One", "2025-01-11", "two North Korean soldiers", 2),
    ("nl-web-a2", "Agency Two", "2025-01-12", "two North Korean soldiers", 2),
    ("nl-web-a3", "Agency Three", "2025-01-12", "five North Korean soldiers", 5),
]


def _find(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    i = text.index(needle, after)
    return i, i + len(needle)


def party(text: str, needle: str, canonical: str, country: str | None = None, sector: str | None = None) -> Party:
    s, e = _find(text, needle)
    return Party(text=needle, start=s, end=e, canonical=canonical, country=country, sector=sector)


def capture_report(rid: str, outlet: str, published: str, figure_text: str, value: int) -> Record:
    """An article on the capture of North Korean soldiers in Kursk, with every kind of item."""
    text = (f"Ukrainian forces captured {figure_text} in the Kursk region, President Volodymyr Zelensky said "
            f"on Saturday.\n\n\"Our soldiers took them alive,\" Zelensky wrote on Telegram. The South Korean "
            f"intelligence service said the soldiers may have been injured. Kyiv offered to exchange them "
            f"for Ukrainians held in Russia.")
    ents = []
    for n, (needle, typ, canon) in enumerate([
            ("Volodymyr Zelensky", "PERSON", "Volodymyr Zelensky"), ("Kursk", "GPE", "Kursk"),
            ("Kyiv", "GPE", "Kyiv"), ("Russia", "GPE", "Russia"), ("Ukrainian forces", "ORG", "Ukraine"),
            ("North Korean", "NORP", "North Korea")], start=1):
        s, e = _find(text, needle)
        ents.append(Entity(id=f"ent{n}", text=needle, start=s, end=e, type=typ, canonical=canon, extractor="test"))
    zel = party(text, "Volodymyr Zelensky", "Volodymyr Zelensky", "UKR", "government")
    qs, qe = _find(text, "\"Our soldiers took them alive,\"")
    cs, ce = _find(text, "Ukrainian forces captured")
    cue_s, cue_e = _find(text, "said")
    claim_end = text.index("on Saturday.") + len("on Saturday.")
    ns_s, ns_e = _find(text, "the soldiers may have been injured")
    intel = party(text, "The South Korean intelligence service", "National Intelligence Service", "KOR", "government")
    fs, fe = _find(text, figure_text)
    ts, te = _find(text, "Saturday")
    ks, ke = _find(text, "Kursk region")
    kys, kye = _find(text, "Kyiv", ks)
    trig_s, trig_e = _find(text, "captured")
    sent_end = text.index("\n\n")
    ukr = party(text, "Ukrainian forces", "Ukraine", "UKR", "military")
    dprk = party(text, figure_text, "North Korea", "PRK", "military")
    return Record(
        id=rid, text=text, title=f"Ukraine captures North Korean soldiers in Kursk ({outlet})",
        published=published, source=outlet, url=f"https://news.example/{rid}",
        entities=ents,
        quotes=[Quote(id="q1", text=text[qs:qe], start=qs, end=qe, kind="direct",
                      speaker=party(text, "Zelensky wrote", "Volodymyr Zelensky", "UKR", "government"),
                      cue=Span.of(text, *_find(text, "wrote")), extractor="test")],
        claims=[Claim(id="c1", text=text[cs:claim_end], start=cs, end=claim_end, source=zel, certainty="reported",
                      cues=[Span.of(text, cue_s, cue_e)], extractor="test"),
                Claim(id="c2", text=text[ns_s:ns_e], start=ns_s, end=ns_e, source=intel, certainty="hedged",
                      cues=[Span.of(text, *_find(text, "may have been"))], extractor="test")],
        figures=[Figure(id="f1", text=figure_text, start=fs, end=fe, value=value, approximate=False,
                        unit="person", measure="captured", claim="c1", extractor="test")],
        times=[Time(id="t1", text="Saturday", start=ts, end=te, type="DATE", value=published, extractor="test")],
        places=[Place(id="p1", text="Kursk region", start=ks, end=ke, name="Kursk", country="RU", lat=KURSK[0],
                      lon=KURSK[1], geonameid=538560, feature="ADM1", extractor="test"),
                Place(id="p2", text="Kyiv", start=kys, end=kye, name="Kyiv", country="UA", lat=KYIV[0], lon=KYIV[1],
                      geonameid=703448, feature="PPLC", extractor="test")],
        events=[Event(id="ev1", type="FIGHT", trigger=Span.of(text, trig_s, trig_e), actor=ukr, target=dprk,
                      place="p1", time="t1", certainty="reported", sentence=SentenceRef(0, sent_end),
                      mode="capture", figures=["f1"], source=zel, extractor="test")],
        main_event=MainEvent(who=Span.of(text, ukr.start, ukr.end), what=Span.of(text, trig_s, trig_e),
                             event="ev1"),
        extractors={"test": "1.0"},
    )


def capture_reports() -> list[Record]:
    return [capture_report(*r) for r in REPORTS]


#: payloads an attacker might put in an article (text, title, names)
XSS = [
    "<script>window.__xss = 1</script>",
    "<img src=x onerror=\"window.__xss=2\">",
    "\"><svg onload=window.__xss=3>",
    "' onmouseover='window.__xss=4' x='",
    "javascript:window.__xss=5",
    "</script><script>window.__xss=6</script>",
    "{{ 7*7 }}",
]


def hostile_record() -> Record:
    """An article whose every string is an injection attempt, with items over the payloads."""
    text = "Breaking: " + " and ".join(XSS) + " in Seoul, said <b>Officials</b>."
    ents, quotes, claims, places = [], [], [], []
    for n, payload in enumerate(XSS, start=1):
        s, e = _find(text, payload)
        ents.append(Entity(id=f"ent{n}", text=payload, start=s, end=e, type="ORG", canonical=payload,
                           kb={"note": payload}, extractor=payload))
    s, e = _find(text, XSS[0])
    quotes.append(Quote(id="q1", text=XSS[0], start=s, end=e, kind="direct",
                        speaker=Party(text=XSS[1], start=0, end=0, canonical=XSS[1], country=XSS[2]), extractor="test"))
    s, e = _find(text, XSS[2])
    claims.append(Claim(id="c1", text=XSS[2], start=s, end=e, source=Party(text=XSS[3], start=0, end=0, canonical=XSS[3]),
                        certainty="reported", extractor="test"))
    s, e = _find(text, "Seoul")
    places.append(Place(id="p1", text="Seoul", start=s, end=e, name=XSS[1], country=XSS[0], lat=SEOUL[0],
                        lon=SEOUL[1], extractor="test"))
    s, e = _find(text, XSS[4])
    return Record(
        id="nl-web-xss", text=text, title=XSS[1] + XSS[0], published="2025-02-01", source=XSS[2],
        url="javascript:window.__xss=9", entities=ents, quotes=quotes, claims=claims, places=places,
        events=[Event(id="ev1", type="PROTEST", trigger=Span.of(text, s, e),
                      actor=Party(text=XSS[5], start=0, end=0, canonical=XSS[5]),
                      target=Party(text=XSS[6], start=0, end=0, canonical=XSS[6]), place="p1", time=None,
                      certainty="asserted", sentence=SentenceRef(0, len(text)), extractor="test")],
        extractors={"test": "1.0"},
    )


def empty_record() -> Record:
    """An article with no items at all: pages must still read well."""
    return Record(id="nl-web-empty", text="Nothing much happened today.", title="A quiet day",
                  published="2025-03-01", source="Quiet Times")
