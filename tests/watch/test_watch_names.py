"""The names.v1 matcher: the variants it must survive, the differences it must not,
and an eval gate on OpenSanctions' labelled name pairs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wirewatch.watch.names import THRESHOLD, Kind, name_score, phonetic_key

MATCHES: list[tuple[str, str, Kind]] = [
    ("Akhmed Chatayev", "AKHMED RAJAPOVICH CHATAEV", "PERSON"),  # transliteration, patronymic
    ("Akhmed Chatayev", "Ахмед Ражапович Чатаев", "PERSON"),  # original script
    ("Chataev, Akhmed", "Akhmed Chatayev", "PERSON"),  # surname first, with a comma
    ("Ayman Zawahiri", "Al Zawahiri Ayman", "PERSON"),  # token order, particle
    ("V. Putin", "Vladimir Putin", "PERSON"),  # initial
    ("Hans J Friedrich", "Hans Joachim Friedrich", "PERSON"),  # middle initial
    ("Vladimir Vladimirovich Putin", "Vladimir Putin", "PERSON"),  # patronymic
    ("Muammar Gaddafi", "Moammar Qaddafi", "PERSON"),  # spelling variants
    ("Wladimir Putin", "Vladimir Putin", "PERSON"),
    ("Sergei Lavrov", "Sergey Lavrov", "PERSON"),
    ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", "PERSON"),  # diacritics
    ("Rami Makhlouf", "Ramimakhlouf", "PERSON"),  # joined
    ("Siemens AG", "Siemens Aktiengesellschaft", "ORG"),  # legal form
    ("Al-Qaida", "Al Qaeda", "ORG"),
    ("Brigade Forty-Four", "Brigade 44", "ORG"),
]

DIFFERENT: list[tuple[str, str, Kind]] = [
    ("Daniel Tusk", "Donald Tusk", "PERSON"),  # another given name
    ("Sergey Viktorovich Lavrov", "Sergey Ivanevich Lavrov", "PERSON"),  # patronymics
    ("Hans O Friedrich", "Hans Joachim Friedrich", "PERSON"),  # initials disagree
    ("Saddam Hussein", "Qusay Saddam Hussein", "PERSON"),  # the father's name in the son's
    ("Salman bin Muhammad al-Rawi", "Muhammad bin Salman al-Rawi", "PERSON"),
    ("Putin", "Vladimir Putin", "PERSON"),  # a surname alone identifies no one
    ("Vladimir Putin", "Vladimir Pudovkin", "PERSON"),
    ("ISIS", "ISI", "ORG"),  # acronyms are exact
    ("Islamic State", "Islamic State of Iraq", "ORG"),  # an organisation's extra word
    ("Deutsche Bank Trust Company", "Deutsche Bank", "ORG"),
    ("高石早苗", "高市早苗", "PERSON"),  # homophone characters
]


@pytest.mark.parametrize(("left", "right", "kind"), MATCHES)
def test_spellings_of_one_name_match(left: str, right: str, kind: Kind) -> None:
    assert name_score(left, right, kind) >= THRESHOLD
    assert name_score(right, left, kind) >= THRESHOLD


@pytest.mark.parametrize(("left", "right", "kind"), DIFFERENT)
def test_different_names_do_not_match(left: str, right: str, kind: Kind) -> None:
    assert name_score(left, right, kind) < THRESHOLD
    assert name_score(right, left, kind) < THRESHOLD


def test_transliteration_variants_share_a_phonetic_key() -> None:
    assert phonetic_key("chatayev") == phonetic_key("chataev")
    assert phonetic_key("sergey") == phonetic_key("sergei") == phonetic_key("sergej")
    assert phonetic_key("mohammed") == phonetic_key("muhamed")


def test_scores_lie_between_zero_and_one() -> None:
    assert name_score("Akhmed Chatayev", "Akhmed Chatayev") == 1.0
    assert name_score("", "Akhmed Chatayev") == 0.0
    assert 0.0 <= name_score("Acme Ltd", "Ltd", "ORG") <= 1.0


# The matcher's F1 on the pairs at THRESHOLD is 0.863 (fixed threshold; see
# benchmarks/names.py); the gate sits just under it.
F1_FLOOR = 0.85


def test_name_matching_f1_on_the_nomenklatura_pairs_stays_above_its_floor(
    shared: Path,
) -> None:
    path = shared / "data" / "watchlists" / "name_pairs_nomenklatura.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 826
    tp = fp = fn = 0
    for row in rows:
        kind: Kind = "PERSON" if row["schema"] == "Person" else "ORG"
        said = name_score(row["name1"], row["name2"], kind) >= THRESHOLD
        gold = row["is_match"] == "true"
        tp += said and gold
        fp += said and not gold
        fn += gold and not said
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f})"
