"""Every label, difference and share row agrees with the figures on the same page.

Each example report, public and internal, is read as text, as its reader
would read it: the checks below know only what the page shows.
"""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO

from wres_helpers.figures.disclosure import Policy
from wres_helpers.report.cache import load, prepare
from wres_helpers.report.cluster import ClusterReport
from wres_helpers.report.commissioner import CommissionerReport
from wres_helpers.report.indicator_sections import BOARD_HEADLINE_NOTE
from wres_helpers.report.params import load_params
from wres_helpers.report.provider import Report

PARAMS = sorted((REPO / "params" / "example").glob("*.yaml"))
CLASSES = {"provider": Report, "commissioner": CommissionerReport, "cluster": ClusterReport}


class Tables(HTMLParser):
    """Each table of a page as (caption, header row, body rows) of cell text."""

    def __init__(self):
        super().__init__()
        self.tables, self._cell, self._row, self._caption = [], None, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(["", [], []])
        elif tag == "caption":
            self._caption = ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "caption" and self.tables:
            self.tables[-1][0], self._caption = self._caption, None
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self.tables:
            table = self.tables[-1]
            (table[2] if table[1] else table[1]).extend([self._row] if table[1] else self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption is not None:
            self._caption += data


def tables(html: str) -> list[tuple[str, list[str], list[list[str]]]]:
    parser = Tables()
    parser.feed(html)
    return [(c, h, rows) for c, h, rows in parser.tables]


def number(text: str) -> float:
    """A shown figure as a number: '12.3%', '+1.2 pp', '1.53', '1,234'; NaN if not one."""
    match = re.fullmatch(r"([+-]?[\d,]+(?:\.\d+)?)(%| pp)?", text.strip())
    return float(match.group(1).replace(",", "")) if match else math.nan


def expected_change(now: float, before: float, kind: str, label: str) -> bool:
    """Whether a summary change label fits the two figures as shown."""
    if math.isnan(now) or math.isnan(before):
        return label == "Not comparable"
    if now == before:
        return label == "No change"
    if kind in ("ratio", "pp"):
        dist = (lambda v: math.inf if v <= 0 else abs(math.log(v))) if kind == "ratio" else abs
        centre = 1.0 if kind == "ratio" else 0.0
        word = "Closer" if dist(now) < dist(before) else "Further"
        if dist(now) == dist(before):
            word = "As far"
        crossed = (now - centre) * (before - centre) < 0
        return label.startswith(word) and (("crossed" in label) == crossed)
    if "harassment" in label or "discrimination" in label or "belief" in label:
        return label.startswith("More" if now > before else "Less")
    return label.startswith("Up" if now > before else "Down")


def check_summary(table) -> list[str]:
    _, head, rows = table
    problems = []
    for row in rows:
        kind = "pp" if row[2].endswith("pp") else "ratio" if "likelihood" in row[1] else "pct"
        now, before = number(row[2]), number(row[3])
        if not expected_change(now, before, kind, row[4]):
            problems.append(f"summary {row[0]}: {row[2]} vs {row[3]} labelled {row[4]!r}")
    return problems


def check_difference(caption, head, rows, first: str, second: str, diff: str) -> list[str]:
    """A difference column equals the difference of its parts as shown."""
    a, b, d = head.index(first), head.index(second), head.index(diff)
    problems = []
    for row in rows:
        if "[c]" in (row[a], row[b]):
            if row[d] != "[c]" and row[d] != "n/a":
                problems.append(f"{caption}: difference {row[d]} of a withheld part")
            continue
        want = round(number(row[a]) - number(row[b]), 1)
        if not math.isnan(want) and number(row[d]) != pytest.approx(want, abs=1e-9):
            problems.append(f"{caption}: {row[a]} - {row[b]} shown as {row[d]}")
    return problems


def check_shares(caption, head, rows) -> list[str]:
    """Share columns: withheld together when any count is; else each count / total."""
    groups = [g for g in ("White", "BME", "Unknown") if f"{g} %" in head]
    problems = []
    for row in rows:
        counts = [row[head.index(g)] for g in groups] + [row[head.index("Total")]]
        shares = [row[head.index(f"{g} %")] for g in groups]
        if "[c]" in counts:
            if any(s != "[c]" for s in shares):
                problems.append(f"{caption} {row[0]}: shares {shares} beside withheld counts")
            continue
        total = number(counts[-1])
        for count, share in zip(counts, shares):
            if total > 0 and abs(100 * number(count) / total - number(share)) > 0.05 + 1e-9:
                problems.append(f"{caption} {row[0]}: {count}/{counts[-1]} shown as {share}")
    return problems


def check_quality(caption, head, rows, limit: float) -> list[str]:
    rate, label = head.index("Self-reported"), head.index("Assessment")
    problems = []
    for row in rows:
        if row[rate] == "[c]":
            if row[label] != "[c]":
                problems.append(f"{caption} {row[0]}: {row[label]!r} on a withheld rate")
        elif row[label].startswith("Low") != (100 - number(row[rate]) > limit + 0.05):
            problems.append(f"{caption} {row[0]}: {row[rate]} labelled {row[label]!r}")
    return problems


def check_sentences(text: str) -> list[str]:
    """'X% ... against Y% ...: Z percentage points below/above' agrees with X - Y."""
    problems = []
    pattern = (
        r"make up ([\d.]+)% of the [a-z ]+ against ([\d.]+)% of the workforce: "
        r"([\d.]+) percentage points (below|above)"
    )
    for a, b, d, way in re.findall(pattern, text):
        gap = round(float(a) - float(b), 1)
        if abs(gap) != float(d) or (way == "below") != (gap < 0):
            problems.append(f"board sentence: {a}% against {b}%: {d} points {way}")
    for bme, white, d, way in re.findall(
        r"([\d.]+)% of BME staff and ([\d.]+)% of White staff; the figure is "
        r"([\d.]+) percentage points (higher|lower)",
        text,
    ):
        gap = round(float(bme) - float(white), 1)
        if abs(gap) != float(d) or (way == "lower") != (gap < 0):
            problems.append(f"survey sentence: {bme}% and {white}%: {d} points {way}")
    return problems


def check_board_headline(found, text: str) -> list[str]:
    """The summary's board figure and the board table's total differ only with the note."""
    summary = [r for c, _, rows in found if c.startswith("The nine WRES") for r in rows]
    board = [r for c, _, rows in found if c.startswith("Board membership,") for r in rows]
    headline = [r[2] for r in summary if r[0] == "9"]
    total = [r[-1] for r in board if r[0] == "Total board"]
    if not headline or not total or "[c]" in (headline[0], total[0]):
        return []
    differs = number(headline[0]) != number(total[0])
    if differs != (BOARD_HEADLINE_NOTE in text):
        return [f"board: headline {headline[0]}, table {total[0]}, note shown: {not differs}"]
    return []


def check_page(html: str, limit: float = 10.0) -> list[str]:
    """Every inconsistency between a page's labels and its figures."""
    problems = []
    text = re.sub(r"<[^>]+>", "", html)
    for caption, head, rows in tables(html):
        if caption.startswith("The nine WRES indicators"):
            problems += check_summary((caption, head, rows))
        if "Difference" in head:
            problems += check_difference(
                caption, head, rows, "BME share", "Workforce BME share", "Difference"
            )
        if any(h.startswith("BME minus White") for h in head):
            now = [h for h in head if h.startswith("BME, ")][-1]
            white = now.replace("BME, ", "White, ")
            diff = [h for h in head if h.startswith("BME minus White")][0]
            problems += check_difference(caption, head, rows, now, white, diff)
        if "BME %" in head:
            problems += check_shares(caption, head, rows)
        if "Assessment" in head:
            problems += check_quality(caption, head, rows, limit)
    problems += check_sentences(text)
    return problems + check_board_headline(tables(html), text)


def build(path: Path, cache: Path) -> tuple[str, str]:
    """A report's sections as one page, from report data prepared once into ``cache``."""
    params = load_params(path)
    cls = CLASSES[params.report_type or "provider"]
    policy = Policy(params.max_suppressed, params.rounding_base, params.survey_min_respondents)
    report = cls(params, load(prepare(params.extract, policy, cache)[params.audience]))
    parts = [report.header(), report.summary(), report.data_quality()]
    parts += [report.indicator(i) for i in range(1, 10)]
    if isinstance(report, ClusterReport):
        parts += [report.members(), report.pooled_survey()]
    elif isinstance(report, CommissionerReport):
        parts += [report.own_workforce(), report.due_regard(), report.provider_assurance()]
    return "".join(str(p) for p in parts), report.entity_type


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("cache")


@pytest.mark.batch
@pytest.mark.parametrize("path", PARAMS, ids=[p.stem for p in PARAMS])
def test_every_label_difference_and_share_agrees_with_its_page(path, cache):
    html, org_type = build(path, cache)
    assert check_page(html) == []
    if org_type == "icb":  # an ICB's report never says CCG
        assert "CCG" not in re.sub(r"<img[^>]*>|<[^>]+>", " ", html)


def test_rendered_reports_agree_with_themselves(rendered):
    outputs, _ = rendered
    pages = sorted(outputs.glob("*/*-*.html"))
    assert pages
    for page in pages:
        assert check_page(page.read_text(encoding="utf-8")) == [], page.name


# --- the checker itself catches each defect --------------------------------------------------

PLANTED = [
    # Shown values equal, labelled as a change.
    "<table><caption>The nine WRES indicators, 2023</caption><tr><th>Indicator</th><th>M</th>"
    "<th>2023</th><th>2022</th><th>Change</th></tr><tr><th>4</th><td>Relative likelihood"
    "</td><td>1.09</td><td>1.09</td><td>Down (better)</td></tr></table>",
    # A difference that is not the difference of its shown parts (17.5 - 6.2 = 11.3).
    "<table><caption>Board</caption><tr><th>Board</th><th>BME share</th>"
    "<th>Workforce BME share</th><th>Difference</th></tr><tr><th>Total</th><td>17.5%</td>"
    "<td>6.2%</td><td>+11.4 pp</td></tr></table>",
    # Shares adding up to a whole while a part is withheld.
    "<table><caption>Profile</caption><tr><th>Group</th><th>White</th><th>BME</th>"
    "<th>Unknown</th><th>Total</th><th>White %</th><th>BME %</th><th>Unknown %</th></tr>"
    "<tr><th>Body</th><td>8</td><td>[c]</td><td>0</td><td>9</td><td>100.0%</td><td>[c]</td>"
    "<td>0.0%</td></tr></table>",
    # A data-quality label resting on a withheld rate.
    "<table><caption>Quality</caption><tr><th>Table</th><th>Self-reported</th>"
    "<th>Assessment</th></tr><tr><th>Staff</th><td>[c]</td><td>Adequate</td></tr></table>",
    # A sentence whose gap disagrees with its parts.
    "<p>BME members make up 17.5% of the board against 6.2% of the workforce: 11.4 "
    "percentage points above the workforce.</p>",
    # The summary's board figure (exact) and the table's (of the shares shown: 21.4 - 30.4)
    # differ, and nothing on the page says why.
    "<table><caption>The nine WRES indicators, 2023</caption><tr><th>Indicator</th><th>M</th>"
    "<th>2023</th><th>2022</th><th>Change</th></tr><tr><th>9</th><td>Board</td>"
    "<td>-8.9 pp</td><td>-15.1 pp</td><td>Closer to parity</td></tr></table>"
    "<table><caption>Board membership, 2023</caption><tr><th>Board</th><th>BME share</th>"
    "<th>Workforce BME share</th><th>Difference</th></tr><tr><th>Total board</th>"
    "<td>21.4%</td><td>30.4%</td><td>-9.0 pp</td></tr></table>",
]


@pytest.mark.parametrize("html", PLANTED)
def test_the_checker_finds_each_planted_defect(html):
    assert check_page(html) != []


# --- the public report beside the internal one ----------------------------------------------

PAIRS = sorted({p.stem.rsplit("-", 1)[0] for p in PARAMS})
WITHHELD_LABELS = {"Not comparable", "Not published ([c])", ""}


def headline(path: Path, cache: Path) -> tuple[list[str], list[list[str]]]:
    """The summary table of the nine indicators: header row and body rows."""
    html, _ = build(path, cache)
    found = [t for t in tables(html) if t[0].startswith("The nine WRES indicators")]
    assert len(found) == 1, path.name
    return found[0][1], found[0][2]


def headline_differences(public, internal) -> list[str]:
    """Where a public headline figure or label is neither the internal one nor withheld."""
    (head, rows), (head_in, rows_in) = public, internal
    assert head == head_in and len(rows) == len(rows_in)
    values = [i for i, h in enumerate(head) if h[:4].isdigit() or h == "Previous year"]
    labels = [head.index("Change"), head.index("Non-adverse range")]
    problems = []
    for row, row_in in zip(rows, rows_in):
        withheld = any(row[i] == "[c]" for i in values)
        for i in values:
            if row[i] not in (row_in[i], "[c]"):
                problems.append(f"indicator {row[0]} {head[i]}: {row[i]} against {row_in[i]}")
        for i in labels:
            if row[i] != row_in[i] and not (withheld and row[i] in WITHHELD_LABELS):
                problems.append(f"indicator {row[0]} {head[i]}: {row[i]!r} against {row_in[i]!r}")
    return problems


@pytest.mark.batch
@pytest.mark.parametrize("name", PAIRS)
def test_public_headline_is_the_internal_one_or_withheld(name, cache):
    folder = REPO / "params" / "example"
    public = headline(folder / f"{name}-public.yaml", cache)
    internal = headline(folder / f"{name}-internal.yaml", cache)
    assert headline_differences(public, internal) == []
    if name.startswith("RX"):  # a trust's board is published, and so is indicator 9
        assert public[1][8][2] != "[c]"


def test_the_headline_comparison_finds_a_figure_that_moved():
    head = ["Indicator", "Measure", "2023", "2022", "Change", "Non-adverse range"]
    internal = (head, [["2", "RL", "1.42", "1.48", "Closer to parity", "Outside"]])
    moved = (head, [["2", "RL", "1.53", "1.48", "Further from parity", "Outside"]])
    withheld = (head, [["2", "RL", "[c]", "1.48", "Not comparable", "Not published ([c])"]])
    relabelled = (head, [["2", "RL", "1.42", "1.48", "Further from parity", "Outside"]])
    assert len(headline_differences(moved, internal)) == 2
    assert headline_differences(withheld, internal) == []
    assert len(headline_differences(relabelled, internal)) == 1
