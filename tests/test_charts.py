"""Charts: a withheld figure is named [c] in the alt text and the data table, never drawn."""

import math

import pandas as pd

from wres_helpers.report import charts

ROWS = [
    {"category": "Band 5", "group": "White", "value": 0.25, "low": 0.2, "high": 0.3,
     "suppressed": False},
    {"category": "Band 5", "group": "BME", "value": math.nan, "low": math.nan,
     "high": math.nan, "suppressed": True},
]  # fmt: skip


def test_group_bars_alt_text_and_data_table():
    html = charts.group_bars(ROWS, "rate", "Shortlisting", "Rate (%)", "Rates.")
    # 100 x 0.25 = 25.0%; the interval 100 x 0.2 = 20.0% to 100 x 0.3 = 30.0%.
    assert 'alt="Shortlisting. Bar chart. Band 5, White: 25.0%; Band 5, BME: [c]."' in html
    assert "<td>White</td><td>25.0%</td><td>20.0% to 30.0%</td>" in html
    assert "<td>BME</td><td>[c]</td><td></td>" in html
    assert "<figcaption>Rates.</figcaption><details><summary>" in html


def test_a_funnel_point_is_placed_against_the_nearest_limits():
    curve = pd.DataFrame(
        {"n": [50, 100], "low95": [0.7, 0.8], "high95": [1.4, 1.25],
         "low998": [0.6, 0.7], "high998": [1.6, 1.4]}
    )  # fmt: skip
    # Denominator 60 + 40 = 100: the limits at n = 100 apply.
    assert charts._position(curve, {"na": 60, "nb": 40, "rl": 1.3}) == (
        "between 95% and 99.8% limits"  # 1.25 < 1.3 <= 1.4
    )
    assert charts._position(curve, {"na": 60, "nb": 40, "rl": 1.0}) == "within 95% limits"
    assert charts._position(curve, {"na": 60, "nb": 40, "rl": 1.5}) == "outside 99.8% limits"
    assert charts._position(curve.iloc[0:0], {"na": 1, "nb": 1, "rl": 1.0}).startswith("no limits")
