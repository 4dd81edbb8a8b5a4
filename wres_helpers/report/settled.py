"""Which verdicts the rounded figures settle, decided where the exact figures are at hand.

Under ``method: rounding`` every public rate and likelihood is computed from
counts rounded to the base, so a verdict read from a public figure (the
direction of change, inside or outside the non-adverse range, whether the
interval excludes 1, which side of parity) can differ from the exact
figure's. A public report states a verdict only where the figures as
published and the exact figures agree on it; elsewhere it says that the
rounded figures cannot settle it.

A public report's data hold published figures only, so the comparison is
made here, once, while :func:`~wres_helpers.report.data.build_report_data`
holds both the exact and the published indicators; only a yes or no per
verdict is carried into the public data:

* the public indicators table gains the boolean columns of
  :data:`FLAGS` (``settled_range``, ``settled_significance``,
  ``settled_side``), true where the verdict is settled or does not apply;
* :func:`changes` gives a small table of the change labels between years,
  one row per organisation, figure and pair of years, with a boolean
  ``settled``.

Every verdict is judged by the very functions that print it (the labels and
narrative), on the exact and on the published figures, so a flag says exactly
whether the two reports would print the same verdict.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from wres_helpers.report import narrative, summary
from wres_helpers.report.figure import Figure
from wres_helpers.report.formatting import missing
from wres_helpers.report.labels import UNSETTLED, parity_side, shown, shown_difference

__all__ = ["UNSETTLED", "annotate", "change_settled", "unsettled"]
#: Each per-figure verdict and its column in the public indicators table.
FLAGS = {
    "range": "settled_range",
    "significance": "settled_significance",
    "side": "settled_side",
}
KEY = ["entity", "year", "indicator", "breakdown", "statistic"]
#: The columns of :func:`changes`.
CHANGE_COLUMNS = ["entity", "indicator", "breakdown", "statistic", "year", "last_year", "settled"]


def range_verdict(value, _low=math.nan, _high=math.nan) -> str:
    """The non-adverse range's verdict on a likelihood, as the report words it."""
    return narrative.non_adverse_label(value)


def significance_verdict(_value, low, high) -> int:
    """+1 where the interval lies above 1, -1 below it, 0 where it includes 1 or is absent.

    Examples
    --------
    >>> significance_verdict(1.5, 1.02, 2.28), significance_verdict(1.4, 0.96, 2.10)
    (1, 0)
    """
    if missing(low) or missing(high):
        return 0
    return int(low > 1) - int(high < 1)


def side_verdict(value, _low=math.nan, _high=math.nan) -> int | None:
    """Which side of parity a likelihood lies, as shown (1.004 prints 1.00: at parity)."""
    if missing(value):
        return None
    return parity_side(shown(value, "ratio"), "ratio")


VERDICTS = {"range": range_verdict, "significance": significance_verdict, "side": side_verdict}


def _agree(verdict, exact: pd.DataFrame, published: pd.DataFrame) -> np.ndarray:
    """Whether ``verdict`` reads the same from each exact row and its published row."""
    return np.array(
        [
            verdict(*e) == verdict(*p)
            for e, p in zip(
                exact[["value", "ci_low", "ci_high"]].itertuples(index=False),
                published[["value", "ci_low", "ci_high"]].itertuples(index=False),
            )
        ],
        dtype=bool,
    )


def _board_sides(frame: pd.DataFrame) -> pd.Series:
    """The side of the board's difference as printed: the board's share minus the workforce's,
    each as shown, per entity, year and board row."""
    board = frame[frame["indicator"] == 9].pivot_table(
        index=["entity", "year", "breakdown"], columns="statistic", values="value", aggfunc="first"
    )
    if not {"board_bme_pct", "workforce_bme_pct"} <= set(board.columns):
        return pd.Series(dtype=object)
    return pd.Series(
        [
            None if math.isnan(gap) else parity_side(gap, "pp")
            for gap in map(shown_difference, board["board_bme_pct"], board["workforce_bme_pct"])
        ],
        index=board.index,
        dtype=object,
    )


