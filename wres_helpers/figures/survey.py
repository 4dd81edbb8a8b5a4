"""Staff-survey percentages (indicators 5-8) and the Wilson interval."""

from __future__ import annotations

import numpy as np
import pandas as pd


def wilson_interval(successes, trials) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for proportions (0-1), NaN where trials is 0.

    statsmodels' vectorised ``proportion_confint(method="wilson")`` gives
    the same interval as ``scipy.stats.binomtest(k, n).proportion_ci(
    method="wilson")`` (tested), for whole columns at once. With no successes
    the lower bound is exactly 0, and with all successes the upper bound is 1.
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
    # The bound at an end of the range is that end exactly (floating point leaves
    # 8.67e-19 for 0 of n), so that a published 0 or 100% interval reads as such.
    low = np.where(ok & (k == 0), 0.0, low)
    high = np.where(ok & (k == n), 1.0, high)
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
