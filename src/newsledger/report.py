"""A readable Markdown report of one record, for a person rather than a program."""

from __future__ import annotations

from .model import Party, Record


def _party(p: Party | None) -> str:
    if p is None:
        return "the article itself"
    name = p.canonical or p.text
    extra = ", ".join(x for x in (p.country, p.sector) if x)
    return f"{name} ({extra})" if extra else name


def _clip(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _quoted(text: str) -> str:
    """Direct quotes carry their own marks; indirect speech gets ours."""
    return text if text[:1] in "“”‘’«»„\"'" else f"“{text}”"


def render_markdown(record: Record) -> str:
    r = record
    out: list[str] = [f"# {r.title or r.id}", ""]
    meta = [("published", r.published), ("updated", r.updated), ("source", r.source), ("url", r.url), ("id", r.id)]
    out += [f"- **{k}**: {v}" for k, v in meta if v] + [""]

    def section(title: str, rows: list[str], empty: str) -> None:
        out.append(f"## {title}")
        out.append("")
        out.extend(rows if rows else [f"_{empty}_"])
        out.append("")

    me = r.main_event
    me_rows = [f"- **{q}**: {_clip(getattr(me, q).text)}" for q in ("who", "what", "when", "where", "why", "how")
               if getattr(me, q) is not None]
    section("Main event", me_rows, "No main event found.")
    section("Quotes", [f"- {q.kind}: {_quoted(_clip(q.text))} — {_party(q.speaker)}" + (f" (cue: {q.cue.text})" if q.cue else "")
                       for q in r.quotes], "No quotes found.")
    section("Claims", [f"- [{c.certainty}] {_clip(c.text)} — {_party(c.source)}" for c in r.claims], "No claims found.")
    section("Figures", [f"- {f.text}: {'~' if f.approximate else ''}{f.value:g}"
                        f"{'–' + format(f.value_max, 'g') if f.value_max is not None else ''} {f.unit or ''} ({f.measure})"
                        if f.value is not None else f"- {f.text} ({f.measure})" for f in r.figures], "No figures found.")
    times = {t.id: t for t in r.times}
    places = {p.id: p for p in r.places}
    section("Events", [f"- {e.type}{'/' + e.mode if e.mode else ''} [{e.certainty}]: "
                       f"{_party(e.actor) if e.actor else '?'} → {e.trigger.text} → {_party(e.target) if e.target else '?'}"
                       + (f" @ {places[e.place].name or places[e.place].text}" if e.place in places else "")
                       + (f" on {times[e.time].value}" if e.time in times else "") for e in r.events],
            "No events found.")
    section("Times", [f"- “{t.text}” → {t.type} {t.value}" for t in r.times], "No times found.")
    section("Places", [f"- “{p.text}” → {p.name or '?'}, {p.country or '?'} "
                       + (f"({p.lat:.2f}, {p.lon:.2f})" if p.lat is not None and p.lon is not None else "(unresolved)")
                       + (f" geonames:{p.geonameid}" if p.geonameid else "") for p in r.places], "No places found.")
    seen: dict[tuple[str, str], int] = {}
    for e in r.entities:
        key = (e.type, e.canonical or e.text)
        seen[key] = seen.get(key, 0) + 1
    section("Entities", [f"- {name} ({typ})" + (f" ×{n}" if n > 1 else "") for (typ, name), n in seen.items()],
            "No entities found.")
    return "\n".join(out).rstrip() + "\n"
