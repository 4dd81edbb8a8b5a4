"""Indicator 1's senior representation and broad ethnic groups, worked by hand.

The fixture is one trust (T1) in 2016, every member of staff clinical:

========  =====  ==========================  =====
band      White  BME                         total
========  =====  ==========================  =====
Band 5    60     10 Asian (H), 10 Black (M)  80
Band 8A   15     9 Asian (H)                 24
Band 8B   8      0                           8
Band 8C   5      3 Mixed (D)                 8
========  =====  ==========================  =====

So Band 8A and above holds 40 staff, 12 of them BME (9 + 0 + 3); Band 8C and
above 8 staff, 3 BME; the workforce 120 staff, 32 BME (10 + 10 + 9 + 3).
"""

from __future__ import annotations

import re

import pytest
from conftest import example_extract, people, write_extract

from wres_helpers.report import groups_chart, groups_sections
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.figure import Figure
from wres_helpers.report.provider import Report

ORG = [{"org_code": "T1", "org_name": "Test Trust", "org_type": "trust", "cluster": ""}]


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    def staff(band, groups):
        return people("T1", 2016, "staff", groups, pay_band=band, clinical="Y")

    rows = (
        staff("Band 5", {"A": 60, "H": 10, "M": 10})
        + staff("Band 8A", {"A": 15, "H": 9})
        + staff("Band 8B", {"A": 8})
        + staff("Band 8C", {"A": 5, "D": 3})
    )
    return write_extract(tmp_path_factory.mktemp("groups"), {"organisations": ORG, "staff": rows})


def _report(extract, audience, entity="T1", year=2016, cls=Report):
    return cls.open(entity, year, str(extract), audience, {})


def _row(rows, label):
    return next(r for r in rows if r[0] == label)


def test_a_senior_group_of_3_bme_is_withheld_while_8a_and_above_of_12_is_published(extract):
    rows = groups_sections.senior_rows(_report(extract, "public"))
    # Band 8A and above: 40 staff, 12 BME; 12 / 40 = 30.0%.
    assert _row(rows, "Band 8A and above (clinical)") == [
        "Band 8A and above (clinical)",
        "40",
        "12",
        "30.0%",
    ]
    assert _row(rows, "Band 8A and above (all staff)")[1:] == ["40", "12", "30.0%"]
    # Band 8C and above: 3 BME staff, a count from 1 to 7, and its share withheld.
    assert _row(rows, "Band 8C and above (clinical)")[2:] == ["[c]", "[c]"]
    # No VSM: a headcount of 0 is published, its share is not a figure.
    assert _row(rows, "VSM (all staff)")[1:] == ["0", "0", "n/a"]


def test_the_internal_report_shows_the_withheld_senior_figures(extract):
    rows = groups_sections.senior_rows(_report(extract, "internal"))
    # Band 8C and above: 8 staff, 3 BME; 3 / 8 = 37.5%.
    assert _row(rows, "Band 8C and above (clinical)")[1:] == ["8", "3", "37.5%"]


def test_the_sentence_compares_8a_and_above_with_the_workforce_as_shown(extract):
    sentence = groups_sections.senior_sentence(_report(extract, "public"))
    # 12 / 40 = 30.0% against 32 / 120 = 26.666...% shown as 26.7%: above.
    assert sentence == (
        "In 2016 BME staff are 30.0% of staff at Band 8A and above (all staff), above "
        "their share of the whole workforce, 26.7%."
    )


class _Figures:
    """A report of hand-made figures: ``get`` looks them up by breakdown and statistic."""

    year = 2023

    def __init__(self, **figures):
        self.figures = {k.replace("__", "|"): v for k, v in figures.items()}

    def get(self, _indicator, breakdown, statistic, _year=None):
        return self.figures.get(f"{breakdown}:{statistic}", Figure())


LEVEL = "All|Band 8A and above:bme_pct"
WHOLE = "All|All:bme_pct"


