"""Rendering: an executed notebook to a self-contained, accessible HTML page.

nbconvert's ``basic`` template renders the cells' outputs (no input cells,
no prompts); this module keeps only the HTML the report helpers displayed
(so no stray warning, traceback or code can reach a page), and wraps it in a
page of its own (``templates/page.html.j2``): ``lang="en"``, the styles of
``templates/report.css`` inline, images embedded, nothing
fetched from the internet, and the internal banner on every page.
"""

from __future__ import annotations

import datetime as dt
import functools

import nbformat
from nbconvert import HTMLExporter

from wres_helpers.report.formatting import INTERNAL_BANNER, environment
from wres_helpers.report.index_page import index_body

#: Cells with this tag are for notebook readers and regression checks, not the report.
HIDDEN_TAGS = {"remove-from-report", "parameters", "injected-parameters"}


def page(title: str, body_html: str, audience: str, generated_at: str) -> str:
    """A whole HTML page around ``body_html`` (already safe HTML)."""
    return (
        environment()
        .get_template("page.html.j2")
        .render(
            title=title,
            internal=audience == "internal",
            banner=INTERNAL_BANNER,
            body=body_html,
            footer=f"Generated at {generated_at}." if generated_at else "",
        )
    )


def report_body(nb: nbformat.NotebookNode) -> str:
    """The HTML the report's cells displayed, in order, and nothing else."""
    nb = nbformat.from_dict(nb)
    kept = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or HIDDEN_TAGS & set(cell.metadata.get("tags", [])):
            continue
        cell.outputs = [
            o
            for o in cell.get("outputs", [])
            if o.get("output_type") in ("display_data", "execute_result")
            and "text/html" in o.get("data", {})
        ]
        for o in cell.outputs:
            o["data"] = {"text/html": o["data"]["text/html"]}
        cell.id = f"cell-{i}"
        kept.append(cell)
    nb.cells = kept
    body, _ = _exporter().from_notebook_node(nb)
    return body


@functools.cache
def _exporter() -> HTMLExporter:
    """One exporter per process: building one (its templates, its filters) costs more
    than most pages' export, and an export leaves nothing behind in it."""
    return HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )


def render_report(
    nb: nbformat.NotebookNode, title: str, audience: str, generated_at: str | None = None
) -> str:
    """An executed report notebook as a finished HTML page."""
    return page(
        title,
        report_body(nb),
        audience,
        generated_at if generated_at is not None else dt.datetime.now().strftime("%d %B %Y %H:%M"),
    )


def render_index(entries: list[dict], audience: str, generated_at: str | None = None) -> str:
    """The index of an audience's reports, with their headline figures
    (see :mod:`~wres_helpers.report.index_page`)."""
    return page(
        "WRES reports",
        index_body(entries, audience),
        audience,
        generated_at if generated_at is not None else dt.datetime.now().strftime("%d %B %Y %H:%M"),
    )
