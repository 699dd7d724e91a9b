"""Place mentions in an article: find them, tell places from people and speakers, resolve them.

Finding: every run of capitalised words ("In Mosul", "Residents of Vovchansk", "Kharkiv
Governor Oleh Syniehubov") is searched for the longest names the gazetteer knows, so a place
is seen wherever the sentence puts it. Curated names (the dataset's own places) are found
first, with one regex.

Not places: country names and adjectives (context, not events); a name after a title or
inside a person's full name (and that person's surname later on); a name inside an
organisation's name ("Rapid Support Forces", "Kharkiv Regional Military Administration");
a capital or seat of power that speaks ("the Kremlin said", "Kyiv denied", "according to
Moscow", "Washington's envoy"); "Kyiv-based"; the dateline ("KYIV, Ukraine (Wire) —").

Resolving: each candidate is scored on population, the countries the report names, a
country or region named right beside it ("Moscow, the Idaho college town", "Tripoli in
northern Lebanon"), regions the report names, and the distance to the report's other
places. A region word ("the Sumy region", "Adana province", "Belgorod's governor") asks for
the first-level region, drawn as an area; a bare name asks for the town. Below a threshold
no place is chosen: a missing marker costs the analyst less than a wrong one. Every choice
keeps its score and a sentence saying why.
"""

from __future__ import annotations

import calendar
import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import cache

import numpy as np

from mapview.data.article import Article
from mapview.data.dates import MONTHS, WEEKDAYS
from mapview.data.places import km_between
from mapview.ingest.gazetteer import (
    WHOLE_TERRITORY,
    Candidate,
    Gazetteer,
    fold,
    is_capital,
    lower_fold,
)

ACCEPT = 0.8  # below this score no place is chosen
KNOWN_REGION = 1_000_000  # people: a region this large, alone with its name, is known
TINY_BESIDE_REGION = 20_000  # people: a town this small does not take a known region's name
ANCHOR = 1.05  # at or above it, a place helps resolve the report's other names
OUTLINE_MIN_POPULATION = 20_000  # a spelling matched only by its outline must be a real town
OUTLINE_PENALTY = 0.25
REPEATED = 3  # a name the report gives this often is one it is about
TERRITORY_NEAR_KM = 2000  # a territory farther than this from the report's places is not meant
CONSENSUS = 4  # names lying together in one country that place a report there
INFERRED_ONE = 0.2  # the bonus of a country where one place, named once, of a report lies
CONSENSUS_CELL = 2.0  # degrees: those namesakes lie within a block of 3 x 3 such cells
# Countries whose place names reach English through a transliteration (Arabic, Cyrillic,
# Greek, Hebrew, the scripts of Asia and the Horn), where one name has many spellings. In
# a country written in Latin letters a name is spelled as it is, so a word matching a
# place there only by its consonants is another word ("Eurostar" is not Herstal, "Months"
# is not Mainz).
_TRANSLITERATED = (
    "AE AF AM AZ BA BD BG BH BT BY CN CY DJ DZ EG EH ER ET GE GR HK IL IN IQ IR JO JP KG KH "
    "KP KR KW KZ LA LB LK LY MA ME MK MM MN MO MR MV NP OM PK PS QA RS RU SA SD SO SS SY TD "
    "TH TJ TM TN TW UA UZ YE"
)
TRANSLITERATED = frozenset(_TRANSLITERATED.split())

_WORD = re.compile(r"[^\W\d_](?:[\w’'.\-]*[\w])?(?:[’']s\b)?")
# Arabic articles and particles written lower-case before a capital: al-Fashir, ez-Zor
_LOWER_PREFIX = re.compile(r"^(?:[a-z]{1,3}|ibn|bin|abu|ain)-[A-Z]")


def _words(text: str) -> frozenset[str]:
    """A word list written as one string: reads as prose, sorts and diffs cleanly."""
    return frozenset(text.split())


_CONNECTORS = {"of", "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les"}
_CONNECTORS |= {"du", "des", "al", "el", "upon", "am", "an", "der", "sur", "bin", "ibn", "on"}
_CONNECTORS |= {"a"}  # "Gracias a Dios"
# "Dar es Salaam", "Bergen op Zoom", "São Tomé e Príncipe"
_CONNECTORS |= {"es", "e", "y", "aan", "den", "op", "im", "ter"}
_ARTICLES = {"los", "las", "la", "el", "al"}  # inside a name: "San Miguel Los Lotes"
TITLES = _words(
    "ambassador analyst bishop captain chancellor chief col colonel commander correspondent "
    "deputy director dr emir envoy father gen general governor head imam judge king leader lt "
    "maj mayor minister mr mrs ms official patriarch pope president prime prince professor "
    "queen rep reporter representative secretary senator sergeant sheikh sir spokesman "
    "spokesperson spokeswoman vice "
    # clergy and police ranks before a name: "Pastor Daniel Lubbock", "Constable Heidi"
    "pastor reverend rev rabbi cardinal archbishop ayatollah deacon constable inspector "
    "detective superintendent sgt cpl "
)
# Navies' prefixes to a ship's name, which is often a city's: "HMNZS Wellington".
SHIP_PREFIXES = frozenset(
    [
        "HMS",
        "HMNZS",
        "HMAS",
        "HMCS",
        "USS",
        "USNS",
        "USCGC",
        "INS",
        "RFS",
        "HNLMS",
        "HDMS",
        "HNoMS",
        "HSwMS",
        "FGS",
        "FS",
        "ITS",
        "ESPS",
        "NRP",
        "TCG",
        "ROKS",
        "JS",
        "PNS",
        "BNS",
        "KRI",
        "ARA",
        "BAP",
    ]
)
# Words that make a run of capitals an organisation's name, not a place.
ORG_WORDS = _words(
    "administration agency airlines airport airways alliance army assembly authorities authority "
    "bank basilica cathedral church hospital hotel monastery mosque shrine stadium synagogue "
    "temple "
    "battalion brigade brigades brotherhood center centre channel club coalition college "
    "command commission committee company congress corps council court crescent cross "
    "department division doctors fc federation force forces foundation front fund government "
    "group guard hamas hezbollah institute international jihad league legion media militia "
    "ministry mission movement nations navy network news observatory office operation "
    "organisation organization parliament party police post press program programme radio "
    "regiment school senate service services staff television times tribunal tv union "
    "university watch wire mining minerals petroleum "
    "cartel gang "  # "the Sinaloa Cartel", "Jalisco New Generation Cartel"
)
# Capitalised words that open sentences or name things, never places in a report.
STOP = _words(
    "a about according across additional afp after all allah also an and ap apr april arab "
    "arabs around as asked at aug august bbc before both but by caption central children "
    "christian christmas civilians cnn colonel commander dec december defence defense doctors "
    "drones during each earlier east easter eastern editing eid eight evening every facebook "
    "families feb february fighters first five following for forces four free freedom friday "
    "friendship from general god government gunmen he her here his hope how however i if "
    "image in independence inside instagram islam islamic isw it its jan january jewish jul "
    "july jun june justice last later liberation liberty many mar march may meanwhile medics men "
    "militants ministry missiles mobile monday month more morning most muslim muslims near "
    "nearby neighbouring neighboring "
    # prepositions that open a sentence ("Below Altenahr, the river…", "Within Kaduna State")
    "above below beneath behind beside beyond within between along toward towards amid "
    "among throughout upstream downstream "
    "news newsletter night nine no north northern not nov november now oct october officials "
    "on one operation or other our outside over overnight peace people photo police press "
    "progress protection published ramadan read rebels related reporting rescuers residents "
    "reuters satellite saturday security sep sept september seven several share she sign "
    "since six so soldiers some south southern state still storm study subscribe sunday tass "
    "telegram ten that the their there these they this those three thursday to today tonight "
    "troops tuesday twitter two under unfortunately union unity until updated victory video "
    "war we wednesday week west western what when where while who whom why with without "
    "witnesses women x year yesterday yet you youtube "
    # faiths, which name shrines and people, not towns ("Shinto shrines" is not Hirobaba,
    # a Japanese town with Shinto as another name)
    "shinto buddhist hindu sikh jain taoist sufi shia shiite sunni catholic orthodox "
    "protestant evangelical coptic maronite druze yazidi alawite anglican lutheran "
    "methodist baptist pentecostal mormon "
    # adverbs that open sentences: "Then Izyum was hit" is no place "Then Izyum"
    "then elsewhere afterwards afterward instead soon again further farther thereafter "
    "finally eventually initially next ahead offshore upriver downriver separately "
    "similarly likewise together recently previously already "
    # pronouns that open sentences ("None of them has been found" is not None, Italy)
    "none nobody nothing neither nor anyone everyone someone nowhere somewhere "
)
# A noun of the map alone, capitalised in a name ("Region Eight", "the District said"):
# never a place by itself, though some namesake somewhere lists it as another name.
_MAP_NOUNS = _words(
    "region province district county governorate oblast prefecture municipality canton "
    "capital city town village"
)
_MILITARY_NEAR = re.compile(
    r"(?i:\b(?:army|armed|military|forces|troops|soldiers|brigades?|battalions?|regiments?|"
    r"infantry|armou?red|corps|commander|idf)\b|\d+(?:st|nd|rd|th)\b)"
)
REGION_WORDS = {
    "region",
    "regions",
    "oblast",
    "province",
    "provinces",
    "governorate",
    "state",
    "krai",
    "prefecture",
    "county",
    "department",
    "departments",
    "canton",
    "cantons",
    "division",  # Fiji's Western Division, Cameroon's divisions
    "wilaya",  # Algeria's and Mauritania's provinces ("the wilaya of Tizi Ouzou")
    "wilayas",
}
# Institutions often named after a person or their town: "the Getúlio Vargas state hospital"
_INSTITUTIONS = r"hospital|university|college|school|prison|stadium"
_COAST_AFTER = re.compile(
    r"[’']s\s+(?:(?:north|south|east|west|northern|southern|eastern|western|"
    r"north-?west|north-?east|south-?west|south-?east|northwest|northeast|southwest|southeast|"
    r"gulf|atlantic|pacific|entire|whole)(?:ern)?\s+)?(?:coast|coastline|panhandle|"
    r"interior|hinterland|countryside)\b",
    re.IGNORECASE,
)
_REGION_AFTER = re.compile(
    r"^(?P<own>[’']s)?\s+(?P<word>region|oblast|province|governorate|state|krai|prefecture|"
    r"department|canton|division|parish|wilaya)\b"
    # "the Getúlio Vargas state hospital", "Ohio State University": not the region
    rf"(?!\s+(?:{_INSTITUTIONS}|media|television|broadcaster|company|oil|enterprise|news|"
    r"agency|bank|park|museum|library|store|stores)\b)",
    re.IGNORECASE,
)
_COUNTY_AFTER = re.compile(r"\s+[Cc]ounty\b")  # "Garissa County", "Kilifi county"
_DISTRICT_AFTER = re.compile(r"\s+[Dd]istrict\b")
_GOVERNOR_AFTER = re.compile(
    r"^(?:[’']s)?\s+(?:regional\s+|provincial\s+|state\s+)?governor\b", re.IGNORECASE
)
_REGION_BEFORE = re.compile(
    r"\b(?:region|province|governorate|oblast|state|department|canton|parish|wilaya)\s+of\s+$"
    r"|\bthe\s+(?:state|province|department)\s+$",  # "the state Aragua" (estado Aragua)
    re.IGNORECASE,
)
# Names listed as regions: "the provinces of Latakia and Tartus", "the Kursk, Belgorod and
# Bryansk regions". Every name in the list asks for a region.
_LISTED = r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?"
_NAME_LIST = rf"{_LISTED}(?:(?:\s*,\s*|,?\s+and\s+){_LISTED})+"
_PLURAL_REGIONS = (
    r"(?:regions|provinces|governorates|oblasts|states|departments|cantons|wilayas|counties)"
)
_REGION_LISTS = re.compile(
    rf"\b{_PLURAL_REGIONS}\s+of\s+(?P<a>{_NAME_LIST})|(?P<b>{_NAME_LIST})\s+{_PLURAL_REGIONS}\b"
)
# "the corner of Albert and Delvers streets": street names, no towns
_PLURAL_STREETS = r"(?:streets|roads|avenues|lanes|boulevards)"
_STREET_LIST = re.compile(rf"(?P<names>{_NAME_LIST})\s+{_PLURAL_STREETS}\b")
# "the mayor of", "residents of": a person or group of the place is the one speaking
_SPEAKER_OF_BEFORE = re.compile(
    r"\b(?!(?i:city|town|capital|government|state|republic|kingdom)\b)[A-Za-z]{3,}\s+of\s+"
    r"(?:the\s+)?$"
)
_SPEECH = re.compile(
    # "Wellington and Canberra have both promised": two governments speaking together
    r"^(?:\s+and\s+[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?(?=\s))?"
    r"(?:[’']s\s+\w+\s+)?(?:,\s*which\s+)?\s*"
    r"(?:(?:also|already|always|later|swiftly|quickly|so\s+far|still|repeatedly|publicly|formally|"
    r"officially|previously|long|never|not|yet|now|itself|at\s+first|initially|first|then|"
    r"again|both|jointly)\s+){0,2}"
    r"(?:(?:has|had|have)\s+(?:(?:also|already|always|so\s+far|still|repeatedly|publicly|formally|"
    r"officially|previously|long|never|not|yet|now|both|jointly|each|again|since)\s+){0,2})?"
    r"(?:said|says|say|told|added|wrote|claimed|claims|stated|announced|warned|warns|denied|"
    r"commented|comments|denounced|denounces|persuaded|accepted|accepts|facilitated|paused|"
    r"restricts|restricted|praised|praises|criticised|criticized|holds|received|"
    r"requested|asked|addressed|attached|wants|wanted|intends|intended|hopes|hoped|meant|"
    r"denies|disputes|disputed|contests|contested|accused|accuses|insisted|insists|"
    r"responded|condemned|condemns|rejected|rejects|defended|defends|"
    r"vowed|threatened|urged|urges|pressed|presses|confirmed|blamed|dismissed|declared|"
    r"demanded|alleged|"
    r"maintained|welcomed|retorted|countered|protested|refused|demands|wants|sought|"
    r"hopes|believes|argued|argues|acknowledged|admitted|signalled|signaled|aimed|aims|"
    r"intends|intended|plans|planned|seeks|ordered|retaliated|presented|portrayed|described|"
    r"called|calls|recalled|summoned|expelled|imposed|approved|backed|supports|supported|"
    r"reiterated|pledged|promised|agreed|negotiated|signed|recognised|recognized|"
    r"pulled|withdrew|quit|suspended|launched|deployed|mobili[sz]ed|sent|dispatched|rushed|"
    r"flew\s+in|flown|airlifted|answered|replied|reacted|hit\s+back|struck\s+back|"
    r"determined|concluded|decided|designated|offered|provided|donated|tried|tries|"
    r"(?:has|had)\s+been\s+(?:working|trying|pushing|seeking|pressing|urging|lobbying|talking|"
    r"negotiating|waging|pursuing|courting|building|folding|expanding|sending|supplying|arming|"
    r"funding|backing|supporting|deploying|recruiting)|(?:did|does|do|would|will|could)\s+not)\b",
    re.IGNORECASE,
)
_ACCORDING = re.compile(
    r"\b(?:according\s+to|angered|angering|irritated|warned|"
    r"urged|pressed|pressured|accused|accuse|accuses|accusing|critici[sz]ed|lobbied|sanctioned|blamed|reassured|"
    r"appeased|provoked|defied|condemned|thanked|praised|rebuked|rein\s+in|reined\s+in|"
    r"(?:government|authorities|leadership|regime|administration|junta)\s+in|"
    r"(?:working|cooperating|talks|ties|relations|negotiations|understanding|agreement|"
    r"deal|accord|pact|truce)\s+with|"
    # "blackmail from Brussels", "pressure from Washington": a government's doing
    r"(?:blackmail|interference|meddling|dictates|diktat|threats)\s+(?:from|by)|"
    r"(?:fought|fighting|fight|war|struggle|rebellion|rebelled|uprising)\s+(?:together\s+)?"
    r"against|(?:controlled|governed|ruled|backed|supported|armed|funded|recogni[sz]ed)\s+by|"
    r"(?:said|announced|spoke|speaking)\s+in|"
    r"(?:speaking|spoke|talking)\s+to\s+(?:reporters|journalists|the\s+press)\s+in|"
    r"(?:talks|dialogue|negotiations|relations|ties|mediation)\s+between|"
    r"(?:negotiated|brokered|mediated|hosted)\s+in|"
    # "under pressure from Washington", "on orders from Moscow": a government's will
    r"(?:pressure|demands|orders|instructions|approval|backing|requests?|appeals?)\s+from)"
    r"\s+(?:the\s+|both\s+)?$",
    re.I,
)
_SPEAKERS_IN = re.compile(r"\b(?:officials|sources|leaders)\s+in\s+(?:the\s+)?$", re.I)
_OWN_OFFICIALS_IN = re.compile(r"\b(?:officials|authorities)\s+in\s+(?:the\s+)?$", re.I)
_REGION_NAMED = re.compile(r"\s(?:Governorate|Province|Region|Oblast|State|County|District)$")
# "met Zuma and regional officials in Pretoria", "a summit of European leaders in Granada":
# where a gathering was, not who spoke
_MET_BEFORE = re.compile(
    r"\b(?:met|meet|meets|meeting|summit|summits|conference|congress|forum)\b"
    r"(?:[^.;:!?]|\.(?!\s+[A-Z]))*$",
    re.I,
)
# "Sousse, also spelled Susah", "Khankendi, known to Armenians as Stepanakert"
_ALSO_CALLED = re.compile(
    r"^,?\s*(?:also\s+)?(?:spelled|spelt|written|called|known(?:\s+to\s+\w+)?\s+as|or)\s+"
    r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?)"
)
# "Javorník (Jawornik in Polish)", "Singa (also Sinja)": another name of the place just
# named, in brackets; not a second place (the Polish Jawornik is a village 300 km away)
_ALIAS_OPEN = re.compile(
    r"[\w’'.]\s+\(\s*(?:(?P<word>also|or|formerly|once|now|spelled|spelt|known\s+(?:locally\s+)?as)"
    r"\s+)?$",
    re.I,
)
_ALIAS_CLOSE = re.compile(r"(?P<tongue>,?\s+in\s+[A-Z][a-z]+)?\s*\)")


