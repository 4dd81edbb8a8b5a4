"""Presentation: the one place figures are rounded, and HTML is written.

Every value is formatted here, once, at presentation; a suppressed value is
``[c]``. Every piece of text from an extract or a params file is escaped.
"""

from __future__ import annotations

import base64
import html
import io
import math

from wres_helpers.figures.disclosure import SUPPRESSED

INTERNAL_BANNER = "Internal - not for publication"
PALETTE = {
    "White": "#005EB8",
    "BME": "#ED8B00",
    "Unknown": "#768692",
    "limit95": "#425563",
    "limit998": "#AE2573",
}


def missing(value) -> bool:
    """Whether a figure is absent: None or NaN."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def fmt(value, kind: str = "count", suppressed: bool = False) -> str:
    """A figure as shown in a report.

    Parameters
    ----------
    value : float or None
    kind : {"count", "pct", "rate", "ratio", "pp"}
        Counts with thousands separators; percentages and percentage points
        to one decimal place; rates as percentages; likelihoods to two places.
    suppressed : bool
        Shown as ``[c]`` whatever the value.

    Examples
    --------
    >>> fmt(1234.0), fmt(12.345, "pct"), fmt(0.1234, "rate"), fmt(1.5278, "ratio")
    ('1,234', '12.3%', '12.3%', '1.53')
    >>> fmt(None, "ratio"), fmt(3, suppressed=True), fmt(-2.04, "pp")
    ('n/a', '[c]', '-2.0 pp')
    """
    if suppressed:
        return SUPPRESSED
    if missing(value):
        return "n/a"
    if kind == "count":
        return f"{value:,.0f}"
    if kind == "pct":
        return f"{value:.1f}%"
    if kind == "rate":
        return f"{100 * value:.1f}%"
    if kind == "pp":
        return f"{value:+.1f} pp"
    return f"{value:.2f}"


def esc(text) -> str:
    """Text from an extract or params, safe inside HTML."""
    return html.escape("" if text is None else str(text), quote=True)


def table(
    headers: list[str],
    rows: list[list[str]],
    caption: str | None = None,
    raw: bool = False,
    row_headers: bool = True,
) -> str:
    """An accessible HTML table: a caption, column headers, and row headers.

    Cells are escaped unless ``raw`` (for cells this module already built).
    """
    cell = (lambda x: x) if raw else esc
    parts = ['<table class="data">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append(
        "<thead><tr>"
        + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
        + "</tr></thead><tbody>"
    )
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            if i == 0 and row_headers:
                cells.append(f'<th scope="row">{cell(value)}</th>')
            else:
                cells.append(f"<td>{cell(value)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def figure(fig, alt: str, caption: str, data_table: str) -> str:
    """A chart as an embedded PNG with its text alternative and its data as a table."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
        f"<figcaption>{esc(caption)}</figcaption>"
        f"<details><summary>The chart's data</summary>{data_table}</details></figure>"
    )


def section(heading: str, body: str, level: int = 2, ident: str | None = None) -> str:
    anchor = f' id="{esc(ident)}"' if ident else ""
    return f"<section{anchor}><h{level}>{esc(heading)}</h{level}>{body}</section>"


def para(*sentences: str) -> str:
    """A paragraph of already-composed sentences (escaped)."""
    return "<p>" + " ".join(esc(s) for s in sentences if s) + "</p>"


def note(text: str, kind: str = "note") -> str:
    return f'<p class="{kind}"><strong>{esc(kind.capitalize())}:</strong> {esc(text)}</p>'


SUPPRESSION_NOTE = (
    "[c] marks a figure withheld to protect confidentiality: counts from 1 to "
    "{max} are not published, other counts are rounded to the nearest {base}, "
    "and every rate, percentage and likelihood is computed from the rounded "
    "counts. Staff-survey percentages are withheld where fewer than {survey} "
    "staff in a group responded. Figures may not sum to totals because of "
    "rounding."
)
