"""Charts: a withheld figure is labelled [c] on the chart, in the alt text and the data table."""

import html
import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from wres_helpers.report import charts  # noqa: E402
from wres_helpers.report.charts import group_bars, mark_withheld  # noqa: E402


def bar(category, group, value, suppressed=False):
    return {
        "category": category,
        "group": group,
        "value": math.nan if suppressed else value,
        "low": math.nan,
        "high": math.nan,
        "suppressed": suppressed,
    }


def test_withheld_bar_gets_its_own_label_in_its_slot():
    rows = [bar("Band 8A", "White", 80.0), bar("Band 8A", "BME", 0, True), bar("VSM", "BME", 10.0)]
    fig, ax = plt.subplots()
    marks = mark_withheld(ax, pd.DataFrame(rows), ["Band 8A", "VSM"], ["White", "BME"])
    assert [m.get_text() for m in marks] == [" BME: [c]"]
    # Two groups share the row of Band 8A (y = 0): slots 0.4 wide, BME's centred at +0.2.
    assert marks[0].get_position()[1] == pytest.approx(0.2)
    plt.close(fig)


@pytest.mark.parametrize(
    "rows",
    [
        [bar("Band 8A", "White", 80.0), bar("Band 8A", "BME", 0, True)],
        [bar("Band 8A", "BME", 0, True), bar("Band 8B", "BME", 0, True)],  # nothing drawn
        [bar("Total", "White", 0.1), bar("Total", "BME", 0.2)],  # nothing withheld
        # A group missing from one band and withheld in another: each bar keeps its label.
        [
            bar("A", "White", math.nan),
            bar("A", "BME", 30.0),
            bar("B", "White", 0, True),
            bar("B", "BME", 10.0),
        ],
    ],
)
def test_alt_text_names_each_withheld_bar(rows):
    out = group_bars(rows, "pct", "Share", "Share (%)", "Caption.")
    alt = html.unescape(re.search(r'alt="([^"]*)"', out).group(1))
    withheld = [r for r in rows if r["suppressed"]]
    for r in withheld:
        assert f"{r['category']}, {r['group']}: [c]" in alt
    assert ("withheld to protect confidentiality, not empty" in alt) == bool(withheld)


ROWS = [
    {"category": "Band 5", "group": "White", "value": 0.25, "low": 0.2, "high": 0.3,
     "suppressed": False},
    {"category": "Band 5", "group": "BME", "value": math.nan, "low": math.nan,
     "high": math.nan, "suppressed": True},
]  # fmt: skip


def test_group_bars_alt_text_and_data_table():
    out = charts.group_bars(ROWS, "rate", "Shortlisting", "Rate (%)", "Rates.")
    # 100 x 0.25 = 25.0%; the interval 100 x 0.2 = 20.0% to 100 x 0.3 = 30.0%.
    assert (
        'alt="Shortlisting. Bar chart. Band 5, White: 25.0%; Band 5, BME: [c]. '
        'A bar marked [c] is withheld to protect confidentiality, not empty."' in out
    )
    assert "<td>White</td><td>25.0%</td><td>20.0% to 30.0%</td>" in out
    assert "<td>BME</td><td>[c]</td><td></td>" in out
    assert "<figcaption>Rates.</figcaption><details><summary>" in out


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
