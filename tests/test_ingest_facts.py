"""Deaths and actors drafted from a sentence's wording: sentences of our own, written the
way wire copy from different conflicts states them, and ones that must give nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mapview.cli import main
from mapview.data.dataset import load_dataset
from mapview.ingest.facts import actors, fatalities


@pytest.mark.parametrize(
    ("sentence", "count", "words"),
    [
        (
            "Paramilitary fighters killed at least 12 people in a village near Nyala.",
            12,
            "killed at least 12 people",
        ),
        (
            "Twelve civilians were killed when a rocket hit a bus station in Sloviansk.",
            12,
            "Twelve civilians were killed",
        ),
        (
            "The death toll from the market bombing rose to 30 on Thursday.",
            30,
            "death toll from the market bombing rose to 30",
        ),
        (
            "Gunmen opened fire on a checkpoint outside Kidal, killing two.",
            2,
            "killing two",
        ),
        (
            "Four soldiers and three police officers were killed in the ambush near Dori.",
            7,
            "Four soldiers and three police officers were killed",
        ),
        (
            "A drone strike on a wedding party in Marib killed 1,204 people, the ministry said.",
            1204,
            "killed 1,204 people",
        ),
        (
            "Officials said 17 people had been confirmed dead after the shelling of Izium.",
            17,
            "17 people had been confirmed dead",
        ),
        ("A journalist was killed by sniper fire in Khan Younis.", 1, "A journalist was killed"),
        (
            "Troops raided the camp, killing fifteen suspected militants, the army said.",
            15,
            "killing fifteen suspected militants",
        ),
        ("The blast in Quetta killed twenty-three people.", 23, "killed twenty-three people"),
    ],
)
def test_a_stated_toll_is_read_with_its_words(sentence: str, count: int, words: str) -> None:
    toll = fatalities(sentence)
    assert toll is not None
    assert (toll.count, toll.text) == (count, words)
    assert toll.text in sentence  # the words are the report's, so they can back the record


@pytest.mark.parametrize(
    "sentence",
    [
        "The regional governor said no one was killed in the overnight attack on Sumy.",
        "Nobody was killed, but 14 people were wounded when the drone hit a school in Odesa.",
        "Dozens of people were killed in clashes in Tripoli, medics said.",
        "Hundreds have been killed since the siege of El Fasher began.",
        "The commander, whose brother was killed in 2019, now leads the brigade in Idlib.",
        "The town has been fought over since 2014 and killed in the fighting were many.",
        "Shelling damaged 40 houses and a school in Kherson on Tuesday.",
        "Talks in Doha resumed on Monday with 12 delegations present.",
        "None of the 30 passengers were killed when the ferry was hit near Sittwe.",
        "The strike 25 km from Kramatorsk killed nobody, officials said.",
    ],
)
def test_no_number_for_the_dead_gives_no_toll(sentence: str) -> None:
    """ "No one", "dozens", a year, counts of other things: no death toll is drafted."""
    assert fatalities(sentence) is None


def test_the_sentences_own_killing_wins_over_a_running_toll() -> None:
    toll = fatalities(
        "An airstrike on Saada killed nine people, raising the death toll this week to 40."
    )
    assert toll is not None and toll.count == 9


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Russian forces shelled Kupiansk overnight, the governor said.", ["Russian forces"]),
        ("The RSF attacked displacement camps around El Fasher on Saturday.", ["RSF"]),
        ("Hamas fighters crossed the fence at several points at dawn.", ["Hamas fighters"]),
        (
            "Dozens of drones launched by Ukraine were shot down over the Kursk region.",
            ["Ukraine"],
        ),
        ("The raid was claimed by the Freedom for Russia Legion.", ["Freedom for Russia Legion"]),
        (
            "The Rapid Support Forces (RSF) stormed the market in Omdurman, residents said.",
            ["Rapid Support Forces"],
        ),
        ("M23 rebels seized the mining town of Rubaya on Tuesday.", ["M23 rebels"]),
        ("Israeli airstrikes on Deir al-Balah killed 11 people.", ["Israeli forces"]),
        (
            "Ethiopian and Eritrean troops entered the town on Friday.",
            ["Ethiopian troops", "Eritrean troops"],
        ),
        ("Al-Shabaab militants attacked an army base in Lower Shabelle.", ["Al-Shabaab militants"]),
        (
            "The Legion and the Russian Volunteer Corps, claimed responsibility for the attack.",
            ["Legion", "Russian Volunteer Corps"],
        ),
        ("The depot in Kharkiv was struck by Russian guided bombs.", ["Russian forces"]),
        ("On Monday the Houthis fired missiles at a tanker in the Red Sea.", ["Houthis"]),
    ],
)
def test_who_acted_is_read_from_the_sentence(sentence: str, expected: list[str]) -> None:
    assert actors(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Shelling killed two Ukrainian soldiers near Chasiv Yar.",
        "Five Israeli soldiers were wounded in the fighting in Jabalia.",
        "Ukraine's counteroffensive against Russian forces may already be under way.",
        "Airstrikes on Rafah killed eight people overnight.",
        "The spokesman described the attackers as “Ukrainian militants from Ukraine”.",
        "Kremlin spokesman Dmitry Peskov said the situation in Belgorod was under control.",
        "In 2019, the city hosted talks between the government and the opposition.",
        "Surviving fighters regrouped in the hills, the army said.",
        "The general said the police chief in Kandahar had resigned.",
        "Ukraine and the United States denied any involvement.",
    ],
)
def test_targets_speakers_and_places_are_not_actors(sentence: str) -> None:
    """The attacked, a speaker, a place after "on", a label in quotes, a sentence opener."""
    assert actors(sentence) == []


def test_drafts_carry_deaths_and_actors_and_still_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`mapview ingest` writes the fields into the draft; `accept` validates them, the
    toll's words included, and the dataset loads with them."""
    src = tmp_path / "report.txt"
    src.write_text(
        "Strike on Zaporizhzhia\n\n"
        "Russian forces struck an apartment block in Zaporizhzhia on Sunday, killing four "
        "people, the regional governor said.\n\n"
        "Talks on a ceasefire continued in Istanbul on Monday.",
        "utf-8",
    )
    data = tmp_path / "d"
    args = ["ingest", str(src), "--published", "2023-05-23", "--data", str(data), "--id", "z"]
    assert main(args) == 0, capsys.readouterr().err
    drafted = json.loads((data / "drafts" / "z" / "incidents.json").read_text("utf-8"))
    by_place = {i["place"]: i for i in drafted["incidents"]}
    strike = next(v for k, v in by_place.items() if k.startswith("zaporizh"))
    assert strike["actors"] == ["Russian forces"]
    assert (strike["fatalities"], strike["fatalities_text"]) == (4, "killing four people")
    assert "Deaths and actors are read" in strike["summary"]
    talks = by_place["istanbul"]
    assert "actors" not in talks and "fatalities" not in talks
    assert main(["accept", "z", "--data", str(data)]) == 0, capsys.readouterr().err
    dataset = load_dataset(data)
    [record] = [i for i in dataset.incidents if i.place == strike["place"]]
    assert record.fatalities == 4 and record.actors == ("Russian forces",)
    assert dataset.actors == ["Russian forces"]
