"""Verdicts under ``method: rounding``: stated only where the rounded figures settle them.

Three trusts, each with 50 White (A) and 50 BME (H) staff in Band 5 in 2022
and 2023; indicator 4's relative likelihood is (White accessed / 50) over
(BME accessed / 50) = White accessed / BME accessed. Every count is 8 or
more, so under rounding each is published rounded to the nearest 5 and
nothing is withheld.
"""

import math
import re

import pandas as pd
import pytest
from conftest import example_extract, people, write_extract

from wres_helpers.figures.disclosure import Policy
from wres_helpers.figures.engine import build
from wres_helpers.report import settled
from wres_helpers.report.data import build_report_data
from wres_helpers.report.labels import UNSETTLED
from wres_helpers.report.params import ReportParams
from wres_helpers.report.provider import Report

ROUNDING = Policy(method="rounding")
#: White and BME staff accessing training, per trust and year.
TRAINING = {
    # 2022: exact 48/40 = 1.20; rounded 50/40 = 1.25 (both within 0.80-1.25).
    # 2023: exact 43/37 = 1.162 (within); rounded 45/35 = 1.286 (outside).
    "T1": {2022: (48, 40), 2023: (43, 37)},
    # Exact 12/19 = 0.632, rounded 10/20 = 0.50: both outside the range, but
    # the intervals differ on 1 (worked in test_significance_differs).
    "T2": {2022: (12, 19), 2023: (12, 19)},
    # Multiples of 5: exact and rounded are both 30/20 = 1.50.
    "T3": {2022: (30, 20), 2023: (30, 20)},
}


@pytest.fixture(scope="module")
def extract(tmp_path_factory):
    orgs = [
        {"org_code": org, "org_name": f"Trust {org}", "org_type": "trust", "cluster": ""}
        for org in TRAINING
    ]
    staff, training = [], []
    for org, years in TRAINING.items():
        for year, (white, bme) in years.items():
            rows = people(org, year, "staff", {"A": 50, "H": 50}, pay_band="5", clinical="Y")
            staff += rows
            chosen = [r for r in rows if r["ethnic_category"] == "A"][:white]
            chosen += [r for r in rows if r["ethnic_category"] == "H"][:bme]
            training += [
                {k: r[k] for k in ("org_code", "year", "staff_id", "ethnic_category")}
                for r in chosen
            ]
    folder = tmp_path_factory.mktemp("rounding") / "extract"
    return write_extract(folder, {"organisations": orgs, "staff": staff, "training": training})


@pytest.fixture(scope="module")
def public(extract):
    return build_report_data(build(extract, ROUNDING), "public")


def _row(data, org, year):
    ind = data.indicators
    hit = ind[
        (ind["entity"] == org)
        & (ind["year"] == year)
        & (ind["indicator"] == 4)
        & (ind["statistic"] == "relative_likelihood")
    ]
    assert len(hit) == 1
    return hit.iloc[0]


def _report(data, org):
    params = ReportParams(entity=org, year=2023, extract="unused", audience="public")
    return Report(params, data)


def test_rounding_flips_the_non_adverse_verdict(public):
    # T1 2023: exact 43/37 = 1.162, within 0.80-1.25; published (45/50)/(35/50)
    # = 45/35 = 1.286, outside. The range is not settled, and the report says so.
    row = _row(public, "T1", 2023)
    assert round(row["value"], 3) == 1.286
    assert not row["settled_range"]
    # 2022: exact 48/40 = 1.20 and rounded 50/40 = 1.25 are both within: settled.
    assert _row(public, "T1", 2022)["settled_range"]
    report = _report(public, "T1")
    assert "range" in report.get(4, "All", "relative_likelihood").unsettled
    summary = str(report.summary())
    assert f"<td>{UNSETTLED}</td>" in summary
    assert "Outside the non-adverse range" not in summary
    text = str(report.indicator(4))
    assert "the rounded figures cannot settle whether this one is." in text
    assert "outside it." not in text


def test_rounding_flips_the_direction_of_change(public):
    # T1: exact 1.20 (2022) to 1.16 (2023) is closer to parity (|log 1.16| =
    # 0.148 < |log 1.20| = 0.182); rounded 1.25 to 1.29 is further (|log 1.29| =
    # 0.255 > |log 1.25| = 0.223). The change label is not settled.
    hit = public.settled_changes.query(
        "entity == 'T1' and indicator == 4 and year == 2023 and last_year == 2022"
    )
    assert hit["settled"].tolist() == [False]
    report = _report(public, "T1")
    row = re.search(r'<th scope="row">4</th>(.*?)</tr>', str(report.summary())).group(1)
    assert f"<td>{UNSETTLED}</td>" in row
    assert "parity" not in row


