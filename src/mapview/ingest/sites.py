"""Named sites no gazetteer has: "the Aguaruto prison", "the Hayat Hotel in Mogadishu",
"the University of Guayaquil", "Baghdad airport", "the Roki Tunnel".

Reports locate much of what happens at prisons, hotels, schools, mosques, airports and
bases, and GeoNames (cities500) lists none of them. Rather than drop the sentence, or file
it under the town with the site's name lost, a site becomes its own draft place drawn at
the town the text puts it in: the town inside its name ("Baghdad airport", "University of
Guayaquil"), else the place the sentence names beside it ("in Mogadishu"), else the place
the paragraph named last. The place says so (`located_at`, drawn with a town's ring, not
as an exact spot), and the reviewer moves the point.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace

from pyproj import Geod

from mapview.data.article import Article
from mapview.data.dates import MONTHS, WEEKDAYS
from mapview.data.names import fold
from mapview.ingest.airports import Airport, find_airport, town_airport
from mapview.ingest.gazetteer import Candidate, Gazetteer
from mapview.ingest.mentions import _SPEECH, STOP, TITLES, Mention, _km

# What a site is called after its name; capitalised or not ("Hayat Hotel", "the Aguaruto
# prison"). Longest first, so "International Airport" wins over "Airport".
_NOUNS = sorted(
    [
        "prison", "penitentiary", "jail", "university", "college", "mosque", "church",
        "cathedral", "monastery", "cemetery", "tunnel", "hotel", "school", "lodge",
        "shopping mall", "mall", "market", "airport", "international airport", "air base",
        "airbase", "naval base", "military base", "dam", "hospital", "stadium",
        "refinery", "power plant", "power station", "nuclear power plant", "camp",
        "refugee camp", "barracks", "palace", "compound", "border crossing", "crossing",
        "volcano", "beach", "hydropower station", "hydroelectric dam", "hydropower plant",
        "fuel plant", "gas plant", "oil terminal", "railway station", "train station",
        "police station", "checkpoint", "outpost", "embassy", "consulate", "air force base",
        "naval station", "naval air station", "army base", "airfield", "bridge", "temple",
        "pagoda", "shrine", "nightclub", "night club", "discotheque", "theatre", "theater",
        "museum", "supermarket", "factory", "warehouse", "restaurant", "tribunal", "court",
        "court of appeal", "court of appeals", "courthouse", "campsite", "farm", "mine",
        "depot", "fuel depot", "oil depot", "arena", "concert hall", "town hall", "city hall",
        "substation", "reservoir", "port", "harbour", "harbor", "square", "plaza", "synagogue",
        "wall", "floodwall", "seawall", "levee", "dyke", "dike",
        "junction", "crossroads", "roundabout", "interchange", "toll gate", "toll plaza",
        "tower", "tower block",
        "chapel", "memorial", "monument", "stadium", "metro station", "bus station",
        "bus stand", "resort", "ski resort", "forest", "national park", "clinic", "clinics",
        "station", "central station", "department store", "shopping centre", "shopping center",
        "oil refinery", "gas field", "oil field", "oilfield", "gas facility",
        "enrichment plant", "enrichment facility", "nuclear facility", "nuclear site",
        "terminal", "marine terminal", "container terminal", "ferry terminal", "bus terminal",
        "grain terminal", "oil terminal",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
# A capital letter, accented ones too: "Žirnių Street", "İstiklal Avenue", "Ōsaka Castle"
_UP = "[" + "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper()) + "]"
_WORD = rf"(?:{_UP}[\w'’.-]*|al-{_UP}[\w'’-]*|el-{_UP}[\w'’-]*|de|del|of|al|el|bin|ibn|bint)"
# the street's noun after its name, in English and in the languages that write it so
# ("Priedaines iela", "Ulica Marszałkowska" is the other order, below)
_STREET_NOUNS = [
    "street", "road", "avenue", "boulevard", "drive", "lane", "promenade", "esplanade", "iela",
    "ulica", "ulitsa", "utca", "gatan",
    "tänav", "gatvė", "straße", "strasse",
]  # fmt: skip
# Streets, squares and sites named noun first: "Rue de la Loi", "Place de la Bourse",
# "Calle Mayor", "Piazza del Duomo", "Hospital de São José", "Estación de Atocha". The
# words after the noun are the site's, never a town's.
_PARTICLE = r"(?:de\s+la|de\s+l[’']|de|du|des|del|della|delle|dei|di|da|do|dos|das)"
_LEADING_NOUNS = (
    "Rue|Avenue|Boulevard|Calle|Avenida|Plaza|Paseo|Viale|Piazza|Corso|Rua|Praça|Largo|Carrer|"
    "Plaça|Ulica|Ulitsa|Prospekt|Hôpital|Ospedale|Estación|Estação|Gare|Puente|Ponte|Pont|"
    "Iglesia|Igreja|Église|Chiesa|Catedral|Cathédrale|Museo|Musée|Museu|Palacio|Palácio|"
    "Palais|Palazzo|Castillo|Castelo|Château|Castello|Mercado|Mercato|Marché|Teatro|Théâtre|"
    "Universidad|Universidade|Université|Università|Aeropuerto|Aeroporto|Aéroport|Cárcel|"
    "Prisión|Cementerio|Cimetière|Cimitero|Estadio|Estádio|Stade|Stadio|Parque|Parc|Parco|"
    "Praia|Playa|Plage|Camp"
)
# a site named for a day: "the 28 September stadium", "Estádio 11 de Novembro"
# (not the "20" of a live blog's "16.20 Stockholm Central Station …")
_DAY_NAMED = rf"(?<![\d.:,])\d{{1,2}}(?:(?:st|nd|rd|th)\s+of|\s+de|(?:st|nd|rd|th)?)\s+(?={_UP})"
_LEADING_STREET = (
    rf"(?:(?-i:{_LEADING_NOUNS})\s+(?:{_PARTICLE}\s*|{_DAY_NAMED})?"
    # "Place Flagey", "Hospital officials": too like English without their "de"
    rf"|(?-i:Place|Via|Hospital)\s+{_PARTICLE}\s*)"
    rf"{_UP}[\w'’-]+(?:\s+(?:{_PARTICLE}\s*)?{_UP}[\w'’-]+){{0,2}}"
)
# Streets and squares written as one word, in the languages that do: German, Dutch,
# the Nordic languages, Finnish, Hungarian
_COMPOUND_STREET = (
    r"(?:gasse|straße|strasse|platz|allee|gracht|plein|straat|laan|torget|gatan|vägen|"
    r"gade|katu|tori|utca|tér)"
)
_NOUN = r"(?i:" + "|".join(n.replace(" ", r"\s+") for n in [*_NOUNS, *_STREET_NOUNS]) + r")"
_PLAIN_NOUN = r"(?i:" + "|".join(n.replace(" ", r"\s+") for n in _NOUNS) + r")"
_PLAIN_GENERIC = (
    "(?:regional|provincial|central|district|municipal|general|national|referral|teaching|"
    "main|military|state|county|city)"
)
_SITE = re.compile(
    # a name starts with a capital (or al-/el-), never with "of": "of Badush prison" was
    # taken whole; the lookahead also spares the engine every other position
    rf"(?={_UP}|al-|el-|{_DAY_NAMED})(?:"
    # "the Saheb al-Zaman mosque", "Hamid Karzai International Airport"
    # "the Gitega regional hospital", "Mpimba central prison": a plain word between
    # ("Ain al-Asad air base": the last word may be one with its article)
    rf"(?P<a>(?:{_DAY_NAMED})?(?:{_WORD}\s+){{0,4}}?(?:[ae]l-)?{_UP}[\w'’.-]*\s+"
    rf"(?:{_PLAIN_GENERIC}\s+)?"
    rf"{_PLAIN_NOUN}"
    rf"(?:\s+{_NOUN})?)\b"
    # "At Camp Mystic": "Camp" opens the camp's name (below), it ends no name "At Camp"
    rf"(?!(?<=[Cc]amp)\s+{_UP})"
    # "the Shia shrine town", "the Red Sea port city": the noun says what the town is
    rf"(?!\s+(?i:town|city|village)\b)"
    # "St Luke's Road", but not "Temple Street" of "Temple Street Children's Hospital"
    rf"|(?P<c>(?:{_WORD}\s+){{0,3}}?{_UP}[\w'’.-]*\s+(?i:{'|'.join(_STREET_NOUNS)})\b"
    rf"(?!\s+(?:{_UP}|(?i:hospital|school|university|station|bridge|market|mosque|church)\b)))"
    # "Rue de la Loi", "Piazza del Duomo"
    rf"|(?P<d>{_LEADING_STREET})\b"
    # "Seitenstettengasse", "Schwedenplatz": streets and squares written as one word
    # (not "the 444 Brigade", whose end only looks like a Danish "gade")
    rf"|(?P<e>(?!(?i:brigade|renegade)\b){_UP}[\w'’-]*{_COMPOUND_STREET})\b"
    # "the University of Guayaquil"
    rf"|(?P<b>(?-i:University|Port|Bank)\s+of\s+{_UP}[\w'’-]+(?:\s+{_UP}[\w'’-]+)?)"
    # "School No. 175", "Hospital No. 3": named by number, as schools and hospitals are
    # across the former Soviet Union
    rf"|(?P<f>(?-i:School|Hospital|Lyceum|Gymnasium|Kindergarten|Polyclinic)\s+"
    rf"(?:No\.|Number|№)\s*\d+))"
)
# A place the text says is a village or hamlet that no gazetteer lists: "the village of
# Kravica", "Mundakkai village". It is drafted under its own name, drawn at the place the
# text puts it near and marked so, rather than lost or filed under the town beside it.
# Hyphens join a word's parts and spaces join words, each one way only (a word that could
# also be split at its hyphens made a run of "Ab-Ab-Ab…" cost the regex engine 2^n tries),
# and a name has at most six words of five parts: a long run of capitals costs linear time.
_HYPHENED = r"[\w'’]*(?:-[\w'’]+){0,4}"
# an Arabic article joined to the next word is part of the name: "Wad al-Nourah"
_ARTICLED = rf"(?:a[dlnrstz]|e[dlnrstz]|ash|esh|ul)-{_UP}[\w'’]*"
_NAME = (
    rf"(?:{_UP}(?=[\w'’-]){_HYPHENED}|{_ARTICLED})"
    rf"(?: (?:{_UP}(?=[\w'’-]){_HYPHENED}|{_ARTICLED}|d[aeo]|al|el)){{0,5}}"
)
# "Sheremetyevo and Vnukovo airports", "the Kharkiv, Dnipro and Zaporizhzhia airports"
_AIRPORTS_OF = re.compile(
    rf"(?<![\w'’-])(?P<names>{_NAME}(?:,\s+{_NAME}){{0,6}},?\s+and\s+{_NAME})\s+airports\b"
)
_LIST_SPLIT = re.compile(r",?\s+and\s+|,\s+")
# where a name stands in the text ("villagers in Tudun Biri"), not who ("said Mary Atim")
_LOCATIVE = "|".join(
    [
        *(
            rf"(?<=\b{w}\s)"
            for w in ("in", "at", "near", "from", "to", "into", "outside", "around")
        ),
        r"(?<=[.!?]\s)",  # or opening its sentence: "Pazigyi, in Kanbalu township, had organised"
        r"^",
    ]
)
_UNLISTED = re.compile(
    rf"(?=(?:[a-z]|{_UP}))"
    rf"(?:\b(?P<noun>(?i:village|hamlet|settlement|neighbou?rhood|suburb|township|locality|town|"
    rf"kibbutz|moshav))"
    rf"\s+of\s+(?P<name>{_NAME})"
    # "Tole kebele": Ethiopia's smallest unit, a village or a ward
    # (not "the Andean hamlet of Puña", whose name comes after "of")
    rf"|(?<![\w'’-])(?P<name2>{_NAME})\s+(?P<noun2>village|hamlet|settlement|kebele)\b"
    rf"(?!\s+of\s+{_UP})"
    rf"|\b(?P<noun6>[Kk]ibbutz|[Mm]oshav)\s+(?P<name6>{_NAME})"  # "Kibbutz Kfar Aza"
    # "Tawila, a market town 60 km west of El Fasher", "Zamzam, which lies 15 km south of
    # El Fasher": the text says what the name is and where; the noun ends its phrase
    rf"|(?<![\w'’-])(?P<name3>{_NAME}),\s+(?:an?|the)\s+(?:[\w’-]+\s+){{0,4}}?"
    rf"(?P<noun3>village|hamlet|settlement|kibbutz|moshav|town|camp|community|neighbou?rhood|suburb|"
    rf"township|locality|oasis)(?=[,.;:]|\s+(?:in|on|near|of|outside|just|about|some|"
    rf"roughly|around|close|at|beside|by|north|south|east|west|\d))"
    rf"|(?<![\w'’-])(?P<name4>{_NAME})(?:,\s+which)?\s+(?P<noun4>lies|sits|stands)\s+"
    rf"(?=in|on|near|outside|just|about|some|roughly|around|close|at|beside|by|north|south|"
    rf"east|west|\d)"
    # "Tudun Biri, in the Igabi local government area", "Padan, in Ngape township": a name
    # in a district the gazetteer knows by its seat, the town of the district's name
    rf"|(?:{_LOCATIVE})(?P<name5>{_NAME}),?\s+in\s+(?:the\s+)?(?P<area>{_NAME})\s+"
    rf"(?P<noun5>local\s+government\s+area|district|township|county|municipality|commune|"
    rf"sub-district|LGA|woreda)\b"
    # "the Mezzeh district of Damascus", "the Wadi Kabir district of Muscat": a part of the
    # city named after it, drawn at that city
    rf"|\b[Tt]he\s+(?P<name7>{_NAME})\s+(?P<noun7>district|neighbou?rhood|suburb|quarter)\s+"
    rf"of\s+(?P<city7>{_NAME})"
    # "Børsen, Copenhagen's Old Stock Exchange", "Okhmatdyt, Kyiv's largest children's
    # hospital": a building the text names and puts in the city before its noun
    rf"|(?<![\w'’-])(?P<name9>{_NAME}),\s+(?P<city9>{_NAME})['’]s\s+(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?P<noun9>(?i:hospital|stock\s+exchange|exchange|palace|museum|cathedral|church|mosque|"
    rf"synagogue|temple|shrine|monastery|market|bazaar|stadium|bridge|prison|jail|theat(?:re|er)|"
    rf"library|tower|station|university|hotel|fortress|castle|barracks))\b"
    # "Ngarbuh is a small farming settlement in …, about 20 kilometres north of Kumbo": said
    # of it in a sentence of its own
    rf"|(?:(?<=[.!?]\s)|^)(?P<name8>{_NAME})\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w’-]+\s+){{0,4}}?"
    rf"(?P<noun8>village|hamlet|settlement|town|camp|community|oasis)(?=[,.;:]|\s+(?:in|on|near|"
    rf"outside|just|about|some|roughly|around|close|at|beside|by|north|south|east|west|\d)))"
)
_UNLISTED_GROUPS = tuple(f"name{n}" for n in ("", *range(2, 10)))
# "… 15 kilometres south of": how far and which way from the place named next
_OFFSET = re.compile(
    r"(?:about|some|roughly|around|nearly|almost|just|over|under|more\s+than|less\s+than)?\s*"
    r"(?P<n>\d+(?:\.\d+)?)\s*-?\s*(?P<unit>km|kilomet(?:re|er)s?|miles?)\s+"
    r"(?:to\s+the\s+)?(?P<dir>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:(?:city|town|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
# a distance with no way to go ("about 60 kilometres from El Fasher"): no point to draw
_DISTANCE_ONLY = re.compile(
    r"\d+\s*-?\s*(?:km|kilomet(?:re|er)s?|miles?)\s+(?:[a-z-]+\s+)?(?:from|of)\s+"
    r"(?:the\s+)?(?:(?:city|town|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
_SMALL = frozenset(
    ["village", "hamlet", "settlement", "kebele", "kibbutz", "moshav"]
)  # too small for a namesake to matter
# compass bearings of the directions a text gives, written as one word
_BEARINGS = {
    "north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
    "southwest": 225, "west": 270, "northwest": 315,
}  # fmt: skip
_GEOD = Geod(ellps="WGS84")
_NOUN_END = re.compile(rf"(?:^|\s+){_NOUN}(?:\s+{_NOUN})?$")
_FULL_STOP = re.compile(r"(?<=\w{4})\.\s+")
_LOCATOR = re.compile(r",?\s+(?:in|at|near|outside|of)\s+(?:the\s+)?(?:city\s+of\s+)?")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
# Words that are no town but do name squares, bridges and stadiums: "Independence
# Square", "Liberty Bridge", "Unity Stadium", "Peace Palace"
_NAMING_WORDS = frozenset(
    ["independence", "freedom", "friendship", "liberty", "justice", "peace", "unity", "victory",
     "union", "progress", "hope"]
)  # fmt: skip
# prepositions that open a sentence: "Along Harbour Drive, the waterfront was strewn ..."
_PREPOSITIONS = frozenset(
    ["along", "through", "beyond", "behind", "beside", "towards", "toward", "into", "onto",
     "past", "between", "among", "amid", "against", "via", "throughout", "within"]
)  # fmt: skip
# "the home village of <a person>" names whose village it is; "his home village of
# Tamysh" names the village
_WHOSE_HOME = re.compile(r"\b[Tt]he\s+(?:\w+\s+)?(?:home|native|ancestral)\s+$")
_ADJECTIVE_ENDS = ("ean", "ian", "ese", "ish")
_MONTHS_AND_DAYS = frozenset([*MONTHS, *WEEKDAYS])  # "Tuesday in Kisoro district"
_LOOSE = (
    (STOP - _NAMING_WORDS)
    | TITLES
    | _PREPOSITIONS
    | {"the", "a", "an", "its", "their", "main", "new"}
)
# Titles that are part of the name of what is named after someone: "the Imam Ali mosque",
# "King Fahd Causeway", "Prince Sultan Air Base", "Sheikh Zayed Mosque"
_NAMING_TITLES = frozenset(
    ["imam", "king", "queen", "prince", "princess", "sheikh", "emir", "sultan"]
)


# a number word before a capitalised word in the singular opens a name, not a count
# ("Seven Mile Beach", "One World Trade Center"; "Five Kabul hotels" counts hotels)
_COUNTED_NAME = re.compile(
    r"(?:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|Twelve)\s+[A-Z][\w'’-]*[^\Ws]\b"
    r"(?!\s+[a-z]+s\b)"
)


def find_sites(
    article: Article,
    gazetteer: Gazetteer,
    mentions: list[Mention],
    countries: set[str],
) -> list[Mention]:
    """Site mentions, each drawn at the place the text puts it in; the place mentions a
    site's own name holds ("Baghdad" in "Baghdad airport") give way to the site.
    `countries` are those the report names (`read_places`): where an airport may be."""
    by_para: dict[str, list[Mention]] = {}
    for m in mentions:
        by_para.setdefault(m.paragraph, []).append(m)
    sites: list[Mention] = []
    anchors: dict[int, Mention] = {}  # id of a site drawn at a town -> that town's mention
    # id of such a site -> how surely the text puts it there (_NAMED_IN ... _FALLEN_BACK)
    sureness: dict[int, int] = {}
    villages: dict[tuple[object, ...], Candidate] = {}  # far namesakes read as the village
    inside: set[int] = set()
    main, capital = _report_towns(mentions, gazetteer)
    earlier: Mention | None = None  # the last town the report named before this paragraph
    for para in article.body:
        text = para.text
        here = by_para.get(para.id, [])
        starts = [m.start for m in here]  # sorted: a report on one line stays linear
        first_here = len(sites)  # this paragraph's sites are sites[first_here:]
        for match in _SITE.finditer(text):
            start, end = match.span()
            name = match[0]
            # "…, which some maps spell Maalbeek. The station"; not "Philip S. W. Goldson"
            # or "St. Luke's Hospital", whose full stops end initials and abbreviations
            if stop := [*_FULL_STOP.finditer(name)]:
                start += stop[-1].end()
                name = name[stop[-1].end() :]
            words = name.split()
            # a leading "The"/"A" or title is not part of the name
            while words and fold(words[0]) in _LOOSE and fold(words[0]) not in _NAMING_TITLES:
                if _COUNTED_NAME.match(name, len(name) - len(" ".join(words))):
                    break  # "Seven Mile Beach": no count of beaches, a name
                if _proper_generic(words):
                    break  # "the city's Central Police Station": its name, capitalised
                start += len(words[0]) + 1
                words = words[1:]
            # "Rue de la Loi", "Schwedenplatz": the noun comes first, or is the name's end
            leading = match["d"] is not None or match["e"] is not None or match["f"] is not None
            # the name before its nouns
            head = words if leading else _NOUN_END.sub("", " ".join(words)).split()
            if (
                not head
                and len(words) == 2
                and words[0][0].isupper()
                and not _named_before(text, start)
            ):
                # "Harbour Drive", "University Square": a noun names the street or square
                # (not in "Motol University Hospital", whose name is the town's)
                head = words[:1]
            # the name's own words: not "regional" in "the Gitega regional hospital"
            named = [w for w in head if not (w.islower() and fold(w) in _GENERIC_HEAD)]
            if not named or (
                not _proper_generic(words)
                and all(fold(w) in _LOOSE or gazetteer.demonyms.get(fold(w)) for w in named)
            ):
                continue  # "the Russian base", "a new school", "a Russian regional hospital"
            near = here[bisect_left(starts, start - _LONGEST) : bisect_left(starts, end)]
            owner = [m for m in near if start <= m.start and m.end <= end]
            if any(m not in owner and m.start < end and start < m.end for m in near):
                continue  # part of a longer place name the gazetteer knows
            # a noun-first name is read as a street's: no town in it, and it may speak
            noun = (
                words[0].lower()
                if match["f"]
                else "street"
                if leading
                else " ".join(words[len(head) :]).lower()
            )
            if (
                noun in _SPEAKING
                and _SPEECH.match(text[end : end + 80])
                and not _OWN_PATIENTS.match(text, end)
                and not (noun in _COURTS and _RULING.match(text, end))
            ):
                # "Downing Street said": a government speaking, not a site; but "Kenyatta
                # National Hospital said it received dozens of wounded" is where they were
                continue
            if _GROUP_AFTER.match(text, end):
                continue  # "the Nile Crossing Relief Committee": a group named for a site
            if (
                not owner
                and noun in _NAMED_FOR_TOWN
                and (town := _town_in_name(gazetteer, para.id, start, head, countries))
                # "the Getúlio Vargas state hospital" in Rio is named for a president, not
                # for the town of that name 700 km away; but "in Germany, where a Frankfurt
                # court" says which country the court is in
                and (
                    main is None
                    or _km(town.candidate, main.candidate) <= TOWN_NAMED_KM
                    or _country_named(gazetteer, text[max(0, start - 60) : start], town, main)
                )
            ):
                owner = [town]  # "the Bucharest Tribunal": a court's name is no place mention
            placed_at: Mention | None = None
            if (
                owner
                and (
                    placed := _placed_elsewhere(
                        text,
                        here[(next_at := bisect_left(starts, end)) : next_at + PLACED_MENTIONS],
                        owner[0],
                        end,
                    )
                )
                is not None
            ):
                # "the Ratangarh temple in Madhya Pradesh's Datia district": not at the
                # Ratangarh in Rajasthan; the temple is at the town the text puts it by
                inside.update(id(m) for m in owner)
                owner = []
                placed_at = placed[0]
            if owner and noun in _STREETS and not leading:
                if not _named_for_a_town(words, owner):
                    continue  # "the Kumba-Mamfe road", "Daule road": the towns say more
                # "Serangoon Road" in Singapore, "Mombasa Road" in Nairobi: a city street
                # named for a town is not in that town; it is where the text puts it
                inside.update(id(m) for m in owner)
                owner = []
            if leading:  # "Loi" in "Rue de la Loi" is no town: the street is where the text says
                inside.update(id(m) for m in owner)
                owner = []
            if (
                owner
                and main is not None
                and _km(owner[0].candidate, main.candidate)
                > (FAR_ALIAS_OWNER_KM if _small_alias(owner[0].candidate) else FAR_OWNER_KM)
                and not _country_named(gazetteer, text[max(0, start - 60) : start], owner[0], main)
            ):
                # "the El Cajón dam" in a Honduran report is not in El Cajon, California:
                # the name is the site's, and the site is where the text puts it
                inside.update(id(m) for m in owner)
                owner = []
            anchor = (
                owner[0]
                if owner
                else placed_at or _anchor(text, here, starts, start, end, main, capital, inside)
            )
            # named in no town's sentence and after none in its paragraph: in the report's
            # own town (the one it names most), not the town an earlier paragraph named last
            # ("flights were diverted to Misrata" / "Shops around Martyrs' Square reopened")
            # a report whose first paragraphs name only sites ("the city's Central Police
            # Station", then "the gate of the Central Police Station"): where the text put
            # the first of them, though no town came before
            if anchor is None and earlier is None and main is not None:
                anchor = next((a for a in anchors.values() if a is main), None)
            if anchor is None and earlier is not None:
                anchor = main or earlier
            region = None
            if anchor is not None and anchor.candidate.kind in ("region", "feature", "site"):
                region = anchor if anchor.candidate.kind == "region" else None
                anchor = None
            site_name = " ".join(words)
            port = None
            if _AERODROME.search(site_name):
                port = _airport(gazetteer, text, start, end, site_name, owner, anchor, region)
                port = port or find_airport(gazetteer, site_name, None, countries)
                if port is None and (at := _AERODROME_AT.match(text, end)) is not None:
                    # "the Eugene F. Correia International Airport at Ogle": listed under
                    # an older name, it is found by the place it is at
                    port = find_airport(gazetteer, f"{at['town']} airport", None, countries)
                town = (
                    owner[0]
                    if owner and words and fold(words[0]) == fold(owner[0].text)
                    # "Hamid Karzai International Airport" in Kabul, listed as Kabul's
                    else anchor
                    if anchor is not None and "international airport" in fold(site_name)
                    else None
                )
                if port is None and town is not None and town.candidate.kind == "city":
                    port = town_airport(site_name, (town.candidate.lat, town.candidate.lon))
            if anchor is None and port is None:
                continue
            inside.update(id(m) for m in owner)
            sure = _NAMED_IN if owner else _FALLEN_BACK
            if anchor is not None and not owner and _LOCATOR.fullmatch(text[end : anchor.start]):
                inside.add(id(anchor))  # "the Sahafi Hotel in Mogadishu": the hotel's town
                sure = _NAMED_IN
            elif (
                anchor is not None
                and not owner
                and anchor.paragraph == para.id
                and _one_sentence(text, anchor, start, end)
                # "in Märsta, about 40km from Drottninggatan": far from the town named
                and not _MEASURED_FROM.search(text, max(0, start - 40), start)
            ):
                sure = _SAME_SENTENCE
            if port is not None:
                sites.append(_aerodrome(para.id, start, end, site_name, port))
                continue
            listed = [c for c in gazetteer.lookup(fold(site_name)) if c.kind == "feature"]
            if listed and (anchor is None or _km(listed[0], anchor.candidate) <= LISTED_SITE_KM):
                # "the Kakhovka dam", written small: the dam the shipped list has, not a
                # point at the town of Kakhovka
                inside.update(id(m) for m in owner)
                why = f"{listed[0].name}, a listed {listed[0].feature or 'feature'}"
                sites.append(Mention(para.id, start, end, site_name, listed[0], 0.9, why))
                continue
            assert anchor is not None
            where = anchor.candidate
            cand = drawn_at(where, site_name)
            reason = (
                f"a named site no gazetteer has, drawn at {where.name} "
                f"({'named in it' if owner else 'the place the text puts it in or near'})"
            )
            site = Mention(
                para.id, start, end, site_name, cand, round(anchor.score * 0.7, 2), reason
            )
            anchors[id(site)] = anchor
            sureness[id(site)] = sure
            sites.append(site)
        for match in _AIRPORTS_OF.finditer(text):
            # "at Sheremetyevo and Vnukovo airports": each name is an airport's, and the
            # town of Vnukovo gives way to it
            for listed in _LIST_SPLIT.split(match["names"]):
                end = match.start("names") + match["names"].index(listed) + len(listed)
                words = listed.split()
                # "At Sheremetyevo", "Moscow's Vnukovo": the name is the words after these
                while len(words) > 1 and (
                    fold(words[0]) in _LOOSE or words[0].endswith(("'s", "’s"))
                ):
                    words = words[1:]
                name = " ".join(words)
                start = end - len(name)
                port = find_airport(gazetteer, f"{name} airport", None, countries)
                if port is None or any(x.start < end and start < x.end for x in sites[first_here:]):
                    continue
                near = here[bisect_left(starts, start - _LONGEST) : bisect_left(starts, end)]
                inside.update(id(m) for m in near if m.start < end and start < m.end)
                sites.append(_aerodrome(para.id, start, end, f"{name} airport", port))
        for match in _UNLISTED.finditer(text):
            group = next(g for g in _UNLISTED_GROUPS if match[g])
            start, end = match.span(group)
            name = match[group]
            noun = (
                match["noun"]
                or match["noun2"]
                or match["noun3"]
                or match["noun6"]
                or match["noun7"]
                or match["noun8"]
                or match["noun9"]
                or "place"
            )
            if fold(name.split()[0]) in _LOOSE or name.split()[-1].endswith(("'s", "’s")):
                continue
            if group == "name" and _WHOSE_HOME.search(text, max(0, start - 40), match.start()):
                continue  # "the home village of Tuilaepa Sailele Malielegaoi": his village
            if _demonym(fold(name), gazetteer):
                continue  # "a Tajik village": whose village, not its name
            near = here[bisect_left(starts, start - _LONGEST) : bisect_left(starts, end)]
            known = [m for m in near if m.start < end and start < m.end]
            if any(s.start < end and start < s.end for s in sites[first_here:]):
                continue  # inside a site's name
            # (by identity: comparing mentions field by field made a report on one line
            # spend seconds here)
            known_ids = {id(m) for m in known}
            rest = [m for m in here if id(m) not in known_ids]
            offset = None
            if group in ("name5", "name7", "name9"):
                # in the district of its seat, or a part of a city: drawn at the seat or the
                # city, a town (not a region)
                if group == "name7" and " " not in name and name.endswith(_ADJECTIVE_ENDS):
                    continue  # "the European quarter of Brussels": which quarter, not its name
                if fold(name.split()[0]) in _MONTHS_AND_DAYS:
                    continue
                seat = {"name5": "area", "name7": "city7", "name9": "city9"}[group]
                anchor = next((m for m in rest if m.start == match.start(seat)), None)
                if anchor is None or not fold(match[seat]).startswith(fold(anchor.text)):
                    continue
            elif group in ("name3", "name4", "name8"):
                # described: where is what the description names next, in its sentence
                anchor = _described_at(text, rest, match.end())
                of_capital = _OF_THE_CAPITAL.match(text, match.end())
                if of_capital and capital is not None:
                    # "Sayyida Zeinab, the shrine town south of the capital"
                    anchor = capital
                    between = text[match.end() : of_capital.end()] + " "
                    offset = _OFFSET.search(between)
                elif anchor is not None:
                    between = text[match.end() : anchor.start]
                    offset = _OFFSET.search(between)
                    if offset is None and _DISTANCE_ONLY.search(between):
                        continue  # "60 km from El Fasher": which way is not said
            else:
                anchor = _anchor(
                    text, rest, [m.start for m in rest], start, end, main, capital, inside
                )
                if anchor is not None and anchor.candidate.kind == "region":
                    # "Within Kaduna State, … residents of Buda village": the town named
                    # before, if it lies in that region, is nearer than the region's middle
                    town = _at_home(earlier, main)
                    region = anchor.candidate
                    inside_region = town is not None and (
                        (town.candidate.country, town.candidate.admin1)
                        == (region.country, region.admin1)
                    )
                    anchor = town if inside_region else anchor
                anchor = anchor or _at_home(earlier, main)
            if anchor is not None and fold(anchor.text) == fold(name):
                # the report's main place may be this very name, read as a far namesake
                # (GeoNames gives Pazigyi as another name of Myaydo, 400 km away)
                anchor = None
            if anchor is None or anchor.candidate.kind in ("region", "feature", "site"):
                continue
            if known and (
                noun.lower() not in _SMALL
                or not all(
                    m.candidate.kind == "city"
                    and _km(m.candidate, anchor.candidate) > UNLISTED_FAR_KM
                    for m in known
                )
            ):
                # the gazetteer knows it, or a site holds it; a far namesake is not the
                # village, but a town ("the border town of Kasane") is as the gazetteer has it
                continue
            where = anchor.candidate
            # a building ("Børsen, Copenhagen's Old Stock Exchange") is a site, not a village
            cand = drawn_at(where, name, "site" if group == "name9" else "unlisted")
            at = f"{where.name}, the place the text puts it near"
            if offset is not None:
                cand, at = _moved(cand, where, offset)
            for m in known:  # "the village of Mari" in Cyprus is not Māri‘ in Syria
                inside.add(id(m))
                villages[_ident(m)] = cand
            called = f"calls it a {noun.lower()}" if noun != "place" else "says where it lies"
            reason = f"the text {called}; no gazetteer has it, so it is drawn at {at}"
            sites.append(
                Mention(para.id, start, end, name, cand, round(anchor.score * 0.5, 2), reason)
            )
        towns = [m for m in here if m.candidate.kind not in ("region", "feature")]
        earlier = towns[-1] if towns else earlier
    sites = _agree(article, sites, anchors, sureness)
    sites += _named_again(article, [*mentions, *sites], sites)
    kept = [m for m in mentions if id(m) not in inside]
    # "… moved to Mari": the village's other mentions are the village too
    kept = [
        replace(m, candidate=villages[_ident(m)], reason=_VILLAGE_REASON)
        if _ident(m) in villages
        else m
        for m in kept
    ]
    # and a site drawn at the far namesake ("the naval base beside the village of Mari")
    # is drawn where the village is
    sites = _follow(sites, anchors, villages, "where the village of {} is")
    texts = {p.id: p.text for p in article.body}
    kept = _inside_towns(kept, texts)
    if main is not None:
        parts = [_part_of(m, main, texts[m.paragraph]) for m in kept]
        # once the text calls it a part of the city, "the hospital in Penha" is there too
        called = {_ident(m): p.candidate for m, p in zip(kept, parts, strict=True) if p != m}
        kept = [
            replace(p, candidate=called[_ident(m)], reason=_PART_REASON)
            if p == m and _ident(m) in called
            else p
            for m, p in zip(kept, parts, strict=True)
        ]
        # "the Praça São Lucas, in Penha": a site drawn at a name now read as part of the
        # city is drawn there too, not at the far namesake
        sites = _follow(sites, anchors, called, "at {}, part of the city the report is about")
    order = {p.id: i for i, p in enumerate(article.body)}
    return sorted([*kept, *sites], key=lambda m: (order[m.paragraph], m.start))


def _described_at(text: str, places: list[Mention], end: int) -> Mention | None:
    """The first town named after a description's start, in the same sentence: "Tawila, a
    market town west of El Fasher" is near El Fasher, not near the place before it."""
    stop = _SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    return next((m for m in places if end <= m.start < limit), None)


