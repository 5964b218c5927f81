"""The word lists extractors read from resources/en/: they load, are well formed, and drive behaviour.

These lists used to be literals in the code; they are data so a new word is a line in a file.
A malformed entry (YAML reads an unquoted ``on`` as ``True``) would silently never match, so
every list is checked for plain lower-case strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import resources
from newsledger.extract import attribution, entities, events, figures, main_event, ner_repair, parties, times

# (data file, the keys holding word lists that code reads)
WORD_LISTS = [
    ("parties/roles.yaml", ("state_roles", "title_roles", "anaphor_nouns", "person_pronouns")),
    ("place_cues.yaml", ("locative", "directions", "region_nouns", "local_nouns", "local_after_article",
                         "name_particles")),
    ("times/tense_cues.yaml", ("future_aux", "deadline_preps", "schedule_verbs", "schedule_participles",
                               "forward_governors")),
    ("events/arguments.yaml", ("verb_target", "noun_target", "clause_target", "event_noun_argument",
                               "patient_subject_actor", "pronouns", "relative_pronouns")),
    ("figures/numbers.yaml", ("state_verbs", "ratio_words")),
    ("attribution/speakers.yaml", ("name_particles",)),
    ("events/5w1h.yaml", ("vp_stop_words",)),
    ("places/name_words.yaml", ("institution_words", "name_modifiers", "directions", "incomplete_heads",
                                "generic_heads", "name_tails", "title_like_abbreviations", "locative_before",
                                "region_suffixes", "disease_after", "speaker_verbs", "relative_names")),
]


def _nested_lists(data: dict, key: str) -> list[list]:
    value = data[key]
    return list(value.values()) if isinstance(value, dict) else [value]


@pytest.mark.parametrize("name,keys", WORD_LISTS, ids=[name for name, _ in WORD_LISTS])
def test_resources_word_lists_are_lower_case_strings(name, keys):
    data = resources.load_yaml(name)
    for key in keys:
        for words in _nested_lists(data, key):
            assert words, f"{name}: {key} is empty"
            for word in words:
                assert isinstance(word, str), f"{name}: {key} has {word!r} (quote it in the YAML)"
                assert word == word.strip().lower() and word, f"{name}: {key} has {word!r}"
            assert len(set(words)) == len(words), f"{name}: {key} repeats a word"


def test_resources_place_name_words_written_as_in_the_text_are_capitalised_strings():
    """The places lists matched with their capitals ("Kanawha River", "Main Street", "City of")."""
    data = resources.load_yaml("places/name_words.yaml")
    for key in ("named_after", "natural_features", "natural_areas", "streets", "admin_prefixes"):
        for words in _nested_lists(data, key):
            assert words, f"places/name_words.yaml: {key} is empty"
            for word in words:
                assert isinstance(word, str) and word == word.strip() and word[:1].isupper(), (key, word)
            assert len(set(words)) == len(words), f"places/name_words.yaml: {key} repeats a word"


def test_resources_place_feature_cues_point_to_feature_groups():
    """Each feature cue of places/name_words.yaml is a lower-case word or phrase naming a group the
    places scorer knows (YAML would read an unquoted ``on`` key as ``True``)."""
    cues = resources.load_yaml("places/name_words.yaml")["feature_cues"]
    assert set(cues) == {"after", "before"}
    for table in cues.values():
        assert table
        for cue, group in table.items():
            assert isinstance(cue, str) and cue == cue.strip().lower(), cue
            assert group in ("admin1", "admin2", "city", "water", "mountain", "island"), (cue, group)


def test_resources_tense_cue_phrases_and_period_words_are_strings():
    data = resources.load_yaml("times/tense_cues.yaml")
    assert set(data["cues"]) == {"future", "deadline"}
    for words in [*data["cues"].values(), data["period_end"]["units"], data["period_end"]["verbs"]]:
        assert words and all(isinstance(w, str) and w == w.lower() for w in words)


def test_resources_org_sectors_table_is_well_formed():
    rows = resources.load_tsv("parties/org_sectors.tsv")
    assert rows[0] == ("word", "sector")
    sectors = {row[1] for row in resources.load_tsv("role_nouns.tsv")[1:]}
    words = [row[0] for row in rows[1:]]
    assert len(set(words)) == len(words)
    for row in rows[1:]:
        assert len(row) == 2 and row[0] == row[0].lower() and row[1] in sectors, row


def test_resources_continent_adjectives_table_is_well_formed():
    rows = resources.load_tsv("parties/continent_adjectives.tsv")
    assert rows[0] == ("adjective", "continent")
    for row in rows[1:]:
        assert len(row) == 2 and row[0] == row[0].lower() and row[1] in ("AF", "AS", "EU", "NA", "OC", "SA", "AN"), row


@pytest.mark.parametrize("phrase,continent", [
    ("the Asian country", "AS"),
    ("the Latin American nation", "SA"),
    ("the East African state", "AF"),
    ("the country", None),
])
def test_parties_continent_adjective_in_an_anaphor(phrase, continent):
    assert parties._continent_in(phrase) == continent


def test_resources_person_titles_table_is_well_formed():
    rows = resources.load_tsv("person_titles.tsv")
    assert rows[0] == ("title", "form")
    titles = [row[0] for row in rows[1:]]
    assert len(set(titles)) == len(titles)
    for row in rows[1:]:
        assert len(row) == 2 and row[0] == row[0].lower() and row[1] in ("abbreviation", "word"), row


@pytest.mark.parametrize("name,sector", [
    ("Interior Ministry", "government"),
    ("Korean Air Force", "military"),
    ("The Korea Herald", "media"),
    ("Seoul Broadcasting System", "media"),
    ("Asiana Airlines", "business"),
    ("Red Cross", None),
])
def test_parties_org_sector_words_give_the_sector(name, sector):
    found = next((s for pattern, s in parties.load_role_words().org_sectors if pattern.search(name)), None)
    assert found == sector


def test_parties_role_words_load_as_sets_and_anaphor_pattern():
    words = parties.load_role_words()
    assert "government" in words.state_roles and "prime minister" in words.title_roles
    assert words.anaphor.search("the Asian country") and not words.anaphor.search("the countryside")
    assert words.person_pronoun.match("He") and not words.person_pronoun.match("Helen")


@pytest.mark.parametrize("text,name", [
    ("President Vladimir Putin", "Vladimir Putin"),
    ("Prime Minister Sir Keir Starmer", "Keir Starmer"),
    ("Dr. Jane Goodall", "Jane Goodall"),
    ("Gen Valery Gerasimov", "Valery Gerasimov"),
    ("Kingsley Amis", "Kingsley Amis"),
    ("Detective Maria Lopez", "Maria Lopez"),
])
def test_entities_person_name_strips_titles_from_the_data_file(text, name):
    assert entities.person_name(text) == name


def test_entities_title_added_to_the_data_file_is_stripped(monkeypatch):
    assert entities.person_name("Ambassador Linda Thomas-Greenfield") == "Ambassador Linda Thomas-Greenfield"
    real = resources.load_tsv
    monkeypatch.setattr(resources, "load_tsv", lambda name, *a: real(name, *a) + (
        (("ambassador", "word"),) if name == "person_titles.tsv" else ()))
    monkeypatch.setattr(entities, "person_title_alternation", entities.person_title_alternation.__wrapped__)
    monkeypatch.setattr(entities, "person_titles", entities.person_titles.__wrapped__)
    assert entities.person_name("Ambassador Linda Thomas-Greenfield") == "Linda Thomas-Greenfield"


@pytest.mark.parametrize("before,direction", [
    ("shares could resume trading as soon as ", "future"),
    ("the strike will go on until ", "deadline"),
    ("the new tariffs are effective ", "deadline"),
    ("the talks ended on ", None),
])
def test_times_cue_before_reads_the_data_file(before, direction):
    text = before + "Tuesday"
    assert times.cue_before(text, len(before)) == direction


def test_times_cue_phrase_added_to_the_data_file_changes_the_direction(monkeypatch):
    text = "the bill must be signed no later than Friday"
    start = text.index("Friday")
    assert times.cue_before(text, start) is None
    real = resources.load_yaml

    def with_phrase(name, *a):
        data = real(name, *a)
        if name != "times/tense_cues.yaml":
            return data
        cues = {k: list(v) for k, v in data["cues"].items()}
        cues["deadline"].append("no later than")
        return {**data, "cues": cues}

    monkeypatch.setattr(resources, "load_yaml", with_phrase)
    monkeypatch.setattr(times, "load_tense_cues", times.load_tense_cues.__wrapped__)
    assert times.cue_before(text, start) == "deadline"


def test_times_period_end_pattern_names_the_unit():
    m = times.load_tense_cues().period_end.search("in the quarter that ended ")
    assert m and m.group("unit") == "quarter"


def test_ner_repair_place_cues_load_as_sets():
    cues = ner_repair.load_place_cues()
    assert "near" in cues.locative and "province" in cues.region_nouns and "police" in cues.local_nouns
    assert "restaurant" in cues.local_after_article and "northwest" in cues.directions
    assert "de" in cues.name_particles


def test_events_argument_words_keep_the_prepositions_order_of_preference():
    preps = events.load().arguments
    assert preps.verb_target[:3] == ("against", "on", "upon")
    assert preps.noun_target[0] == "of" and "between" in preps.clause_target
    assert "they" in preps.pronouns and "who" in preps.relative_pronouns


def test_figures_attribution_main_event_words_reach_their_lexicons():
    assert {"rise", "total", "be"} <= figures.load().state_verbs
    assert {"times", "fold"} <= figures.load().ratio_words
    assert {"of", "von", "bin"} <= attribution.load_lexicon().name_particles
    assert main_event.load()["vp_stop_words"][:2] == ["as", "after"]


def _booleans(value, where: str):
    """YAML 1.1 reads a bare no/on/off/yes as a boolean: in a word list that silently drops the word."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, bool):
                yield f"{where}: key {key}"
            yield from _booleans(item, f"{where}/{key}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, bool):
                yield f"{where}: item {item}"
            else:
                yield from _booleans(item, where)


def test_resources_yaml_word_lists_hold_no_booleans():
    import yaml

    root = Path(resources.__file__).parent
    found = [hit for p in sorted(root.rglob("*.yaml"))
             for hit in _booleans(yaml.safe_load(p.read_text(encoding="utf-8")), str(p.relative_to(root)))]
    assert not found, f"quote these words in the YAML files: {found}"
