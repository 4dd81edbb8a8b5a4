"""Commissioners (CCGs, ICBs): what NHS England's supplementary technical
guidance for CCGs (July 2015) asks of them.

- Own workforce, modelled on the guidance's Appendix 1 (North Somerset CCG),
  built in :mod:`~wres_helpers.report.own_workforce`, with conclusions and
  recommendations from :mod:`~wres_helpers.report.recommendations`.
- Due regard: the six Brown Principles, with evidence computed where the
  data can show it (the rules in :mod:`~wres_helpers.report.assurance`).
- Provider assurance: which providers the standard applies to and whether
  each published its report on time (:mod:`~wres_helpers.report.assurance`).

:class:`CommissioningReport` holds what commissioners and CSU clusters
(:mod:`~wres_helpers.report.cluster`) share: counts from the cells, shares and
the publication advice.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from markupsafe import Markup

from wres_helpers.figures.disclosure import board_cells, publish_count
from wres_helpers.report import own_workforce
from wres_helpers.report.assurance import (
    BROWN_REQUIREMENTS,
    assurance_sentence,
    assurance_status,
    brown_evidence,
    provider_scope,
)
from wres_helpers.report.figure import PUBLICATION_RULE, Figure
from wres_helpers.report.formatting import missing, para, part, table
from wres_helpers.report.narrative import due_regard_status
from wres_helpers.report.overview import headlines
from wres_helpers.report.params import BROWN_PRINCIPLES
from wres_helpers.report.provider import Html, Report
from wres_helpers.report.sections import COMMISSIONER

#: Breakdowns whose small counts the internal report's publication advice lists.
ADVICE_BREAKDOWNS = ["All", "All|All", "Total board", "1", "5", "6", "7", "8"]
#: The provider-assurance table's columns.
ASSURANCE_HEADERS = [
    "Provider",
    "Type",
    "NHS income",
    "WRES applies",
    "Reason",
    "Due",
    "Received",
    "Status",
    "Link",
]


class CommissioningReport(Report):
    """What commissioners' and clusters' reports share: counts, shares, publication advice."""

    def cell(self, measure: str, breakdown: str, group: str, year: int | None = None) -> Figure:
        """One count of the report data's cells; an absent figure where there is none."""
        c = self.data.cells
        row = c[
            (c["entity"] == self.entity)
            & (c["year"] == (year or self.year))
            & (c["measure"] == measure)
            & (c["breakdown"] == breakdown)
            & (c["ethnic_group"] == group)
        ]
        if row.empty:
            return Figure()
        suppressed = bool(row["suppressed"].iloc[0])
        return Figure(
            float(row["count"].iloc[0]),
            suppressed=suppressed,
            withheld_by=PUBLICATION_RULE if suppressed else None,
        )

    def share(self, measure: str, breakdown: str, group: str = "BME") -> Figure:
        """A group's percentage of a measure's total; withheld where either count is."""
        part_, whole = self.cell(measure, breakdown, group), self.cell(measure, breakdown, "All")
        if part_.suppressed or whole.suppressed:
            return Figure(math.nan, suppressed=True, withheld_by=PUBLICATION_RULE)
        ok = not missing(whole.value) and whole.value > 0
        return Figure(100 * part_.value / whole.value if ok else math.nan)

    def publication_advice(self) -> Html:
        """Whether a public report says enough to publish; what may be published."""
        if self.public:
            return self._section("publication-advice", para(self._public_advice()))
        small = self._small_cells()
        text = (
            "This internal report contains exact figures. Before publishing, use the public "
            f"version, made under this policy: {self.data.policy.describe()}. "
        )
        text += (
            "In this report, these would be withheld: " + "; ".join(small) + "."
            if small
            else "No count in this report is small enough to be withheld."
        )
        return self._section("publication-advice", para(text))

    def _public_advice(self) -> str:
        heads = [self.get(*spec["key"]) for spec in headlines()]
        withheld = sum(1 for h in heads if not h.shown)
        if withheld * 2 >= len(heads):
            return (
                f"After suppression, {withheld} of the {len(heads)} headline figures "
                "cannot be published. With numbers this small, NHS England's guidance "
                "is that the report should be prepared for internal use to improve the "
                "treatment and experience of BME staff, and that its wider publication "
                "may well not be appropriate."
            )
        return (
            "Figures that could identify people have been withheld ([c]); the rest "
            "may be published."
        )

    def _small_cells(self) -> list[str]:
        c = self.data.cells
        mine = c[
            (c["entity"] == self.entity)
            & (c["year"] == self.year)
            & (c["ethnic_group"] != "All")
            & ~c["measure"].str.endswith("_2y")
            & c["breakdown"].isin(ADVICE_BREAKDOWNS)
        ]
        published = publish_count(mine["count"].to_numpy(), self.data.policy)
        exact = board_cells(mine, self.data.policy)
        small = mine[pd.isna(published) & mine["count"].notna() & ~exact]
        return sorted(
            {
                f"{m.replace('_', ' ')} ({g})"
                for m, g in zip(small["measure"], small["ethnic_group"])
            }
        )