def _moved(cand: Candidate, where: Candidate, offset: re.Match[str]) -> tuple[Candidate, str]:
    """The village drawn as far and as the text says from its town ("15 kilometres south
    of El Fasher"), along the WGS84 ellipsoid (pyproj's geodesic)."""
    n = float(offset["n"])
    km = n * 1.609 if offset["unit"].lower().startswith("mile") else n
    way = re.sub(r"[- ]", "", offset["dir"].lower())  # "south-west", "southwest"
    lon, lat, _ = _GEOD.fwd(where.lon, where.lat, _BEARINGS[way], km * 1000)
    where_text = f"{n:g} {offset['unit']} {offset['dir'].lower()} of {where.name}"
    moved = replace(
        cand,
        lat=round(lat, 4),
        lon=round(lon, 4),
        feature=f"unlisted|{where_text}",
    )
    return moved, f"{where_text}, as the text says"


def _named_for_a_town(words: list[str], owner: list[Mention]) -> bool:
    """A capitalised street named after one town alone ("Serangoon Road"); a road
    written in lower case or between two towns ("the Kumba-Mamfe road") is the road
    between those towns."""
    return len(owner) == 1 and words[-1][:1].isupper() and "-" not in " ".join(words)


# How surely the text puts a site at its town: in its name or "in Town" right after it;
# in the same sentence; or only by the town named last before it
_NAMED_IN, _SAME_SENTENCE, _FALLEN_BACK = 3, 2, 1
_MEASURED_FROM = re.compile(
    r"\b(?:km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?)\s+(?:[a-z-]+\s+)?(?:from|of)\s+(?:the\s+)?$"
)


