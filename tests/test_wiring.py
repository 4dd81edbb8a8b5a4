"""Issue 12 in the reports: Model Employer panel, national comparators, the cluster's matrix,
the index and its CSV, and the publication spreadsheets, checked on rendered pages."""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pandas as pd
import pytest

from wres_helpers.batch.extras import _Tables, cell_value, headings
from wres_helpers.report import comparators
from wres_helpers.report.model_employer_section import section_body, this_year_rows
from wres_helpers.report.national import load_national, national_figure

# --- national comparators: only for the report's own year --------------------------------


def test_a_national_figure_is_shown_for_its_own_year_only():
    # The packaged file: indicator 2 in WRES year 2016 was published as 1.57.
    assert comparators.summary_cell(2016, 2) == "1.57"
    assert "1.57" in comparators.section_note(2016, 2)
    # No national figure of 2025 in the file: the report says nothing, not 2024's figure.
    assert national_figure(2025, 2, "relative_likelihood") is None
    assert comparators.summary_cell(2025, 2) == ""
    assert comparators.section_note(2025, 2) == ""
    assert comparators.summary_sources(2025) == ""


def test_indicator_9_national_board_share_is_not_set_beside_the_difference():
    # The summary's indicator 9 is a difference in points; the file's is the board's share.
    assert national_figure(2016, 9, "board_bme_pct") is not None
    assert comparators.summary_cell(2016, 9) == ""
    assert "BME share of boards" in comparators.section_note(2016, 9)


def test_the_citation_links_the_source_and_quotes_it():
    fig = national_figure(2016, 2, "relative_likelihood")
    html = comparators.section_note(2016, 2)
    assert f'<a href="{fig.source_url}">' in html
    assert "<q>" in html and "1.57 in 2016" in html


# --- Model Employer: the hand-worked case -----------------------------------------


def _rows(entity, year, breakdown, total, bme):
    # bme_pct = 100 x bme / total
    return [
        (entity, year, 1, breakdown, "total_n", total, False),
        (entity, year, 1, breakdown, "bme_n", bme, False),
        (entity, year, 1, breakdown, "bme_pct", 100 * bme / total, False),
    ]


def test_model_employer_section_shows_parity_and_gap_worked_by_hand():
    # A workforce of 1,000 with 25% BME; Band 8A and above: 80 staff, 10 BME (12.5%).
    # Parity: 80 x 25% = 20 posts; the gap: 20 - 10 = 10 posts. In the first year the
    # trajectory starts at the level's own share (12.5%), so the year is on track.
    records = _rows("R1", 2019, "All|All", 1000, 250) + _rows(
        "R1", 2019, "All|Band 8A and above", 80, 10
    )
    columns = ["entity", "year", "indicator", "breakdown", "statistic", "value", "suppressed"]
    report = SimpleNamespace(
        entity="R1",
        year=2019,
        data=SimpleNamespace(indicators=pd.DataFrame(records, columns=columns)),
    )
    from wres_helpers.report.model_employer_section import panel

    rows = this_year_rows(panel(report), 2019)
    assert rows == [
        ["Band 8A and above (all staff)", "12.5%", "25.0%", "20", "10", "12.5%", "on track"]
    ]
    assert "<img" in section_body(report)


def test_model_employer_section_says_so_when_there_are_no_senior_rows():
    columns = ["entity", "year", "indicator", "breakdown", "statistic", "value", "suppressed"]
    records = _rows("R1", 2019, "All|All", 1000, 250)
    report = SimpleNamespace(
        entity="R1",
        year=2019,
        data=SimpleNamespace(indicators=pd.DataFrame(records, columns=columns)),
    )
    body = section_body(report)
    assert "no figures for senior bands" in body and "<table" not in body


# --- on the rendered pages ----------------------------------------------------------------


def _tables(path):
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def _summary_figures(path, year="2023"):
    """The summary table's figures of this year, by indicator, as the page shows them."""
    summary = next(t for t in _tables(path) if t["caption"] == f"The nine WRES indicators, {year}")
    column = summary["headers"][0].index(year)
    return {row[0]: row[column] for row in summary["rows"]}