@pytest.mark.parametrize(
    "level, whole, expected",
    [
        (
            Figure(8.0, suppressed=True),
            Figure(30.35),
            "In 2023 the BME share of Band 8A and above (all staff) is withheld ([c]), so it "
            "is not compared with the whole workforce's BME share of 30.4%.",
        ),
        (
            Figure(14.1, suppressed=True),
            Figure(4.8, suppressed=True),
            "In 2023 the BME shares of Band 8A and above and of the whole workforce are both "
            "withheld ([c]), so they are not compared here.",
        ),
        (
            Figure(14.08),
            Figure(4.8, suppressed=True),
            "In 2023 BME staff are 14.1% of staff at Band 8A and above (all staff); the whole "
            "workforce's BME share is withheld ([c]), so the two are not compared here.",
        ),
        # 30.04% and 29.96% both show as 30.0%: the sentence says what the reader sees.
        (
            Figure(30.04),
            Figure(29.96),
            "In 2023 BME staff are 30.0% of staff at Band 8A and above (all staff), the same "
            "as their share of the whole workforce, 30.0%.",
        ),
        (Figure(), Figure(30.0), "The data hold no staff at Band 8A and above in 2023."),
    ],
)
def test_no_verdict_rests_on_a_withheld_share(level, whole, expected):
    report = _Figures(**{LEVEL.replace("|", "__"): level, WHOLE.replace("|", "__"): whole})
    assert groups_sections.senior_sentence(report) == expected
    if level.suppressed:
        assert f"{level.value:.1f}" not in expected


def test_broad_groups_in_public_and_internal(extract):
    public = groups_sections.group_rows(_report(extract, "public"))
    internal = groups_sections.group_rows(_report(extract, "internal"))
    # Mixed: the 3 at Band 8C, withheld; Asian 10 + 9 = 19 of 120 = 15.83...% -> 15.8%.
    assert _row(public, "BME: Mixed")[1:] == ["[c]", "[c]"]
    assert _row(internal, "BME: Mixed")[1:] == ["3", "2.5%"]  # 3 / 120 = 2.5%
    assert _row(public, "BME: Asian")[1:] == ["19", "15.8%"]
    assert _row(public, "BME: Other")[1:] == ["0", "0.0%"]
    # BME 32 / 120 = 26.666...%; White 88 / 120 = 73.333...%.
    assert _row(public, "BME")[1:] == ["32", "26.7%"]
    assert _row(public, "White")[1:] == ["88", "73.3%"]
    assert _row(public, "All staff")[1:] == ["120", ""]
    # Black (10) is withheld beside Mixed: otherwise 32 - 19 - 10 - 0 gives Mixed's 3.
    assert _row(public, "BME: Black")[1:] == ["[c]", "[c]"]


def test_the_chart_leaves_a_withheld_bar_out_and_names_it(extract):
    rows = groups_chart.bars(_report(extract, "public"), [2016])
    html = groups_chart.chart(rows)
    alt = re.search(r'alt="([^"]*)"', html).group(1)
    assert "Mixed 2016: withheld ([c])" in alt and "Asian 2016: 15.8%" in alt
    assert "2.5" not in html  # the internal Mixed share, 3 / 120
    data = re.search(r"<details>.*</details>", html).group(0)
    assert "<td>Mixed</td><td>2016</td><td>[c]</td><td>[c]</td>" in data.replace(
        '<th scope="row">Mixed</th>', "<td>Mixed</td>"
    )
    fig = groups_chart._draw(__import__("pandas").DataFrame(rows))
    ax = fig.axes[0]
    # Two groups shown (Asian 15.8%, Other 0.0%): two bars; Mixed and Black marked [c].
    widths = sorted(round(p.get_width(), 1) for p in ax.patches if p.get_height() > 0)
    assert [w for w in widths if w > 0] == [15.8]
    marks = [t.get_text() for t in ax.texts if "[c]" in t.get_text()]
    assert marks == [" 2016: [c]", " 2016: [c]"]


def _cells(report):
    return groups_sections.senior_rows(report) + groups_sections.group_rows(report)


@pytest.mark.parametrize(
    "entity, cls", [("RX1", Report), ("QZ1", CommissionerReport), ("CSU01", None)]
)
def test_public_tables_equal_the_internal_ones_or_show_c(entity, cls):
    from wres_helpers.report.cluster import ClusterReport

    cls = cls or ClusterReport
    public = _cells(_report(example_extract(), "public", entity, 2023, cls))
    internal = _cells(_report(example_extract(), "internal", entity, 2023, cls))
    assert len(public) == len(internal)
    for p_row, i_row in zip(public, internal):
        assert p_row[0] == i_row[0]
        for p, i in zip(p_row[1:], i_row[1:]):
            assert p in (i, "[c]"), (entity, p_row[0], p, i)