PLACED_MENTIONS = 12  # mentions after a site looked at for the region and town it is in


def _placed_elsewhere(
    text: str, here: list[Mention], owner: Mention, end: int
) -> tuple[Mention | None] | None:
    """When the text puts a site, right after its name, in a region of the owner's country
    that the town in its name is not in: the town of that region the sentence names next,
    if any, to draw it at (a one-tuple, so that none found still says "elsewhere").
    `here` holds the paragraph's next few mentions from the site's end on."""
    after = [m for m in here if m.start >= end]
    if not after or not _LOCATOR.fullmatch(text[end : after[0].start]):
        return None
    region, town = after[0].candidate, owner.candidate
    if not (
        region.kind == "region"
        and region.country == town.country
        and region.admin1
        and region.admin1 != town.admin1
    ):
        return None
    stop = _SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    return (
        next(
            (
                m
                for m in after[1:]
                if m.start < limit
                and m.candidate.kind == "city"
                and m.candidate.admin1 == region.admin1
            ),
            None,
        ),
    )


def _small_alias(c: Candidate) -> bool:
    """A small town matched only by another spelling of its name."""
    return c.alternate and c.population < SMALL_ALIAS_TOWN


def _one_sentence(text: str, town: Mention, start: int, end: int) -> bool:
    lo, hi = (town.end, start) if town.end <= start else (end, town.start)
    return _SENTENCE_END.search(text, lo, hi) is None


