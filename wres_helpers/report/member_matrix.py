"""A cluster's members side by side: each member's nine headline figures and the cluster's pooled.

Figures are the audience's own (in public, ``[c]`` as published), formatted
exactly as each member's summary shows them. The table is a plain accessible
``<table>``; a small script adds sorting buttons to its column headers (with
``aria-sort``), so without JavaScript it reads and works as any other table.
The same rows are written as CSV beside the page by ``wres run``
(:func:`matrix_csv`, named by :func:`csv_name`).
"""

from __future__ import annotations

import csv
import io

import pandas as pd
from markupsafe import Markup

from wres_helpers.report.figure import Figure
from wres_helpers.report.index_page import HEADLINE_COLUMNS
from wres_helpers.report.overview import headlines

POOLED = "Cluster (pooled)"

_SORT_SCRIPT = """<script>
(function () {
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    function key(cell) {
      var n = parseFloat(cell.textContent.replace(/[^0-9.\\-]/g, ""));
      return isNaN(n) ? null : n;
    }
    heads.forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col];
          var kx = col ? key(x) : null, ky = col ? key(y) : null;
          if (kx === null && ky === null) {
            return (up ? 1 : -1) * x.textContent.localeCompare(y.textContent);
          }
          if (kx === null) { return 1; }
          if (ky === null) { return -1; }
          return up ? kx - ky : ky - kx;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
</script>"""


def _figure(ind: pd.DataFrame, entity: str, key: tuple) -> Figure:
    indicator, breakdown, statistic = key
    hit = ind[
        (ind["entity"] == entity)
        & (ind["indicator"] == indicator)
        & (ind["breakdown"] == breakdown)
        & (ind["statistic"] == statistic)
    ]
    if hit.empty:
        return Figure()
    row = hit.iloc[0]
    return Figure(row["value"], suppressed=bool(row["suppressed"]))


def matrix(data, cluster: str, year: int) -> tuple[list[str], list[list[str]]]:
    """The headers and rows: one row per member, then the cluster's pooled figures.

    Parameters
    ----------
    data : ReportData
        The audience's report data (public data hold published figures only).
    cluster, year
        The cluster's code and the report's year.
    """
    ents = data.entities
    members = ents[(ents["cluster"] == cluster) & (ents["entity_type"] != "cluster")]
    ind = data.indicators[data.indicators["year"] == year]
    specs = headlines()
    rows = []
    for code, name in zip(members["entity"], members["entity_name"]):
        rows.append(
            [f"{name} ({code})"] + [_figure(ind, code, s["key"]).text(s["kind"]) for s in specs]
        )
    rows.append([POOLED] + [_figure(ind, cluster, s["key"]).text(s["kind"]) for s in specs])
    return ["Member", *[HEADLINE_COLUMNS[s["indicator"]] for s in specs]], rows


def sortable_table(headers: list[str], rows: list[list[str]], caption: str) -> str:
    """A plain accessible table, marked ``sortable``, with the script that enhances it."""
    head = "".join(f'<th scope="col">{Markup.escape(h)}</th>' for h in headers)
    body = "".join(
        f'<tr><th scope="row">{Markup.escape(r[0])}</th>'
        + "".join(f"<td>{Markup.escape(c)}</td>" for c in r[1:])
        + "</tr>"
        for r in rows
    )
    return (
        '<div class="wide" role="region" tabindex="0" aria-label="Members side by side">'
        f'<table class="data sortable"><caption>{Markup.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>" + _SORT_SCRIPT
    )


def matrix_csv(headers: list[str], rows: list[list[str]]) -> str:
    """The matrix as CSV, figures exactly as the page shows them."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([headers, *rows])
    return out.getvalue()


def csv_name(report_file_stem: str) -> str:
    """The matrix CSV's file name beside a report page: ``<report>-members.csv``."""
    return f"{report_file_stem}-members.csv"