@pytest.mark.parametrize("entity, cls", [("RX1", Report), ("QZ1", CommissionerReport)])
def test_public_tables_withhold_exactly_what_the_indicators_table_withholds(entity, cls):
    report = _report(example_extract(), "public", entity, 2023, cls)
    ind = report.data.indicators
    flags = ind[ind["entity"] == entity].set_index(["year", "breakdown", "statistic"])["suppressed"]
    years = groups_sections.years(report)
    senior = {r[0]: r[1:] for r in groups_sections.senior_rows(report)}
    for level in groups_sections.LEVELS:
        for side, words in groups_sections.SIDES:
            cells = senior.get(f"{level} ({words})")
            if cells is None:
                continue
            keys = [
                (y, f"{side}|{level}", s) for y in years for s in ("total_n", "bme_n", "bme_pct")
            ]
            assert [c == "[c]" for c in cells] == [bool(flags.get(k, False)) for k in keys]
    groups = {r[0]: r[1:] for r in groups_sections.group_rows(report)}
    for label, stem in groups_sections.GROUP_ROWS:
        keys = [(y, "All|All", f"{stem}_{s}") for y in years for s in ("n", "pct")]
        assert [c == "[c]" for c in groups[label]] == [bool(flags.get(k, False)) for k in keys]
    # Each example report withholds something here (RX1 its senior BME counts, QZ1 its
    # 3 BME staff and their broad groups), so the comparison above is not empty.
    assert any("[c]" in c for c in [*senior.values(), *groups.values()])


def test_indicator_1_shows_both_parts_with_the_note_under_a_withheld_figure(extract):
    html = str(_report(extract, "public").indicator(1))
    assert 'id="indicator-1-senior"' in html and 'id="indicator-1-groups"' in html
    assert "[c] marks a figure withheld to protect confidentiality" in html
    internal = str(_report(extract, "internal").indicator(1))
    assert "[c]" not in internal and 'id="indicator-1-groups"' in internal
    # The section's own words stay with its band table, before the two sub-sections.
    options = {"narrative": {"indicator1": "Words of our own."}}
    html = str(Report.open("T1", 2016, str(extract), "public", options).indicator(1))
    assert html.index("Words of our own.") < html.index('id="indicator-1-senior"')


def test_the_audit_reads_the_year_headed_columns_and_catches_a_planted_count(extract):
    from pathlib import Path

    from wres_helpers.batch.audit import audit_html
    from wres_helpers.figures.disclosure import Policy

    html = groups_sections.senior(_report(extract, "public"))
    assert '<th scope="colgroup" colspan="3">2016</th>' in html
    assert not audit_html(Path("p.html"), html, set(), None, Policy())
    # The internal figure (3 BME staff at Band 8C and above) planted in the BME column.
    planted = html.replace("<td>40</td><td>12</td>", "<td>40</td><td>3</td>", 1)
    assert planted != html
    found = audit_html(Path("p.html"), planted, set(), None, Policy())
    assert [f.where for f in found] == ["table 1, row 1, column 'bme'"]


def test_the_senior_table_reaches_the_spreadsheet_with_a_heading_per_column(extract):
    from wres_helpers.batch.extras import page_tables

    tables = page_tables(groups_sections.senior(_report(extract, "public")))
    assert len(tables) == 1
    frame = tables[0].frame
    assert frame.columns.tolist() == ["Level", "2016 Staff", "2016 BME", "2016 BME share"]
    # Band 8A and above: 40 staff, 12 BME, 30.0% (a spreadsheet holds 30.0 per cent).
    row = frame[frame["Level"] == "Band 8A and above (clinical)"].iloc[0].tolist()
    assert row == ["Band 8A and above (clinical)", 40, 12, 30.0]


def test_a_return_without_broad_groups_says_so_and_draws_no_chart(tmp_path):
    # An aggregated return giving only White and BME: its broad groups are blank (contract, 2).
    counts = [("White", 20), ("BME", 10), ("Unknown", 0)]
    rows = [
        {
            "org_code": "T1",
            "year": 2016,
            "measure": "staff",
            "breakdown": "Clinical|Band 5",
            "ethnic_group": g,
            "count": n,
        }
        for g, n in counts
    ]
    extract = write_extract(tmp_path / "ret", {"organisations": ORG, "wres_return": rows})
    html = groups_sections.broad(_report(extract, "internal"))
    assert "The data do not break BME staff down by broad group." in html
    assert "<img" not in html and "<table" not in html