# "Raini, also spelled Reni,": the village before, spelled another way (Reni is also
# another name of Taranagar, 470 km off)
_ALIAS_AFTER_COMMA = re.compile(
    r"[\w’'.],\s+(?:(?:(?:also|or|formerly|once)\s+)?(?:spelled|spelt|transliterated|"
    r"known\s+(?:locally\s+)?as)|(?:also|formerly|once|locally)\s+(?:called|written))\s+$",
    re.I,
)


def _an_alias(text: str, start: int, after: str) -> bool:
    """A bracketed name that says it is another name ("also", "in Polish"); a bare one
    ("Lashio (Shan State)") may locate the place before it instead."""
    opened = _ALIAS_OPEN.search(text, max(0, start - 30), start)
    closed = _ALIAS_CLOSE.match(after) if opened else None
    return closed is not None and bool(opened["word"] or closed["tongue"])  # type: ignore[index]


UNKNOWN_POPULATION = 1_000
ALIAS_NEAR_KM = 30  # "X, also spelled Y": a namesake of Y this near one of X is the place
CAPITAL_POPULATION = 1_000_000
OUTLINE_NEAR_KM = 300  # an outline match needs a place of the report this close
OUTLINE_SMALL_NEAR_KM = 60  # and a small town matched so, closer still
SPELLED_ALIKE = 0.8
_ACTOR_AFTER = re.compile(
    r"^[’']s\s+(?:\w+\s+){0,2}?(?:government|foreign|defen[cs]e|military|army|forces|officials|envoy|"
    r"ambassador|president|leadership|ministry|allies|troops|position|response|side|"
    r"diplomats|negotiators|embassy|spokes\w+|prime|decision|policy|stance|offensive|"
    r"war|invasion|aggression|(?:attacks?|strikes?|bombing)(?:\s+\w+){0,2}\s+(?:on|against)|"
    r"campaign|blockade|attention|influence|interests|role|backing|support|leverage|"
    r"priorities|patience|(?:standard|official|party|hard|usual|familiar|long-standing)\s+line|"
    r"annexation|occupation|withdrawal|refusal|demands?|claims?|proposal|plan)\b",
    re.IGNORECASE,
)
# "Moscow, Idaho", "Moscow, the Idaho college town", "Tripoli in northern Lebanon"
_APPOSITION = re.compile(
    r"^(?:,\s*(?:(?:the|a|an)\s+(?:(?!(?:into|to|from|towards?|across|with|near|beyond|and|"
    r"by|on|for|against|via)\b)[a-z][\w-]*\s+){0,4}?(?:(?:in|of)\s+(?:the\s+)?)?)?|\s+in\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|"
    r"north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+|central\s+)?)"
    r"((?:[A-Z][\w’'-]+\s?){1,3})"
)
_ADJECTIVAL = re.compile(r"^-(?:based|backed|aligned|led|controlled|born|linked|funded|made)\b")
DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z’'.\- ]+[A-Z.])(?:,\s*(?P<country>[A-Z][\w.’' -]{1,40}?))?"
    # the day it was filed, after the country: "GANJA, Azerbaijan, Oct 18 (Meridian Wire) -",
    # "SAVAR, Bangladesh, 24 April 2023 -"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}\.?(?:,?\s+\d{4})?))?"
    r"\s*(?:\([^)]{1,60}\))?\s*[—–-]{1,2}\s*"
)
_RELEASE_LINE = re.compile(
    r"\s*[A-Z][\w’'.\- ]{1,40},\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\.?|"
    r"[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?),?\s+\d{4}\s*"
)
# Parts of the world a report names but no map of events would draw as one place.
WORLD_REGIONS = frozenset(
    fold(n)
    for n in (
        "Africa", "Americas", "Antarctica", "Arctic", "Asia", "Balkans", "Caucasus",
        "Central Asia", "East Africa", "East Asia", "Eastern Europe", "Europe", "Eurasia",
        "Global South", "Horn of Africa", "Latin America", "Levant", "Maghreb", "Middle East",
        "Near East", "North Africa", "North America", "Oceania", "Sahel", "Scandinavia",
        "South America", "South Asia", "Southeast Asia", "Sub-Saharan Africa", "West Africa",
        "Western Europe", "Central Africa", "Central America", "Southern Africa", "Far East",
    )
)  # fmt: skip
# A word before a name that makes it another feature: "Lake Lanao", "Mount Hermon".
FEATURE_WORDS = _words(
    "bay cape gulf jabal jebal jebel lac lago lake mount mountain mt river sea strait wadi "
)
WATER_WORDS = _words("bay canal channel gulf lake ocean river sea strait straits ")
_PERSON_AFTER = re.compile(
    r"^(?:,\s*(?:aged\s+)?\d{1,3}\s*,|,?\s+(?:told|says|who)\b|,?\s+\(?alias\b)"
)  # "Marleny Paris, 46,", "Aden Ali told", "Jorge Luis Zambrano, alias …"
_TIME_ZONE = re.compile(r"^\s+time\b")
_TOLD_BEFORE = re.compile(r"\btold\s+$")
_TOLD_AFTER = re.compile(r"^(?:\s+that\b|\s*[,.:;])")
# "Mexico's Sinaloa cartel", "the Tren de Aragua gang": a criminal group named for its home
_GANG_AFTER = re.compile(r"^\s+(?:cartels?|gangs?)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|added|asked)\s+$")
# A wire story's credit line: "(Reporting by Ana Lee in Kyiv; editing by the Europe desk)"
_CREDIT = re.compile(r"^\s*\(?\s*(?:additional\s+)?(?:reporting|writing|editing)\s+by\b", re.I)
# Words that may follow a place's name within a longer capitalised name and still leave
# the place itself: "Gaza Strip", "Kharkiv Region", "Mosul City"
_GENERIC_REGION_WORDS = _words(
    "north south east west northern southern eastern western central north-east north-west "
    "south-east south-west northeast northwest southeast southwest northeastern northwestern "
    "southeastern southwestern region province"
)
_NAME_WORD_AFTER = re.compile(r"\s+[A-Z]")  # "Bermuda Triangle"
# a capitalised word right before, other than "The": "Greater Bermuda"
_NAME_WORD_BEFORE = re.compile(r"\b(?!The\s)[A-Z][\w’'-]*\s+$")
# a capitalised name and a comma right before: "San Juan, Puerto Rico"
_AFTER_A_PLACE = re.compile(r"[A-Z][\w’'-]+,\s*$")
_DIRECTION_NOUNS = {"southern": "south", "northern": "north", "eastern": "east", "western": "west"}
_OWN = re.compile(r"[’']s\b")
# the last word of a natural feature's name
_FEATURE_ENDS = WATER_WORDS | _words("island islands peninsula beach reef lagoon falls creek")
GEO_SUFFIXES = _words(
    "bay camp city county district governorate heights hills island islands mountains oblast "
    "peninsula province raion region river square state strip valley "
)
_PREV_WORD = re.compile(r"([\w’'-]+)\s+$")
_LONGER_NAME = re.compile(r"^\s+(?:del|de|do|da|di|dos|das)\s+[A-Z]")
_BUILDING_AFTER = re.compile(
    r"^,\s+(?:the|a|an|its)\s+"
    # "Kalpetta, the district headquarters": the town that is a district's seat
    r"(?!(?:[\w-]+\s+)?(?:district|provincial|regional|state|county|municipal)\s+headquarters)"
    r"(?:[\w-]+\s+){0,2}(?:palace|building|headquarters|hotel|prison|"
    r"jail|stadium|compound|barracks|mosque|church|cathedral|hospital|university|college|"
    r"school|ministry|embassy|market|mall|airport|airfield|air\s+base|refinery|plant|"
    r"factory|station|studio|television\s+station|newspaper|company|firm|bank|club)\b"
    r"(?!\s+(?:town|city|village))",
    re.IGNORECASE,
)
# A name followed by "state hospital", "state university": an institution named after a
# person or the town, not the town's region, nor the town itself.
_INSTITUTION_AFTER = re.compile(
    rf"^\s+(?:state|regional|provincial|general|national|municipal)\s+(?:{_INSTITUTIONS})\b",
    re.IGNORECASE,
)
_WHO_AFTER = re.compile(r"^,\s+who\b")
_NUMBER_AFTER = re.compile(r"^\s+(?:No\.?\s*)?\d")
# "fired Tomahawk cruise missiles", "Shahed drones": a weapon's model name, not a town;
# but "the Odesa missile strike" is where it struck
_WEAPON_AFTER = re.compile(
    r"^\s+(?:(?:cruise|ballistic|hypersonic|anti-ship|guided|attack|kamikaze)\s+)?"
    r"(?:missiles?|rockets?|drones?|bombers?|interceptors?|launchers?|howitzers?)\b"
    r"(?!\s+(?:strikes?|attacks?|raids?|barrages?|alerts?|defen[cs]es?|sirens?|hit|struck|fell)\b)"
)
# "the Vienna conventions", "the Minsk agreements", "the Rome Statute", "the Dublin rules":
# an agreement or regulation named for where it was made, not a place of the story
_TREATY_AFTER = re.compile(
    r"^\s+(?:[Cc]onventions?|[Aa]ccords?|[Aa]greements?|[Pp]rotocols?|[Tt]reaty|[Ss]tatute|"
    r"[Dd]eclaration|[Ff]ormat|[Dd]ocument|[Cc]onsensus|[Rr]ules|[Rr]egulations?|criteria)\b"
)
# "a Jeju Air Boeing", "Ural Airlines": an airline named for its home, not a place of the
# story; but "Jeju Air Base" or "Kyiv Air Force command" name places and units
_AIRLINE_AFTER = re.compile(
    r"^\s+(?:Air|Airlines|Airways|Aviation)\b(?!\s+(?:Base|Force|Station|Field|Defen[cs]e|Command)\b)"
)
# A government's title before its holder's name: "Kurdistan Region Prime Minister Masrour
# Barzani" speaks for a government, not from a place (a mayor or governor acts in the town)
_HEAD_OF_GOVERNMENT_AFTER = re.compile(
    r"^\s+(?:Region(?:al)?\s+(?:Government\s+)?)?(?:Prime\s+Minister|President|Vice[\s-]President|"
    r"(?:Foreign|Defen[cs]e|Interior|Finance)\s+Minister)\s+(?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+"
)
# "Keith Kellogg, Trump's special envoy": a man described as one, not the Scottish town
_PERSON_DESCRIBED = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+|[A-Z][\w’'-]+[’']s\s+)(?:[\w-]+\s+){0,3}"
    r"(?:envoy|minister|president|spokes(?:man|woman|person)|adviser|advisor|secretary|"
    r"ambassador|commander|chief|leader|governor|mayor|director|head|negotiator|senator|"
    r"lawmaker|general|colonel|official|analyst|researcher|journalist|reporter)\b"
)
_FEATURE_AFTER = re.compile(
    r"^\s+(?-i:river|lake|reservoir|canal|creek|valley|mountains|hills|plateau|delta|basin|"
    r"glacier|fjord|crater|craters|Canyon|canyon|Gorge|gorge)\b"
    # "on Santa Ana gusts", "the Harmattan winds": a wind named for a place
    r"|^\s+(?-i:winds?|gusts)\b"
)
# "The Quitandinha, a tributary of the Piabanha, …": a river, not the town 700 km off
_RIVER_APPOSITION = re.compile(
    # ("In the Western Province, the Kelani River rose": a clause, not what it is)
    r"^,\s+(?:a|an|one|another)\s+(?:[\w-]+\s+){0,2}?(?:tributary|river|stream|creek)\b"
)
_BAY_AFTER = re.compile(r"^\s+(?:Bay|Gulf)\b(?!\s+(?:of|Area|area)\b)")
STORM_WORDS = frozenset(["storm", "typhoon", "cyclone", "hurricane", "depression"])
# "elders meeting in Las Anod declared": a gathering's place, not a government speaking
_PEOPLE_IN = re.compile(
    r"(?i:\b(?:police|policemen|officers|medics|paramedics|doctors|nurses|rescuers|residents|"
    r"villagers|farmers|fishermen|workers|volunteers|firefighters|witnesses|survivors|"
    r"families|people|crowds|protesters|demonstrators|teams|crews|courts?|tribunal|judges?|"
    r"commanders?|fighters|soldiers|militiamen|rebels)"
    r"\s+(?:in|at)\s+)$"
)
_MET_IN_BEFORE = re.compile(
    r"\b(?:meeting|met|gathered|gathering|assembled|convened|rallying|rallied)\s+(?:in|at)\s+"
    r"(?:the\s+)?$"
)
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?$")
# "In Dnipro, a maternity hospital…": a sentence opening with where, not a name described
_FRONTED_LOCATIVE = re.compile(r"(?:^|[.!?;:]\s+|\n)(?:In|At|Near|Outside|Inside)\s+$")
_NICKNAME = re.compile(r"[A-Z][\w'’-]+\s+[\"“]$")
_NICKNAME_END = re.compile(r"^[\"”]\s+[A-Z]")
_GROUP_AFTER = re.compile(
    r"^\s+(?:states|countries|nations|leaders|governments|monarchies|allies|partners|"
    r"neighbou?rs)\b"
)
# A feature named to describe something else: "the Black Sea port of Poti", "Ukraine's
# Danube ports", "washing up on the Black Sea shore"
_FEATURE_AS_DESCRIPTION = re.compile(
    r"^[\s-]+(?:port|ports|coast|coastline|coastal|shore|shores|fleet|basin|route|routes|"
    r"corridor|shipping|grain|trade|waters|resort|resorts|region|crossing|deal|initiative|"
    r"bridge|bridges)\b",  # "the Blue Nile bridge" in Bahir Dar: a bridge, drafted as a site
    re.IGNORECASE,
)
# A river locating a town, not where something happened: "Izmail on the Danube", "Bor,
# on the east bank of the White Nile"
_FEATURE_LOCATES = re.compile(r"(?:[A-Z][\w'’-]+,?\s+on\s+the\s+|\bbanks?\s+of\s+the\s+)$")
# Capitalised words that are no one's given name: before a place they leave it a place
# ("Northern Gaza", "Greater Khartoum"), where an unknown word makes a person's name
# ("Faith Kitale", "Fernando Villavicencio").
_NOT_GIVEN = _words(
    "north south east west northern southern eastern western central upper lower greater "
    "old new little great grand inner outer middle "
    "kibbutz moshav "  # "Kibbutz Be'eri" is Be'eri
)
COMMON_WORDS = _words(
    "bath commerce concord darling deal eagle enterprise friendship general harmony "
    "early hope independence industry justice liberal liberty lost march may media mission mobile "
    "nice opportunity paradise peace police president progress reading split story union "
    "unity victory tour sales "
    # seasons open timeline entries ("Spring — families start returning")
    "spring summer autumn winter "
)