def test_significance_differs(public):
    # T2, Katz interval exp(ln RL +/- 1.96 se), se = sqrt(1/a - 1/na + 1/b - 1/nb).
    # Exact a = 12, b = 19, na = nb = 50: RL = 12/19 = 0.632, ln = -0.459,
    # se = sqrt(0.0833 - 0.02 + 0.0526 - 0.02) = sqrt(0.0960) = 0.310,
    # high = exp(-0.459 + 1.96 x 0.310) = exp(0.148) = 1.16: includes 1.
    # Rounded a = 10, b = 20: RL = 0.50, ln = -0.693,
    # se = sqrt(0.1 - 0.02 + 0.05 - 0.02) = sqrt(0.11) = 0.332,
    # high = exp(-0.693 + 0.650) = exp(-0.043) = 0.958: excludes 1.
    # Both are outside 0.80-1.25, so the range verdict is settled.
    row = _row(public, "T2", 2023)
    assert round(row["ci_high"], 3) == 0.958
    assert not row["settled_significance"] and row["settled_range"]
    text = str(_report(public, "T2").indicator(4))
    assert "cannot settle whether the interval excludes 1" in text
    assert "statistically clear." not in text and "due to chance" not in text
    assert "this one is outside it." in text
    # T1 2023 too: exact low = exp(ln 1.162 - 1.96 x 0.1014) = exp(-0.049) = 0.953
    # (includes 1); rounded low = exp(ln 1.286 - 1.96 x 0.1039) = exp(0.048) = 1.049.
    assert not _row(public, "T1", 2023)["settled_significance"]


def test_verdicts_are_stated_where_exact_and_rounded_agree(public):
    # T3: 30/20 = 1.50 exact and rounded; interval exp(ln 1.5 +/- 1.96 x
    # sqrt(1/30 - 1/50 + 1/20 - 1/50)) = exp(0.405 +/- 0.404): low 1.00 (> 1).
    for year in (2022, 2023):
        row = _row(public, "T3", year)
        assert row["settled_range"] and row["settled_significance"] and row["settled_side"]
    assert public.settled_changes.query("entity == 'T3'")["settled"].all()
    report = _report(public, "T3")
    text = str(report.summary()) + str(report.indicator(4))
    assert UNSETTLED not in text and "cannot settle" not in text
    assert "Outside the non-adverse range" in text and "this one is outside it." in text


def test_cell_suppression_carries_no_flags(extract):
    # Published figures are exact under cell suppression: nothing to settle.
    data = build_report_data(build(extract, Policy()), "public")
    assert data.settled_changes is None
    assert not set(settled.FLAGS.values()) & set(data.indicators.columns)


def test_board_side_follows_the_shares_as_shown():
    # Exact: board 10.0% against workforce 10.04% (shown 10.0%): the same share.
    # Published: board 10.0% against 9.8% from rounded counts: 0.2 points above.
    def frame(workforce):
        rows = [("board_bme_pct", 10.0), ("workforce_bme_pct", workforce)]
        rows.append(("difference_pp", 10.0 - workforce))
        return pd.DataFrame(
            {
                "entity": "T1",
                "year": 2023,
                "indicator": 9,
                "breakdown": "Total board",
                "statistic": [s for s, _ in rows],
                "value": [v for _, v in rows],
                "ci_low": math.nan,
                "ci_high": math.nan,
                "suppressed": False,
            }
        )

    flags = settled.flag_rows(frame(10.04), frame(9.8))
    assert flags["settled_side"].tolist() == [True, True, False]
    assert settled.flag_rows(frame(10.04), frame(10.01))["settled_side"].all()


#: What a public label may read where the internal report states a verdict.
NOT_STATED = (UNSETTLED, "Not comparable", "Not published ([c])")
#: The sentences that state a verdict, by what they are about.
SENTENCES = {
    "significance": "the interval",
    "range": "non-adverse range (the four-fifths rule)",
    "board": "BME members make up",
    "crossing": "crossed parity",
}


def _label_cells(html: str) -> list[list[str]]:
    """Every table row's cells, as text."""
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)
    return [[c.strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def _sentences(html: str) -> dict[str, list[str]]:
    """The verdict sentences of a page, by kind, in order."""
    text = re.sub(r"<[^>]+>", " ", html)
    found = {kind: [] for kind in SENTENCES}
    for sentence in re.split(r"(?<=\.)\s+", text):
        for kind, mark in SENTENCES.items():
            if mark.lower() in sentence.lower():
                found[kind].append(sentence.strip())
    return found


def _page(report) -> str:
    return str(report.summary()) + "".join(str(report.indicator(n)) for n in range(1, 10))


@pytest.mark.batch
def test_example_trust_states_no_verdict_the_exact_figures_contradict():
    """RX1 under rounding (issue 8): its appointment likelihood reads 1.53 with an
    interval excluding 1 from rounded counts, where the exact 1.42's includes 1; its
    disciplinary likelihood reads 1.32 (outside the range) against 1.22 (within)."""
    internal = _page(Report.open("RX1", 2023, str(example_extract()), "internal", {}))
    public = _page(
        Report.open("RX1", 2023, str(example_extract()), "public", {"method": "rounding"})
    )
    # Labels: a cell without a figure in it that differs between the two pages
    # must be one that states no verdict.
    rows = list(zip(_label_cells(internal), _label_cells(public), strict=True))
    for inside, outside in rows:
        for exact, shown in zip(inside, outside, strict=True):
            if exact != shown and not re.search(r"\d", exact):
                assert shown in NOT_STATED, (inside[0], exact, shown)
    assert any(UNSETTLED in outside for _, outside in rows)
    # Sentences: each verdict sentence equals the internal one or says it cannot settle it.
    exact, shown = _sentences(internal), _sentences(public)
    for kind in SENTENCES:
        assert len(exact[kind]) == len(shown[kind]), kind
        for said, published in zip(exact[kind], shown[kind]):
            verdict = re.sub(r"[\d.]+", "", said) == re.sub(r"[\d.]+", "", published)
            assert verdict or "cannot settle" in published, (said, published)
    assert any("cannot settle whether the interval excludes 1" in s for s in shown["significance"])
    assert any("cannot settle whether this one is" in s for s in shown["range"])
