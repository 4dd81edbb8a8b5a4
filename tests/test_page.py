"""The page shell and the index: from the templates, escaped, with the CSS inline."""

from wres_helpers.report.formatting import TEMPLATES
from wres_helpers.report.page import page, render_index


def test_the_page_shell_has_the_css_file_inline_and_the_banner_when_internal():
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    html = page("Title & more", "<p>Body</p>", "internal", "1 April 2024 09:00")
    assert f"<style>\n{css}</style>" in html
    assert "<title>Title &amp; more</title>" in html
    assert "<p>Body</p>" in html  # the body is HTML already: kept as it is
    assert html.count("Internal - not for publication") == 2  # top and bottom
    assert "<footer><p>Generated at 1 April 2024 09:00.</p></footer>" in html
    assert "Internal - not for publication" not in page("T", "", "public", "")


def test_the_index_escapes_what_comes_from_the_extract():
    entry = {
        "file": "RX1-2023.html",
        "name": "St Mary's & Co <Trust>",
        "entity": "RX1",
        "type": "provider",
        "year": 2023,
        "headline": {"1": "30.4%", "2": "[c]"},
    }
    html = render_index([entry], "public", generated_at="")
    link = '<a href="RX1-2023.html">St Mary&#x27;s &amp; Co &lt;Trust&gt; (RX1)</a>'
    assert f'<th scope="row">{link}</th>' in html
    assert "<td>30.4%</td><td>[c]</td><td></td><td></td>" in html
    assert '<p class="lede">1 public report(s).</p>' in html
