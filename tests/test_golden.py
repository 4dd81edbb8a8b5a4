"""The example reports are the golden pages.

``tests/golden/`` holds the example reports of one organisation of each type
(RX1 a trust, QZ1 an ICB, CSU01 a CSU cluster), in both audiences, as rendered
and checked by hand when their wording last changed, with the generated-at line, the
cell anchors and the charts' PNG data masked (``tests/golden.py``). Each
section built here, in process, must be byte for byte the one in the golden
page; a kernel renders one whole page to check the page around them.
"""

import re
from pathlib import Path

import nbformat
import pytest
from conftest import example_extract
from golden import mask

from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.page import report_body
from wres_helpers.report.params import load_params
from wres_helpers.report.provider import Report

GOLDEN = Path(__file__).parent / "golden"
PARAMS = Path(__file__).parents[1] / "params" / "example"
CLASSES = {"RX1": Report, "QZ1": CommissionerReport, "CSU01": ClusterReport}
#: What a report helper displayed, as nbconvert's ``basic`` template wraps it.
OUTPUT = re.compile(
    r'<div class="output_html rendered_html output_subarea output_execute_result">(.*?)</div>',
    re.DOTALL,
)


def _as_rendered(parts) -> list[str]:
    """The parts as the page shows them: displayed by cells, kept by nbconvert."""
    nb = nbformat.v4.new_notebook()
    for part in parts:
        cell = nbformat.v4.new_code_cell("")
        cell.outputs = [
            nbformat.v4.new_output("execute_result", {"text/html": str(part)}, execution_count=1)
        ]
        nb.cells.append(cell)
    return OUTPUT.findall(mask(report_body(nb)))


def _open(entity: str, audience: str):
    example_extract()
    p = load_params(PARAMS / f"{entity}-{audience}.yaml")
    return CLASSES[entity].open(p.entity, p.year, p.extract, p.audience, p.options())


@pytest.mark.parametrize("audience", ["internal", "public"])
@pytest.mark.parametrize("entity", sorted(CLASSES))
def test_every_section_is_the_golden_pages(entity, audience):
    golden = (GOLDEN / audience / f"{entity}-2023.html").read_text(encoding="utf-8")
    report = _open(entity, audience)
    parts = [report.header(), report.contents()] + [s.build(report) for s in report.sections]
    assert _as_rendered(parts) == OUTPUT.findall(golden)


def test_the_masks_hide_only_what_changes_between_runs():
    page = (
        '<div id="cell-id=cell-7"><img src="data:image/png;base64,iVBO+/=" alt="A chart">'
        "<p>Generated at 22 November 2026 03:00.</p></div>"
    )
    assert mask(page) == (
        '<div id="cell-id=(masked)"><img src="data:image/png;base64,(masked)" alt="A chart">'
        "<p>Generated at (masked)</p></div>"
    )


@pytest.mark.batch
def test_a_whole_page_from_a_kernel_is_the_golden_page(tmp_path):
    import papermill

    from wres_helpers.report.page import render_report
    from wres_helpers.report.params import NOTEBOOKS, notebook_for

    example_extract()
    p = load_params(PARAMS / "CSU01-public.yaml")
    executed = tmp_path / "CSU01.ipynb"
    papermill.execute_notebook(
        str(notebook_for(p)),
        str(executed),
        kernel_name="python3",
        cwd=str(NOTEBOOKS),
        parameters={
            "entity": p.entity,
            "year": p.year,
            "extract": p.extract,
            "audience": p.audience,
            "options": p.options(),
        },
        progress_bar=False,
    )
    nb = nbformat.read(executed, as_version=4)
    title = "CSU01 cluster: WRES report 2023"  # the index entry's name, as `wres run` titles it
    page = render_report(nb, title, p.audience, generated_at="(masked)")
    assert mask(page) == (GOLDEN / "public" / "CSU01-2023.html").read_text(encoding="utf-8")
