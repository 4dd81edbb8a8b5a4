"""A WRES report's content: summary, the nine indicators, trend, benchmarking,
data quality and the action plan, each as HTML built from one audience's data.

The notebooks call these methods and nothing else; every figure comes from
:class:`~wres_helpers.report.data.ReportData` of the report's audience.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import pandas as pd

from wres_helpers.figures.disclosure import Policy
from wres_helpers.figures.indicators import SURVEY_HIGHER_IS_BETTER, TITLES
from wres_helpers.report import charts, narrative, summary
from wres_helpers.report.data import (
    FUNNEL_INPUTS,
    PEER_GROUPS,
    ReportData,
    cache_path,
    load,
    prepare,
)
from wres_helpers.report.formatting import (
    SUPPRESSION_NOTE,
    esc,
    fmt,
    missing,
    note,
    para,
    section,
    table,
)
from wres_helpers.report.labels import quality_label, shown_difference
from wres_helpers.report.params import ReportParams, report_type_of
from wres_helpers.vocab import PAY_BANDS, SENIOR_BANDS, org_words

#: Environment variable naming the cache folder ``wres run`` prepared.
CACHE_ENV = "WRES_CACHE_DIR"


class Html(str):
    """HTML that Jupyter displays as HTML (and nbconvert keeps as ``text/html``)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<report section, {len(self):,} characters of HTML>"


class IndexEntry(dict):
    """A report's line in the index, displayed as JSON for ``wres run`` to collect."""

    def _repr_json_(self) -> dict:
        return dict(self)


def _bar(category: str, group: str, figure: tuple) -> dict:
    """A chart bar from a (value, ci_low, ci_high, suppressed) figure."""
    value, low, high, suppressed = figure
    return {
        "category": category,
        "group": group,
        "value": value,
        "low": low,
        "high": high,
        "suppressed": suppressed,
    }


