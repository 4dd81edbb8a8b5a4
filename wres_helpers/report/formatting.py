"""Presentation: the one place figures are rounded, and page parts are rendered.

Every value is formatted here, once, at presentation; a suppressed value is
``[c]``. The HTML itself is in the Jinja2 templates of ``report/templates``
(``parts.html.j2``: table, figure, section, paragraph, note, contents); the
functions here call their macros and return HTML strings. Every piece of text
from an extract or a params file is escaped by the templates; arguments that
are HTML already (a section's body, a chart's data table, ``raw`` cells) are
named so.
"""

from __future__ import annotations

import base64
import html
import io
import math
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

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


#: The page templates and the CSS, shipped with the package.
TEMPLATES = Path(__file__).parent / "templates"


def _escaped(value) -> Markup:
    """Escape a template variable as :func:`esc` does (HTML already built passes as is)."""
    return value if isinstance(value, Markup) else Markup(esc(value))


@cache
def environment() -> Environment:
    """The Jinja2 environment of the report's templates: autoescape on, ``html.escape``'s
    entities (so pages stay byte for byte what they were), undefined names an error."""
    from jinja2 import StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        finalize=_escaped,
        undefined=StrictUndefined,
    )


def _macro(name: str):
    return getattr(environment().get_template("parts.html.j2").module, name)


def table(
    headers: list[str],
    rows: list[list[str]],
    caption: str | None = None,
    raw: bool = False,
    row_headers: bool = True,
) -> str:
    """An accessible HTML table: a caption, column headers, and row headers.

    Cells are escaped unless ``raw`` (for cells built by this module already).

    Examples
    --------
    >>> table(["Group", "n"], [["A & B", "3"]], caption="Counts")
    '<table class="data"><caption>Counts</caption><thead><tr><th scope="col">Group</th>\
<th scope="col">n</th></tr></thead><tbody><tr><th scope="row">A &amp; B</th><td>3</td></tr>\
</tbody></table>'
    """
    if raw:
        rows = [[Markup(c) for c in row] for row in rows]
    return str(_macro("table")(headers, rows, caption, row_headers))


def figure(fig, alt: str, caption: str, data_table: str) -> str:
    """A chart as an embedded PNG with its text alternative and its data as a table."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight", metadata={"Software": None})
    import matplotlib.pyplot as plt

    plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return str(_macro("figure")(data, alt, caption, Markup(data_table)))


def section(heading: str, body: str, level: int = 2, ident: str | None = None) -> str:
    """A section: its heading and ``body`` (HTML), with ``ident`` as its anchor."""
    return str(_macro("section")(heading, Markup(body), level, ident))


def para(*sentences: str) -> str:
    """A paragraph of already-composed sentences (escaped).

    Examples
    --------
    >>> para("Fewer than 5 <staff>.", "", "Done.")
    '<p>Fewer than 5 &lt;staff&gt;. Done.</p>'
    """
    return str(_macro("para")([s for s in sentences if s]))


def note(text: str, kind: str = "note") -> str:
    """A boxed note (``kind`` "note") or warning (``kind`` "caution")."""
    return str(_macro("note")(text, kind))


def contents(links: list[tuple[str, str]]) -> str:
    """The contents list: (anchor, label) pairs."""
    return str(_macro("contents")(links))


def part(name: str, *args) -> str:
    """Any other macro of ``parts.html.j2`` (``header``, ``link``, ``recommendations``)."""
    return str(_macro(name)(*args))


def suppression_note(policy) -> str:
    """What ``[c]`` means and the policy a public report was made under, in words.

    Examples
    --------
    >>> from wres_helpers.figures.disclosure import Policy
    >>> "rounded to the nearest 5" in suppression_note(Policy(method="rounding"))
    True
    >>> "exact" in suppression_note(Policy())
    True
    """
    how = (
        "Every rate, percentage and likelihood is computed from the rounded counts, so "
        "figures may not sum to totals."
        if policy.method == "rounding"
        else "Every figure shown is the exact figure; a figure resting on a withheld count "
        "is withheld with it."
    )
    return (
        "[c] marks a figure withheld to protect confidentiality. Disclosure policy: "
        f"{policy.describe()}. {how}"
    )
