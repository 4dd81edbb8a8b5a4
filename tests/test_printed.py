"""What a report may print: the sections' declarations, and the audit that reads them.

Each section of ``report/sections.py`` names the kinds of figure it may print;
``report/printed.py`` lists each kind; ``wres audit`` accepts their union. These
tests build the example's public reports in process and check that each
section passes the audit on its own declaration, and that a figure a section
prints but does not declare makes the page fail.
"""

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import example_extract

from wres_helpers.batch.audit import allowed_values, audit_html
from wres_helpers.batch.audit.allowed import constants
from wres_helpers.figures.disclosure import Policy
from wres_helpers.report import sections
from wres_helpers.report.cache import load, prepare
from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.data import ReportData
from wres_helpers.report.formatting import fmt
from wres_helpers.report.params import load_params
from wres_helpers.report.printed import PRINTS, declared, printed_tokens
from wres_helpers.report.provider import Report

PARAMS = Path(__file__).parents[1] / "params" / "example"
CLASSES = {"RX1": Report, "QZ1": CommissionerReport, "CSU01": ClusterReport}


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """A report-data cache for the module: the example is prepared once."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def public_data(cache) -> ReportData:
    """The example extract's public report data, under the default policy."""
    data = prepare(str(example_extract()), Policy(), cache)["public"]
    return data if isinstance(data, ReportData) else load(data)


@pytest.fixture(scope="module")
def kinds(public_data) -> dict[str, set[str]]:
    """Each declared kind of figure, listed from the example's public report data."""
    return {name: PRINTS[name](public_data) for name in declared()}


def _report(entity: str, data: ReportData):
    params = load_params(PARAMS / f"{entity}-public.yaml")
    assert Policy.of(params) == Policy()
    return CLASSES[entity](params, data)


def _unpublished(html: str, ok: set[str]) -> list[str]:
    """The numbers the audit flags on ``html`` when it accepts ``ok``."""
    found = audit_html(Path("page.html"), html, set(), ok | constants(Policy()), Policy())
    return [(re.search(r"value: '([^']*)'", f.what) or [f.what, f.what])[1] for f in found]


def test_every_declared_kind_is_listed_and_every_listed_kind_declared():
    assert declared() == set(PRINTS)


def test_a_kind_no_list_holds_is_an_error(public_data):
    odd = dataclasses.replace(sections.TREND, prints=("figures from nowhere",))
    with pytest.raises(KeyError, match="figures from nowhere"):
        printed_tokens(public_data, {"provider": (odd,)})


@pytest.mark.parametrize("entity", sorted(CLASSES))
def test_each_section_passes_the_audit_on_its_own_declaration(entity, public_data, kinds):
    report = _report(entity, public_data)
    for section in report.sections:
        ok = set().union(*(kinds[name] for name in section.prints))
        assert _unpublished(str(section.build(report)), ok) == [], section.ident


def test_a_printed_figure_left_out_of_the_declaration_fails_the_audit(
    public_data, cache, monkeypatch
):
    """The own-workforce section prints each group's shortlisting rate; drop the
    declaration of it and the audit, reading the declarations, flags the page."""
    report = _report("QZ1", public_data)
    html = str(sections.OWN_WORKFORCE.build(report))
    applied = report.cell("applied", "All", "White")
    shortlisted = report.cell("shortlisted", "All", "White")
    assert not (applied.suppressed or shortlisted.suppressed)
    # The White row's first rate, worked here: shortlisted / applied, as a percentage.
    white_rate = fmt(100 * shortlisted.value / applied.value, "pct")
    assert f"<td>{white_rate}</td>" in html

    extract = str(example_extract())
    assert _unpublished(html, allowed_values([extract], Policy(), cache)) == []
    without = dataclasses.replace(
        sections.OWN_WORKFORCE,
        prints=tuple(p for p in sections.OWN_WORKFORCE.prints if p != "shortlisting rates"),
    )
    monkeypatch.setitem(
        sections.SECTIONS,
        "commissioner",
        tuple(without if s is sections.OWN_WORKFORCE else s for s in sections.COMMISSIONER),
    )
    assert white_rate in _unpublished(html, allowed_values([extract], Policy(), cache))
