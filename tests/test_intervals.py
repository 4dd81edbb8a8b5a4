"""The closed-form intervals are scipy's own, to the last digit, on a case table."""

import math

import numpy as np
import pytest
from scipy.stats import binomtest
from scipy.stats.contingency import relative_risk

from wres_helpers.figures.intervals import Z95, katz, wilson

# successes, trials: none, all, one, a half, small and large, odd fractions.
WILSON_CASES = [
    (0, 1),
    (1, 1),
    (0, 10),
    (10, 10),
    (1, 10),
    (5, 10),
    (3, 7),
    (1, 3),
    (7, 8),
    (11, 11),
    (2, 1000),
    (499, 1000),
    (12345, 67890),
    (1, 1_400_000),
    (700_000, 1_400_000),
    (1_399_999, 1_400_000),
]
# a, na, b, nb: scipy's docstring example, no cases in a, all cases, equal rates, large.
KATZ_CASES = [
    (10, 75, 12, 225),
    (0, 10, 3, 20),
    (5, 5, 5, 5),
    (1, 1, 1, 2),
    (3, 40, 3, 40),
    (25, 300, 400, 2000),
    (1, 1_000_000, 7, 900_000),
    (123_456, 654_321, 54_321, 98_765),
    (8, 9, 1, 9),
]


def test_z_is_scipys_quantile():
    from scipy.special import ndtri

    assert Z95 == ndtri(0.975)


@pytest.mark.parametrize("k, n", WILSON_CASES)
def test_wilson_is_scipys_binomtest_interval(k, n):
    ci = binomtest(k, n).proportion_ci(method="wilson")
    low, high = wilson([k], [n])
    assert (low[0], high[0]) == (ci.low, ci.high)


@pytest.mark.parametrize("a, na, b, nb", KATZ_CASES)
def test_katz_is_scipys_relative_risk_interval(a, na, b, nb):
    ci = relative_risk(a, na, b, nb).confidence_interval(0.95)
    low, high = katz([a], [na], [b], [nb])
    assert low[0] == ci.low
    assert high[0] == ci.high or (math.isnan(high[0]) and math.isnan(ci.high))


def test_whole_columns_match_one_at_a_time():
    ks, ns = zip(*WILSON_CASES)
    low, high = wilson(ks, ns)
    for i, (k, n) in enumerate(WILSON_CASES):
        assert (low[i], high[i]) == tuple(wilson([k], [n])[j][0] for j in (0, 1))


def test_wilson_by_hand():
    # No successes in 10: the upper limit is z^2 / (n + z^2) = 3.84146 / 13.84146 = 0.27753.
    low, high = wilson([0], [10])
    assert low[0] == 0.0 and high[0] == pytest.approx(0.27753, abs=1e-5)


def test_undefined_intervals_are_blank():
    low, high = wilson([np.nan, 1, 5, -1], [10, 0, 4, 10])
    assert np.isnan(low).all() and np.isnan(high).all()
    # b with no cases (the ratio is blank), a total of 0, a missing count, a > na.
    low, high = katz([1, 1, np.nan, 5], [10, 0, 10, 4], [0, 1, 1, 1], [10, 10, 10, 10])
    assert np.isnan(low).all() and np.isnan(high).all()