@dataclass(frozen=True)
class Mention:
    paragraph: str
    start: int
    end: int
    text: str
    candidate: Candidate
    score: float  # 0..1, how sure the resolution is
    reason: str = ""
    # the namesakes weighed, the chosen one first: (candidate, score, why), for the reviewer
    alternatives: tuple[tuple[Candidate, float, str], ...] = ()


@dataclass
class _Span:
    """A name found in the text, before resolution."""

    paragraph: str
    start: int
    end: int
    text: str
    key: str
    candidates: list[Candidate]
    region_wanted: bool
    near_countries: set[str]  # countries named right beside it
    near_regions: set[tuple[str, str]]  # (country, admin1) named right beside it
    by_outline: bool = False  # matched by consonant outline only, not by any listed name
    # named as an institution's or a meeting's seat ("the European Parliament in Strasbourg")
    seat: bool = False


@dataclass
class _Context:
    countries: Counter[str]
    regions: set[tuple[str, str]]
    # (key, place) resolved with confidence, each pair once: a long report repeats its
    # places thousands of times, and every score measures the distance to each anchor
    anchors: dict[tuple[str, str, float, float], tuple[str, Candidate]]
    lowercase_words: set[str]
    # countries known only from resolved places, with the names that put them there: a
    # name never vouches for its own country (Palma, Spain must not confirm itself)
    inferred: dict[str, set[str]] = field(default_factory=dict)
    capitals: frozenset[tuple[str, str]] = frozenset()  # (folded name, country)
    # a report naming no country: the one most of its names lie in, and those names
    consensus: tuple[str, frozenset[str]] = ("", frozenset())
    named: Counter[str] = field(default_factory=Counter)  # how often each name occurs
    # the anchors again, as arrays for _nearest_anchor
    table: _AnchorTable = field(default_factory=lambda: _AnchorTable())
    # _nearest_anchor's answers per (lat, lon, name), with how many anchors they measured:
    # a candidate is scored in every pass and for every mention of its name, and anchors
    # are only ever added to
    nearest: dict[tuple[float, float, str], tuple[tuple[float, Candidate] | None, int]] = field(
        default_factory=dict
    )


def _is_cap(word: str) -> bool:
    """Capitalised, but not all capitals (KYIV in a dateline, NATO, U.S are not names here)."""
    return word[:1].isupper() and not (len(word) > 1 and word.isupper())


_Token = tuple[int, int, str, bool]


def _tokens(
    text: str, limit: int, known: Callable[[str], bool] | None = None
) -> list[tuple[int, int, str, bool]]:
    """(start, end, word, possessive) for each word, possessive "’s" split off, unless
    `known` says the words with the next one are a name ("Cox's Bazar", "St John's")."""
    out = []
    for m in _WORD.finditer(text, 0, limit):
        word, end = m.group(0), m.end()
        possessive = word.endswith(("’s", "'s")) and len(word) > 2
        if possessive and known is not None:
            nxt = _NEXT_NAME.match(text, end)
            if nxt and known(fold(f"{word} {nxt[1]}")):
                possessive = False
        if possessive:
            word, end = word[:-2], end - 2
        if "-" in word and _CAPITAL_PAIR.fullmatch(word):
            # "the Kumba-Mamfe road": two names; a run joined by the hyphen still looks
            # "Ivano-Frankivsk" up whole
            at = m.start()
            for part in word.split("-"):
                out.append((at, at + len(part), part, False))
                at += len(part) + 1
            out[-1] = (*out[-1][:3], possessive)
            continue
        out.append((m.start(), end, word, possessive))
    return out


_CAPITAL_PAIR = re.compile(r"[A-Z][\w’']*(?:-[A-Z][\w’']*)+")
_NEXT_NAME = re.compile(r" ([A-Z][\w’'-]+)")


def _runs(text: str, tokens: list[tuple[int, int, str, bool]]) -> list[list[int]]:
    """Indices of tokens forming runs of capitalised words (connectors allowed inside)."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, (start, _end, word, possessive) in enumerate(tokens):
        capital = _is_cap(word) or bool(_LOWER_PREFIX.match(word))
        gap = text[tokens[current[-1]][1] : start] if current else ""
        # "St. John's", "Mt. Kenya": the abbreviation's full stop ends no sentence
        joined = bool(current) and (
            gap in (" ", "-") or (gap == ". " and tokens[current[-1]][2] in _ABBREVIATED)
        )
        joined = joined and not tokens[current[-1]][3]
        if capital:
            if not joined and current:
                runs.append(current)
                current = []
            current.append(i)
        elif word in _CONNECTORS and joined:
            current.append(i)
        else:
            if current:
                runs.append(current)
            current = []
        if possessive and current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    cleaned = []
    for run in runs:  # a run never ends on a connector
        while run and tokens[run[-1]][2] in _CONNECTORS:
            run = run[:-1]
        if run:
            cleaned.append(run)
    return cleaned


_ABBREVIATED = frozenset(["St", "Ste", "Mt", "Ft", "Pt"])
COUNTRY_WORDS = 5  # "Democratic Republic of the Congo"


@cache
def _name_heads(names: frozenset[str]) -> frozenset[str]:
    """First words of the country names and adjectives that have more than one word."""
    return frozenset(n.split(" ", 1)[0] for n in names if " " in n)


def context_countries(
    article: Article, gazetteer: Gazetteer, tokens_of: dict[str, list[_Token]] | None = None
) -> Counter[str]:
    """Countries the article names, by name or adjective, weighted by how often; the
    title lines count too ("Features | Sierra Leone" over a report that never names its
    country again)."""
    counts: Counter[str] = Counter()
    heads = _name_heads(frozenset(gazetteer.countries) | frozenset(gazetteer.demonyms))
    for para in [p for p in article.paragraphs if p.kind == "title"] + article.body:
        tokens = (tokens_of or {}).get(para.id) or _tokens(para.text, len(para.text))
        # a country's name is capitalised: only those words need folding
        words = [fold(t[2]) if t[2][:1].isupper() else t[2] for t in tokens]
        i = 0
        while i < len(words):
            if not tokens[i][2][:1].isupper() or not _is_cap(tokens[i][2]):
                i += 1
                continue
            # longest name first: "Papua New Guinea" is not Guinea, nor "Central African
            # Republic" an adjective (tried only after a word that opens such a name)
            longest = min(COUNTRY_WORDS, len(words) - i) if words[i] in heads else 1
            for n in range(longest, 0, -1):
                name = " ".join(words[i : i + n])
                code = gazetteer.countries.get(name) or gazetteer.demonyms.get(name)
                if code:
                    counts[code] += 1
                    i += n
                    break
            else:
                i += 1
    return counts


def _short_form(key: str) -> str:
    """The name a report shortens a feature's to ("yeonpyeong island" -> "yeonpyeong",
    "lake kivu" -> "kivu"); "" for any other name."""
    words = key.split()
    if len(words) < 2:
        return ""
    if words[-1] in _SHORTENED_ENDS:
        return " ".join(words[:-1])
    if words[0] in _SHORTENED_STARTS:
        return " ".join(words[1:])
    return ""


_SHORTENED_ENDS = frozenset(
    ["island", "islands", "isle", "atoll", "bay", "lake", "river", "peninsula"]
)
_SHORTENED_STARTS = frozenset(["mount", "mt", "lake", "isla", "ile"])


def _consensus_country(spans: list[_Span], ctx: _Context) -> tuple[str, set[str]]:
    """The country where far more of a report's names have namesakes lying together than
    in any other (at least CONSENSUS names within one block of cells, twice the next
    country's best block), and those names; ("", set()) when no country stands out. Only
    names by their own spelling, not common words."""
    # names by the patch of the map their namesakes lie on: a report's places lie near one
    # another, while a country's namesakes of common names ("Savannah", "Prospect", "East
    # End") are strewn across it
    cells: dict[str, dict[tuple[int, int], set[str]]] = {}
    for span in spans:
        if span.by_outline or span.key in COMMON_WORDS or span.key in ctx.lowercase_words:
            continue
        for c in span.candidates:
            if c.alternate or c.kind == "feature":
                continue
            cell = (math.floor(c.lat / CONSENSUS_CELL), math.floor(c.lon / CONSENSUS_CELL))
            cells.setdefault(c.country, {}).setdefault(cell, set()).add(span.key)
    keys_of: dict[str, set[str]] = {}
    for code, grid in cells.items():
        for y, x in grid:
            block = set().union(
                *(grid.get((y + dy, x + dx), ()) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
            )
            if len(block) > len(keys_of.get(code, ())):
                keys_of[code] = block
    ranked = sorted(keys_of.items(), key=lambda kv: len(kv[1]), reverse=True)
    if not ranked or len(ranked[0][1]) < CONSENSUS:
        return "", set()
    if len(ranked) > 1 and len(ranked[1][1]) * 2 > len(ranked[0][1]):
        return "", set()
    return ranked[0]


def _dateline_end(text: str, gazetteer: Gazetteer, counts: Counter[str]) -> int:
    """Where a dateline ("KHARKIV, Ukraine (Wire) —") ends; its country counts as context.
    A press release's line of place and date ("Sion, 29 May 2025") is a dateline whole."""
    if _RELEASE_LINE.fullmatch(text):
        return len(text)
    m = DATELINE.match(text)
    if not m or not any(c.isalpha() for c in m["place"]):
        return 0
    if m["country"]:
        code = gazetteer.countries.get(fold(m["country"]))
        if code:
            counts[code] += 1
    return m.end()


def _find_spans(
    article: Article,
    gazetteer: Gazetteer,
    counts: Counter[str],
    tokens_of: dict[str, list[_Token]] | None = None,
) -> list[_Span]:
    spans: list[_Span] = []
    # one-word names that are not places anywhere in this report: people's surnames, found
    # as the report goes, and storms' names, found first ("Iota's winds" after "Hurricane Iota")
    surnames: set[str] = _storm_names(article)
    ships = _ship_names(article)
    rivers = _river_names(article)
    for para in article.body:
        text = para.text
        if _CREDIT.match(text):
            continue  # "(Reporting by … in Kyiv; editing by …)": where the writers sat
        skip_to = _dateline_end(text, gazetteer, counts)
        taken: list[tuple[int, int]] = []
        lists = [
            m.span("a") if m["a"] else m.span("b")
            for m in _near(_REGION_LISTS, _PLURAL_REGION_WORD, text)
        ]
        streets = [m.span("names") for m in _near(_STREET_LIST, _PLURAL_STREET_WORD, text)]
        for start, end, cand in _curated_spans(text, gazetteer):
            if start < skip_to or _not_a_place(text, start, end):
                continue
            taken.append((start, end))
            region = bool(_REGION_AFTER.match(text[end:]) or _GOVERNOR_AFTER.match(text[end:]))
            spans.append(
                _Span(
                    para.id,
                    start,
                    end,
                    text[start:end],
                    fold(text[start:end]),
                    [cand],
                    region,
                    set(),
                    set(),
                )
            )
        for m in _DEMONYM_CAPITAL.finditer(text):
            # "bombings in the Ugandan capital on Nov. 16": Kampala, named by its country;
            # "the Ugandan capital, Kampala" names it, and the name is found as itself
            iso = gazetteer.demonyms.get(fold(m["people"]))
            city = gazetteer.capital_of(iso) if iso else None
            start, end = m.span("people")[0], m.end()
            if city is None or start < skip_to or _capital_speaking(text, start, end):
                continue
            taken.append((start, end))
            spans.append(
                _Span(
                    para.id,
                    start,
                    end,
                    text[start:end],
                    fold(city.name),
                    [city],
                    False,
                    set(),
                    set(),
                )
            )
        for m in _AND_NAME.finditer(text):
            # "Sistan and Baluchestan", "Jammu and Kashmir": a region whose name joins two
            # with "and", which the runs of capitalised words split in two
            if m.start() < skip_to or any(m.start() < e and s < m.end() for s, e in taken):
                continue
            regions = [c for c in gazetteer.lookup(fold(m[0])) if c.kind == "region"]
            if regions and not _not_a_place(text, m.start(), m.end()):
                taken.append(m.span())
                spans.append(
                    _Span(
                        para.id, m.start(), m.end(), m[0], fold(m[0]), regions, True, set(), set()
                    )
                )
        tokens = (tokens_of or {}).get(para.id) or _tokens(text, len(text))
        for run in _runs(text, tokens):
            if tokens[run[0]][0] < skip_to:
                continue
            for span in _spans_in_run(
                para.id, text, tokens, run, gazetteer, taken, surnames, lists, ships
            ):
                alias = _ALIAS_AFTER_COMMA.search(text, max(0, span.start - 40), span.start)
                if alias is not None:
                    # "Axum, also written Aksum": the town just named, so only its
                    # namesakes; "Raini, also spelled Reni", Raini unknown: not Reni, which
                    # is another name of a town 470 km away
                    named = spans[-1] if spans and spans[-1].paragraph == para.id else None
                    if named is None or named.end != alias.start() + 1:
                        continue
                    near = [
                        c
                        for c in span.candidates
                        if any(
                            c.geonames_id == b.geonames_id or _km(c, b) < ALIAS_NEAR_KM
                            for b in named.candidates
                        )
                    ]
                    if not near:
                        continue
                    span = replace(span, candidates=near)
                if (
                    _the_river(text, span, rivers)
                    or _describing(text, span)
                    or any(a <= span.start < b for a, b in streets)
                ):
                    continue
                spans.append(span)
    return spans


# "the Guadalupe River", "the River Wye": a river the report names by its own name
_RIVER_NAMED = re.compile(
    r"\b(?-i:(?P<a>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?))\s+(?:River|Creek)\b"
    r"|\bRiver\s+(?-i:(?P<b>[A-Z][\w’'-]+))"
)
# "the North Fork of the Guadalupe": a river's branch, not the town of North Fork
_A_FORK = re.compile(r"\b(?:north|south|east|west|middle)\s+fork$")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
_FORK_AND_BEFORE = re.compile(r"\bthe\s+(?:north|south|east|west|middle)\s+fork\s+and\s+$", re.I)
# what follows a river's name in a sentence: its clause ends, or the river does something
_RIVER_GOES_ON = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:at|in|on|by|near|outside|along|over|below|above|after|before|during|"
    r"until|and|or|to|from|into|through|past|meet|meets|met|"
    r"which|where|that|is|was|were|are|has|have|had|will|would|could|also|then|began|rose|rises|"
    r"burst|broke|flooded|floods|swept|reached|"
    r"crested|peaked|ran|runs|tore|overflowed|spilled)\b"
)


