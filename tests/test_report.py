"""Every section of every example report builds, in both audiences, without a kernel."""

import re

import pytest
from conftest import example_extract

from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.provider import Report

CASES = [
    ("RX1", Report),
    ("NX3", Report),
    ("QZ1", CommissionerReport),
    ("QZ4", CommissionerReport),
    ("CSU01", ClusterReport),
]


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("entity, cls", CASES)
def test_every_section_builds(entity, cls, audience):
    report = cls.open(entity, 2023, str(example_extract()), audience, {})
    parts = [report.header(), report.contents()]
    parts += [section.build(report) for section in report.sections]
    html = "".join(parts)
    assert report.name in html
    # The summary lists the nine indicators.
    assert len(re.findall(r'<tr><th scope="row">\d</th>', str(report.summary()))) == 9
    if audience == "public":
        assert "[c]" in html
        # Board counts are published exactly (contract, section 3): indicator 9 and
        # every table row about a board or governing body aside.
        shown = html.replace(str(report.indicator(9)), "")
        # The Model Employer panel's parity posts and gaps are targets worked out
        # from published figures, not counts of people.
        if hasattr(report, "model_employer"):
            shown = shown.replace(str(report.model_employer()), "")
        shown = re.sub(r"<tr>(?:(?!</tr>).)*?(?:Board|board|Governing body).*?</tr>", "", shown)
        cells = re.findall(r"<td>(\d+)</td>", shown)
        assert not [c for c in cells if 1 <= int(c) <= 7]


def test_headline_text_is_the_summary_in_plain_text():
    report = Report.open("RX1", 2023, str(example_extract()), "internal", {})
    lines = report.headline_text().splitlines()
    assert lines[0] == "RX1 2023 (internal)" and len(lines) == 10
    value = report.get(1, "All|All", "bme_pct").value
    assert lines[1].endswith(f"{value:.1f}%")


def _training_not_collected_by_c2(tmp_path):
    """The conftest's two CCGs (C1, C2 in cluster K1) in 2016: each has 40 White
    (A) and 40 BME (H) staff; C1 records training (20 White, 10 BME accessed),
    C2 lists training in ``not_collected``."""
    from conftest import ORGS, people, write_extract

    staff = []
    for org in ("C1", "C2"):
        staff += people(org, 2016, "staff", {"A": 40, "H": 40}, pay_band="5", clinical="Y")
    c1 = [r for r in staff if r["org_code"] == "C1"]
    white = [r for r in c1 if r["ethnic_category"] == "A"][:20]
    bme = [r for r in c1 if r["ethnic_category"] == "H"][:10]
    training = [
        {k: r[k] for k in ("org_code", "year", "staff_id", "ethnic_category")} for r in white + bme
    ]
    return write_extract(
        tmp_path / "nc",
        {
            "organisations": [o for o in ORGS if o["org_code"] != "T1"],
            "staff": staff,
            "training": training,
            "not_collected": [{"org_code": "C2", "year": 2016, "table": "Training"}],
        },
    )


def test_reports_say_not_collected_and_a_cluster_names_who_it_leaves_out(tmp_path):
    from wres_helpers.report.cluster import ClusterReport
    from wres_helpers.report.commissioner import CommissionerReport
    from wres_helpers.report.indicator_sections import likelihood

    extract = _training_not_collected_by_c2(tmp_path)
    c2 = CommissionerReport.open("C2", 2016, str(extract), "internal")
    assert "these data were not collected this year" in likelihood(c2, 4)
    c1 = CommissionerReport.open("C1", 2016, str(extract), "internal")
    assert "not collected" not in likelihood(c1, 4)
    cluster = ClusterReport.open("K1", 2016, str(extract), "internal")
    text = likelihood(cluster, 4)
    assert "Not collected by Second CCG (C2)" in text
    # The pool is C1's alone: White 20/40 = 0.5 over BME 10/40 = 0.25 gives 2.00.
    assert cluster.get(4, "All", "relative_likelihood").value == 2.0
