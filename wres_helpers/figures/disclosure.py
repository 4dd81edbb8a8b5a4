"""The publication rule: what an organisation may publish.

The rule (contract, section 3) is enforced by types rather than by call
order. :class:`ExactCounts` holds every count as counted; the only way to a
:class:`PublishedCounts` is :func:`publish`, which rounds and suppresses each
count and keeps, of the staff survey, only the percentages the NHS Staff
Survey's own rule lets out (the number of positive answers is dropped).
Indicators computed from a :class:`PublishedCounts` are therefore functions
of the published counts and nothing more, and only they may be written
under ``outputs/public``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

INTERNAL, PUBLIC = "internal", "public"
AUDIENCES = (INTERNAL, PUBLIC)
#: The Government Analysis Function's symbol for a confidential value.
SUPPRESSED = "[c]"


@dataclass(frozen=True)
class Policy:
    """NHS England's small-number rule, with its thresholds as parameters.

    Attributes
    ----------
    max_suppressed : int
        Counts from 1 to this are suppressed (default 7).
    rounding_base : int
        Other counts are rounded to the nearest multiple of this (default 5).
    survey_min_respondents : int
        Survey percentages need at least this many respondents (default 11).
    """

    max_suppressed: int = 7
    rounding_base: int = 5
    survey_min_respondents: int = 11

    def __post_init__(self):
        if self.max_suppressed < 0 or self.rounding_base < 1 or self.survey_min_respondents < 0:
            raise ValueError("thresholds must be non-negative and the rounding base at least 1")


def publish_count(count, policy: Policy = Policy()):
    """Published form of counts: 0 stays 0, 1..max suppressed (NaN), others rounded.

    Rounding is to the nearest multiple of ``rounding_base``, halves upwards
    (with the default base of 5 no whole number is a half-way case).

    Parameters
    ----------
    count : int or array-like of int
        Exact counts (NaN passes through as NaN).

    Returns
    -------
    float or numpy.ndarray of float
        The published counts, NaN where suppressed.

    Examples
    --------
    >>> publish_count([0, 1, 7, 8, 12, 13, 103]).tolist()
    [0.0, nan, nan, 10.0, 10.0, 15.0, 105.0]
    """
    values = np.asarray(count, dtype=float)
    base = policy.rounding_base
    rounded = np.floor(values / base + 0.5) * base
    out = np.where((values >= 1) & (values <= policy.max_suppressed), np.nan, rounded)
    out = np.where(values == 0, 0.0, out)
    return out if out.ndim else float(out)


def wilson_interval(successes, trials) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for proportions (0-1), NaN where trials is 0.

    statsmodels' vectorised ``proportion_confint(method="wilson")`` gives
    the same interval as ``scipy.stats.binomtest(k, n).proportion_ci(
    method="wilson")`` (tested), for whole columns at once.
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    ok = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0) & (k <= n)
    low = np.full(k.shape, np.nan)
    high = np.full(k.shape, np.nan)
    if ok.any():
        from statsmodels.stats.proportion import proportion_confint

        lo, hi = proportion_confint(k[ok], n[ok], alpha=0.05, method="wilson")
        low[ok], high[ok] = lo, hi
    return low, high


def survey_percentages(counts: pd.DataFrame, min_respondents: int) -> pd.DataFrame:
    """Staff-survey percentages from exact counts, the NHS Staff Survey's way.

    Parameters
    ----------
    counts : pandas.DataFrame
        Exact entity counts (``survey_respondents`` and ``survey_positive``).
    min_respondents : int
        Groups with fewer respondents are suppressed (0: none are).

    Returns
    -------
    pandas.DataFrame
        ``entity, year, indicator, ethnic_group, respondents, pct, ci_low,
        ci_high, suppressed`` with percentages 0-100.
    """
    survey = counts[
        counts["measure"].isin(["survey_respondents", "survey_positive"])
        & counts["ethnic_group"].isin(["White", "BME"])
    ]
    wide = survey.pivot_table(
        index=["entity", "year", "breakdown", "ethnic_group"],
        columns="measure",
        values="count",
        aggfunc="sum",
        observed=True,
    ).reset_index()
    if wide.empty:
        return pd.DataFrame(
            columns=[
                "entity",
                "year",
                "indicator",
                "ethnic_group",
                "respondents",
                "pct",
                "ci_low",
                "ci_high",
                "suppressed",
            ]
        )
    n = wide["survey_respondents"].to_numpy(float)
    k = wide["survey_positive"].to_numpy(float)
    low, high = wilson_interval(k, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(n > 0, 100 * k / n, np.nan)
    suppressed = (n > 0) & (n < min_respondents)
    out = pd.DataFrame(
        {
            "entity": wide["entity"],
            "year": wide["year"],
            "indicator": wide["breakdown"].astype(int),
            "ethnic_group": wide["ethnic_group"],
            "respondents": n,
            "pct": np.where(suppressed, np.nan, pct),
            "ci_low": np.where(suppressed, np.nan, 100 * low),
            "ci_high": np.where(suppressed, np.nan, 100 * high),
            "suppressed": suppressed,
        }
    )
    return out


@dataclass(frozen=True)
class ExactCounts:
    """Every count as counted: for internal outputs only.

    ``clusters`` maps each cluster code to its members, so that publication
    can check that no member's withheld count can be worked out from the
    cluster's total.
    """

    counts: pd.DataFrame  # entity, year, measure, breakdown, ethnic_group, count
    policy: Policy = Policy()
    clusters: tuple = ()  # ((cluster, (member, ...)), ...)
    audience = INTERNAL

    def cells(self) -> pd.DataFrame:
        """The counts with a ``suppressed`` flag (never set: nothing is withheld)."""
        return self.counts.assign(count=self.counts["count"].astype(float), suppressed=False)

    def survey(self) -> pd.DataFrame:
        return survey_percentages(self.counts, 0)


@dataclass(frozen=True)
class PublishedCounts:
    """Counts as published: rounded or suppressed. Made only by :func:`publish`."""

    cells_table: pd.DataFrame  # ... count (float, NaN if suppressed), suppressed
    survey_table: pd.DataFrame
    policy: Policy
    audience = PUBLIC

    def cells(self) -> pd.DataFrame:
        return self.cells_table

    def survey(self) -> pd.DataFrame:
        return self.survey_table


def publish(exact: ExactCounts, policy: Policy | None = None) -> PublishedCounts:
    """Apply the publication rule to every count.

    Each count is rounded or withheld on its own (primary suppression); then
    any total from which a withheld part could be worked out exactly is
    withheld too (secondary suppression, :func:`protect_totals`). The
    survey's positive answers are used here, once, for the percentages the
    survey rule allows, and are not carried further.
    """
    policy = policy or exact.policy
    cells = exact.counts[exact.counts["measure"] != "survey_positive"].reset_index(drop=True)
    published = publish_count(cells["count"].to_numpy(), policy)
    table = cells.assign(count=published, suppressed=np.isnan(published))
    table = protect_totals(table, dict(exact.clusters), policy)
    survey = survey_percentages(exact.counts, policy.survey_min_respondents)
    survey = survey.assign(respondents=publish_count(survey["respondents"].to_numpy(), policy))
    resp = table.loc[
        (table["measure"] == "survey_respondents") & table["suppressed"],
        ["entity", "year", "breakdown", "ethnic_group"],
    ]
    withheld = pd.MultiIndex.from_frame(
        survey[["entity", "year", "indicator", "ethnic_group"]].astype({"indicator": str})
    ).isin(pd.MultiIndex.from_frame(resp))
    survey.loc[withheld, "respondents"] = np.nan
    return PublishedCounts(table.reset_index(drop=True), survey.reset_index(drop=True), policy)


def feasible_range(published: np.ndarray, policy: Policy) -> tuple[np.ndarray, np.ndarray]:
    """The exact counts each published count could have come from, as [low, high].

    Examples
    --------
    >>> low, high = feasible_range(np.array([0, np.nan, 10, 105]), Policy())
    >>> low.tolist(), high.tolist()
    ([0.0, 1.0, 8.0, 103.0], [0.0, 7.0, 12.0, 107.0])
    """
    b = policy.rounding_base
    low = np.maximum(np.ceil(published - b / 2), policy.max_suppressed + 1)
    high = np.ceil(published + b / 2) - 1
    low = np.where(published == 0, 0, low)
    high = np.where(published == 0, 0, high)
    low = np.where(np.isnan(published), 1, low)
    high = np.where(np.isnan(published), policy.max_suppressed, high)
    return low, high


def _relations(table: pd.DataFrame, clusters: dict) -> list[tuple[pd.Series, pd.Series]]:
    """(part -> total) links between cells: for each, the row of each part's total."""
    key = ["entity", "year", "measure", "breakdown", "ethnic_group"]
    # Each key column as integer codes, and a row's key as one mixed-radix integer,
    # so a total is found by an integer lookup rather than by tuples of text.
    labels = {k: pd.Index(pd.unique(table[k])) for k in key}
    radix = [len(labels[k]) + 1 for k in key]

    def encode(frame: pd.DataFrame) -> np.ndarray:
        combined = np.zeros(len(frame), dtype=np.int64)
        missing = np.zeros(len(frame), dtype=bool)
        for k, r in zip(key, radix):
            codes = labels[k].get_indexer(frame[k])
            missing |= codes < 0
            combined = combined * r + codes + 1
        return np.where(missing, -1, combined)

    lookup = pd.Index(encode(table))
    links = []

    def link(parts: pd.DataFrame, totals: pd.DataFrame):
        rows = lookup.get_indexer(encode(totals))
        ok = rows >= 0
        links.append((parts.index.to_numpy()[ok], rows[ok]))

    groups = table[table["ethnic_group"].isin(["White", "BME", "Unknown"])]
    link(groups, groups.assign(ethnic_group="All"))
    staff = table[(table["measure"] == "staff") & ~table["breakdown"].str.endswith("|All")]
    link(staff, staff.assign(breakdown=staff["breakdown"].str.split("|").str[0] + "|All"))
    sides = table[
        (table["measure"] == "staff")
        & table["breakdown"].isin(["Clinical|All", "Non-clinical|All"])
    ]
    link(sides, sides.assign(breakdown="All|All"))
    board = table[table["measure"] == "board"]
    for total, members in (
        (
            "Total board",
            (
                "voting-executive",
                "voting-nonexecutive",
                "nonvoting-executive",
                "nonvoting-nonexecutive",
            ),
        ),
        ("Voting", ("voting-executive", "voting-nonexecutive")),
        ("Executive", ("voting-executive", "nonvoting-executive")),
    ):
        part = board[board["breakdown"].isin(members)]
        link(part, part.assign(breakdown=total))
    for measure, pooled in (("disciplinary", "disciplinary_2y"), ("staff", "staff_2y")):
        part = table[table["measure"] == measure]
        link(part, part.assign(measure=pooled))
        link(part, part.assign(measure=pooled, year=part["year"] + 1))
    member_of = {m: c for c, ms in clusters.items() for m in ms}
    if member_of:
        part = table[table["entity"].isin(member_of)]
        link(part, part.assign(entity=part["entity"].map(member_of)))
    return links


