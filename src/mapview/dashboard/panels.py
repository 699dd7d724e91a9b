"""The page's panels around the map: filters, search, the selected incident (with
its accounts), a place's list, the article, the timeline, the table and downloads.

Each reads the dataset and the incidents in view and writes nothing but widget state;
article text goes through `markdown.escape` (or `highlight`) wherever it is shown.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pyarrow as pa
import streamlit as st

from mapview.dashboard import markdown as md
from mapview.dashboard.layers import (
    CONTESTED_WORDS,
    STATUS_SYMBOL,
)
from mapview.dashboard.playback import playback
from mapview.dashboard.state import (
    dataset_key,
    on_dates,
    on_incident_box,
    on_period,
    on_table,
    on_window,
    select,
    store_months,
)
from mapview.dashboard.story import on_story, story_bar
from mapview.dashboard.view import (
    DAY_KIND,
    SPAN_KIND,
    Shown,
    View,
    by_paragraph,
    date_label,
    search,
    timeline_counts,
)
from mapview.data.dataset import Dataset
from mapview.data.export import FORMATS, export
from mapview.data.incidents import CATEGORIES, STATUSES, Record
from mapview.data.places import LOCATION_PRECISION

PARAGRAPH_LINKS = 4  # incident links under one paragraph; more become a count

LINKS_UP_TO = 200  # above this many incidents in view, paragraphs carry no incident links

PLACE_LIST = 20  # incidents listed in a place's panel; a crowded place says how many more

SELECT_LIMIT = 100  # options in the incident picker; the table's pages and the map reach the rest

TABLE_PAGE = 50  # rows sent to the browser per page; downloads always hold every incident in view

SEARCH_HITS = 8  # search results listed; more are counted

SPAN_LIMIT = 120  # up to this many incidents in view, the timeline draws each one's dates


def period_picker() -> None:
    """On a store: which months are loaded. The time window below moves inside them."""
    root, fingerprint, period = dataset_key()
    if period is None:
        return
    counts = store_months(root, fingerprint)
    if len(counts) < 2:
        return
    from mapview.store.period import PERIOD_LIMIT, Period, month_label

    chosen = Period.parse(period)
    assert chosen is not None  # made by `store_period`
    key = f"w_period_{period}"  # a new period, a new widget: it shows what was loaded
    st.select_slider(
        "Months loaded",
        options=list(counts),
        value=(chosen.first, chosen.last),
        key=key,
        format_func=month_label,
        on_change=on_period,
        args=(key,),
        help=(
            f"This dataset is a store of {sum(counts.values()):,} incidents: the page loads "
            f"the months chosen here, at most {PERIOD_LIMIT:,} incidents at a time."
        ),
    )
    loaded = sum(counts[m] for m in chosen.months(counts))
    st.caption(
        f"{loaded:,} of the store's {sum(counts.values()):,} incidents, "
        f"{month_label(next(iter(counts)))} to {month_label(next(reversed(counts)))}."
    )


def sidebar(dataset: Dataset) -> None:
    lo, hi = dataset.date_span
    with st.sidebar:
        st.header("Filters")  # also drawn alone on a first run: the page keeps its width
        period_picker()
        st.slider(
            "Time window",
            min_value=lo,
            max_value=max(hi, lo + timedelta(days=1)),
            key="w_window",
            format="D MMM YYYY",
            on_change=on_window,
        )
        st.date_input("Date range", key="w_dates", min_value=lo, max_value=hi, on_change=on_dates)
        playback(dataset)
        st.multiselect(
            "Categories", list(CATEGORIES), key="w_cats", format_func=lambda c: CATEGORIES[c][0]
        )
        st.multiselect(
            "Status",
            list(STATUSES),
            key="w_stats",
            help=_status_help(),
            format_func=lambda s: f"{s} ({STATUS_SYMBOL[s]})",
        )
        if dataset.actors:
            st.multiselect(
                "Actors",
                dataset.actors,
                key="w_actors",
                placeholder="everyone",
                help="Only incidents that name one of these actors; empty: every incident.",
            )
        if len(dataset.articles) > 1:
            st.multiselect(
                "Articles",
                sorted(dataset.articles),
                key="w_arts",
                format_func=lambda a: dataset.articles[a].title,
            )
        # What a visitor learns about the data: the published dataset, never where it lives
        # on the server or what is waiting for review.
        st.caption(
            f"Published dataset: {len(dataset.articles)} report(s), {len(dataset.places)} "
            f"place(s), {len(dataset.incidents)} incident(s)."
        )


def _status_help() -> str:
    return "  \n".join(f"**{k}** ({STATUS_SYMBOL[k]}): {v}" for k, v in STATUSES.items())


def search_panel(dataset: Dataset, shown: Shown) -> None:
    """Find an incident by any word of its title, place, source, passages or accounts;
    picking a hit selects it and flies the map there."""
    text = st.text_input(
        "Search",
        key="w_search",
        placeholder="Search titles, places, sources, quotes",
        label_visibility="collapsed",
        icon=":material/search:",
    )
    if not text.strip():
        return
    hits, total = search(dataset, text, SEARCH_HITS)
    if not total:
        st.caption("No incident matches these words.")
        return
    names = dataset.places
    with st.container(key="search_hits"):
        for incident in hits:
            outside = "" if shown.position(incident.id) is not None else " (outside the filters)"
            st.button(
                md.escape(f"{incident.title} — {names[incident.place].name}, ")
                + md.escape(date_label(incident) + outside),
                key=f"hit_{incident.id}",
                type="tertiary",
                on_click=select,
                args=(incident.id,),
                kwargs={"pan": True},
            )
        if total > len(hits):
            st.caption(f"{total:,} incidents match; the first {len(hits)} by date are listed.")


def incident_panel(dataset: Dataset, shown: Shown) -> None:
    ss = st.session_state
    ids = [i.id for i in shown[:SELECT_LIMIT]]
    if ss.mv_selected and ss.mv_selected not in ids:
        ids.insert(0, ss.mv_selected)
    ss.w_incident = ss.mv_selected
    titles = {i.id: i.title for i in shown[:SELECT_LIMIT]}
    if ss.mv_selected and (chosen := dataset.incident(ss.mv_selected)):
        titles[chosen.id] = chosen.title
    st.selectbox(
        "Selected incident",
        [None, *ids],
        key="w_incident",
        format_func=lambda i: "— none —" if i is None else titles.get(i, i),
        placeholder="— none: click a marker or a row —",
        on_change=on_incident_box,
    )
    incident = dataset.incident(ss.mv_selected) if ss.mv_selected else None
    if incident is None:
        if ss.mv_place and ss.mv_place in dataset.places:
            place_panel(dataset, ss.mv_place, shown)
        else:
            st.caption(
                "Click a marker, a row of the table or a passage's link to read its sources."
            )
        return
    if shown.position(incident.id) is None:
        st.warning("This incident is outside the current filters; it is not on the map.")
    place = dataset.places[incident.place]
    article = dataset.articles[incident.article]
    with st.container(border=True, key="incident_detail"):
        st.markdown("#### " + md.escape(incident.title))
        lines = [
            f"**When:** {md.escape(date_label(incident))} "
            f"(precision: {incident.date_precision}; the report says "
            f"“{md.escape(incident.date_text)}”"
            + (", still under way at publication" if incident.ongoing else "")
            + ")",
            f"**Status:** {incident.status} ({STATUS_SYMBOL[incident.status]}) — "
            f"{md.escape(STATUSES[incident.status])}",
            f"**Who says so:** {md.escape(incident.source)}",
            f"**Where:** {md.escape(place.name)} — "
            f"{md.escape(LOCATION_PRECISION[place.precision])} ({md.escape(place.source)})",
            f"**Category:** {md.escape(CATEGORIES[incident.category][0])}",
        ]
        if incident.reviewed_by and incident.reviewed_on:
            lines.append(
                f"**Reviewed:** by {md.escape(incident.reviewed_by)} on "
                f"{incident.reviewed_on:%d %b %Y}, from a machine draft"
            )
        if incident.actors:
            lines.append("**Actors:** " + md.escape("; ".join(incident.actors)))
        if incident.fatalities is not None:
            said = f" (“{incident.fatalities_text}”)" if incident.fatalities_text else ""
            lines.append(f"**Fatalities:** {incident.fatalities}" + md.escape(said))
        st.markdown("  \n".join(lines))
        if incident.summary:
            st.markdown("*" + md.escape(incident.summary) + "*")
        cite = (
            f"{md.escape(article.publisher)}, {article.published.isoformat()}, "
            f"“{md.escape(article.title)}”"
        )
        for passage in incident.passages:
            st.markdown(
                f"> {md.escape(passage.text)}  \n> — {cite}, paragraph {passage.paragraph[1:]}"
            )
        if incident.accounts:
            accounts_panel(incident)


def accounts_panel(incident: Record) -> None:
    """The event as each side tells it, side by side, each with its own quotes."""
    st.markdown(
        "**Accounts** — "
        + (
            "contested: the sources disagree (on the map: " + CONTESTED_WORDS.split(":")[0] + ")"
            if incident.contested
            else "the sources agree"
        )
    )
    per_row = 3 if len(incident.accounts) >= 3 else len(incident.accounts)
    for first in range(0, len(incident.accounts), per_row):
        columns = st.columns(per_row)
        for n, (column, account) in enumerate(
            zip(columns, incident.accounts[first : first + per_row], strict=False)
        ):
            with column.container(border=True, key=f"account_{first + n}"):
                st.markdown(
                    f"**{md.escape(account.source)}**  \n"
                    f"{account.status} ({STATUS_SYMBOL[account.status]})"
                )
                if account.says:
                    st.markdown("*" + md.escape(account.says) + "*")
                for quote in account.passages:
                    st.caption(f"“{md.escape(quote.text)}” (paragraph {quote.paragraph[1:]})")


def place_panel(dataset: Dataset, place_id: str, shown: Shown) -> None:
    place = dataset.places[place_id]
    st.markdown("#### " + md.escape(place.name))
    st.caption(md.escape(place.source))
    here = shown.at_place(place_id)
    if len(here) > PLACE_LIST:
        st.caption(
            f"{len(here):,} incidents here in view; the first {PLACE_LIST} by date are listed. "
            "Narrow the time window to list the others, or zoom in on the map."
        )
    if place.precision != "point":
        st.caption(md.escape(LOCATION_PRECISION[place.precision]))
    for incident in here[:PLACE_LIST]:
        st.button(
            md.escape(f"{date_label(incident)}: {incident.title}"),
            key=f"place_pick_{incident.id}",
            on_click=select,
            args=(incident.id,),
            kwargs={"pan": False},
        )


def article_panel(dataset: Dataset, shown: Shown) -> None:
    ss = st.session_state
    selected = dataset.incident(ss.mv_selected) if ss.mv_selected else None
    article_ids = sorted(dataset.articles)
    if selected is not None and ss.mv_step is None:
        ss.w_article = selected.article
    elif ss.get("w_article") not in article_ids:
        ss.w_article = article_ids[0]
    if len(article_ids) > 1:
        st.selectbox(
            "Article",
            article_ids,
            key="w_article",
            format_func=lambda a: dataset.articles[a].title,
            on_change=on_story,
            args=(None,),  # another report: its story starts afresh
        )
    story_bar(dataset)
    article = dataset.articles[ss.w_article]
    st.markdown("### " + md.escape(article.title))
    st.caption(
        md.escape(f"{article.publisher}, {article.published:%d %B %Y}")
        + (". " + md.escape(article.attribution) if article.attribution else "")
    )
    backing: dict[str, dict[str, Record]] = {}
    for incident in shown if len(shown) <= LINKS_UP_TO else ():
        if incident.article == article.id:
            for passage in incident.passages:
                backing.setdefault(passage.paragraph, {})[incident.id] = incident
    spans: dict[str, list[tuple[int, int]]] = {}
    if selected is not None and selected.article == article.id:
        for p in selected.passages:
            spans.setdefault(p.paragraph, []).append((p.start, p.end))
    here = f"p{ss.mv_step}" if ss.mv_step is not None else None
    story_links: list[Record] = []
    if here is not None:
        # The step's paragraph: every passage any incident quotes from it, filters or not,
        # because the story is the report's.
        story_links = by_paragraph(dataset, article.id, here)
        for incident in story_links:
            for q in [*incident.passages, *(q for a in incident.accounts for q in a.passages)]:
                if q.paragraph == here:
                    spans.setdefault(here, []).append((q.start, q.end))
    leftovers = []
    with st.container(height=520, key="article_text"):
        # Paragraphs without links go out together as one element: a long report is
        # otherwise fifty elements re-sent and re-drawn on every slider move.
        run: list[str] = []
        for para in article.paragraphs:
            if para.kind in ("caption", "boilerplate"):
                leftovers.append(para)
                continue
            if para.kind == "title":
                continue
            text = md.highlight(para.text, spans.get(para.id, []))
            if para.id == here:
                if run:
                    st.markdown("\n\n".join(run))
                    run = []
                with st.container(key="story_here", border=True):
                    st.caption(f"Paragraph {ss.mv_step}")
                    st.markdown(text)
                    for incident in story_links[:PARAGRAPH_LINKS]:
                        st.button(
                            "↳ " + md.escape(incident.title),
                            key=f"story_{incident.id}",
                            type="tertiary",
                            on_click=select,
                            args=(incident.id,),
                            kwargs={"pan": False},
                        )
                    if len(story_links) > PARAGRAPH_LINKS:
                        more = len(story_links) - PARAGRAPH_LINKS
                        st.caption(f"…and {more:,} more incident(s) cite this")
                continue
            run.append(("##### " if para.kind == "heading" else "") + text)
            links = list(backing.get(para.id, {}).values())
            if not links:
                continue
            st.markdown("\n\n".join(run))
            run = []
            shown_links = links[:PARAGRAPH_LINKS]
            for incident in shown_links:
                st.button(
                    "↳ " + md.escape(incident.title),
                    key=f"para_{para.id}_{incident.id}",
                    type="tertiary",
                    on_click=select,
                    args=(incident.id,),
                    kwargs={"pan": True},
                )
            if len(links) > len(shown_links):
                st.caption(f"…and {len(links) - len(shown_links):,} more incident(s) cite this")
        if run:
            st.markdown("\n\n".join(run))
        if leftovers:
            with st.expander(f"Page leftovers kept out of the text ({len(leftovers)})"):
                for para in leftovers:
                    st.caption(f"{para.kind}: {md.escape(para.text)}")


def timeline_chart(dataset: Dataset, shown: Shown, view: View) -> None:
    """The timeline: each incident's own dates when few are in view, else counts."""
    if not shown:
        return
    if len(shown) <= SPAN_LIMIT:
        date_spans(dataset, shown)
    else:
        counts_chart(dataset, shown, view)