@pytest.mark.batch
def test_every_national_figure_on_a_page_is_the_files_for_that_year(rendered):
    outputs, _ = rendered
    spans = 0
    for page in sorted((outputs / "public").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        for attrs, text in re.findall(r'<span class="national" ([^>]*)>([^<]*)</span>', html):
            a = dict(re.findall(r'data-(\w+)="([^"]*)"', attrs))
            assert a["year"] == "2023"  # every example report is of 2023
            fig = next(
                f
                for f in load_national()
                if (f.wres_year, f.indicator, f.statistic)
                == (2023, int(a["indicator"]), a["statistic"])
            )
            assert text == comparators.shown(fig)
            spans += 1
    assert spans > 0


@pytest.mark.batch
def test_the_matrix_csv_equals_the_reports_own_figures(rendered):
    outputs, _ = rendered
    public = outputs / "public"
    rows = list(csv.reader(io.StringIO((public / "CSU01-2023-members.csv").read_text())))
    by_name = {r[0]: r[1:] for r in rows[1:]}
    for name, page in (
        ("Cluster (pooled)", "CSU01-2023.html"),
        ("Eastmoor ICB (QZ1)", "QZ1-2023.html"),
    ):
        figures = _summary_figures(public / page)
        assert by_name[name] == [figures[str(i)] for i in range(1, 10)]
    # The page's matrix holds the same rows as the CSV.
    matrix = next(
        t
        for t in _tables(public / "CSU01-2023.html")
        if t["caption"] == "Members' headline figures, 2023"
    )
    assert matrix["rows"] == rows[1:]
    assert "aria-sort" in (public / "CSU01-2023.html").read_text()


@pytest.mark.batch
def test_the_index_csv_equals_the_reports_own_figures(rendered):
    outputs, _ = rendered
    public = outputs / "public"
    rows = list(csv.DictReader(io.StringIO((public / "index.csv").read_text())))
    assert {r["Page"] for r in rows} == {p.name for p in public.glob("*-2023.html")}
    for r in rows:
        figures = _summary_figures(public / r["Page"])
        shown = [v for k, v in r.items() if re.match(r"\d\. ", k)]
        assert shown == [figures[str(i)] for i in range(1, 10)]
    html = (public / "index.html").read_text()
    assert '<form id="filter"' in html and "hidden" in html and 'href="index.csv"' in html


@pytest.mark.batch
def test_each_spreadsheet_table_equals_the_pages(rendered):
    from openpyxl import load_workbook

    outputs, _ = rendered
    public = outputs / "public"
    for page in sorted(public.glob("*-2023.html")):
        tables = [t for t in _tables(page) if t["headers"] and t["rows"]]
        book = load_workbook(public / (page.stem + ".xlsx"), read_only=True)
        sheets = [s for s in book.sheetnames if s.startswith("Table_")]
        assert len(sheets) == len(tables)
        for name, table in zip(sheets, tables):
            values = [list(r) for r in book[name].iter_rows(values_only=True)]
            start = values.index(headings(table))
            got = values[start + 1 : start + 1 + len(table["rows"])]
            want = [["[x]" if c == "" else cell_value(c) for c in row] for row in table["rows"]]
            assert got == want, (page.name, name)
        book.close()
    assert (public / "wres-reports.xlsx").exists()


def test_the_index_works_without_javascript_by_type_and_region():
    from wres_helpers.report.index_page import index_body

    entries = [
        {
            "file": "A.html",
            "name": "Alpha <Trust>",
            "entity": "RA1",
            "type": "provider",
            "region": "London",
            "year": 2023,
            "headline": {"1": "30.4%"},
        },
        {
            "file": "B.html",
            "name": "Beta CCG",
            "entity": "01B",
            "type": "commissioner",
            "region": None,
            "year": 2023,
            "headline": {},
        },
    ]
    html = index_body(entries, "public")
    # The form is hidden until the script shows it; the anchors work without it.
    assert '<form id="filter" role="search" aria-label="Filter the reports" hidden>' in html
    assert 'href="#type-provider"' in html and 'id="type-provider"' in html
    assert 'href="#region-london"' in html and 'id="region-no-region-given"' in html
    assert "Alpha &lt;Trust&gt;" in html and "<Trust>" not in html
    assert 'data-search="alpha &lt;trust&gt; ra1"' in html


def test_the_audit_reads_a_spreadsheets_counts_as_a_pages(tmp_path):
    from wres_helpers.batch.audit import audit_xlsx
    from wres_helpers.figures.disclosure import Policy
    from wres_helpers.report.spreadsheet import CoverInfo, SheetTable, write_spreadsheet

    frame = pd.DataFrame(
        {"Group": ["Staff in post", "Voting"], "Total": [3, 4], "Note": ["RX9-S1", "ok"]}
    )
    cover = CoverInfo("T", "2023", "S", "C", "D")
    path = write_spreadsheet(tmp_path / "t.xlsx", [SheetTable("T", frame)], cover)
    found = [str(f) for f in audit_xlsx(path, {"RX9-S1"}, Policy())]
    # 3 staff (1 to 7) is a count that must be withheld; 4 voting board members are published
    # exactly (board members hold public office); RX9-S1 is an identifier from the extract.
    assert len(found) == 2
    assert any("a count of 3" in f for f in found) and any("'RX9-S1'" in f for f in found)
