"""Model Employer panel and chart, from hand-made indicator-1 rows worked by hand."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from wres_helpers.problems import InputError
from wres_helpers.report.model_employer import (
    BEHIND,
    ON_TRACK,
    figure_of,
    model_employer,
    parity_posts,
    trajectory,
)
from wres_helpers.report.model_employer_chart import chart, chart_alt, chart_data, chart_table

UPPER = "Band 8A and above"


def rows(year, breakdown, total, bme, suppressed=()):
    """Indicator-1 rows of one breakdown; statistics named in ``suppressed`` are withheld."""
    values = {"total_n": total, "bme_n": bme, "bme_pct": 100 * bme / total}
    return [
        {
            "entity": "RXX",
            "year": year,
            "indicator": 1,
            "breakdown": breakdown,
            "statistic": stat,
            "value": None if stat in suppressed else value,
            "suppressed": stat in suppressed,
        }
        for stat, value in values.items()
    ]


def frame(*parts):
    return pd.DataFrame([r for part in parts for r in part])


# The brief's case: a workforce of 1,000 with 250 BME (25%); 8A and above 80 staff, 10 BME.
BASE = frame(rows(2019, "All|All", 1000, 250), rows(2019, f"All|{UPPER}", 80, 10))


def test_parity_is_level_headcount_times_workforce_share():
    panel = model_employer(BASE)
    # parity = 80 x 25% = 20 posts; gap = 20 - 10 = 10 posts
    assert figure_of(panel, 2019, "All", UPPER, "parity_posts").value == 20
    assert figure_of(panel, 2019, "All", UPPER, "gap_posts").value == 10
    # the level's share 10 / 80 = 12.5% against the workforce's 25%
    assert figure_of(panel, 2019, "All", UPPER, "bme_pct").value == 12.5
    assert figure_of(panel, 2019, "All", UPPER, "workforce_bme_pct").value == 25.0


def test_parity_posts_round_up_to_a_whole_post():
    # 10 staff x 19.1% = 1.91: parity needs 2 posts (1 would be 10%, below 19.1%)
    assert parity_posts(10, 19.1) == 2
    # 80 x 25% = 20 exactly: no post added by binary rounding
    assert parity_posts(80, 25.0) == 20
    assert parity_posts(0, 25.0) == 0


def test_trajectory_2019_to_2028_in_nine_equal_steps():
    path = trajectory(2019, 12.5, 25.0)
    # (25 - 12.5) / (2028 - 2019) = 12.5 / 9 per year
    assert sorted(path) == list(range(2019, 2029))
    steps = [path[y + 1] - path[y] for y in range(2019, 2028)]
    assert len(steps) == 9
    assert steps == pytest.approx([12.5 / 9] * 9)
    assert path[2019] == 12.5 and path[2028] == 25.0
    # 2022: 12.5 + 3 x 12.5 / 9 = 16.666...%
    assert path[2022] == pytest.approx(12.5 + 3 * 12.5 / 9)


def test_each_year_on_track_or_behind_the_trajectory():
    extract = frame(
        rows(2019, "All|All", 1000, 250),
        rows(2019, f"All|{UPPER}", 80, 10),  # 12.5%: the start, on track
        rows(2020, "All|All", 1000, 260),
        rows(2020, f"All|{UPPER}", 90, 14),  # 15.56% >= 12.5 + 12.5/9 = 13.89%: on track
        rows(2021, "All|All", 1000, 270),
        rows(2021, f"All|{UPPER}", 100, 15),  # 15.0% < 12.5 + 2 x 12.5/9 = 15.28%: behind
    )
    panel = model_employer(extract)
    assert figure_of(panel, 2019, "All", UPPER, "status").value == ON_TRACK
    assert figure_of(panel, 2020, "All", UPPER, "status").value == ON_TRACK
    assert figure_of(panel, 2021, "All", UPPER, "status").value == BEHIND
    # the path ends at the first year's workforce share (25%), not a later year's
    assert figure_of(panel, 2021, "All", UPPER, "trajectory_pct").value == pytest.approx(
        12.5 + 2 * 12.5 / 9
    )
    # 2021 parity uses 2021's own workforce share: 100 x 27% = 27 posts, gap 27 - 15 = 12
    assert figure_of(panel, 2021, "All", UPPER, "parity_posts").value == 27
    assert figure_of(panel, 2021, "All", UPPER, "gap_posts").value == 12


def test_a_withheld_count_withholds_its_dependants():
    extract = frame(
        rows(2019, "All|All", 1000, 250),
        rows(2019, f"All|{UPPER}", 80, 10),
        rows(2020, "All|All", 1000, 250),
        rows(2020, f"All|{UPPER}", 80, 5, suppressed=("bme_n", "bme_pct")),
    )
    panel = model_employer(extract)
    gap = figure_of(panel, 2020, "All", UPPER, "gap_posts")
    status = figure_of(panel, 2020, "All", UPPER, "status")
    assert gap.withheld and gap.value is None and "bme_n" in gap.reason
    assert status.withheld and status.value is None and "bme_pct" in status.reason
    # parity rests only on the level's headcount and the workforce share: still shown
    assert figure_of(panel, 2020, "All", UPPER, "parity_posts").value == 20


def test_a_withheld_first_year_withholds_the_whole_trajectory():
    extract = frame(
        rows(2019, "All|All", 1000, 250),
        rows(2019, f"All|{UPPER}", 80, 5, suppressed=("bme_n", "bme_pct")),
        rows(2020, "All|All", 1000, 250),
        rows(2020, f"All|{UPPER}", 80, 12),
    )
    panel = model_employer(extract)
    for year in (2019, 2020):
        assert figure_of(panel, year, "All", UPPER, "trajectory_pct").withheld
        assert figure_of(panel, year, "All", UPPER, "status").withheld


def test_a_level_not_in_the_figures_is_absent_not_withheld():
    panel = model_employer(BASE)
    vsm = figure_of(panel, 2019, "Clinical", "VSM", "bme_pct")
    assert vsm.value is None and not vsm.withheld and "Clinical|VSM" in vsm.reason


def test_several_entities_need_one_named():
    other = BASE.assign(entity="RYY")
    with pytest.raises(InputError, match="entity"):
        model_employer(pd.concat([BASE, other]))
    assert not model_employer(pd.concat([BASE, other]), entity="RYY").empty
    with pytest.raises(InputError, match="entity, value 'RZZ': no rows"):
        model_employer(BASE, entity="RZZ")


def test_a_missing_column_is_an_input_error():
    with pytest.raises(InputError, match="column suppressed"):
        model_employer(BASE.drop(columns="suppressed"))


def test_suppressed_read_from_csv_text():
    # indicators.csv written and read back carries "True"/"False" as text
    text = BASE.assign(suppressed=BASE["suppressed"].map(str))
    text.loc[text["statistic"] == "bme_n", "suppressed"] = "True"
    panel = model_employer(text)
    assert figure_of(panel, 2019, "All", UPPER, "gap_posts").withheld


WITHHELD_2020 = frame(
    rows(2019, "All|All", 1000, 250),
    rows(2019, f"All|{UPPER}", 80, 10),
    rows(2020, "All|All", 1000, 250),
    rows(2020, f"All|{UPPER}", 80, 5, suppressed=("bme_n", "bme_pct")),
)


def test_chart_table_marks_withheld_cells_c():
    table = chart_table(model_employer(WITHHELD_2020), "All", UPPER)
    first, second = table.iloc[0], table.iloc[1]
    assert first["BME share at this level"] == "12.5%"
    assert first["BME staff parity would mean"] == "20"
    assert first["Gap to parity (posts)"] == "10"
    assert second["BME share at this level"] == "[c]"
    assert second["Gap to parity (posts)"] == "[c]"
    assert second["Against the trajectory"] == "[c]"


def test_chart_alt_text_says_withheld_in_words_and_no_withheld_number():
    alt = chart_alt(model_employer(WITHHELD_2020), "All", UPPER)
    assert "BME share, Band 8A and above (all staff)" in alt
    assert "2019: 12.5% at this level, 25.0% in the whole workforce" in alt
    assert "2020: the share at this level is withheld" in alt
    # 5 / 80 = 6.25% would round to 6.2% or 6.3%; the gap would be 15
    assert "6.2" not in alt and "6.3" not in alt and "15" not in alt
    assert "[c]" not in alt


def test_chart_marks_a_withheld_share_c_in_plain_text():
    fig, alt, table = chart(model_employer(WITHHELD_2020), "All", UPPER)
    ax = fig.axes[0]
    marks = [t for t in ax.texts if t.get_text() == "[c]"]
    assert len(marks) == 1
    assert not marks[0].get_parse_math()
    assert not ax.title.get_parse_math()
    assert alt == chart_alt(model_employer(WITHHELD_2020), "All", UPPER)
    assert list(table["Year"]) == ["2019", "2020"]
    # the level's line has only the published year's point: 2019 at 12.5%
    level = ax.get_lines()[0]
    assert list(level.get_xdata()) == [2019] and list(level.get_ydata()) == [12.5]
    plt.close(fig)


def test_chart_data_is_the_table_and_the_alt_text():
    panel = model_employer(WITHHELD_2020)
    table, alt = chart_data(panel, "All", UPPER)
    assert table.equals(chart_table(panel, "All", UPPER))
    assert alt == chart_alt(panel, "All", UPPER)


def test_a_level_without_figures_draws_an_empty_chart_and_says_so():
    fig, alt, table = chart(model_employer(BASE), "Clinical", "VSM")
    assert "2019: no share at this level, 25.0% in the whole workforce" in alt
    assert table.iloc[0]["BME share at this level"] == "n/a"
    # only the whole workforce's line (25% in 2019) has a point to draw
    (line,) = fig.axes[0].get_lines()
    assert list(line.get_ydata()) == [25.0]
    plt.close(fig)


def _engine_extract(tmp_path):
    """T1, 2016: Band 5 clinical 28 White and 10 BME; VSM clinical 8 White and 2 BME;
    VSM non-clinical 8 White. Workforce 56 staff, 12 BME (21.43%)."""
    from conftest import ORGS, people, write_extract

    staff = (
        people("T1", 2016, "staff", {"A": 28, "H": 10}, pay_band="Band 5", clinical="Y")
        + people("T1", 2016, "staff", {"A": 8, "M": 2}, pay_band="VSM", clinical="Y")
        + people("T1", 2016, "staff", {"A": 8}, pay_band="VSM", clinical="N")
    )
    return write_extract(tmp_path / "me", {"organisations": ORGS[:1], "staff": staff})


def test_reads_the_engines_own_indicator_table(tmp_path):
    from wres_helpers.figures.engine import indicators_for_extract

    frame = indicators_for_extract(_engine_extract(tmp_path), "internal").frame
    panel = model_employer(frame, entity="T1")
    # Clinical VSM: 2 of 10 = 20%; parity ceil(10 x 12/56 = 2.14) = 3 posts; gap 3 - 2 = 1
    assert figure_of(panel, 2016, "Clinical", "VSM", "bme_pct").value == pytest.approx(20.0)
    assert figure_of(panel, 2016, "Clinical", "VSM", "workforce_bme_pct").value == (
        pytest.approx(100 * 12 / 56)
    )
    assert figure_of(panel, 2016, "Clinical", "VSM", "parity_posts").value == 3
    assert figure_of(panel, 2016, "Clinical", "VSM", "gap_posts").value == 1
    # Non-clinical VSM: 0 of 8; parity ceil(8 x 12/56 = 1.71) = 2 posts; gap 2
    assert figure_of(panel, 2016, "Non-clinical", "VSM", "parity_posts").value == 2
    assert figure_of(panel, 2016, "Non-clinical", "VSM", "gap_posts").value == 2


def test_the_engines_public_suppression_withholds_the_panel(tmp_path):
    from wres_helpers.figures.engine import indicators_for_extract

    frame = indicators_for_extract(_engine_extract(tmp_path), "public").frame
    panel = model_employer(frame, entity="T1")
    # 2 BME clinical VSM staff is a count from 1 to 7: suppressed, and so is all that rests on it
    for measure in ("bme_n", "bme_pct", "gap_posts", "status"):
        assert figure_of(panel, 2016, "Clinical", "VSM", measure).withheld, measure
