"""The action lexicon: its format, how entries are chosen, user files, and coverage."""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pytest

from wirewatch.analyze.events.lexicon import (
    Entry,
    Lexicon,
    Word,
    builtin_lexicon,
    builtin_texts,
    clause,
    fold,
    load_lexicon,
    parse_entries,
    parse_lexicon,
)
from wirewatch.errors import WirewatchError

SMALL = """\
# a tiny lexicon
$LIGHT = hold launch
$GAS = sarin chlorine mustard_gas
attack                      -> 190
attack with $GAS            -> 2041
back                        -> 051
back down                   -> 080
take in refugee             -> 075
provide $AID                -> 070
provide military_$AID       -> 072
agree to                    -> 030
agree to meet|talk          -> 036
agree to provide $AID       -> 033
impose sanction on          -> 163
warn                        -> 012
warn *                      -> 130
n:talk with                 -> 046
n:attack on                 -> 190
n:heart_attack              -> ---
n:release of $PRISONER      -> 0841
$AID = aid assistance
$PRISONER = prisoner hostage
"""


def small() -> Lexicon:
    return parse_lexicon([("small.txt", SMALL)])


def code(lexicon: Lexicon, lemma: str, **clause: Any) -> str | None:
    entry = lexicon.match(lemma, **clause)
    assert entry is not None, (lemma, clause)
    return entry.code


# ---------------------------------------------------------------- the format


def test_a_line_is_read_into_head_particles_object_and_prepositions() -> None:
    entries = {e.pattern: e for e in small().entries}
    cut = parse_lexicon([("t.txt", "cut off tie|relation with -> 161")]).entries[0]
    assert (cut.kind, cut.lemma, cut.particles, cut.code, cut.line) == (
        "verb",
        "cut",
        ("off",),
        "161",
        1,
    )
    assert cut.object is not None
    assert {c.lemma for c in cut.object.choices} == {"tie", "relation"}
    assert [set(p.prepositions) for p in cut.prepositions] == [{"with"}]
    noun = entries["n:release of $PRISONER"]
    assert (noun.kind, noun.lemma, noun.code) == ("noun", "release", "0841")
    assert noun.prepositions[0].object is not None
    assert {c.lemma for c in noun.prepositions[0].object.choices} == {"prisoner", "hostage"}


def test_a_compound_word_is_a_head_with_required_modifiers() -> None:
    entry = next(e for e in small().entries if e.pattern == "provide military_$AID")
    assert entry.object is not None
    assert {(c.lemma, tuple(c.modifiers)) for c in entry.object.choices} == {
        ("aid", ("military",)),
        ("assistance", ("military",)),
    }
    heart = next(
        e for e in small().entries if e.kind == "noun" and e.lemma == "attack" and e.modifiers
    )
    assert heart.modifiers == {"heart"}


def test_a_set_used_as_head_gives_one_entry_per_word() -> None:
    lexicon = parse_lexicon([("t.txt", "$SAY = say state\n$SAY -> 010\n")])
    assert sorted(e.lemma for e in lexicon.entries) == ["say", "state"]


def test_three_dashes_mean_no_event() -> None:
    entry = small().nominal(Word("attack", frozenset({"heart"})))
    assert entry is not None
    assert entry.code is None


@pytest.mark.parametrize(
    ("word", "folded"),
    [
        ("talks", "talk"),
        ("ties", "tie"),
        ("parties", "party"),
        ("clashes", "clash"),
        ("criticise", "criticize"),
        ("Cease-fire", "ceasefire"),
        ("defence", "defense"),
        ("crisis", "crisis"),
        ("focus", "focus"),
    ],
)
def test_words_are_folded_to_one_form(word: str, folded: str) -> None:
    assert fold(word) == folded
    assert fold(folded) == folded


# ---------------------------------------------------------------- choosing an entry


def test_the_most_specific_entry_wins() -> None:
    lexicon = small()
    assert code(lexicon, "attack") == "190"
    assert code(lexicon, "attack", prepositions=[("with", "sarin")]) == "2041"
    assert code(lexicon, "attack", prepositions=[("with", "rifle")]) == "190"
    assert code(lexicon, "provide", obj="aid") == "070"
    assert code(lexicon, "provide", obj=Word("aid", frozenset({"military"}))) == "072"
    assert code(lexicon, "warn") == "012"
    assert code(lexicon, "warn", obj="Iran") == "130"


