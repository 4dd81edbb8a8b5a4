"""Sections as data: the contents, headings and notebooks all follow the declarations."""

import ast
import re

import nbformat
import pytest
from conftest import example_extract

from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.notebook_cells import expected, section_cells
from wres_helpers.report.params import NOTEBOOKS
from wres_helpers.report.provider import Report
from wres_helpers.report.sections import SECTIONS

CLASSES = {"provider": Report, "commissioner": CommissionerReport, "cluster": ClusterReport}
ENTITIES = {"provider": "RX1", "commissioner": "QZ1", "cluster": "CSU01"}


def _notebook(kind):
    return nbformat.read(NOTEBOOKS / f"{kind}.ipynb", as_version=4)


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_each_notebook_has_the_declared_section_cells(kind):
    nb = _notebook(kind)
    want = expected(nb, kind)
    assert [(c.cell_type, c.source) for c in nb.cells] == [
        (c.cell_type, c.source) for c in want.cells
    ], "run: python -m wres_helpers.report.notebook_cells"


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_a_heading_cell_comes_before_each_section_call(kind):
    cells = _notebook(kind).cells
    calls = {s.call(): s for s in SECTIONS[kind]}
    seen = []
    for before, cell in zip(cells, cells[1:]):
        if cell.cell_type == "code" and cell.source in calls:
            section = calls[cell.source]
            assert before.cell_type == "markdown"
            assert before.source == f"## {section.heading}"
            assert "remove-from-report" in before.metadata["tags"]
            seen.append(section.ident)
    assert seen == [s.ident for s in SECTIONS[kind]]


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_the_parameters_cell_is_literal_with_commented_defaults(kind):
    cell = next(c for c in _notebook(kind).cells if "parameters" in c.metadata.get("tags", []))
    lines = [line for line in cell.source.splitlines() if not line.startswith("#")]
    names = []
    for line in lines:
        code, _, comment = line.partition("  # ")
        assert comment, f"no comment on {line!r}"
        (statement,) = ast.parse(code).body
        ast.literal_eval(statement.value)
        names.append(statement.targets[0].id)
    assert names == ["entity", "year", "extract", "audience", "options", "report_data"]


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_the_nbval_baseline_cell_is_kept(kind):
    cells = [c for c in _notebook(kind).cells if "NBVAL_CHECK_OUTPUT" in c.source]
    assert len(cells) == 1 and cells[0].outputs and cells[0].metadata.get("keep_output")


def test_section_cells_are_a_heading_and_a_call():
    cells = section_cells("provider")
    # The provider report: summary, nine indicators, trend, benchmarking, data quality,
    # Model Employer, action plan = 1 + 9 + 5 = 15 sections, two cells each.
    assert len(cells) == 30
    assert cells[0].source == "## Summary" and cells[1].source == "report.summary()"
    assert cells[3].source == "report.indicator(1)"


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_contents_and_sections_follow_the_declarations(kind):
    report = CLASSES[kind].open(ENTITIES[kind], 2023, str(example_extract()), "internal", {})
    declared = SECTIONS[kind]
    assert re.findall(r'<a href="#([\w-]+)">', report.contents()) == [s.ident for s in declared]
    for s in declared:
        html = s.build(report)
        heading = s.heading.replace("'", "&#x27;")
        assert html.startswith(f'<section id="{s.ident}"><h2>{heading}</h2>')


def test_a_cluster_report_has_only_the_sections_it_shows():
    shown = {s.method for s in SECTIONS["cluster"]}
    for method in ("own_workforce", "due_regard", "provider_assurance"):
        assert method not in shown
        assert not hasattr(ClusterReport, method)
    for method in shown:
        assert callable(getattr(ClusterReport, method))


def test_a_local_section_is_laid_out_as_the_others():
    report = Report.open("RX1", 2023, str(example_extract()), "internal", {})
    html = report.local_section("Our local context", "Staff <networks> met.", ident="local")
    assert html == (
        '<section id="local"><h2>Our local context</h2><p>Staff &lt;networks&gt; met.</p></section>'
    )


def _with_local_section(rendered, tmp_path, *paragraphs):
    """The rendered public pages, RX1's with a local section added as the README shows."""
    import shutil

    outputs, _ = rendered
    folder = tmp_path / "public"
    shutil.copytree(outputs / "public", folder)
    report = Report.open("RX1", 2023, str(example_extract()), "public", {})
    section = report.local_section("Our staff networks", *paragraphs)
    page = folder / "RX1-2023.html"
    page.write_text(page.read_text().replace("</main>", section + "</main>", 1))
    return folder, outputs / ".cache"


def test_a_local_section_as_the_readme_shows_passes_the_audit(rendered, tmp_path):
    from wres_helpers.batch.audit import audit_folder

    folder, cache = _with_local_section(
        rendered,
        tmp_path,
        "The BME staff network met six times this year and advised on the action plan.",
        "Its chair sits on the people committee.",
    )
    assert audit_folder(folder, extracts=[example_extract()], cache_dir=cache) == []


def test_a_local_section_quoting_an_unpublished_figure_fails_the_audit(rendered, tmp_path):
    from wres_helpers.batch.audit import audit_folder

    # 31.37% is no published value of RX1's public report (its percentages have one decimal).
    folder, cache = _with_local_section(rendered, tmp_path, "31.37% of our bank staff are BME.")
    findings = audit_folder(folder, extracts=[example_extract()], cache_dir=cache)
    assert [f.what for f in findings if "31.37%" in f.what]
