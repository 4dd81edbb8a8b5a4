"""Commissioners and CSUs: scope, deadlines, recommendation rules, pooling, differencing."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from conftest import ORGS, example_extract, people, write_extract
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_helpers.figures.disclosure import Policy, protect_totals, publish_count
from wres_helpers.figures.engine import indicators_for_extract
from wres_helpers.report.assurance import provider_scope, report_status
from wres_helpers.report.recommendations import recommendations


@pytest.mark.parametrize(
    "kind, income, in_scope",
    [
        ("nhs", 199_999, False),
        ("nhs", 200_000, False),
        ("nhs", 200_001, True),
        ("independent", 200_000, False),
        ("voluntary", 5e6, True),
        ("primary_care", 5e6, False),
        ("independent", float("nan"), True),
    ],
)
def test_small_provider_rule_at_below_and_above_200000(kind, income, in_scope):
    assert provider_scope(kind, income)[0] is in_scope


DUE = dt.date(2023, 10, 31)


@pytest.mark.parametrize(
    "received, as_of, expected",
    [
        (dt.date(2023, 10, 1), DUE, "On time"),
        (DUE, DUE, "On time"),
        (dt.date(2023, 11, 1), DUE, "Late (1 day)"),
        (dt.date(2023, 11, 20), DUE, "Late (20 days)"),
        (None, dt.date(2023, 11, 30), "Overdue (30 days)"),
        (None, DUE, "Not yet due"),
    ],
)
def test_deadline_on_time_late_and_missing(received, as_of, expected):
    assert report_status(DUE, received, as_of) == expected


QUIET = {
    "unknown_pct": {"staff": 5.0},
    "bme_applied_pct": 20.0,
    "bme_shortlisted_pct": 18.0,
    "bme_staff_pct": 10.0,
    "population_bme_pct": 12.0,
    "bme_staff_n": 4,
    "appointment_rl": 1.1,
}


def rules(figures):
    return [r.rule for r in recommendations(figures, nondisclosure_pct=10)]


def test_every_rule_stays_quiet_on_good_figures():
    assert rules(QUIET) == []


@pytest.mark.parametrize(
    "change, rule",
    [
        ({"unknown_pct": {"staff": 10.1}}, "non-disclosure"),
        ({"bme_applied_pct": 14.1, "bme_shortlisted_pct": 4.5}, "shortlisting"),  # North Somerset
        ({"bme_staff_pct": 6.9, "population_bme_pct": 12.0}, "representation"),
        ({"bme_staff_n": 0, "bme_staff_pct": 0.0, "population_bme_pct": 2.9}, "no-bme-staff"),
        ({"appointment_rl": 1.26}, "appointment"),
        ({"appointment_rl": 0.79}, "appointment"),
    ],
)
def test_each_rule_fires(change, rule):
    assert rule in rules({**QUIET, **change})


@pytest.mark.parametrize(
    "change",
    [
        {"unknown_pct": {"staff": 10.0}},  # at the threshold: not above it
        {"bme_applied_pct": 23.0, "bme_shortlisted_pct": 18.0},  # a gap of exactly 5 points
        {"bme_staff_pct": 7.0, "population_bme_pct": 12.0},
        {"appointment_rl": 1.25},
        {"appointment_rl": 0.80},
        {
            "appointment_rl": None,
            "bme_applied_pct": None,
        },  # withheld figures leave rules unassessed
    ],
)
def test_rules_stay_quiet_at_their_thresholds_and_on_withheld_figures(change):
    assert rules({**QUIET, **change}) == []


def test_cluster_pools_members_survey_responses(tmp_path):
    """Two CCGs with 6 BME respondents each: neither reportable alone (< 11), pooled 12 is."""
    orgs = ORGS
    staff, responses = [], []
    for org in ("C1", "C2"):
        rows = people(org, 2016, "staff", {"A": 20, "H": 6}, pay_band="5", clinical="N")
        staff += rows
        for i, r in enumerate(rows):
            responses.append(
                {
                    "org_code": org,
                    "year": 2016,
                    "respondent_id": f"r{r['staff_id']}",
                    "ethnic_category": r["ethnic_category"],
                    "ind5": "Y" if i % 2 else "N",
                    "ind6": "",
                    "ind7": "Y",
                    "ind8": "N",
                }
            )
    staff += people("T1", 2016, "staff", {"A": 10}, pay_band="5", clinical="Y")
    folder = write_extract(
        tmp_path / "p", {"organisations": orgs, "staff": staff, "survey_responses": responses}
    )
    public = indicators_for_extract(folder, "public").frame
    bme7 = public[(public["indicator"] == 7) & (public["statistic"] == "bme_pct")].set_index(
        "entity"
    )
    assert bme7.loc["C1", "suppressed"] and bme7.loc["C2", "suppressed"]
    assert not bme7.loc["K1", "suppressed"] and bme7.loc["K1", "value"] == pytest.approx(100.0)
    resp = public[(public["indicator"] == 7) & (public["statistic"] == "bme_respondents")]
    # 12 = [6] + [6]: both members withheld, so the cluster's 12 is published exactly.
    assert resp.set_index("entity").loc["K1", "value"] == 12


def _feasible(published: float, policy: Policy) -> range:
    """The exact counts a published count could have come from."""
    if np.isnan(published):
        return range(1, policy.max_suppressed + 1)
    if published == 0:
        return range(0, 1)
    half = policy.rounding_base // 2
    return range(int(published) - half, int(published) + half + 1)


def test_public_cluster_report_reveals_no_member_by_difference():
    """For every count the cluster publishes, each withheld member count stays uncertain.

    Exact counts consistent with what is published: each member's count lies in its
    feasible range and the members sum to a count in the cluster total's range. A
    withheld member's count must keep at least two possible values.
    """
    folder = example_extract()
    from wres_helpers.figures.engine import build

    # The rounding method's feasible ranges (cell suppression: tests/test_relations.py).
    engine = build(folder, Policy(method="rounding"))
    cells = engine.published.cells()
    ents = engine.entities
    members = ents.members("CSU01")
    policy = engine.published.policy
    checked = 0
    keyed = cells.set_index(["entity", "year", "measure", "breakdown", "ethnic_group"])["count"]
    for (year, measure, breakdown, group), _part in cells[cells["entity"].isin(members)].groupby(
        ["year", "measure", "breakdown", "ethnic_group"]
    ):
        published = {m: keyed.get((m, year, measure, breakdown, group), 0.0) for m in members}
        if not any(np.isnan(v) for v in published.values()):
            continue
        total = keyed.get(("CSU01", year, measure, breakdown, group))
        if total is None:
            continue
        total_range = set(_feasible(total, policy))
        ranges = [_feasible(published[m], policy) for m in members]
        for i, m in enumerate(members):
            if not np.isnan(published[m]):
                continue
            possible = set()
            lows = sum(r.start for j, r in enumerate(ranges) if j != i)
            highs = sum(r.stop - 1 for j, r in enumerate(ranges) if j != i)
            for x in ranges[i]:
                if any(lows + x <= t <= highs + x for t in total_range):
                    possible.add(x)
            assert len(possible) >= 2, (year, measure, breakdown, group, m, possible)
            checked += 1
    assert checked > 50


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), min_size=2, max_size=5))
def test_a_total_never_pins_a_withheld_part(parts):
    """Parts and their total, published: every withheld part keeps two or more values."""
    policy = Policy(method="rounding")
    entities = [f"M{i}" for i in range(len(parts))]
    rows = [
        {
            "entity": e,
            "year": 2016,
            "measure": "staff",
            "breakdown": "All|All",
            "ethnic_group": "BME",
            "count": c,
        }
        for e, c in zip(entities, parts)
    ]
    rows.append(
        {
            "entity": "K",
            "year": 2016,
            "measure": "staff",
            "breakdown": "All|All",
            "ethnic_group": "BME",
            "count": sum(parts),
        }
    )
    table = pd.DataFrame(rows)
    published = publish_count(table["count"].to_numpy(), policy)
    table = table.assign(count=published, suppressed=np.isnan(published))
    out = protect_totals(table, {"K": tuple(entities)}, policy)
    shown = out.set_index("entity")
    total = shown.at["K", "count"]
    if np.isnan(total):
        return
    ranges = [_feasible(shown.at[e, "count"], policy) for e in entities]
    t_range = _feasible(total, policy)
    for i, e in enumerate(entities):
        if not np.isnan(shown.at[e, "count"]):
            continue
        others_low = sum(r.start for j, r in enumerate(ranges) if j != i)
        others_high = sum(r.stop - 1 for j, r in enumerate(ranges) if j != i)
        possible = [
            x
            for x in ranges[i]
            if t_range.start <= x + others_high and x + others_low <= t_range.stop - 1
        ]
        assert len(possible) >= 2, (parts, e, possible)
