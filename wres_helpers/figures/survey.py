"""Staff-survey percentages (indicators 5-8) and the Wilson interval."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_helpers.figures import intervals


def wilson_interval(successes, trials) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for proportions (0-1), NaN where trials is 0.

    Newcombe's closed form, as ``scipy.stats.binomtest(k, n).proportion_ci(
    method="wilson")`` computes it, for whole columns at once
    (:func:`wres_helpers.figures.intervals.wilson`, tested against scipy to the
    last digit). With no successes the lower bound is exactly 0, and with all
    successes the upper bound is 1.
    """
    return intervals.wilson(successes, trials)


#: The columns of :func:`survey_percentages`.
SURVEY_COLUMNS = (
    "entity",
    "year",
    "indicator",
    "ethnic_group",
    "respondents",
    "pct",
    "ci_low",
    "ci_high",
    "suppressed",
)


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
        return pd.DataFrame(columns=list(SURVEY_COLUMNS))
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