SPAN_KINDS = {
    "day": "a known day (tick)",
    "span": "a week, month or range it falls somewhere in (bar)",
    "ongoing": "still under way at publication (bar to the report's date, hatched end)",
}


def date_spans(dataset: Dataset, shown: Shown) -> None:
    """One row per incident: a tick on a day-precise date, a bar over the month (or week,
    or range) a vaguer one falls in, a bar to the report's date for one still under way.
    A count per day would draw a month-precise event on its first day, as if precise."""
    rows: dict[str, list[Any]] = {k: [] for k in ("title", "start", "end", "kind", "category")}
    for incident in shown:
        end = incident.date_end
        if incident.ongoing:
            kind, end = "ongoing", max(end, dataset.articles[incident.article].published)
        elif incident.date_start == end:
            kind = "day"
        else:
            kind = "span"
        rows["title"].append(f"{date_label(incident)}: {incident.title}")
        rows["start"].append(incident.date_start.isoformat())
        rows["end"].append((end + timedelta(days=1)).isoformat())  # bars cover whole days
        rows["kind"].append(SPAN_KINDS[kind])
        rows["category"].append(CATEGORIES[incident.category][0])
    lo, hi = dataset.date_span
    labels = [label for label, _ in CATEGORIES.values()]
    y = {"field": "title", "type": "nominal", "sort": None, "axis": None}
    colour = {
        "field": "category",
        "type": "nominal",
        "legend": None,
        "scale": {"domain": labels, "range": [c for _, c in CATEGORIES.values()]},
    }
    tooltip = [{"field": "title"}, {"field": "kind", "title": "date"}]
    x = {
        "field": "start",
        "type": "temporal",
        "title": None,
        "scale": {"domain": [lo.isoformat(), (hi + timedelta(days=1)).isoformat()]},
    }
    spec = {
        "height": min(260, 14 * len(shown) + 30),
        "layer": [
            {
                "transform": [{"filter": f"datum.kind != '{SPAN_KINDS['day']}'"}],
                "mark": {"type": "bar", "height": 9, "opacity": 0.55},
                "encoding": {
                    "x": x,
                    "x2": {"field": "end"},
                    "y": y,
                    "color": colour,
                    "strokeDash": {
                        "field": "kind",
                        "type": "nominal",
                        "legend": None,
                        "scale": {
                            "domain": [SPAN_KINDS["span"], SPAN_KINDS["ongoing"]],
                            "range": [[1, 0], [4, 2]],
                        },
                    },
                    "stroke": colour,
                    "tooltip": tooltip,
                },
            },
            {
                "transform": [{"filter": f"datum.kind == '{SPAN_KINDS['day']}'"}],
                "mark": {"type": "tick", "thickness": 3, "height": 12},
                "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
            },
        ],
    }
    st.vega_lite_chart(pa.table(rows), spec, width="stretch", key="w_spans")
    st.caption(
        "Each incident in view on its own row: a tick is a known day; a bar, a week, month "
        "or range it falls somewhere in; a dashed bar, still under way when reported (it "
        "runs to the report's date). Hover for the title."
    )