def _agree(
    article: Article,
    sites: list[Mention],
    anchors: dict[int, Mention],
    sureness: dict[int, int],
) -> list[Mention]:
    """One site, one place: a site named again where the text no longer says where it is
    ("A truck was driven down Drottninggatan" after a paragraph that ended in Märsta) is
    drawn where the report puts it most surely ("Drottninggatan, central Stockholm's main
    street"); and a street named beside such a site ("the area around Drottninggatan and
    Mäster Samuelsgatan") is drawn with it. `anchors` follows the redrawn sites."""
    best: dict[str, tuple[int, Mention]] = {}
    votes: dict[str, Counter[tuple[object, ...]]] = {}
    for s in sites:
        if id(s) not in anchors:
            continue
        key, sure = fold(s.text), sureness[id(s)]
        if key not in best or sure > best[key][0]:
            best[key] = (sure, anchors[id(s)])
            votes[key] = Counter()
        if sure == best[key][0]:
            votes[key][_ident(anchors[id(s)])] += 1
    # the town the surest mentions put it at most often (the first of those on a tie)
    chosen: dict[str, tuple[int, Mention]] = {}
    for s in sites:
        key = fold(s.text)
        if id(s) in anchors and key in best and sureness[id(s)] == best[key][0]:
            top = max(votes[key].values())
            if key not in chosen and votes[key][_ident(anchors[id(s)])] == top:
                chosen[key] = (best[key][0], anchors[id(s)])
    texts = {p.id: p.text for p in article.body}
    located: dict[str, list[Mention]] = {}  # per paragraph, in order: sites the text locates
    for s in sites:
        if id(s) in anchors and chosen[fold(s.text)][0] > _FALLEN_BACK:
            located.setdefault(s.paragraph, []).append(s)
    starts = {para: [s.start for s in found] for para, found in located.items()}
    for s in sites:
        key = fold(s.text)
        if id(s) not in anchors or chosen[key][0] != _FALLEN_BACK or s.paragraph not in located:
            continue
        # a street that never says where it is, beside one that does (within a sentence's
        # reach of it: a report on one line stays linear)
        text, found, at = texts[s.paragraph], located[s.paragraph], starts[s.paragraph]
        near = found[bisect_left(at, s.start - _WINDOW) : bisect_left(at, s.end + _WINDOW)]
        beside = next(
            (
                chosen[fold(o.text)]
                for o in near
                if fold(o.text) != key and _one_sentence(text, o, s.start, s.end)
            ),
            None,
        )
        if beside is not None:
            chosen[key] = (_FALLEN_BACK, beside[1])
    out: list[Mention] = []
    for s in sites:
        if id(s) not in anchors:
            out.append(s)
            continue
        town = chosen[fold(s.text)][1]
        if _ident(town) == _ident(anchors[id(s)]):
            out.append(s)
            continue
        moved = replace(
            s,
            candidate=drawn_at(town.candidate, s.text),
            score=round(town.score * 0.7, 2),
            reason=(
                f"a named site no gazetteer has, drawn at {town.candidate.name} "
                "(where the report puts it elsewhere)"
            ),
        )
        anchors[id(moved)] = town
        out.append(moved)
    return out


