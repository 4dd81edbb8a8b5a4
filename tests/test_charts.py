"""Charts mark withheld values: a suppressed bar is labelled [c] on the chart and in alt text."""

import html
import math
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

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
