"""National comparators: the packaged file's figures, for their own year only."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from wres_helpers.problems import InputError
from wres_helpers.report.national import load_national, national_figure, read_national

HEADER = (
    "wres_year,indicator,group,statistic,value,scope,source_title,source_url,quote,"
    "data_as_at,staff_survey_year,source_year_label,report_published,source_type,preferred,note"
)


def test_2016_indicator_2_is_the_published_1_57_with_its_source():
    # data/national_wres.csv, WRES 2016, indicator 2: relative likelihood 1.57, read in
    # HSJ Jobs, 22 Feb 2023: "only a very small improvement on 1.57 in 2016, when WRES began"
    figure = national_figure(2016, 2, "relative_likelihood")
    assert figure.value == 1.57 and figure.published == "1.57"
    assert "HSJ Jobs, 22 Feb 2023" in figure.source_title
    assert figure.source_url.startswith("https://www.hsjjobs.com/")
    assert "1.57 in 2016" in figure.quote


def test_a_figure_is_shown_only_for_its_own_year():
    # indicator 3: 1.22 in WRES 2019 and 1.14 in WRES 2021 are in the file; WRES 2020 is not
    assert national_figure(2019, 3, "relative_likelihood").published == "1.22"
    assert national_figure(2021, 3, "relative_likelihood").published == "1.14"
    assert national_figure(2020, 3, "relative_likelihood") is None
    # no WRES 2025 report was found, so no 2025 figure at all
    assert national_figure(2025, 2, "relative_likelihood") is None
    assert national_figure(2025, 1, "bme_pct", "BME") is None


def test_the_preferred_figure_wins_where_two_sources_disagree():
    # WRES 2022 indicator 2: 1.54 (HSJ Jobs, first published, preferred) against
    # 1.53 (Health Business UK on NHS England's 2023 release, kept as 'no')
    figure = national_figure(2022, 2, "relative_likelihood")
    assert figure.published == "1.54"
    assert "HSJ Jobs" in figure.source_title
    # WRES 2021 BME VSM headcount: 298 preferred over 290
    assert national_figure(2021, 1, "vsm_bme_headcount").value == 298


def test_published_rounding_is_kept():
    # WRES 2016 indicator 6 (BME) was published as a whole per cent, "27 per cent"
    assert national_figure(2016, 6, "bme_pct", "BME").published == "27"
    # WRES 2017 indicator 2 as printed: "1.60", not "1.6"
    assert national_figure(2017, 2, "relative_likelihood").published == "1.60"


def test_group_tells_bme_from_white():
    # WRES 2018 indicator 8: 15.0% of BME and 6.6% of White respondents
    assert national_figure(2018, 8, "bme_pct", "BME").published == "15.0"
    assert national_figure(2018, 8, "white_pct", "White").published == "6.6"
    assert national_figure(2018, 8, "bme_pct", "White") is None


def test_every_preferred_row_of_the_packaged_file_is_loaded_once():
    text = (resources.files("wres_helpers") / "data" / "national_wres.csv").read_text("utf-8")
    records = list(csv.DictReader(text.splitlines()))
    preferred = [r for r in records if r["preferred"] == "yes"]
    figures = load_national()
    assert len(figures) == len(preferred)
    keys = {(f.wres_year, f.indicator, f.group, f.statistic, f.published) for f in figures}
    assert keys == {
        (int(r["wres_year"]), int(r["indicator"]), r["group"] or None, r["statistic"], r["value"])
        for r in preferred
    }


def _row(year, value, preferred, source="S"):
    return f"{year},2,,relative_likelihood,{value},England,{source},https://x,q,,,,,secondary,{preferred},"


def test_read_national_keeps_the_preferred_of_a_conflict():
    text = "\n".join([HEADER, _row(2022, 1.53, "no", "B"), _row(2022, 1.54, "yes", "A")])
    figures = read_national(text)
    assert [(f.published, f.source_title) for f in figures] == [("1.54", "A")]


def test_a_conflict_without_a_preferred_figure_is_an_input_error():
    text = "\n".join([HEADER, _row(2022, 1.53, "no"), _row(2022, 1.54, "no")])
    with pytest.raises(InputError, match="table national_wres, row 2, column preferred"):
        read_national(text)


def test_two_preferred_figures_are_an_input_error():
    text = "\n".join([HEADER, _row(2022, 1.53, "yes"), _row(2022, 1.54, "yes")])
    with pytest.raises(InputError, match="row 3, column preferred"):
        read_national(text)


def test_a_value_that_is_not_a_number_is_an_input_error():
    with pytest.raises(InputError, match="row 2, column value, value 'about 1.5'"):
        read_national("\n".join([HEADER, _row(2022, "about 1.5", "yes")]))