class Report:
    """One entity's report for one year and audience."""

    def __init__(self, params: ReportParams, data: ReportData):
        if params.audience != data.audience:
            raise ValueError("the report's data are for another audience")
        self.params = params
        self.data = data
        ents = data.entities.set_index("entity")
        if params.entity not in ents.index:
            raise KeyError(f"{params.entity} is not an organisation or cluster of the extract")
        self.entity = params.entity
        self.name = str(ents.at[self.entity, "entity_name"])
        self.entity_type = str(ents.at[self.entity, "entity_type"])
        self.kind = params.report_type or report_type_of(self.entity_type)
        self.year = params.year
        years = sorted(
            data.indicators.loc[data.indicators["entity"] == self.entity, "year"].unique()
        )
        if self.year not in years:
            raise KeyError(f"{self.entity} has no data for {self.year} (years: {years})")
        self.years = [y for y in years if y <= self.year]
        self.last_year = params.comparison_year or (self.years[-2] if len(self.years) > 1 else None)
        own = data.indicators[data.indicators["entity"] == self.entity]
        self._values = own.set_index(["year", "indicator", "breakdown", "statistic"]).sort_index()
        self.public = params.audience == "public"

    # --- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, entity: str, year: int, extract: str, audience: str, options: dict | None = None
    ) -> Report:
        """Open a report, reading the prepared cache when ``wres run`` made one."""
        params = ReportParams(
            entity=entity, year=year, extract=str(extract), audience=audience, **(options or {})
        )
        policy = Policy(params.max_suppressed, params.rounding_base, params.survey_min_respondents)
        cache_dir = os.environ.get(CACHE_ENV)
        data = None
        if cache_dir:
            from wres_helpers.figures.engine import extract_fingerprint

            path = cache_path(Path(cache_dir), extract_fingerprint(extract, policy), audience)
            if path.exists():
                data = load(path)
        if data is None:
            built = prepare(extract, policy, Path(cache_dir) if cache_dir else None)
            data = (
                built[audience]
                if isinstance(built[audience], ReportData)
                else load(built[audience])
            )
        return cls(params, data)

    # --- looking up figures ----------------------------------------------------------------

    def get(self, indicator: int, breakdown: str, statistic: str, year: int | None = None):
        """(value, ci_low, ci_high, suppressed) of one figure; NaNs where absent."""
        key = (year or self.year, indicator, breakdown, statistic)
        if key not in self._values.index:
            return (math.nan, math.nan, math.nan, False)
        row = self._values.loc[key]
        return (row["value"], row["ci_low"], row["ci_high"], bool(row["suppressed"]))

    def has(self, indicator: int, year: int | None = None) -> bool:
        year = year or self.year
        return (year, indicator) in self._values.index.droplevel([2, 3])

    def caution(self, *counts) -> bool:
        """Whether any denominator is below the caution threshold (and not zero)."""
        return any((not missing(c)) and 0 < c < self.params.caution_below for c in counts)

    # --- page parts ------------------------------------------------------------------------

    def title(self) -> str:
        return self.params.title or f"Workforce Race Equality Standard report {self.year}"

    def header(self) -> Html:
        date = self.params.report_date or dt.date(self.year, 9, 30)
        parts = [
            f"<h1>{esc(self.title())}</h1>",
            f'<p class="lede">{esc(self.name)} ({esc(self.entity)}). Workforce at 31 March '
            f"{self.year}; recruitment, disciplinary and training in the year to that date. "
            f"Report date {date:%d %B %Y}.</p>",
        ]
        if self.public:
            p = self.data.policy
            parts.append(
                note(
                    SUPPRESSION_NOTE.format(
                        max=p.max_suppressed, base=p.rounding_base, survey=p.survey_min_respondents
                    )
                )
            )
        else:
            parts.append(
                note(
                    "This report shows exact figures, including numbers small enough "
                    "to identify people. Use it to inform decisions; publish only the "
                    "public version.",
                    "caution",
                )
            )
        intro = self.params.narrative.get("introduction")
        if intro:
            parts.append(para(intro))
        return Html("".join(parts))

    def summary(self) -> Html:
        """The nine indicators, this year and last, with the direction of change."""
        rows, crossings = [], []
        last = self.last_year
        for spec in self._headlines():
            this = self.get(*spec["key"])
            before = self.get(*spec["key"], year=last) if last else (math.nan,) * 3 + (False,)
            rows.append(
                [
                    str(spec["indicator"]),
                    spec["label"],
                    fmt(this[0], spec["kind"], this[3]),
                    fmt(before[0], spec["kind"], before[3]) if last else "n/a",
                    summary.change_label(spec, this, before),
                    summary.range_label(spec, this),
                ]
            )
            if spec["kind"] == "ratio" and last and not (this[3] or before[3]):
                crossings.append(narrative.crossing(spec["indicator"], this[0], before[0], last))
        headers = [
            "Indicator",
            "Measure",
            str(self.year),
            str(last) if last else "Previous year",
            "Change",
            "Non-adverse range",
        ]
        body = table(headers, rows, caption=f"The nine WRES indicators, {self.year}")
        body += para(
            "Relative likelihoods from 0.80 to 1.25 are within the non-adverse range "
            "(the four-fifths rule); a figure above 1.25 or below 0.80 means one group "
            "fares markedly differently. Parity is a likelihood of 1 (both groups "
            "equally likely) and a board difference of 0 points; a change is judged on "
            'the figures as shown, so figures that print the same are "No change".',
            *crossings,
        )
        body += self._summary_survey() + self._summary_indicator3()
        return Html(section("Summary", body, ident="summary"))

    def _summary_survey(self) -> str:
        """Indicators 5-8, White and BME side by side, naming the staff survey behind each."""
        last = self.last_year
        out = table(
            summary.survey_headers(self.year, last),
            summary.survey_rows(self._get_year, self.year, last),
            caption=f"Staff-survey indicators 5-8, {self.year}" + (f" and {last}" if last else ""),
        )
        return out + para(
            f"WRES {self.year} uses the NHS Staff Survey carried out in autumn "
            f"{summary.survey_year(self.year)}. The BME minus White column is the gap "
            "between the two figures as shown."
        )

    def _summary_indicator3(self) -> str:
        """Indicator 3 on one-year and two-year bases, with the basis stated."""
        rows = summary.indicator3_rows(self._get_year, self.year, self.last_year)
        if not rows:
            return ""
        return table(
            ["Basis", "Relative likelihood", "Non-adverse range"],
            rows,
            caption="Indicator 3: relative likelihood of BME staff compared with White "
            "staff to enter the formal disciplinary process, on one-year and two-year bases",
        ) + para(
            f"The one-year figure counts entries in the year to 31 March {self.year}; the "
            "two-year figure pools the entries and headcounts of that year and the year "
            "before, which steadies a figure resting on few cases."
        )

    def _get_year(self, indicator: int, breakdown: str, statistic: str, year: int):
        return self.get(indicator, breakdown, statistic, year=year)

    def _headlines(self) -> list[dict]:
        out = [
            {
                "indicator": 1,
                "label": "BME share of the workforce",
                "key": (1, "All|All", "bme_pct"),
                "kind": "pct",
                "better": "neutral",
            }
        ]
        for i in (2, 3, 4):
            first, second, what = narrative.LIKELIHOOD_WORDS[i]
            out.append(
                {
                    "indicator": i,
                    "label": f"Relative likelihood of {first} compared with {second} {what}",
                    "key": (i, "All", "relative_likelihood"),
                    "kind": "ratio",
                    "better": "closer to 1",
                }
            )
        for i in (5, 6, 7, 8):
            better = "higher" if SURVEY_HIGHER_IS_BETTER[i] else "lower"
            out.append(
                {
                    "indicator": i,
                    "label": f"BME staff: {TITLES[i].lower()}",
                    "key": (i, "All", "bme_pct"),
                    "kind": "pct",
                    "better": better,
                }
            )
        out.append(
            {
                "indicator": 9,
                "label": "Board BME share minus workforce BME share",
                "key": (9, "Total board", "difference_pp"),
                "kind": "pp",
                "better": "closer to 0",
            }
        )
        return out

    def headline(self) -> dict:
        """Headline figures, formatted, for the index page."""
        out = {}
        for spec in self._headlines():
            if spec["indicator"] in (1, 2, 3, 9):
                v = self.get(*spec["key"])
                out[spec["indicator"]] = fmt(v[0], spec["kind"], v[3])
        return out

    def index_entry(self) -> IndexEntry:
        """What the audience's index shows of this report."""
        return IndexEntry(
            entity=self.entity,
            name=self.name,
            type=self.kind,
            year=self.year,
            headline={str(k): v for k, v in self.headline().items()},
        )

    def headline_text(self) -> str:
        """The summary as plain text: the nbval regression baseline."""
        lines = [f"{self.entity} {self.year} ({self.params.audience})"]
        for spec in self._headlines():
            v = self.get(*spec["key"])
            lines.append(f"{spec['indicator']}: {spec['label']}: {fmt(v[0], spec['kind'], v[3])}")
        return "\n".join(lines)

    # --- the indicators --------------------------------------------------------------------

    def indicator(self, number: int) -> Html:
        """One indicator's table, chart and narrative."""
        builder = {1: self._indicator1, 9: self._indicator9}.get(number)
        if builder is None:
            builder = self._likelihood if number in (2, 3, 4) else self._survey
        heading = f"Indicator {number}: {TITLES[number]}"
        if not self.has(number):
            return Html(
                section(
                    heading,
                    para("No data were supplied for this indicator this year."),
                    ident=f"indicator-{number}",
                )
            )
        body = builder(number)
        extra = self.params.narrative.get(f"indicator{number}")
        if extra:
            body += para(extra)
        return Html(section(heading, body, ident=f"indicator-{number}"))

    def _indicator1(self, _n) -> str:
        overall = self.get(1, "All|All", "bme_pct")
        rows, bars = [], []
        for side in ("Clinical", "Non-clinical"):
            for b in self._bands(side):
                cells = [
                    self.get(1, b, s)
                    for s in ("white_n", "bme_n", "unknown_n", "total_n", "bme_pct")
                ]
                if not cells[3][3] and (missing(cells[3][0]) or cells[3][0] == 0):
                    continue
                label = b.replace("|", ": ")
                rows.append(
                    [label]
                    + [fmt(c[0], "count", c[3]) for c in cells[:4]]
                    + [fmt(cells[4][0], "pct", cells[4][3])]
                )
                if not b.endswith("|All"):
                    bars.append(_bar(label, "BME", cells[4]))
        total = [self.get(1, "All|All", s) for s in ("white_n", "bme_n", "unknown_n", "total_n")]
        rows.append(
            ["All staff"]
            + [fmt(c[0], "count", c[3]) for c in total]
            + [fmt(overall[0], "pct", overall[3])]
        )
        out = table(
            ["Pay band", "White", "BME", "Unknown", "Total", "BME share"],
            rows,
            caption=f"Staff in post at 31 March {self.year} by pay band and ethnic group",
        )
        if bars:
            out += charts.group_bars(
                bars,
                "pct",
                "BME share of staff by pay band",
                "BME share of staff (%)",
                "BME staff as a share of each band's headcount (unknown ethnicity included in "
                "the headcount), against the whole workforce (dashed line).",
                reference=None if overall[3] else overall[0],
                reference_label="BME share of the whole workforce",
            )
        senior = [b for b in bars if b["category"].split(": ")[1] in SENIOR_BANDS]
        if not overall[3] and not missing(overall[0]):
            shown = [
                (b["category"], b["value"])
                for b in senior
                if not b["suppressed"] and not missing(b["value"])
            ]
            withheld = sum(1 for b in senior if b["suppressed"])
            out += para(
                f"BME staff are {fmt(overall[0], 'pct')} of the workforce.",
                narrative.senior_bands(overall[0], shown, withheld),
            )
        return out

    def _bands(self, side: str) -> list[str]:
        stats = (
            self._values.loc[self.year]
            if self.year in self._values.index.get_level_values(0)
            else pd.DataFrame()
        )
        present = set(stats.loc[1].index.get_level_values(0)) if 1 in stats.index else set()
        ordered = [f"{side}|{band}" for band in PAY_BANDS] + [f"{side}|All"]
        return [b for b in ordered if b in present]

    def _likelihood(self, number: int) -> str:
        a_stat, n_stat = {
            2: ("appointed", "shortlisted"),
            3: ("entered", "headcount"),
            4: ("accessed", "headcount"),
        }[number]
        rows, bars = [], []
        for group, stem in (("White", "white"), ("BME", "bme")):
            a = self.get(number, "All", f"{stem}_{a_stat}")
            n = self.get(number, "All", f"{stem}_{n_stat}")
            r = self.get(number, "All", f"{stem}_rate")
            rows.append(
                [
                    group,
                    fmt(n[0], "count", n[3]),
                    fmt(a[0], "count", a[3]),
                    fmt(r[0], "rate", r[3]),
                    "" if r[3] or missing(r[1]) else f"{fmt(r[1], 'rate')} to {fmt(r[2], 'rate')}",
                ]
            )
            bars.append(_bar(TITLES[number], group, r))
        rl = self.get(number, "All", "relative_likelihood")
        out = table(
            ["Group", n_stat.capitalize(), a_stat.capitalize(), "Rate", "95% interval"],
            rows,
            caption=f"{TITLES[number]}, {self.year}",
        )
        out += charts.group_bars(
            bars, "rate", TITLES[number], "Rate (%)", f"Rates for White and BME staff, {self.year}."
        )
        denominators = [self.get(number, "All", f"{s}_{n_stat}")[0] for s in ("white", "bme")]
        out += para(
            *narrative.likelihood(
                number,
                *rl,
                self.caution(*denominators),
                self._events(number, "All", a_stat),
            )
        )
        if number == 3 and self.params.indicator3_two_year:
            pooled = self.get(3, "All|two-year", "relative_likelihood")
            if not missing(pooled[0]) or pooled[3]:
                out += para(
                    f"Pooled over two years ({self.year - 1} and {self.year}): "
                    + " ".join(
                        narrative.likelihood(
                            3, *pooled, False, self._events(3, "All|two-year", a_stat)
                        )
                    )
                )
        return out

    def _events(self, number: int, breakdown: str, a_stat: str) -> tuple:
        """The two groups' event counts in the likelihood's order (first group first)."""
        first = narrative.LIKELIHOOD_WORDS[number][0].split()[0].lower()
        order = ("white", "bme") if first == "white" else ("bme", "white")
        counts = [self.get(number, breakdown, f"{stem}_{a_stat}") for stem in order]
        return tuple(math.nan if c[3] else c[0] for c in counts)

    def _survey(self, number: int) -> str:
        rows, bars = [], []
        figures = {}
        for group, stem in (("White", "white"), ("BME", "bme")):
            n = self.get(number, "All", f"{stem}_respondents")
            p = self.get(number, "All", f"{stem}_pct")
            figures[stem] = (p, n)
            rows.append(
                [
                    group,
                    fmt(n[0], "count", n[3]),
                    fmt(p[0], "pct", p[3]),
                    "" if p[3] or missing(p[1]) else f"{fmt(p[1], 'pct')} to {fmt(p[2], 'pct')}",
                ]
            )
            bars.append(_bar(f"Indicator {number}", group, p))
        out = table(
            ["Group", "Respondents", "Percentage", "95% interval"],
            rows,
            caption=f"Staff survey: {TITLES[number].lower()}, WRES {self.year} "
            f"(NHS Staff Survey {summary.survey_year(self.year)})",
        )
        out += charts.group_bars(
            bars,
            "pct",
            TITLES[number],
            "Percentage of respondents",
            f"Staff-survey percentages for White and BME staff, {self.year}.",
        )
        (wp, wn), (bp, bn) = figures["white"], figures["bme"]
        out += para(
            *narrative.survey(
                number,
                wp[0],
                bp[0],
                wp[3],
                bp[3],
                SURVEY_HIGHER_IS_BETTER[number],
                self.caution(wn[0], bn[0]),
                summary.survey_year(self.year),
            )
        )
        return out

    def _indicator9(self, _n) -> str:
        rows = []
        for b in ("Total board", "Voting", "Executive"):
            cells = [
                self.get(9, b, s)
                for s in (
                    "board_n",
                    "board_bme_n",
                    "board_bme_pct",
                    "workforce_bme_pct",
                    "difference_pp",
                )
            ]
            rows.append(
                [
                    b,
                    fmt(cells[0][0], "count", cells[0][3]),
                    fmt(cells[1][0], "count", cells[1][3]),
                    fmt(cells[2][0], "pct", cells[2][3]),
                    fmt(cells[3][0], "pct", cells[3][3]),
                    fmt(
                        shown_difference(cells[2][0], cells[3][0]),
                        "pp",
                        cells[4][3] or cells[2][3] or cells[3][3],
                    ),
                ]
            )
        out = table(
            ["Board", "Members", "BME members", "BME share", "Workforce BME share", "Difference"],
            rows,
            caption=f"Board membership, {self.year}",
        )
        bars = [
            _bar(b, "BME", self.get(9, b, "board_bme_pct"))
            for b in ("Total board", "Voting", "Executive")
        ]
        workforce = self.get(9, "Total board", "workforce_bme_pct")
        out += charts.group_bars(
            bars,
            "pct",
            "BME share of the board",
            "BME share (%)",
            "BME members as a share of the board, its voting and its executive members, "
            "against the BME share of the workforce (dashed line).",
            reference=None if workforce[3] else workforce[0],
            reference_label="BME share of the workforce",
        )
        total = [
            self.get(9, "Total board", s)
            for s in ("board_bme_pct", "workforce_bme_pct", "difference_pp")
        ]
        out += para(
            *narrative.board(
                total[0][0],
                total[1][0],
                total[2][0],
                total[0][3] or total[2][3],
                org_words(self.entity_type)["body"],
            )
        )
        return out

    # --- trend, benchmarking, data quality, action plan ------------------------------------

    def trend(self) -> Html:
        """Every headline figure over every year in the extract."""
        specs = self._headlines()
        rows = []
        for spec in specs:
            rows.append(
                [f"{spec['indicator']}: {spec['label']}"]
                + [
                    fmt(v[0], spec["kind"], v[3])
                    for v in (self.get(*spec["key"], year=y) for y in self.years)
                ]
            )
        body = table(
            ["Indicator"] + [str(y) for y in self.years], rows, caption="Headline figures by year"
        )
        points = []
        for i in (2, 3, 4):
            for y in self.years:
                v = self.get(i, "All", "relative_likelihood", year=y)
                points.append(
                    {"label": f"Indicator {i}", "year": y, "value": v[0], "suppressed": v[3]}
                )
        if len(self.years) > 1:
            body += charts.likelihood_trend(
                points,
                "Relative likelihoods for indicators 2, 3 "
                "and 4 in each year, against the non-adverse range.",
            )
        return Html(section("Trend", body, ident="trend"))

    def benchmarking(self) -> Html:
        """Funnel plots against organisations of the same type in the extract."""
        group = PEER_GROUPS.get(self.entity_type, "Other organisations")
        f = self.data.funnels
        body = para(
            f"Each organisation of the same type in the extract ({group.lower()}) is "
            "plotted by its relative likelihood against its denominator. Points outside "
            "the 99.8% limits differ from the peer average by more than chance would "
            "explain; limits widen for small organisations."
        )
        names = self.data.entities.set_index("entity")["entity_name"].to_dict()
        drawn = 0
        for i in FUNNEL_INPUTS:
            match = (
                f[(f["indicator"] == i) & (f["year"] == self.year) & (f["peer_group"] == group)]
                if len(f)
                else f
            )
            if match.empty:
                continue
            row = match.iloc[0]
            points = row["points"]
            if len(points) < 3 or self.entity not in set(points["entity"]):
                continue
            drawn += 1
            body += charts.funnel(
                points,
                row["curve"],
                row["target"],
                self.entity,
                f"Indicator {i}: {TITLES[i]}",
                "Denominator (White and BME staff or applicants), log scale",
                f"Indicator {i} for {group.lower()} in {self.year}.",
                names,
            )
        if not drawn:
            body += para(
                "Too few organisations of the same type have published figures for "
                "a funnel plot (at least three are needed, this one among them)."
            )
        return Html(section("Benchmarking", body, ident="benchmarking"))

    def data_quality(self) -> Html:
        """Ethnicity self-reporting rates per table, flagged where low."""
        q = self.data.quality
        q = q[(q["entity"] == self.entity) & (q["year"] == self.year)]
        limit = self.params.self_report_flag_pct
        rows = []
        flagged = []
        for r in q.itertuples(index=False):
            if not r.suppressed and (missing(r.records) or r.records == 0):
                continue
            reported = math.nan if missing(r.unknown_pct) else 100 - r.unknown_pct
            label = quality_label(r.unknown_pct, r.suppressed, limit)
            if label.startswith("Low"):
                flagged.append(r.table)
            rows.append(
                [
                    r.table.capitalize(),
                    fmt(r.records, "count", r.suppressed and missing(r.records)),
                    fmt(r.unknown, "count", missing(r.unknown) and r.suppressed),
                    fmt(reported, "pct", r.suppressed),
                    label,
                ]
            )
        body = table(
            ["Table", "Records", "Ethnicity not known", "Self-reported", "Assessment"],
            rows,
            caption=f"Ethnicity self-reporting, {self.year}",
        )
        if flagged:
            body += para(
                f"Ethnicity is not known for more than {limit:g}% of records in: "
                + ", ".join(flagged)
                + ". Improving self-reporting would make the "
                "indicators more reliable."
            )
        else:
            body += para(
                f"Ethnicity is known for at least {100 - limit:g}% of the records of "
                "every table whose rate is shown"
                + (" (a withheld rate, [c], takes its assessment with it)." if self.public else ".")
            )
        return Html(section("Data quality", body, ident="data-quality"))

    def action_plan(self) -> Html:
        """This year's actions, beside last year's and their outcome."""

        def rows(actions, with_outcome):
            return [
                [
                    a.action,
                    str(a.indicator or ""),
                    a.owner,
                    a.due.strftime("%d %b %Y") if a.due else "",
                    a.status,
                ]
                + ([a.outcome] if with_outcome else [])
                for a in actions
            ]

        body = ""
        if self.params.action_plan:
            body += table(
                ["Action", "Indicator", "Owner", "Due", "Status"],
                rows(self.params.action_plan, False),
                caption="Action plan",
            )
        else:
            body += para("No action plan was supplied with this report.")
        if self.params.last_year_actions:
            body += table(
                ["Action", "Indicator", "Owner", "Due", "Status", "Outcome"],
                rows(self.params.last_year_actions, True),
                caption="Last year's actions and their outcome",
            )
        return Html(section("Action plan", body, ident="action-plan"))

    def contents(self) -> Html:
        links = [("summary", "Summary")] + [
            (f"indicator-{i}", f"Indicator {i}") for i in range(1, 10)
        ]
        links += [
            ("trend", "Trend"),
            ("benchmarking", "Benchmarking"),
            ("data-quality", "Data quality"),
            ("action-plan", "Action plan"),
        ]
        items = "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in links)
        return Html(
            f'<nav aria-label="Contents"><h2>Contents</h2><ul class="toc">{items}</ul></nav>'
        )
