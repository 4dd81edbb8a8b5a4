"""The broad ethnic groups chart: each of BME's four groups as a share of the workforce.

As with every chart in the reports, the picture, its data as a table and its
alt text travel together. Bars are drawn only from figures the report's
audience may see: a withheld share has no bar, is marked ``[c]`` in its slot,
and is ``[c]`` in the table and "withheld" in the alt text, never a number.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from wres_helpers.figures.disclosure import SUPPRESSED  # noqa: E402
from wres_helpers.report.charts import mark_withheld  # noqa: E402
from wres_helpers.report.formatting import PALETTE, figure, fmt, missing, table  # noqa: E402
from wres_helpers.vocab import BROAD_GROUPS  # noqa: E402

TITLE = "BME staff by broad ethnic group, as a share of the workforce"
#: Bar colours: the comparison year grey, the report year in the BME colour.
COLOURS = (PALETTE["Unknown"], PALETTE["BME"])


def bars(report, years: list[int]) -> list[dict]:
    """One bar per broad group and year (earliest year first): share, count, withheld."""
    out = []
    for group in BROAD_GROUPS:
        for year in sorted(years):
            share = report.get(1, "All|All", f"{group.lower()}_pct", year)
            count = report.get(1, "All|All", f"{group.lower()}_n", year)
            out.append(
                {
                    "category": group,
                    "group": str(year),
                    "value": share.value,
                    "count": count.value,
                    "suppressed": share.suppressed,
                    "count_suppressed": count.suppressed,
                }
            )
    return out


def data_table(rows: list[dict]) -> str:
    """The chart's data: group, year, staff and share as shown, ``[c]`` where withheld."""
    return table(
        ["Group", "Year", "Staff", "Share of the workforce"],
        [
            [
                r["category"],
                r["group"],
                fmt(r["count"], "count", r["count_suppressed"]),
                fmt(r["value"], "pct", r["suppressed"]),
            ]
            for r in rows
        ],
        caption=TITLE,
    )


def alt_text(rows: list[dict]) -> str:
    """The chart in words: each bar's share, or that it is withheld."""

    def words(r: dict) -> str:
        if r["suppressed"]:
            return f"{r['category']} {r['group']}: withheld ({SUPPRESSED})"
        return f"{r['category']} {r['group']}: {fmt(r['value'], 'pct')}"

    years = " and ".join(dict.fromkeys(r["group"] for r in rows))
    text = f"{TITLE}, {years}. Bar chart. {'; '.join(words(r) for r in rows)}."
    if any(r["suppressed"] for r in rows):
        text += f" A bar marked {SUPPRESSED} is withheld to protect confidentiality, not empty."
    return text


def _draw(frame: pd.DataFrame):
    """The figure: shown bars labelled with year and share, withheld slots marked."""
    order = list(dict.fromkeys(frame["category"]))
    years = list(dict.fromkeys(frame["group"]))
    palette = dict(zip(years, COLOURS[-len(years) :]))
    shown = frame[~frame["suppressed"] & ~frame["value"].map(missing)].copy()
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * max(3, len(frame)) + 1.2))
    if not shown.empty:
        sns.barplot(
            data=shown,
            y="category",
            x="value",
            hue="group",
            hue_order=years,
            order=order,
            palette=palette,
            orient="h",
            errorbar=None,
            ax=ax,
        )
        values = {(r.category, r.group): r.value for r in shown.itertuples(index=False)}
        drawn = [y for y in years if y in set(shown["group"])]
        for container, year in zip(ax.containers, drawn):
            keys = [(order[round(b.get_y() + b.get_height() / 2)], year) for b in container]
            labels = [f"{year}: {fmt(values[k], 'pct')}" if k in values else "" for k in keys]
            ax.bar_label(container, labels=labels, padding=3, fontsize=9)
        ax.legend(title="Year", loc="lower right")
    else:
        ax.set_yticks(range(len(order)), labels=order)
        ax.set_ylim(len(order) - 0.5, -0.5)
    mark_withheld(ax, frame, order, years)
    ax.set_xlim(0, max([1.0, *(shown["value"] * 1.45)]))
    ax.set_xlabel("Share of the whole workforce (%)")
    ax.set_ylabel("")
    ax.set_title(TITLE)
    return fig


def chart(rows: list[dict]) -> str:
    """The chart as a page shows it: the picture, its alt text and its data table."""
    fig = _draw(pd.DataFrame(rows))
    caption = (
        "Each broad group's staff as a share of the whole workforce (unknown ethnicity "
        "included in the headcount), by year."
    )
    return figure(fig, alt_text(rows), caption, data_table(rows))