def _follow(
    sites: list[Mention],
    anchors: dict[int, Mention],
    moved: dict[tuple[object, ...], Candidate],
    where: str,
) -> list[Mention]:
    """Sites drawn at a town mention that was read again afterwards (as a village, as a
    part of the city), drawn at its new reading; `where` says so, with the town's name."""
    return [
        replace(
            s,
            candidate=drawn_at(moved[_ident(a)], s.text),
            reason=f"a named site no gazetteer has, drawn {where.format(a.text)}",
        )
        if (a := anchors.get(id(s))) is not None and _ident(a) in moved
        else s
        for s in sites
    ]


_STREETS = frozenset(_STREET_NOUNS)
# Sites that speak for those inside them ("Downing Street said", "the Élysée Palace
# denied", "the embassy warned"); a dam or a bridge "which holds back" a river does not
_SPEAKING = _STREETS | {
    "palace", "embassy", "consulate", "court", "tribunal", "city hall", "town hall", "hospital",
    "university", "prison", "school", "compound",
}  # fmt: skip
# Sites whose names begin with the town they serve: "the Bucharest Tribunal", "Kharkiv
# Regional Hospital"; not "Victoria Palace", which is not in any town called Victoria.
_NAMED_FOR_TOWN = frozenset(
    [
        "court", "tribunal", "court of appeal", "court of appeals", "courthouse", "airport",
        "international airport", "hospital", "university", "city hall", "town hall", "port",
        "harbour", "harbor", "railway station", "train station", "bus station", "prison",
        "market", "church", "community church", "cathedral", "mosque", "central mosque",
        "college", "library",
    ]
)  # fmt: skip
# Words a site's name may put after its town's: "Kharkiv Regional Hospital".
_GENERIC_HEAD = frozenset(
    [
        "regional", "national", "central", "city", "district", "municipal", "state",
        "international", "main", "general", "old", "new", "grand", "royal", "provincial",
        "county", "federal", "supreme", "high", "military", "community", "memorial",
        "teaching", "referral", "baptist", "catholic", "methodist", "anglican",
        "presbyterian", "lutheran", "evangelical", "orthodox",
        # the kind of court: "the Ismailia Economic Court" sits in Ismailia
        "economic", "criminal", "civil", "administrative", "appeals", "appellate",
        "commercial", "family", "magistrates", "circuit", "juvenile", "constitutional",
        "special", "public",
    ]
)  # fmt: skip


