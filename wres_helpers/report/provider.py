"""A WRES report: one entity's figures for one year and audience, and its sections.

The notebooks call :class:`Report`'s methods and nothing else; every figure
comes from :class:`~wres_helpers.report.data.ReportData` of the report's
audience, as a :class:`~wres_helpers.report.figure.Figure`. The sections, their
order and headings are declared in :mod:`wres_helpers.report.sections`; their
bodies are built in :mod:`~wres_helpers.report.overview`,
:mod:`~wres_helpers.report.indicator_sections` (with indicator 1's senior and
broad-group parts in :mod:`~wres_helpers.report.groups_sections`) and
:mod:`~wres_helpers.report.context_sections`.
"""

from __future__ import annotations

from pathlib import Path

from wres_helpers.figures.disclosure import Policy
from wres_helpers.report import (
    comparators,
    context_sections,
    groups_sections,
    indicator_sections,
    member_matrix,
    model_employer_section,
    overview,
    settled,
)
from wres_helpers.report.cache import load, prepare
from wres_helpers.report.data import ReportData
from wres_helpers.report.figure import PUBLICATION_RULE, Figure
from wres_helpers.report.formatting import contents, missing, para, section, suppression_note
from wres_helpers.report.params import ReportParams, report_type_of
from wres_helpers.report.sections import PROVIDER, Section, section_by_ident


