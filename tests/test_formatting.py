"""Formatting and the page-part templates: figures as shown, text escaped, HTML kept."""

import math

import pytest

from wres_helpers.report.figure import PUBLICATION_RULE, Figure
from wres_helpers.report.formatting import contents, fmt, note, para, part, section, table


@pytest.mark.parametrize(
    "value, kind, suppressed, shown",
    [
        (1234.0, "count", False, "1,234"),  # thousands separator, no decimals
        (12.345, "pct", False, "12.3%"),  # one decimal place
        (0.1234, "rate", False, "12.3%"),  # 100 x 0.1234 = 12.34 -> 12.3%
        (1.5278, "ratio", False, "1.53"),  # two decimal places
        (-2.04, "pp", False, "-2.0 pp"),  # signed, one decimal
        (2.0, "pp", False, "+2.0 pp"),
        (3.0, "count", True, "[c]"),  # suppressed whatever the value
        (math.nan, "pct", False, "n/a"),
        (None, "ratio", False, "n/a"),
    ],
)
def test_fmt(value, kind, suppressed, shown):
    assert fmt(value, kind, suppressed) == shown


def test_table_escapes_text_and_keeps_built_html_when_raw():
    html = table(["A & B", "n"], [["<b>", "1"]], caption="Cap's")
    assert html == (
        '<table class="data"><caption>Cap&#x27;s</caption><thead><tr>'
        '<th scope="col">A &amp; B</th><th scope="col">n</th></tr></thead><tbody>'
        '<tr><th scope="row">&lt;b&gt;</th><td>1</td></tr></tbody></table>'
    )
    raw = table(["Link"], [['<a href="x">y</a>']], raw=True, row_headers=False)
    assert '<td><a href="x">y</a></td>' in raw


def test_section_para_note_and_contents():
    assert section("Data & quality", "<p>x</p>", ident="dq") == (
        '<section id="dq"><h2>Data &amp; quality</h2><p>x</p></section>'
    )
    assert section("H", "", level=3) == "<section><h3>H</h3></section>"
    # Empty sentences are left out; the others joined by one space.
    assert para("One.", "", "Two <three>.") == "<p>One. Two &lt;three&gt;.</p>"
    assert note("Mind.", "caution") == '<p class="caution"><strong>Caution:</strong> Mind.</p>'
    assert contents([("a", "A"), ("b", "B & C")]) == (
        '<nav aria-label="Contents"><h2>Contents</h2><ul class="toc">'
        '<li><a href="#a">A</a></li><li><a href="#b">B &amp; C</a></li></ul></nav>'
    )


def test_link_and_header_parts():
    assert part("link", "https://x.nhs.uk/?a=1&b=2", "WRES report", " of A&B") == (
        '<a href="https://x.nhs.uk/?a=1&amp;b=2">WRES report'
        '<span class="visually-hidden"> of A&amp;B</span></a>'
    )
    assert part("link", "r.html", "R", "") == '<a href="r.html">R</a>'
    assert part("header", "T", "L") == '<h1>T</h1><p class="lede">L</p>'


def test_figure_named_fields():
    withheld = Figure(3.0, math.nan, math.nan, True, PUBLICATION_RULE)
    assert withheld.text("count") == "[c]" and not withheld.shown
    assert withheld.interval("pct") == ""
    shown = Figure(0.25, 0.2, 0.3)
    # 100 x 0.2 = 20.0%, 100 x 0.3 = 30.0%
    assert shown.interval("rate") == "20.0% to 30.0%" and shown.shown
    assert shown.withheld_by is None
    with pytest.raises(AttributeError):
        shown.value = 1.0  # frozen