def test_a_named_object_outranks_a_bare_preposition() -> None:
    lexicon = parse_lexicon([("t.txt", "promise to -> 030\npromise aid -> 033\n")])
    assert code(lexicon, "promise", obj="aid", prepositions=[("to", "Kenya")]) == "033"


def test_a_phrasal_verb_is_another_verb() -> None:
    lexicon = small()
    assert code(lexicon, "back") == "051"
    assert code(lexicon, "back", particles=["down"]) == "080"
    assert lexicon.match("back", particles=["up"]) is None


def test_a_particle_and_a_preposition_may_stand_for_each_other() -> None:
    lexicon = small()
    assert code(lexicon, "take", particles=["in"], obj="refugees") == "075"
    assert code(lexicon, "take", prepositions=[("in", "refugees")]) == "075"
    assert code(lexicon, "back", prepositions=[("down", None)]) == "080"


def test_a_to_complement_and_its_object_pick_the_intent() -> None:
    lexicon = small()
    assert code(lexicon, "agree", prepositions=[("to", "plan")]) == "030"
    assert code(lexicon, "agree", complement="sign") == "030"
    assert code(lexicon, "agree", complement="meet") == "036"
    assert code(lexicon, "agree", complement="provide", complement_object="assistance") == "033"


def test_a_light_verb_is_coded_by_its_object_noun() -> None:
    lexicon = small()
    assert code(lexicon, "hold", obj="talks", prepositions=[("with", "Kyiv")]) == "046"
    assert code(lexicon, "launch", obj="attack", prepositions=[("on", "base")]) == "190"
    assert lexicon.match("hold", obj="talks") is None  # n:talk needs its "with"
    assert lexicon.match("sign", obj="talks", prepositions=[("with", "Kyiv")]) is None
    assert (
        code(lexicon, "launch", particles=["up"], obj="attack", prepositions=[("on", "x")]) == "190"
    )
    assert (
        lexicon.match("hold", particles=["off"], obj="attack", prepositions=[("on", "x")]) is None
    )


def test_nominal_codes_nouns_with_their_preposition() -> None:
    lexicon = small()
    found = lexicon.nominal("attack", "on")
    assert found is not None
    assert found.code == "190"
    assert lexicon.nominal("attack") is None
    released = lexicon.nominal("release", "of", obj="hostages")
    assert released is not None
    assert released.code == "0841"
    assert lexicon.nominal("release", "of", obj="report") is None


def test_ranked_lists_every_fit_best_first() -> None:
    ranked = small().ranked(clause("attack", prepositions=[("with", "chlorine")]))
    assert [e.code for e in ranked] == ["2041", "190"]


def test_lookups_are_indexed_by_head() -> None:
    lexicon = small()
    assert lexicon.has("attack")
    assert lexicon.has("talks", "noun")
    assert not lexicon.has("talks")
    assert lexicon.light("held") is False  # lemmas, not forms
    assert lexicon.light("hold")


# ---------------------------------------------------------------- user files


def test_a_user_file_replaces_built_in_entries_and_extends_sets(tmp_path: Path) -> None:
    user = tmp_path / "mine.txt"
    user.write_text(
        "condemn -> 110   # we code condemnation as plain disapproval\n$ARTILLERY = trebuchet\n",
        "utf-8",
    )
    builtin = builtin_lexicon()
    mine = load_lexicon(user)
    assert code(builtin, "condemn") == "111"
    assert code(mine, "condemn") == "110"
    assert code(mine, "fire", obj="trebuchet") == "194"
    assert code(mine, "criticize") == code(builtin, "criticize")
    assert str(user) in mine.sources


def test_a_user_folder_is_read_file_by_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("yodel -> 010\n", "utf-8")
    (tmp_path / "b.txt").write_text("yodel -> 017\n", "utf-8")
    (tmp_path / "notes.md").write_text("not a lexicon", "utf-8")
    assert code(load_lexicon(tmp_path), "yodel") == "017"  # the later file wins