# "the French Indian Ocean department", "a Pacific island nation": a sea or ocean that
# says what kind of place another is, not where anything happened
_KIND_OF_PLACE = re.compile(
    r"\s+(?:department|island|islands|nation|state|territory|archipelago|country|republic|"
    r"kingdom)\b"
)


_CAPITAL_AFTER = re.compile(r"\s+([A-Z][a-z][\w’'-]*)")
# capitalised words after a sea's name that do not make it a longer name
_NOT_A_NAME_AFTER = frozenset(
    [*(w.lower() for w in calendar.day_name), *(w.lower() for w in calendar.month_name if w)]
)


def _describing(text: str, span: _Span) -> bool:
    if not all(c.kind == "feature" for c in span.candidates):
        return False
    last = span.text.rsplit(None, 1)[-1]
    if _KIND_OF_PLACE.match(text, span.end) or _KIND_OF_PLACE.fullmatch(f" {last}"):
        return True
    # "the Indian Ocean Island Games", "the Black Sea Fleet": a longer name, of a thing
    more = _CAPITAL_AFTER.match(text, span.end)
    return more is not None and fold(more[1]) not in _NOT_A_NAME_AFTER


def _river_names(article: Article) -> frozenset[str]:
    """Names the report gives rivers ("the Guadalupe River"): later "the Guadalupe" is the
    river again, not the town of Guadalupe."""
    return frozenset(
        fold(m["a"] or m["b"])
        for para in article.body
        for m in _near(_RIVER_NAMED, _RIVER_WORD, para.text)
    )


