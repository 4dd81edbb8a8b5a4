"""Charts (seaborn on matplotlib), each with its alt text and its data as a table.

Charts only draw figures the report's audience may see: a suppressed value
is left out of the picture and named ``[c]`` in the alt text and the table.
Colour is never the only signal: bars carry their labels and values.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from wres_helpers.figures.indicators import NON_ADVERSE  # noqa: E402
from wres_helpers.report.formatting import PALETTE, figure, fmt, missing, table  # noqa: E402

sns.set_theme(style="whitegrid", context="notebook")
plt.rcParams.update(
    {"figure.dpi": 96, "svg.hashsalt": "wres", "font.size": 11, "text.parse_math": False}
)


def _ok(v) -> bool:
    return not missing(v)


def _draw_bars(frame, shown, value_kind, title, xlabel, reference):
    """The bar chart's figure: shown bars labelled with their values, the reference line."""
    scale = 100 if value_kind == "rate" else 1
    fig, ax = plt.subplots(figsize=(7.5, 0.55 * max(3, len(frame)) + 1.2))
    if not shown.empty:
        shown["plotted"] = shown["value"] * scale
        sns.barplot(
            data=shown,
            y="category",
            x="plotted",
            hue="group",
            ax=ax,
            orient="h",
            palette={g: PALETTE[g] for g in shown["group"].unique()},
            order=list(dict.fromkeys(frame["category"])),
            errorbar=None,
        )
        for bar_container, (_, part) in zip(ax.containers, shown.groupby("group", sort=False)):
            ax.bar_label(
                bar_container,
                labels=[f"{g}: {fmt(v, value_kind)}" for g, v in zip(part["group"], part["value"])],
                padding=3,
                fontsize=9,
            )
    if reference is not None:
        ax.axvline(reference * scale, color=PALETTE["limit95"], linestyle="--", linewidth=1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.set_title(title)
    if ax.get_legend() is not None:
        ax.legend(title=None, loc="lower right")
    ax.set_xlim(0, max([1.0] + list(shown.get("plotted", pd.Series([1.0])) * 1.45)))
    return fig


def _bars_table(rows: list[dict], value_kind: str, title: str) -> str:
    """The bar chart's data as a table."""

    def interval(r) -> str:
        if r["suppressed"] or not _ok(r.get("low")):
            return ""
        return f"{fmt(r['low'], value_kind)} to {fmt(r['high'], value_kind)}"

    return table(
        ["Category", "Group", "Figure", "95% interval"],
        [
            [r["category"], r["group"], fmt(r["value"], value_kind, r["suppressed"]), interval(r)]
            for r in rows
        ],
        caption=title,
    )


def group_bars(
    rows: list[dict],
    value_kind: str,
    title: str,
    xlabel: str,
    caption: str,
    reference: float | None = None,
    reference_label: str = "",
) -> str:
    """Horizontal bars of White and BME figures per category, with 95% intervals.

    Parameters
    ----------
    rows : list of dict
        ``category, group, value, low, high, suppressed`` (values as fractions
        for ``rate``, 0-100 for ``pct``).
    """
    frame = pd.DataFrame(rows)
    shown = frame[~frame["suppressed"] & frame["value"].map(_ok)].copy()
    fig = _draw_bars(frame, shown, value_kind, title, xlabel, reference)
    described = "; ".join(
        f"{r['category']}, {r['group']}: " + fmt(r["value"], value_kind, r["suppressed"])
        for r in rows
    )
    alt = f"{title}. Bar chart. {described}."
    if reference is not None:
        alt += f" Dashed line: {reference_label} {fmt(reference, value_kind)}."
    return figure(fig, alt, caption, _bars_table(rows, value_kind, title))


def likelihood_trend(rows: list[dict], caption: str) -> str:
    """Relative likelihoods (indicators 2-4) over the years, against the non-adverse range."""
    frame = pd.DataFrame(rows)
    shown = frame[~frame["suppressed"] & frame["value"].map(_ok)]
    fig, ax = plt.subplots(figsize=(7.5, 4))
    ax.axhspan(*NON_ADVERSE, color="#E8EDEE", label="Non-adverse range (0.80-1.25)")
    if not shown.empty:
        sns.lineplot(
            data=shown,
            x="year",
            y="value",
            hue="label",
            style="label",
            markers=True,
            dashes=False,
            ax=ax,
        )
    years = sorted(frame["year"].unique())
    ax.set_xticks(years)
    ax.set_xlabel("Year (workforce at 31 March)")
    ax.set_ylabel("Relative likelihood")
    ax.set_title("Relative likelihoods over time")
    ax.legend(loc="best", fontsize=9)
    described = "; ".join(
        f"{r['label']} {r['year']}: {fmt(r['value'], 'ratio', r['suppressed'])}" for r in rows
    )
    alt = (
        "Relative likelihoods over time. Line chart with the non-adverse range 0.80 to 1.25 "
        f"shaded. {described}."
    )
    data = table(
        ["Indicator", "Year", "Relative likelihood"],
        [[r["label"], str(r["year"]), fmt(r["value"], "ratio", r["suppressed"])] for r in rows],
        caption="Relative likelihoods over time",
    )
    return figure(fig, alt, caption, data)


def _draw_funnel(points, curve, target, highlight, title, xlabel, names):
    """The funnel plot's figure: limits, peer average, the others and this organisation."""
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    if not curve.empty:
        ax.plot(
            curve["n"], curve["low95"], color=PALETTE["limit95"], linestyle="--", label="95% limits"
        )
        ax.plot(curve["n"], curve["high95"], color=PALETTE["limit95"], linestyle="--")
        ax.plot(
            curve["n"],
            curve["low998"],
            color=PALETTE["limit998"],
            linestyle=":",
            label="99.8% limits",
        )
        ax.plot(curve["n"], curve["high998"], color=PALETTE["limit998"], linestyle=":")
        ax.axhline(target, color="black", linewidth=0.8, label=f"Peer average {target:.2f}")
    total = points["na"] + points["nb"]
    others = points["entity"] != highlight
    ax.scatter(
        total[others],
        points.loc[others, "rl"],
        color=PALETTE["Unknown"],
        marker="o",
        label="Other organisations",
    )
    ax.scatter(
        total[~others],
        points.loc[~others, "rl"],
        color=PALETTE["BME"],
        marker="D",
        s=70,
        label=names.get(highlight, highlight),
    )
    ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("Relative likelihood")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="best")
    return fig