def _proper_generic(words: list[str]) -> bool:
    """A name of capitalised words that opens with a generic one ("Central Police
    Station", "National Stadium"): the site's proper name, not "a central prison"."""
    return (
        len(words) >= 2 and fold(words[0]) in _GENERIC_HEAD and all(w[:1].isupper() for w in words)
    )


def _town_in_name(
    gazetteer: Gazetteer, paragraph: str, start: int, head: list[str], countries: set[str]
) -> Mention | None:
    """The town a site's name begins with when the mention finder read the whole name as
    an organisation's ("Bucharest Tribunal", "Kharkiv Regional Hospital"): a town of the
    report's countries (a city of 100,000 people or more when it names none; "the Aurora
    airport in Guatemala City" is not in Colorado)."""
    words = list(head)
    while len(words) > 1 and fold(words[-1]) in _GENERIC_HEAD:
        words.pop()
    if any(fold(w) in _GENERIC_HEAD for w in words):
        return None
    key = fold(" ".join(words))
    towns = [
        c
        for c in gazetteer.lookup(key)
        if c.kind == "city" and (c.country in countries or (not countries and c.population >= 1e5))
    ]
    if not towns:
        return None
    best = max(towns, key=lambda c: (c.country in countries, c.population))
    text = " ".join(words)
    reason = "the town a site's name begins with"
    return Mention(paragraph, start, start + len(text), text, best, 0.6, reason)


def _country_named(
    gazetteer: Gazetteer, before: str, town: Mention, main: Mention | None = None
) -> bool:
    """Whether the words before a site name the country of the town its name begins with,
    another than the report's own town's: the story has gone abroad ("in Germany, where a
    Frankfurt court"), not to a namesake at home."""
    if main is not None and main.candidate.country == town.candidate.country:
        return False
    words = fold(before).split()
    grams = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words))}
    return any(gazetteer.countries.get(g) == town.candidate.country for g in grams)


def _aerodrome(paragraph: str, start: int, end: int, name: str, port: Airport) -> Mention:
    """An airport or air base airportsdata lists, drawn where it is."""
    cand = Candidate(
        name, None, port.country, 0, port.lon, port.lat, "site", feature=f"exact|{port.source}"
    )
    return Mention(paragraph, start, end, name, cand, 0.75, f"an aerodrome {port.source}")


_AERODROME = re.compile(r"(?i:airport|air\s*base|airfield|air\s+force\s+base|air\s+station)$")
_AERODROME_AT = re.compile(rf",?\s+(?:at|in)\s+(?P<town>{_UP}[\w'’-]+(?:\s+{_UP}[\w'’-]+)?)")


def _airport(
    gazetteer: Gazetteer,
    text: str,
    start: int,
    end: int,
    name: str,
    owner: list[Mention],
    anchor: Mention | None,
    region: Mention | None,
) -> Airport | None:
    """The aerodrome near the town in its name or in its sentence ("Baghdad airport",
    "the airport outside Antananarivo"), or in the region its sentence names ("Dover Air
    Force Base in Delaware")."""
    said = region or anchor
    if said is None:
        return None
    lo, hi = min(said.end, start), max(said.start, end)
    if not owner and _SENTENCE_END.search(text, lo, hi):
        return None  # named sentences away: not where the report puts the aerodrome
    if region is not None:
        return find_airport(gazetteer, name, None, {region.candidate.country})
    assert anchor is not None
    return find_airport(gazetteer, name, (anchor.candidate.lat, anchor.candidate.lon), set())