def _near(pattern: re.Pattern[str], word: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`pattern`'s matches, looked for only around the word every match holds: a list of
    names tried at every capital of a report on one line cost seconds a megabyte. Matches
    are found in each window of text around the word (windows that overlap are merged), so
    each is the match the whole text would give, for any match shorter than NEAR_CHARS."""
    found: list[re.Match[str]] = []
    lo = hi = -1
    windows: list[tuple[int, int]] = []
    for w in word.finditer(text):
        start, end = max(0, w.start() - NEAR_CHARS), min(len(text), w.end() + NEAR_CHARS)
        if start <= hi:
            hi = end
        else:
            if hi >= 0:
                windows.append((lo, hi))
            lo, hi = start, end
    if hi >= 0:
        windows.append((lo, hi))
    for start, end in windows:
        found.extend(pattern.finditer(text, start, end))
    return found


NEAR_CHARS = 400
_PLURAL_REGION_WORD = re.compile(rf"\b{_PLURAL_REGIONS}\b")
_PLURAL_STREET_WORD = re.compile(rf"\b{_PLURAL_STREETS}\b")
_RIVER_WORD = re.compile(r"\b(?:River|Creek)\b")


def _the_river(text: str, span: _Span, rivers: frozenset[str]) -> bool:
    """ "Homes on the Guadalupe", "the North Fork and South Fork": a river named with its
    article, after the report has called it a river (or a river's fork)."""
    fork = _A_FORK.search(span.key) is not None
    if not (fork or span.key in rivers):
        return False
    if _THE_BEFORE.search(text, max(0, span.start - 4), span.start):
        # but "the Roseau bayfront", named for the city: a noun after it is the name's
        return bool(_RIVER_GOES_ON.match(text, span.end))
    # "the North Fork and South Fork": the second fork shares the first one's article
    return fork and bool(_FORK_AND_BEFORE.search(text, max(0, span.start - 40), span.start))


# "the Saudi capital": a country's adjective and "capital", no name of the city after it
_DEMONYM_CAPITAL = re.compile(
    r"\b[Tt]he\s+(?P<people>(?-i:[A-Z][a-z]+))\s+capital\b(?!,?\s+(?-i:[A-Z]))"
)
# "Sistan and Baluchestan", "Kohgiluyeh and Boyer-Ahmad": two names of a word or two each,
# not the tail of a longer hyphenated run (whose every word would be tried)
_AND_NAME = re.compile(
    r"(?<![\w’'-])(?-i:[A-Z][\w’']+)\s+and\s+(?-i:[A-Z][\w’']+)(?:[-\s](?-i:[A-Z][\w’']+))?"
    r"(?![\w’'-])"
)
_STORM_NAMED = re.compile(
    r"\b(?i:storm|typhoon|cyclone|hurricane|depression)s?\s+([A-Z][\w’'-]+)"
    r"(?:,?\s+(?:and|then)\s+([A-Z][\w’'-]+))?"
)


def _storm_names(article: Article) -> set[str]:
    """Names the report gives a storm ("Hurricane Iota", "the storms Eta and Iota"): the
    storm's name wherever it appears later, not a town that shares it."""
    names: set[str] = set()
    for para in article.body:
        for m in _STORM_NAMED.finditer(para.text):
            for name in m.groups():
                name = re.sub(r"[’']s$", "", name or "")
                if name and name.lower() not in WEEKDAYS:
                    names.add(fold(name))
    return names


def _ship_names(article: Article) -> frozenset[str]:
    """Names the report gives a ship ("USS Harry S. Truman"): "the Truman" later is the
    ship, not a town; a bare "Wellington" after "HMNZS Wellington" may still be the city."""
    names: set[str] = set()
    for para in article.body:
        for m in _SHIP_NAMED.finditer(para.text):
            words = re.sub(r"[’']s$", "", m[1]).split()
            names.add(fold(words[-1]))
            names.add(fold(" ".join(w for w in words if not w.endswith("."))))
    return frozenset(names)


_SHIP_NAMED = re.compile(
    r"\b(?:" + "|".join(sorted(SHIP_PREFIXES)) + r")\s+((?:[A-Z][\w’'-]*\.?\s+){0,3}[A-Z][\w’'-]+)"
)
_THE_JUST_BEFORE = re.compile(r"\bthe\s+$")
# Words that open Arabic and Hebrew place names and are places only with the rest of the
# name ("Majdal Anjar", "Deir al-Ahmar", "Kfar Aza", "Beit Lahia", "Nabi Chit")
# What a site's name ends with; a place by some other name too (Dam, Port, Market)
_SITE_ENDS = _words(
    "dam bridge airport airfield port harbour harbor station hospital school market camp "
    "prison jail mosque church cathedral palace hotel stadium park forest mine tower gate"
)
GIVEN_NAME_TOWN = 10_000  # people: a town this big named alone is a town, not a given name
# Words many places' names open with: "Puerto Valdivia" is a village, not a man called Puerto
_PLACE_HEADS = _words(
    "puerto porto port fort san santa santo sao saint ciudad villa vila bahia cabo monte "
    "nueva nuevo nova novo bandar kampung new old north south east west upper lower"
)
_NAME_HEADS = frozenset(
    ["majdal", "deir", "dayr", "kfar", "kafr", "beit", "bayt", "khirbet", "khirbat", "nabi",
     "mazraat", "jisr", "qasr", "tell", "ain", "ein", "bir", "umm", "bab", "ras", "wadi",
     # Malay and Indonesian: "Muara Baru" is a Jakarta harbour district, not Toli-Toli,
     # which has "Baru" (new) as another name
     "muara", "kota", "tanjung", "pulau", "bukit", "kampung", "kampong", "sungai", "teluk",
     "kuala", "pekan", "bandar", "desa", "pasar"]
)  # fmt: skip
_IN_SHIP_NAME = re.compile(
    r"\b(?:" + "|".join(sorted(SHIP_PREFIXES)) + r")\s+(?:[A-Z][\w’'-]*\.?\s+){0,3}$"
)


# Unions taken once, not for every word of every run
_NOT_A_NAME_WORD = STOP | GEO_SUFFIXES | REGION_WORDS
_NO_OUTLINE = STOP | _CONNECTORS | _MAP_NOUNS


def _spans_in_run(
    pid: str,
    text: str,
    tokens: list[tuple[int, int, str, bool]],
    run: list[int],
    gazetteer: Gazetteer,
    taken: list[tuple[int, int]],
    surnames: set[str],
    region_lists: list[tuple[int, int]],
    ships: frozenset[str] = frozenset(),
) -> list[_Span]:
    words = [tokens[i][2] for i in run]
    keys = [fold(w) for w in words]
    # words as written: "Centre-Nord" is one word, not the organisation word "Centre"
    whole = [fold(w) for w in re.split(r"\s+", text[tokens[run[0]][0] : tokens[run[-1]][1]])]
    named = whole[1:-1] if whole[-1] in REGION_WORDS else whole[1:]  # "Western Division"
    if whole[-1] == "division" and _MILITARY_NEAR.search(
        text, max(0, tokens[run[0]][0] - 60), tokens[run[-1]][1] + 60
    ):
        return []  # "the army's Gaza Division": a formation, not a region
    if any(k in ORG_WORDS for k in named) or (len(whole) > 1 and whole[0] in ORG_WORDS):
        return []  # "Rapid Support Forces", "Kharkiv Regional Military Administration"
    if 2 <= len(keys) <= 3 and not set(keys) & _NOT_A_NAME_WORD:
        after = text[tokens[run[-1]][1] : tokens[run[-1]][1] + 30]
        if _PERSON_AFTER.match(after) or (
            _PERSON_DESCRIBED.match(after) and not set(keys) & (FEATURE_WORDS | GEO_SUFFIXES)
        ):
            # "Marleny Paris, 46,", "Aden Ali told reporters", "Keith Kellogg, Trump's envoy"
            surnames.add(keys[-1])
            return []
        if (
            after.startswith(",")
            and _SAID_BEFORE.search(text, max(0, tokens[run[0]][0] - 12), tokens[run[0]][0])
            and not set(keys) & (TITLES | ORG_WORDS)
            and not gazetteer.known(" ".join(keys))
        ):
            # "said Victoria Amani, a volunteer": the speaker's name, even when her surname
            # is a town somewhere too
            surnames.add(keys[-1])
            return []
    before = text[max(0, tokens[run[0]][0] - 40) : tokens[run[0]][0]].split()
    # "then-president Cristina Fernández", "ex-minister": the title after the hyphen
    titled = bool(before) and re.split(r"[-\s]", fold(before[-1]))[-1] in TITLES
    out: list[_Span] = []
    i = 0
    while i < len(run):
        if keys[i] in TITLES and not (i == 0 and not titled and _titled_place(keys, gazetteer)):
            titled = True  # everything after a title in this run is the person's name
            i += 1
            continue
        if titled:
            if i == len(run) - 1:
                surnames.add(keys[i])  # "spokesman Dmitry Peskov": later "Peskov" is him
            i += 1
            continue
        found = None
        owned: re.Match[str] | None = None  # "'s" that is part of the name found
        # a word of a name that opens with "Majdal", "Deir", "Kfar"…, alone no place
        headed = (keys[i] in _NAME_HEADS and i + 1 < len(run)) or (
            i > 0 and keys[i - 1] in _NAME_HEADS
        )
        for n in range(min(6, len(run) - i), 0, -1):
            # a lowercase "sur" joins ("Boulogne-sur-Mer"); "Consolación del Sur" ends on
            # a capitalised "Sur" (South), which is the name's
            if keys[i + n - 1] in _CONNECTORS and not (n > 1 and _is_cap(words[i + n - 1])):
                continue
            key = " ".join(keys[i : i + n])
            if n == 1 and (key in STOP or key in _MAP_NOUNS or key in surnames or len(key) < 2):
                continue
            if key in ships and (
                _THE_JUST_BEFORE.search(text, max(0, tokens[run[i]][0] - 6), tokens[run[i]][0])
                or _IN_SHIP_NAME.search(text, max(0, tokens[run[i]][0] - 40), tokens[run[i]][0])
            ):
                continue  # "USS Harry S. Truman", then "joined the Truman": the ship
            if n == 1 and i > 0 and (key in GEO_SUFFIXES or key in _FEATURE_ENDS):
                continue  # the "Bay" of "Manila Bay" is no town of Bay
            if n == 1 and headed:
                continue  # "Majdal Anjar" is a village, not al-Majdal (Ashkelon) and Aanjar
            if key in gazetteer.countries or key in gazetteer.demonyms:
                # a country is context; a territory may be a place ("fled to Mayotte")
                land = gazetteer.territory(gazetteer.countries.get(key, ""))
                found = (n, key, [land] if land else [], False)
                break
            cands = gazetteer.lookup(key)
            first, _, rest = key.partition(" ")
            if rest and first == "st":  # "St Patrick" is the parish of Saint Patrick
                saints = gazetteer.lookup(f"saint {rest}")
                cands = [*cands, *(c for c in saints if c not in cands)]
            if rest and first in _DIRECTION_NOUNS:
                # "Southern Province" is New Caledonia's "South Province" too
                other = gazetteer.lookup(f"{_DIRECTION_NOUNS[first]} {rest}")
                cands = [*cands, *(c for c in other if c not in cands)]
            owned = _OWN.match(text, tokens[run[i + n - 1]][1])
            if owned and (named_s := gazetteer.lookup(key + "s")):
                # "St George's" is Grenada's capital, not St George owning something
                cands = [*named_s, *(c for c in cands if c not in named_s)]
            else:
                owned = None
            if not cands and n > 1 and keys[i + n - 1] in REGION_WORDS:
                cands = [c for c in gazetteer.lookup(" ".join(keys[i : i + n - 1]))]
                cands = [c for c in cands if c.kind == "region"]
            if not cands and n == 2 and text[tokens[run[i]][1] : tokens[run[i + 1]][0]] == "-":
                cands = gazetteer.lookup(key.replace(" ", ""))  # "Petion-Ville": Pétionville
            if cands and n > 1 and keys[i + n - 1] == "city":
                # "Djibouti City" is the city, though the region lists it as another name
                town = [c for c in gazetteer.lookup(" ".join(keys[i : i + n - 1]))]
                cands = [*(c for c in town if c.kind == "city"), *cands]
            if cands:
                found = (n, key, cands, False)
                break
        if found is None and keys[i] not in _NO_OUTLINE and keys[i] not in surnames:
            # a transliteration GeoNames lacks ("Hodeidah"): the same consonant outline as a
            # listed name, tried only where no listed name matched, and marked as such
            for n in range(min(3, len(run) - i), 0, -1):
                key = " ".join(keys[i : i + n])
                if keys[i + n - 1] in _CONNECTORS or len(key) < 6 or (n == 1 and headed):
                    continue
                cands = gazetteer.lookup_outline(key)
                cands = [
                    c
                    for c in cands
                    if (c.kind == "region" or c.country in TRANSLITERATED)
                    and (c.population >= OUTLINE_MIN_POPULATION or _spelled_alike(key, c.name))
                ]
                if cands:
                    found = (n, key, cands, True)
                    break
        if found is None:
            i += 1
            continue
        n, key, cands, by_outline = found
        start, end = tokens[run[i]][0], tokens[run[i + n - 1]][1]
        if (
            n == 1
            and i + 2 == len(run)
            # the run's start, or after a comma or a dash ("PEDERNALES, Ecuador — Víctor")
            and (i == 0 or text[tokens[run[i - 1]][1] : start].strip())
            and cands
            and not any(not c.alternate and c.population >= GIVEN_NAME_TOWN for c in cands)
            and gazetteer.known(keys[i + 1])
            and keys[i] not in _PLACE_HEADS
            and keys[i + 1] not in _SITE_ENDS  # "Katse Dam" is the village's dam
            and _given_names(keys[i:], gazetteer)
        ):
            # "Víctor Durán": a given name no sizeable town has as its own name (only
            # villages, or Victorville as another of its names), then a surname that is
            # also a town: a person, and "said Durán" later is him
            surnames.add(keys[i + 1])
            return out
        if owned is not None and cands and not by_outline:
            end = owned.end()
        hyphened = text[tokens[run[i - 1]][1] : start] == "-" if i > 0 else False
        if (
            i > 0
            and i + n == len(run) - 1
            and keys[-1] in _FEATURE_ENDS
            and not hyphened
            and _given_names(keys[:i], gazetteer)
        ):
            return out  # "Ana Chaves Bay": a bay named for someone, not the town of Chaves
        if i > 0 and keys[i - 1] in gazetteer.countries and keys[i - 1] not in _COUNTRY_TOWNS:
            i += n  # "PT Liga Indonesia Baru": a country's name then a town's is a longer name
            continue
        # "The Jhulto Pul": the words after an opening "the" name the bridge, not Poole
        named = keys[1:i] if i > 1 and keys[0] == "the" else keys[:i]
        if i > 0 and i + n == len(run) and not hyphened and _given_names(named, gazetteer):
            if not any(gazetteer.known(k) for k in keys[:i]):
                surnames.add(keys[-1])  # "said Faith Kitale": later "Kitale" is her too
            return out  # a person, or a place GeoNames lacks ("Ras Baalbek" is not Baalbek)
        i += n
        if not cands or any(s < end and start < e for s, e in taken):
            continue  # a country (context only) or inside a curated name
        if cands[0].admin1 == WHOLE_TERRITORY and (
            _OWN.match(text, end)
            or _AFTER_A_PLACE.search(text, max(0, start - 40), start)
            or _NAME_WORD_AFTER.match(text, end)
            or _NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
        ):
            # "Puerto Rico's governor", "San Juan, Puerto Rico": context only; "the Bermuda
            # Triangle", "La Reunión": a longer name
            continue
        if _person(run, i - n, n, keys, gazetteer):
            surnames.add(keys[-1])
            return out
        if _not_a_place(text, start, end, key in gazetteer.capitals):
            continue
        if key in gazetteer.capitals and _capital_speaking(text, start, end):
            continue
        joined = i < len(run) and text[tokens[run[i - 1]][1] : tokens[run[i]][0]] == "-"
        if n <= 2 and i < len(run) and _part_of_longer_name(keys, i, gazetteer, joined):
            continue  # "Mai Kadra", "Aden Ali": we know "Mai", not the name the text gives
        region = keys[i - 1] in REGION_WORDS
        if _COUNTY_AFTER.match(text, end):
            # "Garissa County" is a Kenyan region; "Colchester County" a Canadian county the
            # gazetteer lacks, and no town of the name stands in for it
            if not any(c.kind == "region" for c in cands):
                # but "Wenchuan county, in Sichuan": GeoNames lists the county's name as
                # another name of its seat (Weizhou), which stands in for it
                seats = [c for c in cands if c.kind == "city" and c.alternate]
                if not seats:
                    continue
                cands = seats
            else:
                region = True
        if not region and (d := _DISTRICT_AFTER.match(text, end)):
            # "Mongar district" is Bhutan's first-level Monggar; "Jhapa district" in Nepal
            # is no region GeoNames lists at that level, so the town stands in for it
            named = [c for c in gazetteer.lookup(f"{key} district") if c.kind == "region"]
            if named or any(c.kind == "region" for c in cands):
                cands = [*named, *(c for c in cands if c not in named)]
                end = d.end()
                region = True
        m = _REGION_AFTER.match(text[end:])
        if m and not region:
            end += m.end()
            region = True
        region = region or bool(_GOVERNOR_AFTER.match(text[end:]))
        # "Florida's west coast" in a report on Cuba: a state's coast, not the Cuban town
        region = region or (
            bool(_COAST_AFTER.match(text, end)) and any(c.kind == "region" for c in cands)
        )
        region = region or bool(_REGION_BEFORE.search(text[max(0, start - 30) : start]))
        region = region or any(a <= start < b for a, b in region_lists)
        if i < len(run) and keys[i] == "governor":
            region = True
        near_c, near_r = _beside(text, start, end, gazetteer)
        also = _ALSO_CALLED.match(text[end : end + 60])
        if also:  # both spellings name the place: their shared namesakes come first
            other = {c.geonames_id for c in gazetteer.lookup(fold(also[1]))}
            extra = [c for c in gazetteer.lookup(fold(also[1])) if c not in cands]
            shared = [c for c in [*cands, *extra] if c.geonames_id in other]
            cands = shared or cands
        seat = bool(
            _SEAT_BEFORE.search(text, max(0, start - 40), start)
            or _SEAT_AFTER.match(text[end : end + 60])
        )
        out.append(
            _Span(
                pid,
                start,
                end,
                text[start:end],
                key,
                cands,
                region,
                near_c,
                near_r,
                by_outline,
                seat,
            )
        )
    return out


def _seats_regions(cands: list[Candidate], gazetteer: Gazetteer) -> list[Candidate]:
    """The regions around towns of this name, for "Attapeu province" where GeoNames spells
    the province otherwise (Attapu): provinces are often named after their seat."""
    found: list[Candidate] = []
    seen: set[tuple[str, str]] = set()
    for c in cands:
        if c.kind != "city" or not c.admin1 or (c.country, c.admin1) in seen:
            continue
        seen.add((c.country, c.admin1))
        region = gazetteer.region_of(c.country, c.admin1)
        if region is not None:
            found.append(replace(region, alternate=True))
    return found


def _spelled_alike(key: str, name: str) -> bool:
    """A small town matched by its outline only when the letters agree too: "Afipsky" for
    Afipskiy, "Deir al-Ahmar" for Deïr el Ahmar; not "Jingguang" (a road) for Xingyang,
    whose outline many Chinese villages share."""
    return SequenceMatcher(None, key, fold(name)).ratio() >= SPELLED_ALIKE


def _titled_place(keys: list[str], gazetteer: Gazetteer) -> bool:
    """A place whose name opens with a title: "Sheikh Zuweid" (GeoNames' Ash Shaykh
    Zuwayd), "Sheikh Jarrah", "Emir Abdelkader"."""
    for n in range(min(3, len(keys)), 1, -1):
        key = " ".join(keys[:n])
        if gazetteer.lookup(key):
            return True
        found = gazetteer.lookup_outline(key)
        if any(c.population >= OUTLINE_MIN_POPULATION for c in found):
            return True
    return False


def _person(run: list[int], at: int, n: int, keys: list[str], gazetteer: Gazetteer) -> bool:
    """ "Vladimir Putin", "Paris Hilton": a place name followed by a surname that is no place."""
    if at != 0 or len(keys) not in (2, 3) or n != len(keys) - 1:
        return False
    last = keys[-1]
    not_name = STOP | ORG_WORDS | REGION_WORDS | TITLES | {"city", "town", "village"}
    if last in not_name or last in gazetteer.countries or last in gazetteer.demonyms:
        return False
    return not gazetteer.known(last) and not gazetteer.known(" ".join(keys))


def _given_names(keys: list[str], gazetteer: Gazetteer) -> bool:
    """Whether the capitalised words before a place name make it someone's or something
    else's name: words no list explains, so "Joseph Stalin" is a man, not Donetsk's old
    name, and "Fernando Villavicencio" a man although Fernando is also a town."""
    explained = STOP | TITLES | ORG_WORDS | GEO_SUFFIXES | REGION_WORDS | _CONNECTORS
    explained = explained | FEATURE_WORDS | _NOT_GIVEN
    return all(
        k not in explained and k not in gazetteer.countries and k not in gazetteer.demonyms
        for k in keys
    )


def _part_of_longer_name(
    keys: list[str], nxt: int, gazetteer: Gazetteer, hyphened: bool = False
) -> bool:
    """Whether the run goes on with a capitalised word that no list explains ("San Miguel
    Los Lotes" is not San Miguel), looking past a Spanish or Arabic article."""
    if keys[nxt] in _ARTICLES and nxt + 1 < len(keys):
        nxt += 1
    word = keys[nxt]
    if _a_listed_word(word, gazetteer):
        return False
    if not gazetteer.known(word):
        return True
    # "the Rede Serra Viva": Serra is a Brazilian city, but "Viva" after it is no place,
    # so the three words are one name (a volunteers' network), not Réde in Hungary
    after = keys[nxt + 1] if nxt + 1 < len(keys) else None
    return (
        not hyphened  # "the Bengaluru-Howrah Superfast Express" runs between two cities
        and after is not None
        and not _a_listed_word(after, gazetteer)
        and not gazetteer.known(after)
        and not gazetteer.known(f"{word} {after}")
    )


def _a_listed_word(word: str, gazetteer: Gazetteer) -> bool:
    """A word some list explains as no part of a place's name: a stop word, a title, an
    organisation's, region's or feature's word, a connector, a country or a people."""
    return (
        word in STOP
        or word in TITLES
        or word in ORG_WORDS
        or word in GEO_SUFFIXES
        or word in REGION_WORDS
        or word in _CONNECTORS
        or word in gazetteer.countries
        or word in gazetteer.demonyms
    )


# A publication or news service named after a place: "the Jerusalem Post", "(Gulf of
# Guinea Newswire)", "Riviera Weekly Review"
_PUBLICATION_AFTER = re.compile(
    r"^(?:\s+(?:Weekly|Daily|Evening|Morning|Sunday))?\s+(?-i:Newswire|News|Wire|Times|Post|"
    r"Herald|Review|Gazette|Tribune|Journal|Standard|Monitor|Telegraph|Observer|Express|"
    r"Chronicle|Courier|Mail|Mirror|Report|Reporter|Press|Radio|Television|TV|Independent|"
    r"Insider|Today|Dispatch|Bulletin|Sentinel|Star|Sun|Examiner)\b"
)
# A street or square: "Piazza De Ferrari", "Via Porro", "Plaza de Mayo", "Rue de Rivoli"
_STREET_WORDS = frozenset(
    ["piazza", "piazzale", "via", "viale", "corso", "largo", "plaza", "rue", "calle",
     "avenida", "praca", "praça", "ulitsa", "avenue", "boulevard", "place"]
)  # fmt: skip
# A capitalised word and a Romance "of" before the name: "Elevador do Lavra", "Rua da
# Prata", "Estadio del Sur": the name of something else, not the town
_NAMED_FOR_BEFORE = re.compile(
    r"(?<![.!?]\s)\b(?-i:[A-Z][\w'’-]+)\s+(?:do|da|dos|das|de|del|della|delle|di|du|des)\s+$"
)
# A given name and a capitalised particle: "Vincenzo De Luca", "Ursula Von der Leyen"
_SURNAME_PARTICLE_BEFORE = re.compile(
    r"(?<![.!?]\s)\b([A-Z][\w'’-]+)\s+(?:De|Di|Da|Del|Della|Dos|Das|Du|Van|Von)\s+$"
)
# "Pizzo d'Alvano", "Val d’Orcia": an elided Romance "of" goes on with the name
_ELIDED_AFTER = re.compile(r"^\s+d['’][A-Z]")
# Romance nouns a structure's name opens with, before whom or what it is named for
_NAMING_NOUNS = frozenset(
    ["viaducto", "puente", "ponte", "estadio", "stadio", "aeropuerto",
     "aeroporto", "universidad", "universidade", "colegio", "coliseo", "teatro", "museo",
     "autopista", "carretera", "hospital", "clinica", "avenida", "rua", "calle", "carrera"]
)  # fmt: skip
_COMMENTATORS = (
    r"(?:analysts?|experts?|researchers?|correspondents?|journalists?|diplomats?|consultants?|"
    r"economists?|commentators?|academics?|scholars?|reporters?|editors?|lawyers?|"
    r"think[- ]tanks?|observers?)"
)
_COMMENTATOR_BASED = re.compile(
    _COMMENTATORS + r",?\s+(?:who\s+(?:is|are|was|were)\s+)?based\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_BASED_COMMENTATOR = re.compile(
    r"^-based\s+(?:[\w-]+\s+){0,3}?" + _COMMENTATORS + r"\b", re.IGNORECASE
)
_NAMED_BUILDING_AFTER = re.compile(r"^\s+(?:building|tower|hall|house|block)\b", re.IGNORECASE)
_PUBLICATION_BEFORE = re.compile(
    r"\b(?:newspaper|daily|weekly|tabloid|broadcaster|channel|magazine|news\s+agency|"
    r"news\s+site|website|radio\s+station)\s+$",
    re.IGNORECASE,
)
# a report's header: "Issued: Nairobi / Mogadishu, Friday 24 November 2023"
_ISSUED_BEFORE = re.compile(
    r"\b(?:Issued|Published|Filed)(?::|\s+in|\s+from)\s+(?:[A-Z][\w’'-]+\s*/\s*)*$"
)
# Words a company's name opens with: Indonesia's "PT" (a limited company)
_COMPANY_PREFIXES = frozenset(["PT", "CV"])
# Countries a town's name follows in its usual name: "Congo Brazzaville"
_COUNTRY_TOWNS = frozenset(["congo"])
_STREET_ENDS = frozenset(
    ["road", "street", "avenue", "lane", "drive", "terrace", "way", "park", "square", "plaza"]
)
# a ruler's number: "Mohammed VI", "Abdullah II", "Charles III" (not "I", a pronoun)
_REGNAL_AFTER = re.compile(
    r"^\s+(?:II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)\b(?![’'-])"
)
_NAME_AFTER = re.compile(r"^\s+(?:(?:de|del|della|di|da|do|des|du|la|le|of)\s+)?[A-Z]")


# Buildings that house a government, which a town somewhere shares a name with
_SEATS_OF_POWER = frozenset(["white house", "kremlin", "elysee", "blue house", "pentagon"])


# a company named right after the word for it: "the state oil company, Pemex"
_COMPANY_BEFORE = re.compile(
    r"\b(?:company|firm|corporation|conglomerate|operator|utility|airline|carrier|"
    r"broadcaster|insurer|lender|miner|subsidiary),\s+$"
)


def _not_a_place(text: str, start: int, end: int, capital: bool = True) -> bool:
    """A speaker, a government, an adjective, a part of a longer name, a world region or a
    model name: the name is in the text but not as a place we could draw. `capital`: the
    name may be a national capital, whose officials speak for a government ("officials in
    Kyiv said"); a town's officials act in their town ("officials in Jesenice told
    residents to leave")."""
    after = text[end : end + 80]
    if text[end - 2 : end] in ("'s", "’s"):
        # a name read with its "'s" ("Madrid's first response was"): the owner's words
        # after it are read as they stand in the text
        end -= 2
        after = text[end : end + 80]
    if _PUBLICATION_AFTER.match(after):  # "Gulf of Guinea Newswire": a publication
        return True
    if fold(text[start:end]) in _SEATS_OF_POWER and text[max(0, start - 4) : start] in (
        "the ",
        "The ",
    ):
        return True  # "spoke from the White House": the president's house, no Tennessee town
    if fold(text[start:end]) in _STREET_ENDS:
        return True  # "St Luke's Road", "Farnsworth Park": a name's end, no village "Road"
    if fold(text[start:end]) in _STREET_WORDS and _NAME_AFTER.match(after):
        return True  # "Piazza De Ferrari": a square in Genoa, not the town of Piazza
    if _NAMED_FOR_BEFORE.search(text, max(0, start - 30), start):
        return True  # "Elevador do Lavra": a longer name
    if _COMPANY_BEFORE.search(text, max(0, start - 30), start):
        return True  # "Mexico's state oil company, Pemex": a company, no town of Pemex
    if (particle := _SURNAME_PARTICLE_BEFORE.search(text, max(0, start - 30), start)) and fold(
        particle[1]
    ) not in STOP:
        return True  # "Vincenzo De Luca": a man, not Lucca (but "in De Aar" is a town)
    if _NAMED_BUILDING_AFTER.match(after) and text[max(0, start - 4) : start].lower() == "the ":
        return True  # "the Davies building": a building named for someone, not Davis
    if _PUBLICATION_BEFORE.search(text, max(0, start - 30), start):
        return True  # "the Communist Party newspaper Granma": a paper, not the province
    if _ISSUED_BEFORE.search(text, max(0, start - 60), start):
        return True  # "Issued: Nairobi / Mogadishu": where an update was written
    if _ELIDED_AFTER.match(after):
        return True  # "the Pizzo d'Alvano massif" is no town of Pizzo
    if _COMMENTATOR_BASED.search(text, max(0, start - 60), start) or _BASED_COMMENTATOR.match(
        after
    ):
        return True  # "said an analyst based in Nairobi": where a voice sits, no event
    if _an_alias(text, start, after):
        return True  # "Javorník (Jawornik in Polish)": the place before, in another tongue
    if (
        (_SPEECH.match(after) or _ACTOR_AFTER.match(after))
        and not _SPEAKER_OF_BEFORE.search(text, max(0, start - 40), start)
        # "fishermen who worked the river between Juatuba and Bicas say": the fishermen
        # speak; the towns are inside the clause that says who they are
        and not _IN_RELATIVE_CLAUSE.search(text, max(0, start - 80), start)
        and not _MET_IN_BEFORE.search(text, max(0, start - 40), start)
        # "Police in Minamiaso pulled search teams back", "medics in Izium said": people
        # in a town, speaking or acting there (a capital's police speak for no government
        # either, but "officials in Kyiv" and "the Hurricane Center in Miami" sit there)
        and not _PEOPLE_IN.search(text, max(0, start - 30), start)
        # "officials in Erbil Governorate said": a region's own officials ("officials in
        # Durban warned" only says who spoke)
        and not (
            _REGION_NAMED.search(text, start, end)
            and _OWN_OFFICIALS_IN.search(text, max(0, start - 40), start)
        )
    ):
        return True  # "Kyiv denied"; but "the mayor of Paczków ordered" speaks of a place
    if _ADJECTIVAL.match(after):
        return True
    if _LONGER_NAME.match(after):  # "Lanao del Sur": a longer name than the one we know
        return True
    # "Carondelet, the presidential palace" is not the town; but "In Dnipro, a maternity
    # hospital was damaged" opens with where it was
    if _BUILDING_AFTER.match(after) and not _FRONTED_LOCATIVE.search(
        text, max(0, start - 14), start
    ):
        return True
    if _INSTITUTION_AFTER.match(after):  # "the Getúlio Vargas state hospital": a name
        return True
    if _GROUP_AFTER.match(after):  # "Gulf states", "Caribbean leaders": a group, no place
        return True
    if _WHO_AFTER.match(after) and not _LOCATIVE_BEFORE.search(text, max(0, start - 12), start):
        return True  # "El Chapo, who was born in La Tuna": a person; not "in Kairouan, who"
    if _NICKNAME.search(text, max(0, start - 30), start) and _NICKNAME_END.match(after):
        return True  # Joaquín "El Chapo" Guzmán
    if _TIME_ZONE.match(after):  # "9 a.m. Moscow time"
        return True
    if _GANG_AFTER.match(after):
        return True
    if _TOLD_BEFORE.search(text, max(0, start - 8), start) and _TOLD_AFTER.match(after):
        return True  # "a source told Meridian that": a news agency or a government, told
    if _WEAPON_AFTER.match(after):
        return True  # "Tomahawk cruise missiles": a model
    if _AIRLINE_AFTER.match(after):
        return True
    if _TREATY_AFTER.match(after):
        return True
    if _HEAD_OF_GOVERNMENT_AFTER.match(after):
        return True  # "Kurdistan Region Prime Minister Masrour Barzani": his title
    if _REGNAL_AFTER.match(after):
        return True  # "Mohammed VI Square": a king's name, not Mohammedia
    if _NUMBER_AFTER.match(after) and " " not in text[start:end]:
        return True  # "Line 5 of the metro", "Gate 3": a label, not a town
    if _FEATURE_AFTER.match(after) or _RIVER_APPOSITION.match(after):
        return True  # "the Wei river": the river, not a town of that name
    if _BAY_AFTER.match(after):
        return True  # "San Pedro Bay" off Tacloban is no town of San Pedro near Manila
    before = text[max(0, start - 40) : start]
    if _PERSONAL_NAME_BEFORE.search(before):
        return True  # "who gave only her first name, Victoria": a woman, not Hong Kong
    prev = _PREV_WORD.search(before)
    if prev is not None:
        word = prev[1]
        if word.lower() in FEATURE_WORDS or any(ch.isdigit() for ch in word):
            return True  # "Lake Lanao" is not Lanao; "P-3 Orion" is an aircraft
        if word in SHIP_PREFIXES:
            return True  # "HMNZS Wellington", "USS Carney": a ship, not the city
        if word.lower() in STORM_WORDS:
            return True  # "Tropical storm Son-Tinh", "Cyclone Freddy": a storm's name
        if fold(word) in _NAMING_NOUNS:
            return True  # "the Viaducto César Gaviria Trujillo": a bridge named for a man
        if word in _COMPANY_PREFIXES:
            return True  # "PT Liga Indonesia Baru": a company, not Riga
        if fold(f"{word} {text[start:end]}") in WORLD_REGIONS:
            return True  # "Southeast Asia"
    if fold(text[start:end]) in WORLD_REGIONS:
        return True
    if _SPEAKERS_IN.search(before):
        # "officials in Kyiv warned", "leaders in Brussels condemned"; but "met Zuma and
        # regional officials in Pretoria" is where they met
        town_speaks = not capital and "leaders" not in before.lower()
        return not town_speaks and not _MET_BEFORE.search(text, max(0, start - 120), start)
    according = _ACCORDING.search(before)
    if according is None and (pair := _FIRST_OF_PAIR.search(before)) is not None:
        # "requests from both Moscow and Kyiv": the second of the pair is asked for too
        first = start - (len(before) - pair.start())
        before = text[max(0, first - 40) : first]
        according = _ACCORDING.search(before)
    if according and not capital and _AUTHORITIES_IN.search(according[0]):
        return False  # "the authorities in Jesenice told residents": the town's own
    if according and _RULES_REGIME.search(before):
        return False  # "a counter-terrorism regime in Derbent": rules in force, no rulers
    return bool(according)


_FIRST_OF_PAIR = re.compile(r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+)?\s+(?:and|or)\s+$")
_PERSONAL_NAME_BEFORE = re.compile(
    r"(?i:\b(?:first|given|christian|middle|last|family)\s+names?,?\s+(?:(?:is|was|as)\s+)?)$"
    # "a resident who gave her name only as Saida": a woman, not Sidon
    r"|(?i:\bnames?\s+(?:only\s+|simply\s+|just\s+)?as\s+)$"
    # "her two small sons, Ariel and Kfir": children, not the Ariel settlement (nor
    # Jerusalem, which GeoNames also calls Ariel)
    r"|(?i:\b(?:sons?|daughters?|children|wife|husband|brothers?|sisters?|mother|father|"
    r"grand(?:sons?|daughters?|children|mother|father)|nephews?|nieces?|cousins?|twins|"
    r"babies|baby|boys|girls)),\s+(?:[A-Z][\w’'-]+,?\s+(?:and\s+)?)?$"
    # "the tombs of Ahmad and Muhammad": people buried there, not Kuwait's Al Ahmadi
    r"|(?i:\b(?:tombs?|mausoleums?)\s+of\s+)(?:[A-Z][\w’'-]+,?\s+(?:and\s+)?)?$"
)
_AUTHORITIES_IN = re.compile(r"^(?:government|authorities|administration)\s+in\b", re.I)
_RULES_REGIME = re.compile(
    r"\b(?:counter-?terror\w*|anti-?terror\w*|security|legal|emergency|curfew|quarantine|"
    r"martial[- ]law|special|operation(?:al)?|sanctions?|visa|customs|tax|ceasefire|"
    r"lockdown)\s+regime\s+in\s+(?:the\s+)?$",
    re.I,
)


# "In Jakarta, President Joko Widodo praised…", "In Washington, the Pentagon said…"
_IN_BEFORE = re.compile(r"(?:^|[.;:!?]\s+|,\s+|\band\s+)In\s+$")
_SPEAKER_AFTER = re.compile(
    r"^,\s+(?:(?:the\s+)?(?:[A-Z][\w’'.-]*,?\s+){1,6}|(?:(?:senior|government|"
    r"security|military)\s+)?officials\s+|the\s+(?:government|ministry|authorities|"
    r"foreign\s+ministry|president|prime\s+minister)\s+)"
)


# "a flight arranged by Baghdad": the government acts, the city is not where it happens
_BY_GOVERNMENT = re.compile(
    r"\b(?:arranged|organi[sz]ed|backed|brokered|sponsored|funded|financed|ordered|imposed|"
    r"recogni[sz]ed|approved|supported|chartered|sent|demanded|requested|rejected|condemned|"
    r"denounced|opposed|disputed|denied|welcomed|praised|critici[sz]ed)\s+by\s+$"
)


# what a capital's government has: "Baku's claims", "Moscow's troops", "Rabat's campaign"
_GOVERNMENT_OWNS = re.compile(
    r"[’']s\s+(?:own\s+|latest\s+|new\s+|long-standing\s+|growing\s+|repeated\s+)?"
    r"(?:anger|frustration|displeasure|objections?|outrage|concerns?|"
    r"claims?|positions?|decisions?|forces|troops|army|"
    r"military|government|officials|response|demands?|offers?|allies|stance|account|version|"
    r"denials?|statements?|proposals?|polic(?:y|ies)|ambassadors?|envoys?|diplomats?|"
    r"recognition|sovereignty|bid|campaign|strategy|assertions?|narrative|regime|backing|"
    r"support|involvement|intervention|retaliation|answer|reply|riposte|reaction)\b"
)
# a capital asked, urged or blamed: "called on Paris not to", "accused Kigali of"
_ASKED_BEFORE = re.compile(
    r"\b(?:call(?:s|ed)?\s+on|urg(?:es|ed)|press(?:es|ed)|ask(?:s|ed)|appeal(?:s|ed)\s+to|"
    r"accus(?:es|ed)|blam(?:es|ed)|critici[sz](?:es|ed)|condemn(?:s|ed))\s+$"
)
_ASKED_AFTER = re.compile(r"\s+(?:not\s+to|to|of|for|over)\b")
# "Ottawa would carefully review the recommendations": a capital deciding is its government
_GOVERNMENT_WILL = re.compile(
    r"\s+(?:would|will|should|must|could|can|cannot|may)\s+(?:(?:not|also|now|soon|carefully|"
    r"closely|quickly|still|never)\s+){0,2}(?:review|consider|respond|study|examine|decide|"
    r"act|support|send|take|seek|push|insist|press|work|help|retaliate|recognise|recognize|"
    r"accept|reject|refuse|allow|approve|comply|cooperate|negotiate|pay|fund|provide|"
    r"implement|investigate|ask|demand|expel|summon|sanction|veto|join|sign|pretend|afford|"
    r"ignore|tolerate|claim|argue|deny|admit|justify)\b",
    re.IGNORECASE,
)
# "For Moscow, the coming weeks will test…", "and for Moscow it has always been about
# more than transport": the capital's point of view, its government's
_FOR_GOVERNMENT_BEFORE = re.compile(r"(?:^|[.;:]\s+|\band\s+|\bbut\s+)[Ff]or\s+$")
_FOR_GOVERNMENT_AFTER = re.compile(r",|\s+(?:it|this|that)\s+(?:is|was|has|had|would|will)\b")


# a territory a capital holds: "Mayotte, which Paris administers and Moroni claims"
_WHICH_BEFORE = re.compile(r"\b(?:which|that|whom)\s+$|\band\s+$")
_GOVERNS_AFTER = re.compile(
    r"\s+(?:administers|administered|claims|claimed|controls|controlled|governs|governed|"
    r"rules|ruled|annexed|occupies|occupied)\b"
)
_AMONG_GOVERNMENTS_AFTER = re.compile(
    r"(?:,\s*[A-Z][\w’'-]+)*(?:,?\s+and\s+[A-Z][\w’'-]+)?\s+(?:were|are|was|is)\s+among\s+"
    r"(?:the\s+)?(?:\w+\s+)?(?:governments|countries|nations|capitals|states)\b"
)
# "Bangkok closed all land crossings with Cambodia": a capital acting on its borders or ties
_GOVERNMENT_ACTS = re.compile(
    r"\s+(?:has\s+|had\s+)?(?:closed|shut|sealed|reopened|opened|suspended|severed|cut|"
    r"restored|downgraded|halted|banned)\s+(?:all\s+|its\s+|the\s+)*(?:land\s+|air\s+)?"
    r"(?:borders?|crossings?|border\s+crossings?|checkpoints|embassy|airspace|ties|relations|"
    r"trade|flights|imports|exports)\b",
    re.IGNORECASE,
)


def _capital_speaking(text: str, start: int, end: int) -> bool:
    """A national capital opening a sentence whose subject then speaks, or acting as its
    government ("arranged by Baghdad", "Ottawa would review"): the capital is where the
    government is, not where the events are."""
    if _BY_GOVERNMENT.search(text, max(0, start - 30), start):
        return True
    if _ASKED_BEFORE.search(text, max(0, start - 20), start) and _ASKED_AFTER.match(text, end):
        return True  # "called on Paris not to shelter him", "accused Kigali of backing"
    if _GOVERNMENT_WILL.match(text, end) or _GOVERNMENT_ACTS.match(text, end):
        return True
    if _WHICH_BEFORE.search(text, max(0, start - 8), start) and _GOVERNS_AFTER.match(text, end):
        return True  # "Mayotte, which Paris administers and Moroni claims"
    if _AMONG_GOVERNMENTS_AFTER.match(text, end):
        return True  # "Amman, Athens and Paris were among the governments that condemned it"
    if _FOR_GOVERNMENT_BEFORE.search(text, max(0, start - 12), start) and (
        _FOR_GOVERNMENT_AFTER.match(text, end)
    ):
        return True
    after = text[end : end + 80]
    if (
        _SPEECH.match(after)
        and not after.lstrip().lower().startswith("and")
        and not _SPEAKER_OF_BEFORE.search(text, max(0, start - 40), start)
        and not _PEOPLE_IN.search(text, max(0, start - 30), start)
    ):
        # "an incident that foreshadowed how tightly Moscow meant to control the strait":
        # a capital that is itself the verb's subject, inside a clause or not
        return True
    if _GOVERNMENT_OWNS.match(text, end):
        return True  # "Baku's claims of advances", "Moscow's forces"
    if not _IN_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    m = _SPEAKER_AFTER.match(text[end : end + 120])
    return bool(m) and bool(_SPEECH.match(text[end + m.end() - 1 : end + m.end() + 80]))


def _beside(
    text: str, start: int, end: int, gazetteer: Gazetteer
) -> tuple[set[str], set[tuple[str, str]]]:
    """Countries and regions named right after ("Moscow, Idaho", "Tripoli in northern
    Lebanon") or just before with a possessive ("Lebanon's northern city of Tripoli")."""
    countries: set[str] = set()
    regions: set[tuple[str, str]] = set()
    m = _APPOSITION.match(text[end : end + 70])
    if m and m[0].startswith(",") and _CLAUSE_GOES_ON.match(text, end + m.end()):
        m = None  # "killed in Baghdad, Iran fired missiles": Iran opens the next clause
    before = text[max(0, start - 45) : start]
    before_words = [w for w in re.findall(r"([A-Z][\w’'-]+)[’']s\b", before)]
    words = re.findall(r"[A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?", m[1])[:2] if m else []
    if m:  # "Lae, Papua New Guinea": a country of three words, not the region "Papua"
        named = m[1].split()
        for n in range(len(named), 1, -1):
            code = gazetteer.countries.get(fold(" ".join(named[:n])))
            if code:
                return {code}, set()
    words += before_words[-1:]
    for w in words:
        for part in (w, w.split(" ")[0]):
            key = fold(part)
            if key in STOP:
                continue
            code = gazetteer.countries.get(key)
            if code:
                countries.add(code)
                break
            found = gazetteer.lookup(key)
            towns = {c.country for c in found if c.kind == "city"}
            listed = m is not None and _LIST_GOES_ON.match(text, end + m.end())
            for c in found:
                if c.kind == "region" and not c.alternate:
                    if listed and c.country in towns:
                        continue  # "Wangdue Phodrang, Trongsa and Gasa": three towns
                    regions.add((c.country, c.admin1))
            if regions:
                break
    owner = _OWNER_BEFORE.search(before)
    if owner and not countries and not regions:
        # "Moulvibazar's Kamalganj": a town the owner holds, so in the owner's country
        # when all the owner's namesakes lie in one (not Kamalganj in India)
        lands = {c.country for c in gazetteer.lookup(fold(owner[1])) if c.kind == "city"}
        if len(lands) == 1:
            countries |= lands
    if m and not countries and not regions and _NEAR_WORDS.search(m[0]):
        # "Phoenix, a suburb north of Durban": near a city, so in that city's country
        cities = [c for c in gazetteer.lookup(fold(m[1].strip())) if c.kind == "city"]
        big = {c.country for c in cities if c.population >= NEAR_CITY}
        if len(big) == 1:
            countries |= big
    return countries, regions


_OWNER_BEFORE = re.compile(r"\b([A-Z][\w’'-]+)[’']s\s+$")
# a verb after the name beside a town: that name is the next clause's subject
_CLAUSE_GOES_ON = re.compile(
    r"\s*(?:has|have|had|is|was|were|are|will|would|could|said|says|fired|struck|hit|"
    r"launched|[a-z]{3,}ed)\b"
)
# a list goes on after the name: "Wangdue Phodrang, Trongsa and Gasa", "A, B, C"
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*[A-Z]")
# What says the place lies beside the city named next: "a suburb north of Durban"
_NEAR_WORDS = re.compile(
    r"\b(?:suburb|township|district|neighbou?rhood|outskirts|village|town)\b"
    r"[^,;]*\b(?:of|near|outside)\s+(?:the\s+)?[A-Z][\w’'-]+\s?$"
)
NEAR_CITY = 100_000  # people: a city this large is the one meant, when it is the only one


def _curated_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, Candidate]]:
    """Curated names, leftmost first and longest at each place; matches never overlap."""
    pattern = gazetteer.curated_pattern
    if pattern is None:
        return []
    folded = lower_fold(text)
    spans: list[tuple[int, int, Candidate]] = []
    for m in pattern.finditer(folded):
        alias = m.group(0)
        if " " not in alias and text[m.start()].islower():
            continue  # a one-word name must be capitalised: "bridge" is not a place
        place = gazetteer.curated[alias]
        lon, lat = place.anchor
        cand = Candidate(
            place.name, place.geonames_id, (place.country or [""])[0], 0, lon, lat, "curated", place
        )
        spans.append((m.start(), m.end(), cand))
    return spans