def counts_chart(dataset: Dataset, shown: Shown, view: View) -> None:
    """Incidents per day, week or month by category: counts made in Python, a few KB.
    Solid: incidents known to the day; pale: the others, spread over their span."""
    unit, rows = timeline_counts(dataset, view, shown)
    labels = [label for label, _ in CATEGORIES.values()]
    lo, hi = dataset.date_span
    # An Arrow table rather than inline values: Streamlit converts inline values through
    # pandas on every rerun, 7 ms of a slider move for a few dozen rows.
    counts = pa.table(
        {
            "date": [r["date"] for r in rows],
            "kind": [r["kind"] for r in rows],
            **{c: [float(r.get(c, 0)) for r in rows] for c in labels},  # type: ignore[arg-type]
        }
    )
    spec = {
        "height": 110,
        "transform": [
            {"fold": labels, "as": ["category", "incidents"]},
            {"filter": "datum.incidents > 0"},
        ],
        "mark": {"type": "bar"},
        "encoding": {
            "x": {
                "field": "date",
                "type": "temporal",
                "title": f"incidents per {unit}",
                "scale": {"domain": [lo.isoformat(), (hi + timedelta(days=1)).isoformat()]},
            },
            "y": {
                "aggregate": "sum",
                "field": "incidents",
                "type": "quantitative",
                "title": None,
            },
            "color": {
                "field": "category",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": labels, "range": [c for _, c in CATEGORIES.values()]},
            },
            "opacity": {
                "field": "kind",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": [DAY_KIND, SPAN_KIND], "range": [1.0, 0.4]},
            },
            "order": {"field": "kind"},
            "tooltip": [
                {"field": "date", "type": "temporal", "title": unit},
                {"field": "category"},
                {"field": "kind", "title": "dates"},
                {"field": "incidents", "type": "quantitative", "format": ".2~f"},
            ],
        },
    }
    st.vega_lite_chart(counts, spec, width="stretch")
    st.caption(
        "Solid: incidents known to the day. Pale: incidents known only to a week, a month "
        "or a range, or still under way when reported, spread evenly over their days, so "
        "they cover their span instead of standing on its first day."
    )


