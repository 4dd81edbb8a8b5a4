"""Indicator 1's grouped views: senior representation and the broad ethnic groups.

Two parts of indicator 1's section, each a sentence or two, a table and (for
the broad groups) a chart. Every figure is looked up in the report data of
the report's audience (``Report.get``), so a public report shows exactly the
published indicator rows, ``[c]`` where the publication rule withheld one:

- **Senior representation**: Band 8A and above, Band 8C and above (8C, 8D, 9
  and VSM) and VSM, for clinical, non-clinical and all staff (the grouped
  breakdowns ``<side>|Band 8A and above``, ``<side>|Band 8C and above`` and the
  VSM rows), this year and the comparison year. A group is published wherever
  its own counts allow, even when single bands inside it are withheld.
- **Broad ethnic groups**: White, BME and its four broad groups (Mixed, Asian,
  Black, Other), Unknown and the whole workforce (``All|All``), as counts and
  shares of the workforce (contract, section 2).
"""

from __future__ import annotations

from wres_helpers.figures.disclosure import SUPPRESSED
from wres_helpers.report import groups_chart
from wres_helpers.report.formatting import missing, para, part, section
from wres_helpers.report.labels import shown
from wres_helpers.vocab import BROAD_GROUPS, SENIOR_GROUPS

#: The senior levels, most senior last; ``VSM`` is a band of its own.
LEVELS = (*SENIOR_GROUPS, "VSM")
#: The sides of the workforce each level is shown for, with their words.
SIDES = (("Clinical", "clinical"), ("Non-clinical", "non-clinical"), ("All", "all staff"))
#: The broad-groups table's rows: (label, statistic stem), BME's four groups indented.
GROUP_ROWS = (
    ("White", "white"),
    ("BME", "bme"),
    *((f"BME: {g}", g.lower()) for g in BROAD_GROUPS),
    ("Unknown", "unknown"),
)
#: The whole workforce's breakdown.
WHOLE = "All|All"
#: The group the sentence above the senior table compares with the whole workforce.
HEADLINE_LEVEL = "All|Band 8A and above"


def years(report) -> list[int]:
    """The report year, then the comparison year where the report data hold indicator 1 for it."""
    last = report.last_year
    return [report.year] + ([last] if last and report.has(1, last) else [])


def withheld_note(rows: list[list[str]]) -> str:
    """A line under a table that shows ``[c]``, saying why; nothing when none is shown."""
    if not any(SUPPRESSED in cell for row in rows for cell in row):
        return ""
    return para(
        f"{SUPPRESSED} marks a figure withheld to protect confidentiality: it rests on a "
        "small count, or would let one be worked out from the other figures "
        "(see the disclosure note at the top of the report)."
    )


def by_year(report, headers: list[str], rows: list[list[str]], caption: str) -> str:
    """A table whose columns after the first repeat for each of :func:`years`, each
    repetition headed by its year (so every column heading names one kind of figure)."""
    span = (len(headers) - 1) // len(years(report))
    groups = [(str(y), span) for y in years(report)]
    return part("table", headers, rows, caption, True, groups)


def _present(report, breakdown: str, year: int, stat: str = "total_n") -> bool:
    """Whether the report data hold ``stat`` of ``breakdown`` in ``year`` (withheld or shown)."""
    figure = report.get(1, breakdown, stat, year)
    return figure.suppressed or not missing(figure.value)


def senior_rows(report) -> list[list[str]]:
    """One row per senior level and side held in the data: staff, BME staff and BME share
    in each of :func:`years`, as shown (``[c]`` where withheld)."""
    rows = []
    for level in LEVELS:
        for side, words in SIDES:
            breakdown = f"{side}|{level}"
            if not any(_present(report, breakdown, y) for y in years(report)):
                continue
            cells = [f"{level} ({words})"]
            for y in years(report):
                cells += [
                    report.get(1, breakdown, stat, y).text(kind)
                    for stat, kind in (("total_n", "count"), ("bme_n", "count"), ("bme_pct", "pct"))
                ]
            rows.append(cells)
    return rows