def test_merge_lets_the_second_lexicon_win() -> None:
    first = parse_lexicon([("a.txt", "hail -> 051\nhail at -> 190\n")])
    second = parse_lexicon([("b.txt", "hail -> 013\n")])
    merged = first.merge(second)
    assert code(merged, "hail") == "013"
    assert code(merged, "hail", prepositions=[("at", "x")]) == "190"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("attack 190", "WW421"),
        ("-> 190", "WW421"),
        ("Attack -> 190", "WW421"),
        ("* -> 190", "WW421"),
        ("n:hunger strike -> 142", "WW421"),
        ("attack on base now -> 190", "WW421"),
        ("$SET = \n", "WW421"),
        ("attack -> 19", "WW422"),
        ("attack -> 999", "WW422"),
        ("attack -> 1999", "WW422"),
        ("attack -> 190 191", "WW421"),
        ("attack with $NOPE -> 190", "WW423"),
        ("attack -> 190\nattack -> 180", "WW424"),
    ],
)
def test_a_bad_line_is_a_coded_error_with_its_place(text: str, error: str) -> None:
    with pytest.raises(WirewatchError) as caught:
        parse_lexicon([("bad.txt", "# header\n" + text + "\n")])
    assert caught.value.code == error
    assert caught.value.source is not None
    assert caught.value.source.startswith("bad.txt:")
    assert caught.value.source != "bad.txt:1"  # the comment line is not blamed


def test_a_line_may_make_an_exception_to_a_set() -> None:
    lexicon = parse_lexicon([("t.txt", "$V = offer agree\n$V to -> 030\noffer to -> 039\n")])
    assert code(lexicon, "offer", prepositions=[("to", None)]) == "039"
    assert code(lexicon, "agree", prepositions=[("to", None)]) == "030"


def test_unreadable_and_empty_user_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(WirewatchError) as missing:
        load_lexicon(tmp_path / "nope.txt")
    assert missing.value.code == "WW420"
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing yet\n$AID = aid\n", "utf-8")
    with pytest.raises(WirewatchError) as nothing:
        load_lexicon(empty)
    assert nothing.value.code == "WW425"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfe\x00attack")
    with pytest.raises(WirewatchError) as undecodable:
        load_lexicon(binary)
    assert undecodable.value.code == "WW420"
    folder = tmp_path / "no_files"
    folder.mkdir()
    with pytest.raises(WirewatchError) as bare:
        load_lexicon(folder)
    assert bare.value.code == "WW425"


# ---------------------------------------------------------------- the built-in lexicon


def _codebook(shared: Path) -> set[str]:
    with (shared / "data/events/cameo/cameo_codes_goldstein.csv").open(encoding="utf-8") as f:
        return {row["cameo_code"] for row in csv.DictReader(f)}


def test_built_in_codes_are_all_in_the_cameo_codebook(shared: Path) -> None:
    known = _codebook(shared)
    unknown = {e.code for e in builtin_lexicon().entries if e.code and e.code not in known}
    assert not unknown


def test_built_in_lexicon_covers_every_root_and_is_broad(shared: Path) -> None:
    lexicon = builtin_lexicon()
    roots = {e.code[:2] for e in lexicon.entries if e.code}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    written = {(e.source, e.line) for e in lexicon.entries}
    assert len(written) >= 600
    for root in sorted(roots):
        assert sum(1 for e in lexicon.entries if e.code and e.code[:2] == root) >= 20, root
    third_level = {c for c in _codebook(shared) if len(c) == 3 and c[2] != "0"}
    covered = {e.code for e in lexicon.entries if e.code}
    assert len(third_level & covered) / len(third_level) > 0.95


def test_built_in_files_do_not_contradict_each_other() -> None:
    seen: dict[tuple[object, ...], Entry] = {}
    clashes = []
    for entry in parse_entries(builtin_texts()):
        before = seen.get(entry.key)
        if before is not None and before.source != entry.source and before.code != entry.code:
            clashes.append(f"{entry.pattern} ({before.source} vs {entry.source})")
        seen[entry.key] = entry
    assert not clashes