_MANY_ANCHORS = 32  # past this, anchors are measured all at once (numpy)


class _AnchorTable:
    """The anchors' positions (radians) and names as arrays that grow as anchors are
    added, doubling their room: a long report measures thousands of candidates against
    hundreds of anchors, so each measurement is one numpy pass, with nothing rebuilt."""

    def __init__(self) -> None:
        self.rad = np.empty((64, 2))
        self.keys = np.empty(64, dtype=object)
        self.places: list[Candidate] = []

    def add(self, key: str, place: Candidate) -> None:
        n = len(self.places)
        if n == len(self.keys):
            self.rad = np.concatenate([self.rad, np.empty_like(self.rad)])
            self.keys = np.concatenate([self.keys, np.empty_like(self.keys)])
        self.rad[n] = (math.radians(place.lat), math.radians(place.lon))
        self.keys[n] = key
        self.places.append(place)

    def nearest(self, c: Candidate, mine: str, start: int) -> tuple[float, Candidate] | None:
        """The nearest of the anchors from `start` on that are not named `mine`."""
        end = len(self.places)
        if end - start <= _MANY_ANCHORS:  # a loop is cheaper for a few
            near = [
                (_km(c, a), a)
                for k, a in zip(self.keys[start:end], self.places[start:end], strict=True)
                if k != mine
            ]
            return min(near, key=lambda t: t[0]) if near else None
        la1, lo1 = math.radians(c.lat), math.radians(c.lon)
        la2, lo2 = self.rad[start:end, 0], self.rad[start:end, 1]
        h = (
            np.sin((la2 - la1) / 2) ** 2
            + math.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
        )
        km = 2 * 6371 * np.arcsin(np.minimum(1.0, np.sqrt(h)))
        km[self.keys[start:end] == mine] = np.inf
        i = int(np.argmin(km))  # the first of equals, as the loop's min
        return None if km[i] == np.inf else (float(km[i]), self.places[start + i])


