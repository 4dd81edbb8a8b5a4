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
from statsmodels.stats.proportion import proportion_confint

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
    survey = counts[counts["measure"].isin(["survey_respondents", "survey_positive"])
                    & counts["ethnic_group"].isin(["White", "BME"])]
    wide = survey.pivot_table(index=["entity", "year", "breakdown", "ethnic_group"],
                              columns="measure", values="count", aggfunc="sum",
                              observed=True).reset_index()
    if wide.empty:
        return pd.DataFrame(columns=["entity", "year", "indicator", "ethnic_group", "respondents",
                                     "pct", "ci_low", "ci_high", "suppressed"])
    n = wide["survey_respondents"].to_numpy(float)
    k = wide["survey_positive"].to_numpy(float)
    low, high = wilson_interval(k, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        pct = np.where(n > 0, 100 * k / n, np.nan)
    suppressed = (n > 0) & (n < min_respondents)
    out = pd.DataFrame({
        "entity": wide["entity"], "year": wide["year"],
        "indicator": wide["breakdown"].astype(int), "ethnic_group": wide["ethnic_group"],
        "respondents": n, "pct": np.where(suppressed, np.nan, pct),
        "ci_low": np.where(suppressed, np.nan, 100 * low),
        "ci_high": np.where(suppressed, np.nan, 100 * high), "suppressed": suppressed})
    return out


@dataclass(frozen=True)
class ExactCounts:
    """Every count as counted: for internal outputs only."""

    counts: pd.DataFrame  # entity, year, measure, breakdown, ethnic_group, count
    policy: Policy = Policy()
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

    The survey's positive answers are used here, once, for the percentages
    the survey rule allows, and are not carried further.
    """
    policy = policy or exact.policy
    cells = exact.counts[exact.counts["measure"] != "survey_positive"]
    published = publish_count(cells["count"].to_numpy(), policy)
    table = cells.assign(count=published, suppressed=np.isnan(published))
    survey = survey_percentages(exact.counts, policy.survey_min_respondents)
    survey = survey.assign(respondents=publish_count(survey["respondents"].to_numpy(), policy))
    return PublishedCounts(table.reset_index(drop=True), survey.reset_index(drop=True), policy)
