"""The summary's rows in the template's shape, from a hand-made table of figures."""

import math

from wres_helpers.report.figure import Figure
from wres_helpers.report.summary import indicator3_rows, survey_headers, survey_rows

NAN = math.nan
FIGURES = {
    # (indicator, breakdown, statistic, year): (value, low, high, withheld)
    (5, "All", "white_pct", 2022): (30.2, NAN, NAN, False),
    (5, "All", "bme_pct", 2022): (29.3, NAN, NAN, False),
    (5, "All", "white_pct", 2023): (24.64, NAN, NAN, False),
    (5, "All", "bme_pct", 2023): (31.56, NAN, NAN, False),
    (7, "All", "white_pct", 2023): (57.7, NAN, NAN, False),
    (7, "All", "bme_pct", 2023): (NAN, NAN, NAN, True),
    (7, "All", "bme_pct", 2022): (43.1, NAN, NAN, False),
    (3, "All", "relative_likelihood", 2023): (1.32, NAN, NAN, False),
    (3, "All|two-year", "relative_likelihood", 2023): (1.34, NAN, NAN, False),
}


def get(indicator, breakdown, statistic, year):
    return Figure(*FIGURES.get((indicator, breakdown, statistic, year), (NAN, NAN, NAN, False)))


def test_survey_rows_put_white_and_bme_side_by_side_for_both_years():
    rows = {r[0].split(":")[0]: r for r in survey_rows(get, 2023, 2022)}
    # 31.56 shows 31.6%, 24.64 shows 24.6%: a gap of 31.6 - 24.6 = +7.0 points.
    assert rows["5"][1:] == [
        "30.2%",
        "29.3%",
        "24.6%",
        "31.6%",
        "More harassment reported by BME staff",
        "+7.0 pp",
    ]
    # BME withheld this year: no change and no gap can be stated.
    assert rows["7"][4:] == ["[c]", "Not comparable", "[c]"]
    assert rows["6"][1:] == ["n/a"] * 4 + ["Not comparable", "n/a"]


def test_survey_headers_name_the_staff_survey_of_the_year_before():
    assert survey_headers(2023, 2022) == [
        "Indicator",
        "White, 2022 (survey 2021)",
        "BME, 2022 (survey 2021)",
        "White, 2023 (survey 2022)",
        "BME, 2023 (survey 2022)",
        "Change for BME staff",
        "BME minus White, 2023",
    ]


def test_indicator3_on_both_bases_with_the_basis_named():
    assert indicator3_rows(get, 2023, None) == [
        ["One year: 2023", "1.32", "Outside the non-adverse range"],
        ["Two years pooled: 2022 and 2023", "1.34", "Outside the non-adverse range"],
    ]
    assert indicator3_rows(get, 2024, None) == []  # no two-year figure: no rows


def test_labels_the_rounded_figures_cannot_settle():
    from wres_helpers.report.labels import UNSETTLED
    from wres_helpers.report.summary import change_label, range_label

    spec = {"indicator": 2, "kind": "ratio", "better": "closer to 1"}
    # Rounded 1.53 from 1.36: further from parity (|log 1.53| = 0.425 > |log 1.36|
    # = 0.307), a change the exact figures do not settle.
    this, before = Figure(1.5278), Figure(1.36)
    assert change_label(spec, this, before) == "Further from parity"
    assert change_label(spec, this, before, settled=False) == UNSETTLED
    # A withheld figure is not comparable, settled or not.
    assert change_label(spec, Figure(NAN, suppressed=True), before, False) == "Not comparable"
    assert range_label(spec, Figure(1.3193)) == "Outside the non-adverse range"
    assert range_label(spec, Figure(1.3193, unsettled=frozenset({"range"}))) == UNSETTLED
    # Indicator 5's BME change (29.3% to 31.56%) when the change is not settled.
    rows = survey_rows(get, 2023, 2022, settled=lambda key, last: key[0] != 5)
    assert rows[0][5] == UNSETTLED
    assert rows[1][5] == "Not comparable"  # indicator 6: no figures