def _nearest_anchor(c: Candidate, span: _Span, ctx: _Context) -> tuple[float, Candidate] | None:
    """The report's other anchor nearest to `c`, with its distance in km. Each candidate
    keeps its nearest so far and is measured only against anchors added since."""
    key = (c.lat, c.lon, span.key)
    best, seen = ctx.nearest.get(key, (None, 0))
    total = len(ctx.table.places)
    if seen < total:
        found = ctx.table.nearest(c, span.key, seen)
        if found is not None and (best is None or found[0] < best[0]):
            best = found
        ctx.nearest[key] = (best, total)
    return best


def _nearest_km(c: Candidate, span: _Span, ctx: _Context) -> float:
    """To the report's nearest other place, up to NEAR_TIE_KM: beyond it, two namesakes
    are both far, and the nearer is no likelier (Washington, Maine is not nearer Doha's
    story than Washington DC in any sense that matters)."""
    near = _nearest_anchor(c, span, ctx)
    return min(near[0], NEAR_TIE_KM) if near is not None else NEAR_TIE_KM


NEAR_TIE_KM = 600
FAR_ALIAS_KM = 1500  # a place this far from the report's, by another of its names, is doubtful
NEAR_KM = 50  # a namesake this close to the report's places is beside them


def _km(a: Candidate, b: Candidate) -> float:
    """Great-circle distance; plenty exact for "near" and "far"."""
    return _km_between(a.lat, a.lon, b.lat, b.lon)


@cache
def _km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Memoised within a report (find_mentions clears it): every candidate is measured
    against the same few anchors, in each pass and for every mention of the same name."""
    return km_between(lat1, lon1, lat2, lon2)


def _score(span: _Span, c: Candidate, ctx: _Context) -> tuple[float, list[str]]:
    why: list[str] = []
    if c.kind == "curated":
        return 1.3, ["curated place in the dataset"]
    if c.kind == "region":
        score = 0.6
        if set(fold(c.name).split()) <= _GENERIC_REGION_WORDS and not (
            ctx.countries.get(c.country) or ctx.inferred.get(c.country)
        ):
            # "Southern Province" is in Zambia, Sri Lanka, Rwanda and Sierra Leone: only
            # the one in a country the report names is meant
            score -= 0.6
            why.append("a name many countries give a region, and the report names not this one")
        if span.region_wanted:
            score += 0.55
            why.append("the text says region/province/governor")
            if not (ctx.countries.get(c.country) or ctx.inferred.get(c.country)) and any(
                ctx.countries.values()
            ):
                # "the West Coast Region of the Gambia" is neither Western Australia nor New
                # Zealand's West Coast: a region in a country the report never names nor
                # places anything in, while it names others
                score -= 0.6
                why.append("a region in a country the report does not name")
        elif any(o.kind != "region" for o in span.candidates):
            towns = [o for o in span.candidates if o.kind != "region"]
            if (c.country, c.admin1) in ctx.regions and not any(
                (o.country, o.admin1) == (c.country, c.admin1) for o in towns
            ):
                # "Ishikawa Governor" earlier, then "in Ishikawa": the region the report
                # named, not a namesake town outside it
                score += 0.25
                why.append("the report names this region elsewhere; the town is outside it")
            elif c.population >= KNOWN_REGION and all(
                o.population < TINY_BESIDE_REGION or (o.alternate and o.population < 100_000)
                for o in towns
                # "in Florida" in a report on Maryland: Florida in Cuba, a country the
                # report never names, is no rival of a state in the report's own country
                if not _home_country(c.country, span, ctx)
                or o.country == c.country
                or ctx.countries.get(o.country)
            ):
                # "northern California": a state of 39 million, not a town of 6,608
                score += 0.35
                why.append(f"a region of {c.population:,} people; its namesakes are small towns")
            elif (
                c.population >= KNOWN_REGION
                and not c.alternate
                and all(o.alternate and o.population * 10 < c.population for o in towns)
            ):
                # "across Selangor": the state's own name, only another name of Kuala
                # Selangor, a town of 56,000 in it
                score += 0.35
                why.append(
                    f"a region of {c.population:,} people by its own name; the towns have it "
                    "only as another name"
                )
            else:
                score -= 0.35  # "Kursk" alone is the city; the region needs its word
        elif span.key.rsplit(" ", 1)[-1] in WATER_WORDS:
            score -= 1.0  # "the Red Sea" is the sea, not Egypt's Red Sea governorate
        elif c.alternate and not ctx.countries.get(c.country):
            score -= 0.35  # "Red Sea" is also a Sudanese state's other name
        else:
            score += 0.1
            why.append("only a region has this name")
            if ctx.named[span.key] >= REPEATED:
                # "Tobago's shore", "the coasts of Tobago" … named over and over in a
                # report that never names its country: the report is about it
                score += 0.15
                why.append(f"named {ctx.named[span.key]} times in the report")
            if not c.alternate and len(span.candidates) == 1 and c.population >= KNOWN_REGION:
                # "Kerala", "Limpopo": a report may name no country beside a region this
                # well known; it then says where the report is, as a country's name would
                score += 0.25
                why.append(f"the one place of this name, a region of {c.population:,} people")
    elif c.kind == "feature":
        return _feature_score(span, c, ctx)
    else:
        # GeoNames gives 0 where it has no census figure (district seats, Myanmar and
        # Colombian towns): unknown is not tiny, so it counts as a small town's
        people = c.population or UNKNOWN_POPULATION
        if is_capital(c, ctx.capitals):
            # GeoNames counts some capitals' central district only (Kuwait City, 60,064):
            # a national capital is as well known as a city of a million
            people = max(people, CAPITAL_POPULATION)
        score = min(1.0, math.log10(people + 10) / 7)
        if span.region_wanted:
            score -= 0.5
    near_regions = span.near_regions
    if any(ctx.countries.values()):
        # "Brikama, the capital of the West Coast Region": no region of that name lies in
        # a country the report names (New Zealand has one), so it says nothing of Brikama
        near_regions = {
            r for r in near_regions if ctx.countries.get(r[0]) or ctx.inferred.get(r[0])
        }
    if span.near_countries or near_regions:
        if c.country in span.near_countries or (c.country, c.admin1) in near_regions:
            score += 0.6
            why.append("the country or region named beside it")
        else:  # the text says where it is, and this namesake is elsewhere
            score -= 0.6
    if ctx.countries.get(c.country, 0) > 0:
        score += 0.4
        why.append(f"the report names {c.country} {ctx.countries[c.country]} time(s)")
    elif others := ctx.inferred.get(c.country, set()) - {span.key}:
        # one place named once in a country the report never names ("the ash advisory
        # centre in Washington") says less than the country it does name
        once = len(others) == 1 and ctx.named[next(iter(others))] < 2
        score += INFERRED_ONE if once and any(ctx.countries.values()) else 0.4
        names = ", ".join(sorted(others))
        why.append(f"other places of the report lie in {c.country} ({names})")
    if (
        c.alternate
        and not ctx.countries.get(c.country)
        and any(o.country != c.country and ctx.countries.get(o.country) for o in span.candidates)
        and any(not o.alternate and ctx.countries.get(o.country) for o in span.candidates)
    ):
        # "Gasa" in a report on Bhutan: a Bhutanese town's own name, and only another
        # name of Gaza, in a country the report does not name
        score -= 0.3
        why.append("another name of a place outside the report's countries")
    if c.country != ctx.consensus[0] and span.key in ctx.consensus[1]:
        # "Gasa" in a report whose other names all lie in Bhutan: not Gaza's other name
        score -= 0.3
        why.append(f"the report's names lie in {ctx.consensus[0]}, and so does one of this name")
    if (c.country, c.admin1) in ctx.regions and c.kind == "city":
        score += 0.15
        why.append("its region is named in the report")
    near = _nearest_anchor(c, span, ctx)
    others = near is not None
    d = math.inf  # to the nearest other place of the report
    if near is not None:
        d, nearest = near
        if d < 50:
            score += 0.25
        elif d < 200:
            score += 0.15
        elif d < 600:
            score += 0.05
        elif _world_city(c, span):
            # "on a visit to Moscow" in a report on Mindanao: a city of millions that no
            # namesake rivals is where the text means, however far from the story
            score += 0.15
            why.append(f"a city of {c.population:,} that no namesake rivals")
        elif d > 2000:
            score -= 0.3
        why.append(f"{d:,.0f} km from {nearest.name}")
    if c.admin1 == WHOLE_TERRITORY and others and d > TERRITORY_NEAR_KM:
        # "La Reunión", a golf resort in Guatemala, is not the island 15,000 km away
        score -= 0.6
        why.append("a territory far from the report's places")
    if (
        c.kind == "city"
        and any(ctx.countries.get(iso) for iso in _capital_names(ctx.capitals).get(span.key, ()))
        and not is_capital(c, ctx.capitals)
        and ctx.countries.get(c.country, 0) <= 1
        and not (span.near_countries or span.near_regions)
    ):
        # "the NATO summit in Washington" in a report that names the US and the British
        # once: not the English town of Washington; a capital's namesake in a country named
        # once needs its country beside it ("Moscow, Idaho") when the report also names the
        # capital's country (a bare "Tripoli" after "Tripoli in northern Lebanon", in a
        # report that never names Libya, stays Lebanon's)
        score -= 0.5
        why.append("another place of a national capital's name, in a country named once")
    if (
        c.alternate
        and any(
            not o.alternate
            and o.country == c.country
            and o.kind == c.kind
            and o.population >= c.population
            for o in span.candidates
        )
        # "In Nishihara, a farming village north of Mashiki": a village beside the report's
        # places by another name, not Okinawa's Nishihara 775 km away by its own
        and not (
            d < NEAR_KM
            and all(
                _nearest_km(o, span, ctx) >= NEAR_TIE_KM
                for o in span.candidates
                if not o.alternate and o.country == c.country and o.kind == c.kind
            )
        )
    ):
        # "Bahawalpur" is Bahawalpur, a city of 900,000, before it is another name of
        # Bahawalnagar, a smaller town in the same province
        score -= 0.3
        why.append(f"'{span.text}' is a larger place's own name in the same country")
    if c.alternate and any(
        not o.alternate
        and o.country != c.country
        and ctx.countries.get(o.country)
        and is_capital(o, ctx.capitals)
        for o in span.candidates
    ):
        # "parliament in Islamabad" in a report on Kashmir that names Pakistan: Pakistan's
        # capital by its own name, not Anantnag, which Kashmiris also call Islamabad
        score -= 0.3
        why.append(f"'{span.text}' is the own name of a named country's capital")
    if c.alternate and others and d > FAR_ALIAS_KM and not ctx.countries.get(c.country):
        # "the Madina district" of Mogadishu: not Medina, 1,800 km away in a country the
        # report never names, by one of its other names
        score -= 0.3
        why.append("another name of a far place, in a country the report does not name")
    if c.alternate and c.population < 100_000:
        score -= 0.1
        if others and d > 500:
            score -= 0.3  # an old or foreign name of a small town far from the story
            why.append("a small town's other name, far from the report's places")
    if span.by_outline:
        score -= OUTLINE_PENALTY
        why.append(f"spelling '{span.text}' matched by its consonant outline only")
        if d > OUTLINE_NEAR_KM:
            score -= 1.0  # no place of the report nearby vouches for the guess
            why.append("no other place of the report lies near it")
        elif c.population < OUTLINE_MIN_POPULATION and (
            d > OUTLINE_SMALL_NEAR_KM or not ctx.countries.get(c.country)
        ):
            score -= 1.0
            why.append("a small place matched by outline, not beside the report's places")
    if c.alternate:
        why.append(f"'{span.text}' is one of its alternate names")
    if (span.key in COMMON_WORDS or span.key in ctx.lowercase_words) and " " not in span.key:
        score -= 0.4
        why.append("the name is also a common word")
    return score, why


def _feature_score(span: _Span, c: Candidate, ctx: _Context) -> tuple[float, list[str]]:
    """A sea, river or mountain: a name of two words ("Kerch Strait", "Golan Heights") is
    the feature; one word ("Dnipro", "Sahel") yields to a town or region of that name,
    unless the report's countries and places are where the feature is."""
    why = [f"a {c.feature_kind} about {c.radius_km:,.0f} km across from its point"]
    score = 1.0 if " " in span.key else 0.75
    if " " not in span.key and any(o.kind in ("city", "region") for o in span.candidates):
        score -= 0.35
    named = sorted(k for k in c.countries if ctx.countries.get(k, 0) > 0)
    # or where the report's other places lie: a report on Tobago never names its country
    placed = sorted(k for k in c.countries if ctx.inferred.get(k, set()) - {span.key})
    if named:
        score += 0.3
        why.append(f"it touches {', '.join(named)}, which the report names")
    elif placed:
        score += 0.3
        why.append(f"it touches {', '.join(placed)}, where other places of the report lie")
    near = _nearest_anchor(c, span, ctx)
    if near is not None:
        d, nearest = near
        d = max(0.0, d - c.radius_km)
        if d < 100:
            score += 0.2
        elif d > 2000 and len(span.candidates) > 1:
            score -= 0.4  # far, and the name has a namesake nearer: "the Cape of Good Hope"
            # alone stays, however far from the story's ships
        why.append(f"{d:,.0f} km beyond its extent from {nearest.name}")
    if (span.key in COMMON_WORDS or span.key in ctx.lowercase_words) and " " not in span.key:
        score -= 0.4
        why.append("the name is also a common word")
    return score, why