class CommissionerReport(CommissioningReport):
    """A CCG's or ICB's report: its own workforce, due regard and provider assurance."""

    sections = COMMISSIONER

    def population(self) -> float:
        """The BME share of the local working-age population; NaN where not supplied."""
        ents = self.data.entities.set_index("entity")
        value = ents.at[self.entity, "population_bme_pct"] if "population_bme_pct" in ents else None
        return math.nan if missing(value) else float(value)

    def figures(self) -> dict:
        """The figures the recommendation rules read (the audience's own values)."""
        quality = self.data.quality
        q = quality[(quality["entity"] == self.entity) & (quality["year"] == self.year)]
        unknown = {r.table: (math.nan if r.suppressed else r.unknown_pct) for r in q.itertuples()}
        bme = self.cell("staff", "All|All", "BME")
        rl = self.get(2, "All", "relative_likelihood")
        return {
            "unknown_pct": unknown,
            "bme_applied_pct": self.share("applied", "All").value,
            "bme_shortlisted_pct": self.share("shortlisted", "All").value,
            "bme_staff_pct": self.share("staff", "All|All").value,
            "population_bme_pct": self.population(),
            "bme_staff_n": None if bme.suppressed else bme.value,
            "appointment_rl": math.nan if rl.suppressed else rl.value,
            "appointment_settled": "range" not in rl.unsettled,
        }

    def own_workforce(self) -> Html:
        """The organisation's own workforce, after the guidance's Appendix 1."""
        return self._section("own-workforce", own_workforce.own_workforce(self))

    def due_regard(self) -> Html:
        """The six Brown Principles: what each requires, the evidence, the organisation's view.

        Due regard is a judgement: the status is the organisation's own
        assessment from params (``due_regard_assessment``), "Not assessed"
        where none is given; the data supply only evidence.
        """
        supplied = self.params.due_regard
        assessed = self.params.due_regard_assessment
        rows = []
        for key, label in BROWN_PRINCIPLES.items():
            evidence = " ".join(e for e in (self._evidence(key), supplied.get(key, "")) if e)
            rows.append(
                [
                    label,
                    BROWN_REQUIREMENTS[key],
                    evidence or "None supplied",
                    due_regard_status(assessed.get(key)),
                ]
            )
        body = table(
            ["Principle", "What it requires", "Evidence", "The organisation's assessment"],
            rows,
            caption="Due regard to the WRES: the Brown Principles",
        )
        body += para(
            "Whether the organisation had due regard is its own judgement, recorded here "
            "as it gave it; the figures can show only part of the evidence."
        )
        return self._section("due-regard", body)

    def _evidence(self, key: str) -> str:
        """What the data and params can show for one principle (never a verdict)."""
        unknown = self.share("staff", "All|All", "Unknown")
        return brown_evidence(
            key,
            math.nan if unknown.suppressed else unknown.value,
            [i for i in (5, 6, 7, 8) if self.has(i)],
            self.params.report_date,
            self.params.publication_deadline,
            self.params.last_year_actions,
        )

    def provider_assurance(self) -> Html:
        """Providers the standard applies to, and whether each published on time."""
        providers = self.data.providers
        if providers is None:
            return self._section("provider-assurance", para("No providers table was supplied."))
        mine = providers[providers["commissioner_code"].astype(str) == self.entity]
        as_of = self.params.report_date or dt.date.today()
        entries = [_assurance_row(p, as_of) for p in mine.itertuples(index=False)]
        body = table(
            ASSURANCE_HEADERS,
            [row for row, _s in entries],
            caption=f"Providers commissioned, as at {as_of:%d %B %Y}",
        )
        body += para(assurance_sentence([s for _row, s in entries], as_of))
        return self._section("provider-assurance", body)


def _assurance_row(p, as_of: dt.date) -> tuple[list, str]:
    """One provider's row of the assurance table, and its report's status, as at ``as_of``.

    A report received after ``as_of`` had not been received as at that date:
    its received date is left blank.
    """
    in_scope, reason = provider_scope(str(p.provider_type), p.nhs_income_gbp)
    status = assurance_status(in_scope, p.report_due, p.report_received, as_of)
    received = p.report_received if p.report_received and p.report_received <= as_of else None
    url = getattr(p, "report_url", None)
    link = (
        Markup(part("link", url, "WRES report", f" of {p.provider_name}"))
        if isinstance(url, str) and url.lower().startswith(("https://", "http://"))
        else ""
    )
    return [
        p.provider_name,
        str(p.provider_type).replace("_", " "),
        "not stated" if missing(p.nhs_income_gbp) else f"£{p.nhs_income_gbp:,.0f}",
        "Yes" if in_scope else "No",
        reason,
        p.report_due.strftime("%d %b %Y") if p.report_due else "",
        received.strftime("%d %b %Y") if received else "",
        status,
        link,
    ], status