class Html(str):
    """HTML that Jupyter displays as HTML (and nbconvert keeps as ``text/html``)."""

    def _repr_html_(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"<report section, {len(self):,} characters of HTML>"


class Report:
    """One entity's report for one year and audience."""

    #: The sections this report type shows, in order.
    sections: tuple[Section, ...] = PROVIDER

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

    def not_collected(self, table: str) -> list[str]:
        """Who did not collect ``table`` this year: the organisation itself, or a
        cluster's members (whose pooled figure leaves them out)."""
        from wres_helpers.figures.collection import family_of_table

        nc = self.data.not_collected
        if nc is None or nc.empty:
            return []
        ents = self.data.entities
        if self.kind == "cluster":
            who = set(ents.loc[ents["cluster"].astype(str) == self.entity, "entity"].astype(str))
        else:
            who = {self.entity}
        hit = nc[(nc["year"] == self.year) & (nc["family"] == family_of_table(table))]
        return sorted(who & set(hit["org_code"].astype(str)))

    @classmethod
    def open(
        cls,
        entity: str,
        year: int,
        extract: str,
        audience: str,
        options: dict | None = None,
        report_data: str | None = None,
    ) -> Report:
        """Open a report from its parameters (the notebook's parameters cell).

        Parameters
        ----------
        entity, year, extract, audience, options
            The report's params (see :class:`~wres_helpers.report.params.ReportParams`).
        report_data : str, optional
            The report data ``wres run`` prepared for this audience (a path it
            passes as a papermill parameter); without it the extract is read
            and prepared here.
        """
        params = ReportParams(
            entity=entity, year=year, extract=str(extract), audience=audience, **(options or {})
        )
        if report_data:
            return cls(params, load(Path(report_data)))
        policy = Policy.of(params)
        data = prepare(extract, policy, None)[audience]
        return cls(params, data if isinstance(data, ReportData) else load(data))

    # --- looking up figures ----------------------------------------------------------------

    def get(self, indicator: int, breakdown: str, statistic: str, year: int | None = None):
        """One figure of the report data; an absent one (NaN, not suppressed) where missing."""
        key = (year or self.year, indicator, breakdown, statistic)
        if key not in self._values.index:
            return Figure()
        row = self._values.loc[key]
        suppressed = bool(row["suppressed"])
        return Figure(
            row["value"],
            row["ci_low"],
            row["ci_high"],
            suppressed,
            PUBLICATION_RULE if suppressed else None,
            settled.unsettled(row),
        )

    def change_settled(self, key: tuple, last: int | None) -> bool:
        """Whether the rounded figures settle figure ``key``'s change since ``last``."""
        return settled.change_settled(self.data.settled_changes, self.entity, key, self.year, last)

    def has(self, indicator: int, year: int | None = None) -> bool:
        """Whether the report data hold any figure of ``indicator`` in the year."""
        year = year or self.year
        return (year, indicator) in self._values.index.droplevel([2, 3])

    def caution(self, *counts) -> bool:
        """Whether any denominator is below the caution threshold (and not zero)."""
        return any((not missing(c)) and 0 < c < self.params.caution_below for c in counts)

    # --- page parts ------------------------------------------------------------------------

    def _section(self, ident: str, body: str) -> Html:
        """A section's body under its declared heading and anchor."""
        return Html(section(section_by_ident(ident).heading, body, ident=ident))

    def title(self) -> str:
        """The report's title: the params' own, or the standard one."""
        return self.params.title or f"Workforce Race Equality Standard report {self.year}"

    def header(self) -> Html:
        """The title, organisation, dates and the audience's note."""
        return Html(overview.header(self))

    def contents(self) -> Html:
        """The contents list: this report type's declared sections."""
        return Html(contents([(s.ident, s.label) for s in self.sections]))

    def headline(self) -> dict:
        """The nine headline figures, formatted as the summary shows them (for the index)."""
        return {
            spec["indicator"]: self.get(*spec["key"]).text(spec["kind"])
            for spec in overview.headlines()
        }

    def _region(self) -> str | None:
        ents = self.data.entities.set_index("entity")
        if "region" not in ents.columns or missing(ents.at[self.entity, "region"]):
            return None
        return str(ents.at[self.entity, "region"])

    def index_entry(self) -> dict:
        """What the audience's index shows of this report."""
        entry = {
            "entity": self.entity,
            "name": self.name,
            "type": self.kind,
            "region": self._region(),
            "year": self.year,
            "headline": {str(k): v for k, v in self.headline().items()},
        }
        if self.public:
            entry["contact"] = self.params.contact
            entry["disclosure"] = suppression_note(self.data.policy)
        if self.kind == "cluster":
            headers, rows = member_matrix.matrix(self.data, self.entity, self.year)
            entry["matrix"] = {"headers": headers, "rows": rows}
        return entry

    def headline_text(self) -> str:
        """The summary as plain text: the nbval regression baseline."""
        lines = [f"{self.entity} {self.year} ({self.params.audience})"]
        for spec in overview.headlines():
            v = self.get(*spec["key"])
            lines.append(f"{spec['indicator']}: {spec['label']}: {v.text(spec['kind'])}")
        return "\n".join(lines)

    # --- the sections ----------------------------------------------------------------------

    def summary(self) -> Html:
        """The nine indicators, this year and last, with the direction of change."""
        return self._section("summary", overview.summary(self))

    def indicator(self, number: int) -> Html:
        """One indicator's table, chart and narrative."""
        ident = f"indicator-{number}"
        if not self.has(number):
            return self._section(ident, para("No data were supplied for this indicator this year."))
        body = indicator_sections.builder(number)(self, number)
        body += comparators.section_note(self.year, number)
        extra = self.params.narrative.get(f"indicator{number}")
        if extra:
            body += para(extra)
        if number == 1:
            # Its own sub-sections, after everything that belongs to the band table.
            body += groups_sections.body(self)
        return self._section(ident, body)

    def model_employer(self) -> Html:
        """Senior BME representation against the Model Employer goal of parity in 2028."""
        return self._section("model-employer", model_employer_section.section_body(self))

    def trend(self) -> Html:
        """Every headline figure over every year in the extract."""
        return self._section("trend", overview.trend(self))

    def benchmarking(self) -> Html:
        """Funnel plots against organisations of the same type in the extract."""
        return self._section("benchmarking", context_sections.benchmarking(self))

    def data_quality(self) -> Html:
        """Ethnicity self-reporting rates per table, flagged where low."""
        return self._section("data-quality", context_sections.data_quality(self))

    def action_plan(self) -> Html:
        """This year's actions, beside last year's and their outcome."""
        return self._section("action-plan", context_sections.action_plan(self))

    def local_section(self, heading: str, *paragraphs: str, ident: str | None = None) -> Html:
        """A section of the analyst's own: a heading and paragraphs of text (escaped).

        For a notebook cell an analyst adds: it is laid out as every other
        section is, and ``wres audit`` checks it as it checks the rest (so its
        text should quote no figure the report does not publish).
        """
        return Html(section(heading, "".join(para(p) for p in paragraphs), ident=ident))