def senior_sentence(report) -> str:
    """This year's BME share of Band 8A and above against the whole workforce's, as shown.

    No comparison is stated from a withheld figure: where either share is
    withheld the sentence says so and gives the one that is published.
    """
    level = report.get(1, HEADLINE_LEVEL, "bme_pct")
    whole = report.get(1, WHOLE, "bme_pct")
    year = report.year
    if level.suppressed and whole.suppressed:
        return (
            f"In {year} the BME shares of Band 8A and above and of the whole workforce are "
            f"both withheld ({SUPPRESSED}), so they are not compared here."
        )
    if level.suppressed:
        return (
            f"In {year} the BME share of Band 8A and above (all staff) is withheld "
            f"({SUPPRESSED}), so it is not compared with the whole workforce's BME share "
            f"of {whole.text('pct')}."
        )
    if not level.shown:
        return f"The data hold no staff at Band 8A and above in {year}."
    if whole.suppressed:
        return (
            f"In {year} BME staff are {level.text('pct')} of staff at Band 8A and above "
            f"(all staff); the whole workforce's BME share is withheld ({SUPPRESSED}), so "
            "the two are not compared here."
        )
    a, b = shown(level.value, "pct"), shown(whole.value, "pct")
    relation = "below" if a < b else "above" if a > b else "the same as"
    return (
        f"In {year} BME staff are {level.text('pct')} of staff at Band 8A and above "
        f"(all staff), {relation} their share of the whole workforce, {whole.text('pct')}."
    )


def senior(report) -> str:
    """The senior representation part: the sentence, then the table of every level."""
    rows = senior_rows(report)
    if not rows:
        return ""
    headers = ["Level"] + ["Staff", "BME", "BME share"] * len(years(report))
    caption = (
        "BME staff in senior posts: Band 8A and above, Band 8C and above (8C, 8D, 9 and "
        "VSM) and VSM, as headcounts at 31 March"
    )
    body = para(senior_sentence(report)) + by_year(report, headers, rows, caption)
    body += withheld_note(rows)
    return section("Senior representation", body, level=3, ident="indicator-1-senior")


def group_rows(report) -> list[list[str]]:
    """The broad-groups table's rows: count and share of the workforce in each of
    :func:`years`, then the whole workforce's headcount."""
    rows = []
    for label, stem in GROUP_ROWS:
        cells = [label]
        for y in years(report):
            cells += [
                report.get(1, WHOLE, f"{stem}_n", y).text("count"),
                report.get(1, WHOLE, f"{stem}_pct", y).text("pct"),
            ]
        rows.append(cells)
    total = ["All staff"]
    for y in years(report):
        total += [report.get(1, WHOLE, "total_n", y).text("count"), ""]
    return rows + [total]


def _has_broad(report) -> bool:
    """Whether the data break BME staff down by broad group in any year shown."""
    stat = f"{BROAD_GROUPS[0].lower()}_n"
    return any(_present(report, WHOLE, y, stat) for y in years(report))


def broad(report) -> str:
    """The broad ethnic groups part: a table of every group and a chart of BME's four."""
    intro = (
        "BME staff by the NHS Data Dictionary's broad ethnic groups: Mixed (codes D-G), "
        "Asian or Asian British (H-L), Black or Black British (M-P) and Other (R-S), each as "
        "a count and as a share of the whole workforce (unknown ethnicity included)."
    )
    if not _has_broad(report):
        return section(
            "Broad ethnic groups",
            para(intro, "The data do not break BME staff down by broad group."),
            level=3,
            ident="indicator-1-groups",
        )
    headers = ["Group"] + ["Staff", "Share"] * len(years(report))
    rows = group_rows(report)
    caption = "Staff in post at 31 March by broad ethnic group"
    body = para(intro) + by_year(report, headers, rows, caption)
    body += withheld_note(rows)
    body += groups_chart.chart(groups_chart.bars(report, years(report)))
    return section("Broad ethnic groups", body, level=3, ident="indicator-1-groups")


def body(report) -> str:
    """Both parts, as indicator 1's section shows them after its band table."""
    return senior(report) + broad(report)
