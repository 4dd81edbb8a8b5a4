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
    ("01A", CommissionerReport),
    ("04D", CommissionerReport),
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
        shown = re.sub(r"<tr>(?:(?!</tr>).)*?(?:Board|board|Governing body).*?</tr>", "", shown)
        cells = re.findall(r"<td>(\d+)</td>", shown)
        assert not [c for c in cells if 1 <= int(c) <= 7]


def test_headline_text_is_the_summary_in_plain_text():
    report = Report.open("RX1", 2023, str(example_extract()), "internal", {})
    lines = report.headline_text().splitlines()
    assert lines[0] == "RX1 2023 (internal)" and len(lines) == 10
    value = report.get(1, "All|All", "bme_pct").value
    assert lines[1].endswith(f"{value:.1f}%")