def _home_country(country: str, span: _Span, ctx: _Context) -> bool:
    """Whether the report names this country, or puts two other places of its own in it."""
    return (
        bool(ctx.countries.get(country)) or len(ctx.inferred.get(country, set()) - {span.key}) >= 2
    )


@cache
def _capital_names(capitals: frozenset[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """The countries whose national capital has each folded name."""
    names: dict[str, list[str]] = {}
    for name, iso in capitals:
        names.setdefault(name, []).append(iso)
    return {name: tuple(isos) for name, isos in names.items()}


_IN_RELATIVE_CLAUSE = re.compile(r"\b[a-z]+\s+(?:who|that)\s+(?:[^,.;:]\s*){1,70}$")
# "was in Glasgow for the COP26 climate summit": a meeting's seat, told after it
_SEAT_AFTER = re.compile(
    r"^\s+for\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:summit|talks|conference|"
    r"negotiations|games|olympics|world\s+cup|assembly)\b",
    re.IGNORECASE,
)
_SEAT_BEFORE = re.compile(
    r"\b(?-i:Parliament|Court|Council|Assembly|Commission|Tribunal|Secretariat|Union)\s+in\s+$"
    r"|\b(?:summit|talks|conference|negotiations)\s+in\s+$",
    re.IGNORECASE,
)
SEAT_CITY = 100_000


def _world_city(c: Candidate, span: _Span) -> bool:
    """A city of a million that no namesake rivals is where the text means, however far
    from the story (talks in Brussels, a summit in Geneva)."""
    # a city of 100,000 named as a parliament's or a summit's seat is as surely meant
    least = SEAT_CITY if span.seat else 1_000_000
    if c.kind != "city" or c.population < least or c.alternate:
        return False
    # the region around it ("Moskva", the federal city) is no rival: it is the same place
    return all(
        o is c
        or o.population * 10 < c.population
        or (o.kind == "region" and o.country == c.country)
        for o in span.candidates
    )


_Resolved = tuple[Candidate, float, str, float, tuple[tuple[Candidate, float, str], ...]]
ALTERNATIVES = 5  # namesakes kept for the reviewer beside the chosen one


def _resolve(span: _Span, ctx: _Context) -> _Resolved | None:
    """(place, confidence, reason, score, the namesakes that lost) of the best namesake,
    or None below ACCEPT."""
    # a tie goes to the namesake nearer the report's other places ("St Patrick" in a
    # report on Carriacou is Grenada's parish, not St Vincent's)
    scored = sorted(
        ((*_score(span, c, ctx), c) for c in span.candidates),
        key=lambda t: (t[0], -_nearest_km(t[2], span, ctx)),
        reverse=True,
    )
    if not scored or scored[0][0] < ACCEPT:
        return None
    score, why, best = scored[0]
    confidence = min(0.95, max(0.3, (score - 0.3) / 1.1))
    rival = next((s for s in scored[1:] if _km(s[2], best) > 25), None)
    if rival is not None and score - rival[0] < 0.15:
        confidence *= 0.75
        why.append(f"close call against {rival[2].name} ({rival[2].country})")
    pop = f", population {best.population:,}" if best.population else ""
    kind = best.feature_kind or best.kind
    where = f"{kind} {best.name} ({'/'.join(sorted(best.countries)) or 'no country'}{pop})"
    if best.geonames_id and best.kind not in ("curated", "feature"):
        where = f"GeoNames {best.geonames_id}: {where}"
    reason = f"{where}; score {score:.2f}: " + "; ".join(why or ["population only"])
    # The chosen one first, so a reviewer who picks another can still come back to it.
    weighed = tuple(
        (c, round(sc, 2), ("chosen: " if n == 0 else "") + "; ".join(why or ["population only"]))
        for n, (sc, why, c) in enumerate(scored[: ALTERNATIVES + 1])
    )
    return best, round(confidence, 2), reason, score, weighed


BYLINE_PARAGRAPHS = 4  # a byline stands near the top
_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z]")
# the lower-case words a byline has: "By Meridian Wire staff", "By Hala Mansour and Daniel
# Reeve. Updated Monday 1 April 2024, 19:40 local time"
_BYLINE_WORDS = _words(
    "and staff correspondent correspondents reporter reporters writer writers editor in "
    "published updated local time am pm a.m. p.m. gmt utc of with"
)


def is_byline(text: str) -> bool:
    """ "By Htet Aung Lwin and Clara Brennan-Moe, Northern Hills Dispatch": who wrote the
    report, whose names are no places (GeoNames gives Aung Lwin as another name of Myaydo),
    not "By Sunday the rebels held the camp"."""
    if len(text) > 250 or not _BYLINE.match(text):
        return False
    first = text.split()[1].strip(",.").lower()
    if first in WEEKDAYS or first in MONTHS or first in ("the", "then", "now", "late", "early"):
        return False
    return all(w.lower() in _BYLINE_WORDS for w in re.findall(r"\b[a-z][a-z.]*\b", text))


def find_mentions(article: Article, gazetteer: Gazetteer) -> list[Mention]:
    """Two passes: places resolved with confidence become anchors, so a report that names
    Kharkiv but never "Ukraine" still finds Vovchansk, and Hope, Arkansas stays out of it."""
    return read_places(article, gazetteer)[0]


def read_places(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], set[str]]:
    """The report's place mentions and the countries it names or places itself in (what
    finding its sites needs too: "Dover Air Force Base in the United States")."""
    _km_between.cache_clear()  # distances are worth keeping within one report only
    tokens_of = {p.id: _tokens(p.text, len(p.text), gazetteer.known) for p in article.body}
    counts = context_countries(article, gazetteer, tokens_of)
    spans = _find_spans(article, gazetteer, counts, tokens_of)
    bylines = {p.id for p in article.body[:BYLINE_PARAGRAPHS] if is_byline(p.text)}
    spans = [span for span in spans if span.paragraph not in bylines]
    for span in spans:
        if span.region_wanted and not any(c.kind == "region" for c in span.candidates):
            # only towns in a country the report names: a province named after its seat
            here = {code for code, n in counts.items() if n} | span.near_countries
            named = [c for c in span.candidates if c.country in here]
            span.candidates = [*span.candidates, *_seats_regions(named, gazetteer)]
    lowercase = {w for p in article.body for w in re.findall(r"\b([a-z]{3,})\b", p.text)}
    regions = {
        (c.country, c.admin1)
        for s in spans
        if s.region_wanted
        for c in s.candidates
        if c.kind == "region"
    }
    ctx = _Context(counts, regions, {}, lowercase, capitals=gazetteer.capital_places)
    ctx.named.update(span.key for span in spans)
    # a feature from Fogo names São Filipe, Mosteiros, Cova Figueira and Brava but never
    # Cape Verde: the one country most of its names lie in is where it is
    country, keys = _consensus_country(spans, ctx)
    if country and not any(counts.values()):
        ctx.inferred[country] = keys
        ctx.consensus = (country, frozenset(keys))
    elif country and not counts[country]:
        # a St Croix report that names Puerto Rico and Dominica but writes only "the
        # Virgin Islands": its own towns still lie together there
        ctx.inferred[country] = keys
    memo: dict[tuple[object, ...], _Resolved | None] = {}

    def resolve(span: _Span) -> _Resolved | None:
        """The same name in the same surroundings resolves the same way: scored once."""
        sig = (
            span.key,
            span.region_wanted,
            frozenset(span.near_countries),
            frozenset(span.near_regions),
            span.by_outline,
            len(ctx.anchors),
            sum(len(v) for v in ctx.inferred.values()),
        )
        if sig not in memo:
            memo[sig] = _resolve(span, ctx)
        return memo[sig]

    for span in spans:
        hit = resolve(span)
        if hit is not None:
            best, score = hit[0], hit[3]
            ident = (span.key, best.name, best.lat, best.lon)
            # a place of 100,000, or one the report names again and again, is surely meant
            strong = score >= ANCHOR or (
                score >= ACCEPT and (best.population >= 100_000 or ctx.named[span.key] >= REPEATED)
            )
            # a summit's far seat ("in Glasgow for the COP26 summit") says nothing of where
            # the report's other names lie
            if strong and ident not in ctx.anchors and best.kind != "feature" and not span.seat:
                ctx.anchors[ident] = (span.key, best)
                ctx.table.add(span.key, best)
    for key, anchor in ctx.anchors.values():
        if anchor.country and ctx.countries.get(anchor.country, 0) == 0:
            ctx.inferred.setdefault(anchor.country, set()).add(key)
    # "Yeonpyeong Island", then "Yeonpyeong": the island again, not a town whose name
    # only shares its consonants
    whole: dict[str, tuple[str, _Resolved]] = {}
    for span in spans:
        stem = _short_form(span.key)
        if stem and not span.by_outline and (hit := resolve(span)) is not None:
            whole.setdefault(stem, (span.text, hit))
    found = []
    texts = {p.id: p.text for p in article.body}
    for span in spans:
        hit = resolve(span)
        short = whole.get(span.key)
        if short is not None and (hit is None or span.by_outline):
            name, (place, confidence, reason, score, others) = short
            hit = (
                place,
                confidence,
                f"short for {name!r}, named in the report; {reason}",
                score,
                others,
            )
        if hit is not None:
            best, confidence, reason, _score_value, others = hit
            after = texts[span.paragraph][span.end : span.end + 40]
            before = texts[span.paragraph][max(0, span.start - 40) : span.start]
            if best.kind == "feature" and (
                _FEATURE_AS_DESCRIPTION.match(after) or _FEATURE_LOCATES.search(before)
            ):
                continue
            found.append(
                Mention(
                    span.paragraph,
                    span.start,
                    span.end,
                    span.text,
                    best,
                    confidence,
                    reason,
                    others,
                )
            )
    order = {p.id: i for i, p in enumerate(article.body)}
    named = {code for code, n in counts.items() if n} | {m.candidate.country for m in found}
    return sorted(found, key=lambda m: (order[m.paragraph], m.start)), named - {""}