# Words that make a name a part of a city: "the community of Penha", "Complexo da Penha",
# "Yongsan District, central Seoul".
_PART_BEFORE = re.compile(
    r"(?i:community|neighbou?rhood|district|suburb|favela|borough|ward|quarter|township|"
    r"complex|complexo|bairro|barrio|colonia)\s+(?:of\s+|d[aoe]s?\s+)?$"
)
_PART_AFTER = re.compile(
    r"(?:\s+(?i:district|neighbou?rhood|suburb|favela|borough|ward|quarter|community))?,\s+"
    r"(?:in\s+|an?\s+(?:[\w-]+\s+){0,3}?(?i:neighbou?rhood|district|suburb|favela|community|"
    r"area|quarter)\s+(?:of|in)\s+)?(?:(?i:central|north|south|east|west)(?:ern)?\s+)?"
    rf"(?P<city>{_UP}[\w'’-]+(?:\s+(?:de\s+)?{_UP}[\w'’-]+)*)"
)
_PART_OF_CITY = re.compile(
    r"\s+(?i:district|neighbou?rhood|suburb|borough|quarter|municipality|commune)\s+of\s+"
    rf"(?P<city>{_UP}[\w'’-]+(?:\s+(?:de\s+)?{_UP}[\w'’-]+)*)"
)
# the noun ends the description ("the district that …", not "the district capital")
_PART_APPOSED = re.compile(
    r",\s+the\s+(?:[\w-]+\s+){0,2}?(?i:neighbou?rhood|district|suburb|quarter|favela)"
    r"(?=\s*[,.;:]|\s+(?:that|which|where|whose|hit|hardest|worst|most|closest|nearest)\b)"
)
_TOWN_AFTER = re.compile(r"\s+(?:town|city)\b")
_LIST_GOES_ON = re.compile(
    rf",?\s+(?:and|or)\s+{_UP}|,\s+{_UP}[\w'’-]*(?:\s+{_UP}[\w'’-]*)?,?\s+(?:and|or)\s"
)
PART_NEAR_KM = 15  # a part the text puts in the city outright lies this near its centre
LISTED_SITE_KM = 100  # a listed dam or reservoir of the site's name this near its town is it
TOWN_NAMED_KM = 300  # a site named for a town this far from the report's is named otherwise
# "the Seagirt Marine Terminal" in Baltimore: not in Sea Girt, New Jersey, 230 km off, a
# village GeoNames also spells Seagirt ("Hodeidah port" is Al Hudaydah's, a city's other
# spelling, 150 km from the report's Sanaa)
FAR_ALIAS_OWNER_KM = 100
SMALL_ALIAS_TOWN = 10_000
FAR_OWNER_KM = 1000  # a town in a site's name this far from the report's town is not where it is
UNLISTED_FAR_KM = 100  # a namesake this far from where the text puts a village is not it
_VILLAGE_REASON = "the report calls a village of this name, near its other places, by it"
_PART_REASON = "the report calls a place of this name a part of the city it is about"
PART_FAR_KM = 100  # a namesake town this far from the report's city is not the part meant
PART_MAX_POPULATION = 100_000


def _part_of(mention: Mention, main: Mention, text: str) -> Mention:
    """A name the text calls a part of the report's city ("the Vila Cruzeiro community
    of Penha" in a report on Rio de Janeiro), which the gazetteer has only as a small town
    far away (Penha, Santa Catarina, 700 km south), is that part: drawn at the city and
    marked so, not at the namesake."""
    c, city = mention.candidate, main.candidate
    if c.kind != "city" or c == city:
        return mention
    apposed = _PART_APPOSED.match(text, mention.end)
    if c.population >= PART_MAX_POPULATION and apposed is None:
        return mention  # a city of its own, unless the text says it is a district
    said = _PART_OF_CITY.match(text, mention.end)
    if said is not None and fold(said["city"]) not in {fold(main.text), fold(city.name)}:
        said = None
    # "the Molenbeek district of Brussels": in Brussels, said outright; a namesake beyond
    # the city's edge is not it. Said less plainly, only a far namesake is ruled out.
    if _km(c, city) <= (PART_NEAR_KM if said else PART_FAR_KM):
        return mention
    after = _PART_AFTER.match(text, mention.end)
    if after is not None and fold(after["city"]) not in {fold(main.text), fold(city.name)}:
        after = None  # "Penha, Santa Catarina": the namesake, placed by its own state
    if after is not None and _LIST_GOES_ON.match(text, after.end()):
        after = None  # "the streets of Lalibela, Gondar and Bahir Dar": a list of towns
    if after is None:
        # "San Jose, the low-lying district that runs along the bay": a part of the city the
        # report is about, though the text does not name the city again
        after = apposed
    before = _PART_BEFORE.search(text, max(0, mention.start - 25), mention.start)
    if before is not None and _TOWN_AFTER.match(text, mention.end):
        before = None  # "the old quarter of Poonch town": a quarter in that town
    if said is None and after is None and before is None:
        return mention
    part = drawn_at(city, mention.text)
    reason = (
        f"the text calls it a part of {city.name}, which the report is about; the "
        f"gazetteer's {c.name} is a town {_km(c, city):,.0f} km away"
    )
    return replace(mention, candidate=part, score=round(main.score * 0.6, 2), reason=reason)


# "Notre-Dame in Paris", "Penha in Rio de Janeiro": what comes before lies inside the
# town after it
_IN_TOWN = re.compile(
    r",?\s+in\s+(?:the\s+)?(?:(?:central|northern|southern|eastern|western|downtown|old)\s+)?"
)
INSIDE_KM = 50  # a part of a town this far from it, in another region, is not that part


def _inside_towns(mentions: list[Mention], texts: dict[str, str]) -> list[Mention]:
    """A name the text puts inside a larger town ("Notre-Dame in Paris") whose namesake lies
    far from that town and outside its region (Notre-Dame-de-Bondeville, in Normandy) is a
    part of the town the gazetteer does not list: drawn at the town and marked so. A
    namesake larger than the town is kept: the town is the likelier misreading ("Riobamba,
    in the central Andes" is no part of the small Colombian town of Andes)."""
    out = []
    for i, m in enumerate(mentions):
        town = mentions[i + 1] if i + 1 < len(mentions) else None
        c = m.candidate
        if (
            town is not None
            and town.paragraph == m.paragraph
            and c.kind == "city"
            and town.candidate.kind == "city"
            and c.population < town.candidate.population
            and (c.country, c.admin1) != (town.candidate.country, town.candidate.admin1)
            and _IN_TOWN.fullmatch(texts[m.paragraph], m.end, town.start) is not None
            and _km(c, town.candidate) > INSIDE_KM
        ):
            reason = (
                f"the text puts it in {town.candidate.name}; the gazetteer's {c.name} is a "
                f"town {_km(c, town.candidate):,.0f} km away, in another region"
            )
            m = replace(m, candidate=drawn_at(town.candidate, m.text), reason=reason)
        out.append(m)
    return out


def _ident(m: Mention) -> tuple[object, ...]:
    c = m.candidate  # a curated candidate holds its Place, which does not hash
    return (c.kind, c.geonames_id, c.name, c.lat, c.lon)


def _report_towns(
    mentions: list[Mention], gazetteer: Gazetteer
) -> tuple[Mention | None, Mention | None]:
    """The town the report names most (its own place, where a site it does not locate
    most likely is), and the national capital it names most ("in the capital")."""
    towns = [m for m in mentions if m.candidate.kind not in ("region", "feature", "site")]
    counts = Counter((m.candidate.name, m.candidate.country) for m in towns)
    first: dict[tuple[str, str], Mention] = {}
    for m in towns:
        first.setdefault((m.candidate.name, m.candidate.country), m)
    ranked = [first[k] for k, _ in counts.most_common()]
    capitals = [m for m in ranked if gazetteer.is_capital(m.candidate)]
    return (ranked[0] if ranked else None), (capitals[0] if capitals else None)


