"""95% confidence intervals in closed form, for whole columns at once.

scipy computes these one pair of counts at a time, and importing
``scipy.stats`` (or statsmodels) costs about a second of every run. The two
formulas are short, so they are written here once, operation for operation as
scipy writes them, and ``tests/test_intervals.py`` checks them against scipy's
own (``binomtest(k, n).proportion_ci(method="wilson")`` and
``relative_risk(a, na, b, nb).confidence_interval()``) to the last digit.
"""

from __future__ import annotations

import numpy as np

#: The standard normal's 97.5% quantile, ``scipy.special.ndtri(0.975)``.
Z95 = 1.959963984540054


def wilson(successes, trials) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score 95% interval for proportions (0-1); NaN where not defined.

    Newcombe's (1998) formulas, as ``scipy.stats.binomtest`` writes them:
    the lower limit is 0 when there are no successes, the upper 1 when all
    are. Undefined (NaN) where trials is not positive, a count is missing, or
    successes fall outside 0 to trials.

    Examples
    --------
    >>> low, high = wilson([0, 5], [10, 10])
    >>> float(low[0]), round(float(high[0]), 4), round(float(low[1]), 4)
    (0.0, 0.2775, 0.2366)
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    ok = np.isfinite(k) & np.isfinite(n) & (n > 0) & (k >= 0) & (k <= n)
    k, n = np.where(ok, k, 0.0), np.where(ok, n, 1.0)
    p = k / n
    z = Z95
    denom = 2 * (n + z**2)
    center = (2 * n * p + z**2) / denom
    q = 1 - p
    delta = z / denom * np.sqrt(4 * n * p * q + z**2)
    low = np.where(k == 0, 0.0, center - delta)
    high = np.where(k == n, 1.0, center + delta)
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)


def katz(cases_a, total_a, cases_b, total_b) -> tuple[np.ndarray, np.ndarray]:
    """Katz log-method 95% interval of the ratio of rates (a / na) / (b / nb).

    As ``scipy.stats.contingency.relative_risk(...).confidence_interval()``:
    with no cases in ``a`` the interval is (0, NaN). Undefined (NaN) where a
    count is missing, a total is not positive, a count exceeds its total, or
    ``b`` has no cases (the ratio is then left blank too).

    Examples
    --------
    >>> low, high = katz([10], [75], [12], [225])  # scipy's own example
    >>> float(low[0]), float(high[0])
    (1.1261564003469628, 5.549850800541033)
    """
    a, na, b, nb = (np.asarray(x, dtype=float) for x in (cases_a, total_a, cases_b, total_b))
    ok = np.isfinite(a) & np.isfinite(na) & np.isfinite(b) & np.isfinite(nb)
    ok &= (na > 0) & (nb > 0) & (b > 0) & (a >= 0) & (a <= na) & (b <= nb)
    a, b = np.where(ok, a, 1.0), np.where(ok, b, 1.0)
    na, nb = np.where(ok, na, 2.0), np.where(ok, nb, 2.0)
    safe_a = np.where(a == 0, 1.0, a)
    rr = (a / na) / (b / nb)
    se = np.sqrt(1 / safe_a - 1 / na + 1 / b - 1 / nb)
    delta = Z95 * se
    low = np.where(a == 0, 0.0, rr * np.exp(-delta))
    high = np.where(a == 0, np.nan, rr * np.exp(delta))
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)