def _position(curve: pd.DataFrame, row) -> str:
    """Where an organisation's point lies against the limits nearest its denominator."""
    n = row["na"] + row["nb"]
    if curve.empty:
        return "no limits (too few data)"
    i = (curve["n"] - n).abs().idxmin()
    c = curve.loc[i]
    if c["low998"] <= row["rl"] <= c["high998"]:
        return (
            "within 95% limits"
            if c["low95"] <= row["rl"] <= c["high95"]
            else "between 95% and 99.8% limits"
        )
    return "outside 99.8% limits"


def funnel(
    points: pd.DataFrame,
    curve: pd.DataFrame,
    target: float,
    highlight: str,
    title: str,
    xlabel: str,
    caption: str,
    names: dict[str, str],
) -> str:
    """A funnel plot: each organisation's likelihood against its denominator."""
    fig = _draw_funnel(points, curve, target, highlight, title, xlabel, names)
    rows = [
        [
            names.get(r["entity"], r["entity"]),
            fmt(r["na"] + r["nb"], "count"),
            fmt(r["rl"], "ratio"),
            _position(curve, r),
        ]
        for _, r in points.iterrows()
    ]
    own = [r for r, e in zip(rows, points["entity"]) if e == highlight]
    alt = (
        f"{title}. Funnel plot of {len(points)} organisations' relative likelihoods "
        f"against their denominators, with 95% and 99.8% limits around the peer average "
        f"of {fmt(target, 'ratio')}. "
        + (
            f"This organisation: {own[0][2]} on a denominator of {own[0][1]}, {own[0][3]}."
            if own
            else ""
        )
    )
    data = table(
        ["Organisation", "Denominator", "Relative likelihood", "Position"], rows, caption=title
    )
    return figure(fig, alt, caption, data)