def _anchor(
    text: str,
    here: list[Mention],
    starts: list[int],
    start: int,
    end: int,
    main: Mention | None,
    capital: Mention | None,
    inside: set[int],
) -> Mention | None:
    """Where a site the text does not name a town for is drawn: the place named in the
    same sentence closest to it; else the capital the report names, when the sentence puts
    the site "in the capital"; else, when it says "the city" or "the town", the town named
    just before (within a sentence or two) or the report's own town (the one it names
    most); else the last place the paragraph named before it (else
    the caller's: the last town of the report so far), unless that is in another country
    than the report's town.
    Towns inside a site's name (`inside`: "Serangoon" of "Serangoon Road") are none.
    Sentences are looked for within a window: a report on one line stays linear."""
    lo = max(0, start - _WINDOW)
    s0 = max((m.end() for m in _SENTENCE_END.finditer(text, lo, start)), default=lo)
    tail = _SENTENCE_END.search(text, end, end + _WINDOW)
    s1 = tail.end() if tail else min(len(text), end + _WINDOW)
    window = here[bisect_left(starts, s0) : bisect_left(starts, s1)]
    same = [m for m in window if not (start <= m.start < end) and id(m) not in inside]
    # "dock workers from Piraeus … filled Syntagma Square": where people came from is not
    # where the square is; the report's own town is, when that is all the sentence has
    here_now = [m for m in same if not _CAME_FROM.search(text, max(0, m.start - 30), m.start)]
    if same and not here_now and main is not None:
        return main
    if here_now or same:
        return min(here_now or same, key=lambda m: min(abs(m.start - end), abs(start - m.end)))
    sentence = text[s0:s1]
    if capital is not None and _THE_CAPITAL.search(sentence):
        return capital
    at = bisect_left(starts, start)
    before = [m for m in here[max(0, at - 3) : at] if m.end <= start and id(m) not in inside]
    if main is not None and _THE_TOWN.search(sentence):
        # "… its offensive in Rafah. Gunfire around the Shaboura camp in the west of the
        # city": the city just named, if it is at home; else the report's own town
        last = before[-1] if before else None
        if (
            last is not None
            and last.candidate.kind == "city"
            and start - last.end <= _THE_TOWN_BACK
            and _at_home(last, main) is last
        ):
            return last
        return main
    return _at_home(before[-1], main) if before else None


def _at_home(town: Mention | None, main: Mention | None) -> Mention | None:
    """The last town named, unless it is abroad and the report's own town is not: the
    story moved abroad for a sentence ("aid flew from Auckland"), the site did not."""
    if town is not None and main is not None and town.candidate.country != main.candidate.country:
        return main
    return town


_OWN_PATIENTS = re.compile(
    r"\s+(?:said|says|reported)\s+(?:that\s+)?(?:it|its\s+\w+)\s+(?:had\s+|has\s+)?"
    r"(?:received|admitted|treated|took\s+in|was\s+treating|were\s+treating|counted)\b",
    re.IGNORECASE,
)
# a court ruling, which it does where it sits: "the Ismailia Economic Court ordered the
# ship seized" (a palace or an embassy "ordering" speaks for a government)
_RULING = re.compile(
    r"\s+(?:on\s+\w+\s+)?(?:ordered|ruled|sentenced|jailed|convicted|acquitted|upheld|"
    r"overturned|fined|froze|blocked|banned|dissolved|annulled|seized|remanded)\b",
    re.IGNORECASE,
)
_COURTS = frozenset(["court", "tribunal", "court of appeal", "court of appeals", "courthouse"])
_THE_CAPITAL = re.compile(r"\bthe\s+capital\b(?!\s+of\b)", re.IGNORECASE)
_CAME_FROM = re.compile(
    r"\b(?:workers|people|residents|families|students|pilgrims|fans|"
    r"supporters|delegations?|volunteers|farmers|miners|activists|protesters|teachers|"
    r"crowds?|busloads|others)\s+(?:who\s+(?:had\s+)?(?:came|come|travelled|traveled)\s+)?"
    r"from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# the end of a description that places a town from the capital, not from a town it names
_OF_THE_CAPITAL = re.compile(
    r"[^.,;:!?]{0,60}?\b(?:of|from|outside|near)\s+the\s+capital\b(?!\s+of\b)", re.IGNORECASE
)
# "the city", "this town", "this south-western Nigerian town" (a dateline's town)
_THE_TOWN = re.compile(
    r"\b(?:the|this)\s+(?:old\s+|(?:[\w-]+\s+){1,3}?)?(?:city|town)\b(?!\s+of\b)",
    re.IGNORECASE,
)


_THE_TOWN_BACK = 300  # characters back to the town "the city" still points to
_LONGEST = 120  # characters: no place name the gazetteer knows is longer
_WINDOW = 600  # characters either side of a site in which its sentence is looked for


# The words that make a site's name a group's: "Nile Crossing Relief Committee"
_GROUP_AFTER = re.compile(
    r"(?:\s+[A-Z][\w'’-]*){0,2}\s+(?:Committee|Association|Circle|Council|Network|League|"
    r"Alliance|Federation|Foundation|Society|Coalition|Movement|Forum|Collective|Cooperative)\b"
)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")


def _named_before(text: str, start: int) -> bool:
    """Whether a capitalised word that is a name's ("Santísima", "Motol"), not a
    sentence's opening ("In", "Along"), comes right before `start`."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(before and before[1][0].isupper() and fold(before[1]) not in _LOOSE)


_AGAIN_REASON = "the report called a place of this name a village before; drawn with it"


def _named_again(article: Article, found: list[Mention], sites: list[Mention]) -> list[Mention]:
    """ "His home village of Tamysh", then "In Tamysh, he recorded a video": once the text
    has called a name no gazetteer lists a village, its bare name later on is that
    village too, not a sentence with no place."""
    villages: dict[str, Mention] = {}
    for s in sites:
        if s.candidate.feature.startswith("unlisted|"):
            villages.setdefault(s.text, s)
    if not villages:
        return []
    names = sorted(villages, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w'’-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w'’-])")
    taken: dict[str, list[tuple[int, int]]] = {}
    for m in found:
        taken.setdefault(m.paragraph, []).append((m.start, m.end))
    again = []
    for para in article.body:
        spans = sorted(taken.get(para.id, []))
        starts = [a for a, _ in spans]
        for match in pattern.finditer(para.text):
            start, end = match.span()
            near = spans[bisect_left(starts, start - _LONGEST) : bisect_left(starts, end)]
            if any(start < b for _, b in near):
                continue  # inside a name found already, or that name itself
            if _named_before(para.text, start):
                continue  # "on Santísima Trinidad": a longer name, a street's
            first = villages[match[0]]
            again.append(
                Mention(para.id, start, end, match[0], first.candidate, first.score, _AGAIN_REASON)
            )
    return again


def drawn_at(where: Candidate, name: str, tag: str = "site") -> Candidate:
    """A place no gazetteer has, named `name` and drawn at `where` (its town), which
    `site_candidate` reads back; `tag` "unlisted" marks a village, "site" anything else."""
    return replace(
        where, name=name, geonames_id=None, kind="site", population=0, alternate=False,
        feature=f"{tag}|{where.name}",
    )  # fmt: skip


def site_candidate(candidate: Candidate) -> str:
    """The place a site candidate is drawn at ("" for any other candidate, and for a site
    known where it is: an aerodrome)."""
    kind, _, where = candidate.feature.partition("|")
    return where if candidate.kind == "site" and kind in ("site", "unlisted") else ""


def _demonym(key: str, gazetteer: Gazetteer) -> bool:
    """A people's or country's name: "Tajik", "Kyrgyz", "Kurdish", "Palestinian"."""
    if key in gazetteer.demonyms or key in gazetteer.countries:
        return True
    return any(
        key == country[: len(key)] and len(key) >= 4 and len(country) - len(key) <= 5
        for country in gazetteer.countries
    )  # "Tajik" of Tajikistan, "Kyrgyz" of Kyrgyzstan


def unlisted(candidate: Candidate) -> bool:
    """Whether a candidate is a village the text names and no gazetteer lists."""
    return candidate.kind == "site" and candidate.feature.startswith("unlisted|")


def exact_site_source(candidate: Candidate) -> str:
    """Where a site known where it is comes from ("" for any other candidate)."""
    kind, _, source = candidate.feature.partition("|")
    return source if candidate.kind == "site" and kind == "exact" else ""