def table(dataset: Dataset, shown: Shown) -> None:
    """A page of the incidents in view: a rerun sends 50 rows, not the whole selection."""
    ss = st.session_state
    pages = max(1, -(-len(shown) // TABLE_PAGE))
    if pages > 1:
        selected = ss.mv_selected
        at = shown.position(selected)
        if at is not None and ss.get("mv_table_follow") != selected:
            ss.w_page = at // TABLE_PAGE + 1  # open on the selected incident's page
            ss.mv_table_follow = selected
        ss.w_page = min(max(1, int(ss.get("w_page", 1))), pages)
        left, right = st.columns([1, 3])
        left.number_input("Page", min_value=1, max_value=pages, step=1, key="w_page")
        right.caption(
            f"{len(shown):,} incidents in view, {TABLE_PAGE} a page; downloads below hold them all."
        )
    first = (ss.w_page - 1) * TABLE_PAGE if pages > 1 else 0
    rows_shown = shown[first : first + TABLE_PAGE]
    ss.mv_table_ids = [i.id for i in rows_shown]
    frame = pa.table(  # Arrow as Streamlit sends it: no pandas conversion per rerun
        {
            "date": [date_label(i) for i in rows_shown],
            "title": [i.title for i in rows_shown],
            "place": [dataset.places[i.place].name for i in rows_shown],
            "status": [i.status for i in rows_shown],
            "category": [CATEGORIES[i.category][0] for i in rows_shown],
            "source": [i.source for i in rows_shown],
        }
    )
    selected = ss.mv_selected
    rows = [n for n, i in enumerate(rows_shown) if i.id == selected]
    st.dataframe(
        frame,
        key=f"w_table_{ss.mv_table_gen}",
        on_select=on_table,
        selection_mode="single-row",
        selection_default={"selection": {"rows": rows, "columns": []}} if rows else None,
        hide_index=True,
        width="stretch",
    )


def downloads(dataset: Dataset, shown: Shown) -> None:
    cols = st.columns(len(FORMATS))
    for col, (fmt, (mime, ext)) in zip(cols, FORMATS.items(), strict=True):
        col.download_button(
            f"Download {fmt.upper()}",
            data=lambda fmt=fmt: export(dataset, list(shown), fmt),
            file_name=f"mapview-incidents.{ext}",
            mime=mime,
            key=f"dl_{fmt}",
            on_click="ignore",
            width="stretch",
        )
