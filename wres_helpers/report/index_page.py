"""An audience's index: every report with its nine headline figures, to find one's organisation.

The page works with JavaScript off: one table of every report, then the same
reports listed by type and by region under headings linked from the top, so
a reader jumps to their own group. With JavaScript on, a filter form (name or
code, type, region) hides the table rows that do not match; the form is
``hidden`` in the page and shown by the script, so it never appears where it
cannot work. The headline table is also written as ``index.csv`` beside the
page (:func:`index_csv`), figures exactly as the reports show them.
"""

from __future__ import annotations

import csv
import io
import re

from markupsafe import Markup

from wres_helpers.figures.indicators import TITLES
from wres_helpers.report.formatting import part

#: The headline columns: indicator number and its short heading.
HEADLINE_COLUMNS = {
    1: "1. BME share of the workforce",
    2: "2. Relative likelihood: appointment from shortlisting",
    3: "3. Relative likelihood: formal disciplinary",
    4: "4. Relative likelihood: non-mandatory training",
    5: f"5. BME staff: {TITLES[5].lower()}",
    6: f"6. BME staff: {TITLES[6].lower()}",
    7: f"7. BME staff: {TITLES[7].lower()}",
    8: f"8. BME staff: {TITLES[8].lower()}",
    9: "9. Board BME share minus workforce BME share",
}
CSV_NAME = "index.csv"
NO_REGION = "No region given"

_FILTER_SCRIPT = """<script>
(function () {
  var form = document.getElementById("filter");
  var rows = document.querySelectorAll("#reports tbody tr");
  var status = document.getElementById("filter-status");
  function apply() {
    var q = form.q.value.trim().toLowerCase(), t = form.type.value, r = form.region.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!q || row.dataset.search.indexOf(q) >= 0)
        && (!t || row.dataset.type === t) && (!r || row.dataset.region === r);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " reports shown.";
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
})();
</script>"""


def region_of(entry: dict) -> str:
    """The entry's region, or :data:`NO_REGION`."""
    region = entry.get("region")
    return str(region) if region else NO_REGION


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def headline_rows(entries: list[dict]) -> list[list[str]]:
    """One row per report: name (code), type, region, year and the nine figures as shown."""
    return [
        [
            f"{e['name']} ({e['entity']})",
            e["type"],
            region_of(e),
            str(e["year"]),
            *[e["headline"].get(str(i), "") for i in HEADLINE_COLUMNS],
        ]
        for e in entries
    ]


def index_csv(entries: list[dict]) -> str:
    """The index's headline table as CSV, with each report's file name."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Report", "Type", "Region", "Year", *HEADLINE_COLUMNS.values(), "Page"])
    for e, row in zip(entries, headline_rows(entries)):
        writer.writerow([*row, e["file"]])
    return out.getvalue()


def _row_html(e: dict, row: list[str]) -> str:
    link = part("link", e["file"], row[0], "")
    search = f"{e['name']} {e['entity']}".lower()
    cells = "".join(f"<td>{Markup.escape(c)}</td>" for c in row[1:])
    return (
        f'<tr data-search="{Markup.escape(search)}" data-type="{Markup.escape(e["type"])}" '
        f'data-region="{Markup.escape(region_of(e))}"><th scope="row">{link}</th>{cells}</tr>'
    )


def _table(entries: list[dict]) -> str:
    heads = ["Report", "Type", "Region", "Year", *HEADLINE_COLUMNS.values()]
    head = "".join(f'<th scope="col">{Markup.escape(h)}</th>' for h in heads)
    body = "".join(_row_html(e, r) for e, r in zip(entries, headline_rows(entries)))
    return (
        '<div class="wide" role="region" tabindex="0" aria-label="Reports table">'
        '<table class="data" id="reports"><caption>Reports and their nine '
        f"headline figures</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
        "</table></div>"
    )


def _options(name: str, label: str, values: list[str]) -> str:
    opts = "".join(
        f'<option value="{Markup.escape(v)}">{Markup.escape(v)}</option>' for v in values
    )
    return (
        f'<label for="f-{name}">{label}</label> <select id="f-{name}" name="{name}">'
        f'<option value="">All</option>{opts}</select>'
    )


def _form(types: list[str], regions: list[str]) -> str:
    return (
        '<form id="filter" role="search" aria-label="Filter the reports" hidden>'
        '<label for="f-q">Name or code</label> <input id="f-q" name="q" type="search"> '
        + _options("type", "Type", types)
        + " "
        + _options("region", "Region", regions)
        + ' <button type="submit">Filter</button>'
        '<p id="filter-status" role="status" aria-live="polite"></p></form>'
    )


def _groups(entries: list[dict], heading: str, key) -> str:
    values = sorted({key(e) for e in entries})
    out = f'<section id="by-{_slug(heading)}"><h2>Reports by {heading}</h2>'
    for v in values:
        links = "".join(
            "<li>"
            + part("link", e["file"], f"{e['name']} ({e['entity']}), {e['year']}", "")
            + "</li>"
            for e in entries
            if key(e) == v
        )
        out += f'<h3 id="{_slug(heading)}-{_slug(v)}">{Markup.escape(v)}</h3><ul>{links}</ul>'
    return out + "</section>"


def index_body(entries: list[dict], audience: str) -> str:
    """The index page's body: header, jump links, filter form, table, groups, script."""
    types = sorted({e["type"] for e in entries})
    regions = sorted({region_of(e) for e in entries})
    jumps = [("reports", "All reports")] + [
        (f"{k}-{_slug(v)}", f"{label}: {v}")
        for k, label, vals in (("type", "Type", types), ("region", "Region", regions))
        for v in vals
    ]
    return (
        part(
            "header",
            "Workforce Race Equality Standard reports",
            f"{len(entries)} {audience} report(s).",
        )
        + part("contents", jumps)
        + _form(types, regions)
        + f'<p><a href="{CSV_NAME}" download>Download the headline table (CSV)</a></p>'
        + _table(entries)
        + _groups(entries, "type", lambda e: e["type"])
        + _groups(entries, "region", region_of)
        + _FILTER_SCRIPT
    )
