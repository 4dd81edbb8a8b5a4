"""Commissioners and CSUs: scope, deadlines, recommendation rules, pooling, differencing."""

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
from conftest import ORGS, example_extract, people, write_extract
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_helpers.figures.disclosure import Policy, protect_totals, publish_count
from wres_helpers.figures.engine import indicators_for_extract
from wres_helpers.report.assurance import provider_scope
from wres_helpers.report.commissioner import CommissionerReport
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


def test_appointment_likelihood_of_zero_is_said_in_words():
    # 0 of 8 White shortlisted appointed, 1 of 5 BME: 0 / 0.2 = 0, outside 0.80-1.25.
    (rec,) = recommendations({**QUIET, "appointment_rl": 0.0}, nondisclosure_pct=10)
    assert rec.finding == (
        "No White applicants were appointed from shortlisting while some BME applicants "
        "were: a relative likelihood of 0.00, outside the non-adverse range."
    )


def test_appointment_range_the_rounded_figures_cannot_settle_is_not_stated():
    # Under rounding, 1.10 from rounded counts may sit on the other side of 1.25
    # from the exact figure: the finding says the range is not settled.
    for rl in (1.1, 1.53):
        (rec,) = recommendations(
            {**QUIET, "appointment_rl": rl, "appointment_settled": False}, nondisclosure_pct=10
        )
        assert rec.finding == (
            f"White applicants were {rl:.2f} times as likely as BME applicants to be appointed "
            "from shortlisting; the rounded figures cannot settle whether this is outside the "
            "non-adverse range."
        )
        assert rec.recommendation.startswith("Read the exact figure in the internal report")


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_due_regard_status_is_the_assessment_given_never_computed():
    report = CommissionerReport.open(
        "QZ1",
        2023,
        str(example_extract()),
        "internal",
        {"due_regard_assessment": {"knowledge": "Partly met"}, "report_date": "2023-09-29"},
    )
    html = str(report.due_regard())
    statuses = re.findall(r"<td>(Met|Partly met|Not met|Not assessed)</td>", html)
    # Six principles, one assessed by the organisation: five "Not assessed", no "Met".
    assert statuses == ["Partly met"] + ["Not assessed"] * 5
    present = sum(1 for i in (5, 6, 7, 8) if report.has(i))
    if present < 4:
        assert "all four" not in html


def test_provider_assurance_is_as_at_the_report_date():
    report = CommissionerReport.open(
        "QZ1", 2023, str(example_extract()), "internal", {"report_date": "2023-09-29"}
    )
    html = str(report.provider_assurance())
    text = _text(html)
    assert "On time" not in text and "published its report on time" not in text
    rows = [
        re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r) for r in re.findall(r"<tr>(.*?)</tr>", html)
    ]
    head, body = rows[0], rows[1:]
    received = [dt.datetime.strptime(r[6], "%d %b %Y").date() for r in body if r[6]]
    # No report received after 29 September is shown as received as at that date.
    assert all(d <= dt.date(2023, 9, 29) for d in received), received
    statuses = [r[head.index("Status")].split(" (")[0] for r in body]
    counts = {s: statuses.count(s) for s in set(statuses)}
    in_scope = len(statuses) - counts.get("Not in scope", 0)
    assert f"As at 29 September 2023, {in_scope} provider" in text
    for status, words in [
        ("Received by the due date", "received by the due date"),
        ("Received late", "received late"),
        ("Overdue", "overdue"),
        ("Not yet due", "not yet due"),
    ]:
        assert f"{counts.get(status, 0)} {words}" in text


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


@pytest.mark.parametrize(
    "entity, year, body, foreign",
    [
        ("01A", 2022, "Governing body members", "ICB"),  # a CCG, before 1 July 2022
        ("QZ1", 2023, "Board members", "CCG"),  # the ICB after it
    ],
)
def test_each_org_type_gets_its_own_words(entity, year, body, foreign):
    report = CommissionerReport.open(
        entity, year, str(example_extract()), "internal", {"report_date": f"{year}-09-29"}
    )
    html = str(report.own_workforce()) + str(report.indicator(9)) + str(report.due_regard())
    assert f'<th scope="row">{body}</th>' in html
    assert foreign not in _text(html)


def test_a_public_report_never_says_no_rule_applies_where_their_figures_are_withheld():
    """QZ1's appointment likelihood and its BME staff count are withheld in public, so the
    rules on them cannot be judged there; the internal report judges them and finds some."""
    from conftest import REPO

    from wres_helpers.report.params import load_params

    texts = {}
    for audience in ("public", "internal"):
        p = load_params(REPO / "params" / "example" / f"QZ1-{audience}.yaml")
        report = CommissionerReport.open(p.entity, p.year, p.extract, p.audience, p.options())
        texts[audience] = str(report.own_workforce())
    assert "None of the rules applies to the figures in this report" not in texts["public"]
    assert "cannot be judged in this version" in texts["public"]
    assert "None of the rules applies" not in texts["internal"]


@pytest.mark.parametrize("method", ["suppression", "rounding"])
def test_internal_publication_advice_states_the_policy_in_force(method):
    """The advice names the policy the public version is made under, and never lists board
    counts as to be withheld while the board is published exactly (the default)."""
    from conftest import REPO

    from wres_helpers.report.params import load_params

    p = load_params(REPO / "params" / "example" / "QZ1-internal.yaml")
    options = {**p.options(), "method": method}
    report = CommissionerReport.open(p.entity, p.year, p.extract, p.audience, options)
    text = str(report.publication_advice())
    assert Policy(method=method).describe() in text
    assert ("others rounded" in text) == (method == "rounding")
    assert "board (" not in text