def flag_rows(exact: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """The published indicators with the :data:`FLAGS` columns.

    Parameters
    ----------
    exact : pandas.DataFrame
        The internal indicators table (exact figures).
    published : pandas.DataFrame
        The public indicators table of the same extract (figures as published).

    Returns
    -------
    pandas.DataFrame
        ``published`` with one boolean column per verdict: false only where a
        shown figure's verdict differs from the exact figure's.
    """
    out = published.copy()
    for column in FLAGS.values():
        out[column] = True
    merged = published.reset_index().merge(exact[KEY + ["value", "ci_low", "ci_high"]], on=KEY)
    merged = merged[~merged["suppressed"].astype(bool)]
    likelihoods = merged[merged["statistic"] == "relative_likelihood"]
    e = likelihoods[["value_y", "ci_low_y", "ci_high_y"]].set_axis(
        ["value", "ci_low", "ci_high"], axis=1
    )
    p = likelihoods[["value_x", "ci_low_x", "ci_high_x"]].set_axis(
        ["value", "ci_low", "ci_high"], axis=1
    )
    for name, verdict in VERDICTS.items():
        out.loc[likelihoods["index"].to_numpy(), FLAGS[name]] = _agree(verdict, e, p)
    board = merged[(merged["indicator"] == 9) & (merged["statistic"] == "difference_pp")]
    sides = [_board_sides(frame) for frame in (exact, published)]
    where = list(zip(board["entity"], board["year"], board["breakdown"]))
    out.loc[board["index"].to_numpy(), FLAGS["side"]] = [
        sides[0].get(key) == sides[1].get(key) for key in where
    ]
    return out


def _change_labels(spec: dict, pairs: pd.DataFrame, side: str) -> list[str]:
    """The summary's change label for each pair of years, from one side's figures."""
    suppressed = side == "published"
    return [
        summary.change_label(
            spec,
            Figure(this, suppressed=bool(s_this) and suppressed),
            Figure(before, suppressed=bool(s_before) and suppressed),
        )
        for this, before, s_this, s_before in zip(
            pairs[f"{side}_this"],
            pairs[f"{side}_before"],
            pairs["suppressed_this"],
            pairs["suppressed_before"],
        )
    ]


def changes(exact: pd.DataFrame, published: pd.DataFrame) -> pd.DataFrame:
    """Whether each change label between two years reads the same from both sets of figures.

    Parameters
    ----------
    exact, published : pandas.DataFrame
        The internal and the public indicators tables of one extract.

    Returns
    -------
    pandas.DataFrame
        :data:`CHANGE_COLUMNS`: one row per organisation, headline figure
        and pair of its years (``last_year`` before ``year``); ``settled`` is
        false where the published figures' label differs from the exact
        figures' (a label resting on a withheld figure is "Not comparable"
        whatever the exact figures say, so it is settled).
    """
    frames = []
    for spec in summary.headlines():
        indicator, breakdown, statistic = spec["key"]
        chosen = [
            frame[
                (frame["indicator"] == indicator)
                & (frame["breakdown"] == breakdown)
                & (frame["statistic"] == statistic)
            ]
            for frame in (exact, published)
        ]
        both = chosen[1][["entity", "year", "value", "suppressed"]].merge(
            chosen[0][["entity", "year", "value"]], on=["entity", "year"], suffixes=("", "_exact")
        )
        pairs = both.merge(both, on="entity", suffixes=("_this", "_before"))
        pairs = pairs[pairs["year_before"] < pairs["year_this"]].rename(
            columns={
                "value_this": "published_this",
                "value_before": "published_before",
                "value_exact_this": "exact_this",
                "value_exact_before": "exact_before",
            }
        )
        settled = np.array(_change_labels(spec, pairs, "published")) == np.array(
            _change_labels(spec, pairs, "exact")
        )
        withheld = pairs["suppressed_this"].astype(bool) | pairs["suppressed_before"].astype(bool)
        frames.append(
            pd.DataFrame(
                {
                    "entity": pairs["entity"].astype(str),
                    "indicator": indicator,
                    "breakdown": breakdown,
                    "statistic": statistic,
                    "year": pairs["year_this"].astype(int),
                    "last_year": pairs["year_before"].astype(int),
                    "settled": settled | withheld.to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=CHANGE_COLUMNS)


def annotate(exact: pd.DataFrame, published: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The public indicators with their verdict flags, and the change labels' table.

    What :func:`~wres_helpers.report.data.build_report_data` carries into a
    public :class:`~wres_helpers.report.data.ReportData` under ``method: rounding``.
    """
    return flag_rows(exact, published), changes(exact, published)


def unsettled(row) -> frozenset[str]:
    """The verdicts of one indicators row the rounded figures cannot settle.

    A row without the flag columns (internal data, or cell suppression, whose
    published figures are exact) settles every verdict.
    """
    return frozenset(name for name, column in FLAGS.items() if column in row and not row[column])


def change_settled(table: pd.DataFrame | None, entity: str, key: tuple, year, last) -> bool:
    """Whether the change label of figure ``key`` from ``last`` to ``year`` is settled."""
    if table is None or table.empty or not last:
        return True
    indicator, breakdown, statistic = key
    hit = table[
        (table["entity"].astype(str) == str(entity))
        & (table["indicator"] == indicator)
        & (table["breakdown"] == breakdown)
        & (table["statistic"] == statistic)
        & (table["year"] == year)
        & (table["last_year"] == last)
    ]
    return bool(hit["settled"].all())
