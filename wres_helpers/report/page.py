"""Rendering: an executed notebook to a self-contained, accessible HTML page.

nbconvert's ``basic`` template renders the cells' outputs (no input cells,
no prompts); this module keeps only the HTML the report helpers displayed
(so no stray warning, traceback or code can reach a page), and wraps it in a
page of its own: ``lang="en"``, the styles inline, images embedded, nothing
fetched from the internet, and the internal banner on every page.
"""

from __future__ import annotations

import datetime as dt

import nbformat
from jinja2 import Environment, select_autoescape
from nbconvert import HTMLExporter

from wres_helpers.report.formatting import INTERNAL_BANNER, esc, table

#: Cells with this tag are for notebook readers and regression checks, not the report.
HIDDEN_TAGS = {"remove-from-report", "parameters", "injected-parameters"}

STYLE = """
:root { --blue: #005EB8; --dark: #212B32; --grey: #4C6272; --pale: #F0F4F5; --warn: #8A1538; }
* { box-sizing: border-box; }
body { font-family: Arial, Helvetica, sans-serif; color: var(--dark); margin: 0; line-height: 1.5;
       background: #fff; font-size: 1rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 2rem; margin: 0.5rem 0; } h2 { font-size: 1.5rem; margin-top: 2rem;
     border-bottom: 2px solid var(--blue); } h3 { font-size: 1.2rem; }
a { color: var(--blue); } a:focus { outline: 3px solid #FFB81C; background: #FFEB3B; color: #212B32; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
                   white-space: nowrap; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; }
.banner { background: var(--warn); color: #fff; font-weight: bold; text-align: center;
          padding: 0.5rem; margin: 0; }
.lede { font-size: 1.1rem; }
.note, .caution { border-left: 6px solid var(--blue); background: var(--pale); padding: 0.75rem 1rem; }
.caution { border-left-color: var(--warn); }
table.data { border-collapse: collapse; margin: 1rem 0; width: 100%; font-size: 0.95rem; }
table.data caption { text-align: left; font-weight: bold; padding: 0.25rem 0; }
table.data th, table.data td { border: 1px solid #AEB7BD; padding: 0.35rem 0.5rem; text-align: left;
                               vertical-align: top; }
table.data thead th { background: var(--pale); }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; }
figcaption { color: var(--grey); font-size: 0.95rem; }
details summary { cursor: pointer; color: var(--blue); }
ul.toc { columns: 2; } footer { color: var(--grey); font-size: 0.9rem; margin-top: 3rem; }
@media print { .banner { position: fixed; top: 0; left: 0; right: 0; } main { padding-top: 3rem; }
               details { display: block; } }
"""  # noqa: E501 (moving to a .css file)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ style }}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
{% if internal %}<header><p class="banner" role="note">{{ banner }}</p></header>{% endif %}
<main id="content">
{{ body | safe }}
<footer><p>{{ footer }}</p></footer>
</main>
{% if internal %}<p class="banner" role="note">{{ banner }}</p>{% endif %}
</body>
</html>
"""

_ENV = Environment(autoescape=select_autoescape(default=True))


def page(title: str, body_html: str, audience: str, generated_at: str) -> str:
    """A whole HTML page around ``body_html`` (already safe HTML)."""
    return _ENV.from_string(PAGE).render(
        title=title,
        style=STYLE,
        internal=audience == "internal",
        banner=INTERNAL_BANNER,
        body=body_html,
        footer=f"Generated at {generated_at}." if generated_at else "",
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
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        anchor_link_text="",
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


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
    """The index of an audience's reports, with their headline figures."""
    rows = [
        [
            f'<a href="{esc(e["file"])}">{esc(e["name"])} ({esc(e["entity"])})</a>',
            esc(e["type"]),
            esc(e["year"]),
            esc(e["headline"].get("1", "")),
            esc(e["headline"].get("2", "")),
            esc(e["headline"].get("3", "")),
            esc(e["headline"].get("9", "")),
        ]
        for e in entries
    ]
    body = (
        "<h1>Workforce Race Equality Standard reports</h1>"
        f'<p class="lede">{len(entries)} {esc(audience)} report(s).</p>'
        + table(
            [
                "Report",
                "Type",
                "Year",
                "BME share of workforce",
                "Indicator 2 likelihood",
                "Indicator 3 likelihood",
                "Board minus workforce BME share",
            ],
            rows,
            caption="Reports and headline figures",
            raw=True,
        )
    )
    return page(
        "WRES reports",
        body,
        audience,
        generated_at if generated_at is not None else dt.datetime.now().strftime("%d %B %Y %H:%M"),
    )
