"""The commissioning report as the embedded default dataset, rebuilt from its raw copy.

What the raw text does not say about itself (publisher, date, headline) comes from the
customer's hand-over note, recorded here once.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mapview.data.article import Article, build_article, save_article
from mapview.data.naturalearth import SOURCE as NE_SOURCE
from mapview.data.places import load_places, save_places
from mapview.data.regions import BELGOROD_BORDER, derive

SEED_ID = "cnn-2023-05-23-belgorod-raid"
# The places the customer's design card says the first map must show.
DESIGN_CARD_PLACES = (
    "belgorod-border",
    "kozinka",
    "moscow-state-university",
    "kremlin",
    "bakhmut",
    "crimea-bridge",
)
SEED_META = {
    "article_id": SEED_ID,
    "publisher": "CNN",
    "published": date(2023, 5, 23),
    "title": "This we know about the attack on Russia launched from Ukraine",
    "language": "en",
    "attribution": (
        "Contributors named by the report: Victoria Butenko, Anna Chernova, "
        "Sam Kiley, Vasco Cotovio, Peter Rudden, Olha Konovalova. Shipped as the customer's "
        "commissioning document."
    ),
}


def build_seed_article(raw_path: Path) -> Article:
    raw = raw_path.read_text(encoding="utf-8")
    return build_article(raw, source_file=f"sources/{raw_path.name}", **SEED_META)  # type: ignore[arg-type]


def rebuild(root: Path) -> None:
    """Regenerate the derived parts of the seed dataset in place: article and region."""
    article = build_seed_article(root / "sources" / f"{SEED_ID}.txt")
    save_article(root / "articles" / f"{SEED_ID}.json", article)
    places = load_places(root / "places.geojson")
    region = places["belgorod-border"]
    region.geometry = derive(BELGOROD_BORDER)
    region.source = f"{NE_SOURCE}. {BELGOROD_BORDER.describe()}"
    region.note = (
        "Border zone on the Russian side of Belgorod oblast's border with Ukraine, where the "
        "raid took place; an approximation, not the oblast's administrative outline."
    )
    save_places(root / "places.geojson", places)