def protect_totals(
    table: pd.DataFrame, clusters: dict, policy: Policy, max_rounds: int = 10
) -> pd.DataFrame:
    """Secondary suppression: withhold any total that would pin a withheld part.

    For each published total and its parts (groups in a total, bands in a
    side, board seats in a board, members in a cluster, two years in a pool),
    every exact value a withheld part could take is worked out from the
    feasible ranges of the total and the other parts. Where fewer than two
    values remain, the total is withheld too; repeated until nothing changes.
    """
    table = table.copy()
    links = _relations(table, clusters)
    for _ in range(max_rounds):
        published = table["count"].to_numpy(dtype=float)
        low, high = feasible_range(published, policy)
        suppressed = table["suppressed"].to_numpy()
        newly = np.zeros(len(table), dtype=bool)
        for parts, totals in links:
            frame = pd.DataFrame(
                {
                    "total": totals,
                    "low": low[parts],
                    "high": high[parts],
                    "withheld": suppressed[parts],
                }
            )
            sums = frame.groupby("total")[["low", "high"]].transform("sum")
            t_low, t_high = low[totals], high[totals]
            # Bounds on a part from the total minus the others' most and least.
            part_low = np.maximum(frame["low"], t_low - (sums["high"] - frame["high"]))
            part_high = np.minimum(frame["high"], t_high - (sums["low"] - frame["low"]))
            pinned = frame["withheld"].to_numpy() & ((part_high - part_low) < 1).to_numpy()
            newly[np.unique(totals[pinned])] = True
        newly &= ~suppressed
        if not newly.any():
            break
        table.loc[newly, "count"] = np.nan
        table.loc[newly, "suppressed"] = True
    return table