NEWS = [
    # (lemma, clause, code): plain news English, one clause each
    ("say", {}, "010"),
    ("deny", {"obj": "involvement"}, "016"),
    ("urge", {"complement": "withdraw"}, "0256"),
    ("call", {"prepositions": [("for", "talks")]}, "026"),
    ("agree", {"complement": "resume", "complement_object": "talks"}, "036"),
    ("pledge", {"obj": Word("aid", frozenset({"humanitarian"}))}, "0333"),
    ("hold", {"obj": "talks", "prepositions": [("with", "Iran")]}, "046"),
    ("visit", {}, "042"),
    ("sign", {"obj": "agreement", "prepositions": [("with", "Japan")]}, "057"),
    ("praise", {}, "051"),
    ("extradite", {}, "063"),
    ("send", {"obj": "weapons", "prepositions": [("to", "Kyiv")]}, "072"),
    ("release", {"obj": "hostages"}, "0841"),
    ("lift", {"obj": "curfew"}, "0813"),
    ("lift", {"obj": "sanctions", "prepositions": [("on", "Iran")]}, "085"),
    ("declare", {"obj": "ceasefire"}, "0871"),
    ("pull", {"particles": ["out"], "prepositions": [("of", "Gaza")]}, "0874"),
    ("launch", {"obj": "investigation", "prepositions": [("into", "corruption")]}, "091"),
    ("demand", {"obj": "release", "prepositions": [("of", "prisoners")]}, "1053"),
    ("criticize", {}, "111"),
    ("accuse", {"prepositions": [("of", Word("crime", frozenset({"war"})))]}, "1124"),
    ("reject", {"obj": "proposal"}, "127"),
    ("refuse", {"complement": "resign"}, "1231"),
    ("threaten", {"complement": "impose", "complement_object": "sanctions"}, "1312"),
    ("protest", {"prepositions": [("against", "government")]}, "141"),
    ("go", {"prepositions": [("on", "strike")]}, "143"),
    ("deploy", {"obj": "troops"}, "154"),
    ("impose", {"obj": "sanctions", "prepositions": [("on", "Russia")]}, "163"),
    ("expel", {"obj": "diplomats"}, "161"),
    ("arrest", {}, "173"),
    ("crack", {"particles": ["down"], "prepositions": [("on", "protesters")]}, "175"),
    ("kidnap", {}, "181"),
    ("torture", {}, "1822"),
    ("shell", {}, "194"),
    ("attack", {"obj": "base", "prepositions": [("with", "rockets")]}, "194"),
    ("carry", {"particles": ["out"], "obj": "airstrikes"}, "195"),
    ("violate", {"obj": "ceasefire"}, "196"),
    ("massacre", {}, "202"),
    ("use", {"obj": Word("weapon", frozenset({"chemical"}))}, "2041"),
]


@pytest.mark.parametrize(("lemma", "clause", "expected"), NEWS)
def test_built_in_lexicon_codes_news_english(
    lemma: str, clause: dict[str, Any], expected: str
) -> None:
    assert code(builtin_lexicon(), lemma, **clause) == expected


def test_the_documented_examples_hold() -> None:
    docs = Path(__file__).resolve().parents[3] / "docs" / "lexicon.md"
    examples = re.findall(
        r"^(lexicon\.\w+\(.*\)\.code)\s+# '(\d+)'$", docs.read_text("utf-8"), re.M
    )
    assert len(examples) >= 5
    for expression, expected in examples:
        found = eval(expression, {"lexicon": builtin_lexicon(), "Word": Word})
        assert found == expected, expression


def test_a_compound_noun_entry_beats_one_that_only_names_a_preposition() -> None:
    lexicon = builtin_lexicon()
    bombing = lexicon.nominal(Word("attack", frozenset({"bomb"})), "on")
    heart = lexicon.nominal(Word("attack", frozenset({"heart"})), "on")
    plain = lexicon.nominal("attack", "on")
    assert bombing is not None and bombing.code == "183"
    assert heart is not None and heart.code is None
    assert plain is not None and plain.code == "190"
