"""Commissioners (CCGs, ICBs) and CSU clusters: what NHS England's supplementary
technical guidance for CCGs (July 2015) asks of them.

- Own workforce, modelled on the guidance's Appendix 1 (North Somerset CCG):
  profile by ethnic group with the governing body, recruitment monitoring
  against the local working-age population, leavers, non-disclosure, and
  conclusions and recommendations from documented rules.
- Due regard: the six Brown Principles, with evidence computed where the
  data can show it (the rules in :mod:`~wres_helpers.report.assurance`).
- Provider assurance: which providers the standard applies to and whether
  each published its report on time (:mod:`~wres_helpers.report.assurance`);
  recommendations from :mod:`~wres_helpers.report.recommendations`.
- CSU clusters: the members' aggregate, their pro forma returns (Example 2)
  and a staff survey pooled across members (Example 3).
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from wres_helpers.figures.disclosure import publish_count
from wres_helpers.figures.indicators import TITLES
from wres_helpers.report.assurance import (
    BROWN_REQUIREMENTS,
    brown_evidence,
    provider_scope,
    report_status,
)
from wres_helpers.report.formatting import esc, fmt, missing, para, section, table
from wres_helpers.report.params import BROWN_PRINCIPLES
from wres_helpers.report.provider import Html, Report
from wres_helpers.report.recommendations import recommendations

# --- the reports -----------------------------------------------------------------------------


class CommissionerReport(Report):
    """A CCG's or ICB's report: its own workforce, due regard and provider assurance."""

    def _cell(self, measure: str, breakdown: str, group: str, year: int | None = None):
        c = self.data.cells
        row = c[
            (c["entity"] == self.entity)
            & (c["year"] == (year or self.year))
            & (c["measure"] == measure)
            & (c["breakdown"] == breakdown)
            & (c["ethnic_group"] == group)
        ]
        if row.empty:
            return math.nan, False
        return float(row["count"].iloc[0]), bool(row["suppressed"].iloc[0])

    def _share(self, measure: str, breakdown: str, group: str = "BME"):
        part, ps = self._cell(measure, breakdown, group)
        whole, ws = self._cell(measure, breakdown, "All")
        if ps or ws:
            return math.nan, True
        return (100 * part / whole if not missing(whole) and whole > 0 else math.nan), False

    def _population(self):
        ents = self.data.entities.set_index("entity")
        value = ents.at[self.entity, "population_bme_pct"] if "population_bme_pct" in ents else None
        return math.nan if missing(value) else float(value)

    def figures(self) -> dict:
        """The figures the recommendation rules read (the audience's own values)."""
        quality = self.data.quality
        q = quality[(quality["entity"] == self.entity) & (quality["year"] == self.year)]
        unknown = {r.table: (math.nan if r.suppressed else r.unknown_pct) for r in q.itertuples()}
        bme_n, bme_s = self._cell("staff", "All|All", "BME")
        rl = self.get(2, "All", "relative_likelihood")
        return {
            "unknown_pct": unknown,
            "bme_applied_pct": self._share("applied", "All")[0],
            "bme_shortlisted_pct": self._share("shortlisted", "All")[0],
            "bme_staff_pct": self._share("staff", "All|All")[0],
            "population_bme_pct": self._population(),
            "bme_staff_n": None if bme_s else bme_n,
            "appointment_rl": math.nan if rl[3] else rl[0],
        }

    def _profile_rows(self, measure: str, breakdown: str, label: str) -> list[str]:
        cells = [self._cell(measure, breakdown, g) for g in ("White", "BME", "Unknown", "All")]
        row = [label] + [fmt(v, "count", s) for v, s in cells]
        for g in ("White", "BME", "Unknown"):
            share, s = self._share(measure, breakdown, g)
            row.append(fmt(share, "pct", s))
        return row

    def own_workforce(self) -> Html:
        """The CCG's own workforce, after the guidance's Appendix 1."""
        headers = ["Group", "White", "BME", "Unknown", "Total", "White %", "BME %", "Unknown %"]
        body = para(
            "Due to the small numbers involved, treat percentages with caution: a small "
            "change in number can make a large change in a percentage."
        )
        body += table(
            headers,
            [
                self._profile_rows("staff", "All|All", "Staff in post"),
                self._profile_rows("board", "Total board", "Governing body members"),
            ],
            caption=f"Workforce profile at 31 March {self.year}, governing body included",
        )
        rows = [
            self._profile_rows(m, "All", m.capitalize())
            for m in ("applied", "shortlisted", "appointed")
        ]
        body += table(
            headers, rows, caption=f"Recruitment monitoring, year to 31 March {self.year}"
        )
        rates = []
        for g in ("White", "BME", "Unknown"):
            applied, a_s = self._cell("applied", "All", g)
            short, s_s = self._cell("shortlisted", "All", g)
            appointed, p_s = self._cell("appointed", "All", g)
            rates.append(
                [
                    g,
                    fmt(
                        100 * short / applied if applied and not missing(applied) else math.nan,
                        "pct",
                        a_s or s_s,
                    ),
                    fmt(
                        100 * appointed / short if short and not missing(short) else math.nan,
                        "pct",
                        s_s or p_s,
                    ),
                ]
            )
        body += table(
            ["Group", "Shortlisted from applicants", "Appointed from shortlisted"],
            rates,
            caption="Shortlisting and appointment rates",
        )
        population = self._population()
        applied_share = self._share("applied", "All")
        short_share = self._share("shortlisted", "All")
        if not missing(population):
            body += para(
                f"BME residents are {fmt(population, 'pct')} of the local working-age "
                f"population; BME applicants were {fmt(applied_share[0], 'pct', applied_share[1])} "
                f"of applicants and {fmt(short_share[0], 'pct', short_share[1])} of those "
                "shortlisted."
            )
        if self._cell("leavers", "All", "All")[0] == self._cell("leavers", "All", "All")[0]:
            body += table(
                headers,
                [self._profile_rows("leavers", "All", "Leavers")],
                caption=f"Leavers, year to 31 March {self.year}",
            )
        recs = recommendations(self.figures(), self.params.self_report_flag_pct)
        if recs:
            items = "".join(
                f"<li><p>{esc(r.finding)}</p><p><strong>Recommendation:</strong> "
                f"{esc(r.recommendation)}</p></li>"
                for r in recs
            )
            body += f"<h3>Conclusions and recommendations</h3><ol>{items}</ol>"
        else:
            body += "<h3>Conclusions and recommendations</h3>" + para(
                "None of the documented rules fired on the figures available to "
                "this report (see the README for the rules)."
            )
        return Html(section("The organisation's own workforce", body, ident="own-workforce"))

    def due_regard(self) -> Html:
        """The six Brown Principles: what each requires, the evidence, a status."""
        supplied = self.params.due_regard
        rows = []
        for key, label in BROWN_PRINCIPLES.items():
            evidence, status = self._evidence(key)
            if key in supplied:
                evidence = (evidence + " " if evidence else "") + supplied[key]
                status = status if status != "Not evidenced" else "Evidence supplied"
            rows.append([label, BROWN_REQUIREMENTS[key], evidence or "None supplied", status])
        body = table(
            ["Principle", "What it requires of the commissioner", "Evidence", "Status"],
            rows,
            caption="Due regard to the WRES: the Brown Principles",
        )
        return Html(section("Due regard (the Brown Principles)", body, ident="due-regard"))

    def _evidence(self, key: str) -> tuple[str, str]:
        known, suppressed = self._share("staff", "All|All", "Unknown")
        return brown_evidence(
            key,
            math.nan if suppressed else known,
            [i for i in (5, 6, 7, 8) if self.has(i)],
            self.params.self_report_flag_pct,
            self.params.report_date,
            self.params.publication_deadline,
            self.params.last_year_actions,
        )

    def provider_assurance(self) -> Html:
        """Providers the standard applies to, and whether each published on time."""
        providers = self.data.providers
        if providers is None:
            return Html(
                section(
                    "Provider assurance",
                    para("No providers table was supplied."),
                    ident="provider-assurance",
                )
            )
        mine = providers[providers["commissioner_code"].astype(str) == self.entity]
        as_of = self.params.report_date or dt.date.today()
        rows, late = [], []
        for p in mine.itertuples(index=False):
            in_scope, reason = provider_scope(str(p.provider_type), p.nhs_income_gbp)
            status = report_status(p.report_due, p.report_received, as_of) if in_scope else "n/a"
            url = getattr(p, "report_url", None)
            link = (
                f'<a href="{esc(url)}">WRES report<span class="visually-hidden"> of '
                f"{esc(p.provider_name)}</span></a>"
                if isinstance(url, str) and url.lower().startswith(("https://", "http://"))
                else ""
            )
            if status.startswith(("Late", "Overdue")):
                late.append(f"{p.provider_name} ({status.lower()})")
            rows.append(
                [
                    esc(p.provider_name),
                    esc(str(p.provider_type).replace("_", " ")),
                    "not stated" if missing(p.nhs_income_gbp) else f"£{p.nhs_income_gbp:,.0f}",
                    "Yes" if in_scope else "No",
                    esc(reason),
                    p.report_due.strftime("%d %b %Y") if p.report_due else "",
                    p.report_received.strftime("%d %b %Y") if p.report_received else "",
                    esc(status),
                    link,
                ]
            )
        body = table(
            [
                "Provider",
                "Type",
                "NHS income",
                "WRES applies",
                "Reason",
                "Due",
                "Received",
                "Status",
                "Link",
            ],
            rows,
            raw=True,
            caption=f"Providers commissioned, as at {as_of:%d %B %Y}",
        )
        body += para(
            "Late or overdue: " + "; ".join(late) + "."
            if late
            else "Every provider in scope published its report on time."
        )
        return Html(section("Provider assurance", body, ident="provider-assurance"))

    def publication_advice(self) -> Html:
        """Whether a public report says enough to publish; what may be published."""
        heads = [self.get(*spec["key"]) for spec in self._headlines()]
        if self.public:
            withheld = sum(1 for h in heads if h[3] or missing(h[0]))
            if withheld * 2 >= len(heads):
                text = (
                    f"After suppression, {withheld} of the {len(heads)} headline figures "
                    "cannot be published. With numbers this small, NHS England's guidance "
                    "is that the report should be prepared for internal use to improve the "
                    "treatment and experience of BME staff, and that its wider publication "
                    "may well not be appropriate."
                )
            else:
                text = (
                    "Figures that could identify people have been withheld ([c]); the rest "
                    "may be published."
                )
            return Html(section("Publication advice", para(text), ident="publication-advice"))
        small = self._small_cells()
        text = (
            "This internal report contains exact figures. Before publishing, use the public "
            "version, in which counts from 1 to "
            f"{self.data.policy.max_suppressed} are withheld and others rounded. "
        )
        text += (
            "In this report, these would be withheld: " + "; ".join(small) + "."
            if small
            else "No count in this report is small enough to be withheld."
        )
        return Html(section("Publication advice", para(text), ident="publication-advice"))

    def _small_cells(self) -> list[str]:
        c = self.data.cells
        mine = c[
            (c["entity"] == self.entity)
            & (c["year"] == self.year)
            & (c["ethnic_group"] != "All")
            & ~c["measure"].str.endswith("_2y")
            & c["breakdown"].isin(["All", "All|All", "Total board", "1", "5", "6", "7", "8"])
        ]
        published = publish_count(mine["count"].to_numpy(), self.data.policy)
        small = mine[pd.isna(published) & mine["count"].notna()]
        return sorted(
            {
                f"{m.replace('_', ' ')} ({g})"
                for m, g in zip(small["measure"], small["ethnic_group"])
            }
        )

    def contents(self) -> Html:
        return _contents(
            self,
            [("publication-advice", "Publication advice"), ("own-workforce", "Own workforce")],
            [("due-regard", "Due regard"), ("provider-assurance", "Provider assurance")],
        )


class ClusterReport(CommissionerReport):
    """A CSU cluster's report: its members' aggregate, pro forma returns and pooled survey."""

    def members(self) -> Html:
        """Each member's headline figures (the audience's values: published ones in public)."""
        ents = self.data.entities
        members = ents[(ents["cluster"] == self.entity) & (ents["entity_type"] != "cluster")]
        c = self.data.cells
        here = c[
            (c["year"] == self.year) & (c["measure"] == "staff") & (c["breakdown"] == "All|All")
        ]
        rows = []
        for m in list(members.itertuples(index=False)) + [None]:
            code = self.entity if m is None else m.entity
            part = here[here["entity"] == code].set_index("ethnic_group")
            cells = [
                (part.at[g, "count"], bool(part.at[g, "suppressed"]))
                if g in part.index
                else (math.nan, False)
                for g in ("White", "BME", "Unknown", "All")
            ]
            label = "Cluster total" if m is None else f"{m.entity_name} ({m.entity})"
            rows.append([label] + [fmt(v, "count", s) for v, s in cells])
        body = para(
            "The cluster's figures are the sums of its members' counts, so regional "
            "patterns show that no single small CCG could. In the public version every "
            "count, members' and the cluster's alike, is rounded or withheld on its own, "
            "so a member's withheld figure cannot be worked out from the cluster total "
            "and the other members."
        )
        body += table(
            ["Member", "White", "BME", "Unknown", "Total"],
            rows,
            caption=f"Staff in post at 31 March {self.year} by member",
        )
        return Html(section("Members of the cluster", body, ident="members"))

    def pro_forma(self) -> Html:
        """Each member's status on the CSU pro forma (the guidance's Example 2)."""
        ents = self.data.entities
        members = ents[(ents["cluster"] == self.entity) & (ents["entity_type"] != "cluster")]
        questions = [
            "Workforce equality analysis",
            "Recruitment equality analysis",
            "Diversity targets",
            "Survey: equality questions",
            "Survey: experience analysis",
            "Policies and programmes",
        ]
        rows = []
        for m in members.itertuples(index=False):
            answers = self.params.pro_forma.get(m.entity)
            if answers is None:
                rows.append([f"{m.entity_name} ({m.entity})"] + ["Not returned"] * 6)
            else:
                rows.append(
                    [f"{m.entity_name} ({m.entity})"]
                    + ["Yes" if v else "No" for v in answers.model_dump().values()]
                )
        body = table(
            ["Member"] + questions,
            rows,
            caption="Pro forma: what each CCG has prepared and shared with the CSU",
        )
        return Html(section("Members' pro forma returns", body, ident="pro-forma"))

    def pooled_survey(self) -> Html:
        """The staff survey pooled across members, where no single CCG could report BME views."""
        ents = self.data.entities
        members = ents[(ents["cluster"] == self.entity) & (ents["entity_type"] != "cluster")]
        ind = self.data.indicators
        rows = []
        for i in (5, 6, 7, 8):
            part = ind[
                (ind["year"] == self.year)
                & (ind["indicator"] == i)
                & (ind["statistic"] == "bme_pct")
            ]
            member_part = part[part["entity"].isin(members["entity"])]
            reportable = int((~member_part["suppressed"] & member_part["value"].notna()).sum())
            pooled = self.get(i, "All", "bme_pct")
            white = self.get(i, "All", "white_pct")
            rows.append(
                [
                    f"{i}: {TITLES[i]}",
                    f"{reportable} of {len(members)}",
                    fmt(pooled[0], "pct", pooled[3]),
                    fmt(white[0], "pct", white[3]),
                ]
            )
        body = para(
            "Many CCGs have too few BME staff for their staff-survey results to be "
            "reported. Pooling responses across the cluster's members lets BME staff's "
            "views be reported while no member's can be singled out."
        )
        body += table(
            [
                "Indicator",
                "Members able to report BME results alone",
                "Pooled: BME staff",
                "Pooled: White staff",
            ],
            rows,
            caption=f"Staff survey pooled across members, {self.year}",
        )
        return Html(section("Pooled staff survey", body, ident="pooled-survey"))

    def contents(self) -> Html:
        return _contents(
            self,
            [("publication-advice", "Publication advice"), ("members", "Members")],
            [("pooled-survey", "Pooled staff survey"), ("pro-forma", "Pro forma returns")],
        )


def _contents(report: Report, before, after) -> Html:
    """The contents list with this report type's sections where the notebook puts them."""

    def items(links):
        return "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in links)

    base = str(Report.contents(report))
    base = base.replace('<ul class="toc">', f'<ul class="toc">{items(before)}', 1)
    return Html(
        base.replace('<li><a href="#action-plan">', items(after) + '<li><a href="#action-plan">', 1)
    )
