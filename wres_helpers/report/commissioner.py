"""Commissioners (CCGs, ICBs) and CSU clusters: what NHS England's supplementary
technical guidance for CCGs (July 2015) asks of them.

- Own workforce, modelled on the guidance's Appendix 1 (North Somerset CCG):
  profile by ethnic group with the governing body, recruitment monitoring
  against the local working-age population, leavers, non-disclosure, and
  conclusions and recommendations from documented rules.
- Due regard: the six Brown Principles, with evidence computed where the
  data can show it.
- Provider assurance: which providers the standard applies to (not small
  providers, whose NHS income is not expected to exceed £200,000, nor
  primary care) and whether each published its report on time.
- CSU clusters: the members' aggregate, their pro forma returns (Example 2)
  and a staff survey pooled across members (Example 3).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from wres_helpers.figures.disclosure import publish_count
from wres_helpers.figures.indicators import NON_ADVERSE, TITLES
from wres_helpers.report.formatting import esc, fmt, missing, para, section, table
from wres_helpers.report.labels import assurance_sentence, assurance_status, share_row
from wres_helpers.report.narrative import due_regard_status, survey_evidence
from wres_helpers.report.params import BROWN_PRINCIPLES
from wres_helpers.report.provider import Html, Report
from wres_helpers.vocab import org_words

#: NHS Standard Contract: a small provider's NHS income is not expected to exceed this.
SMALL_PROVIDER_LIMIT_GBP = 200_000
#: A gap in BME share (percentage points) above which a recommendation fires.
GAP_PP = 5.0

BROWN_REQUIREMENTS = {
    "knowledge": "Be aware of the WRES, its aims and metrics.",
    "sufficient_information": "Consider what data the organisation has about its own "
    "workforce by ethnicity, and what more it needs.",
    "timeliness": "Collect and analyse workforce and staff-survey data with the WRES metrics "
    "before decisions are taken, to the providers' timetable.",
    "real_consideration": "Make the WRES an integral part of decisions on workforce treatment "
    "and experience, with rigour and an open mind.",
    "accountability": "Do not delegate having due regard to the WRES to another body.",
    "monitoring_and_review": "Keep regard to the WRES when workforce policies are implemented "
    "and reviewed: a continuing duty.",
}


# --- provider assurance ------------------------------------------------------------------


def provider_scope(provider_type: str, nhs_income_gbp) -> tuple[bool, str]:
    """Whether the WRES applies to a provider, and why.

    The standard applies to providers under the NHS Standard Contract except
    small providers (NHS income not expected to exceed £200,000 a year) and
    primary care (the guidance, section 3.3).

    Examples
    --------
    >>> provider_scope("nhs", 200_000)
    (False, 'Small provider: NHS income not expected to exceed £200,000')
    >>> provider_scope("independent", 200_001)[0]
    True
    """
    if provider_type == "primary_care":
        return False, "Primary care: outside the WRES"
    if missing(nhs_income_gbp):
        return True, "NHS income not stated: treated as in scope"
    if nhs_income_gbp <= SMALL_PROVIDER_LIMIT_GBP:
        return False, "Small provider: NHS income not expected to exceed £200,000"
    return True, "NHS Standard Contract provider above the small-provider limit"


# --- recommendations -----------------------------------------------------------------------


@dataclass(frozen=True)
class Recommendation:
    rule: str
    finding: str
    recommendation: str


def recommendations(
    figures: dict, nondisclosure_pct: float, gap_pp: float = GAP_PP
) -> list[Recommendation]:
    """Conclusions and recommendations from documented rules (the guidance's Appendix 1).

    Parameters
    ----------
    figures : dict
        ``unknown_pct`` (table -> % of records with ethnicity not known),
        ``bme_applied_pct``, ``bme_shortlisted_pct``, ``bme_staff_pct``,
        ``population_bme_pct``, ``bme_staff_n``, ``appointment_rl``; a value
        of None (missing or suppressed) leaves its rule unassessed.
    nondisclosure_pct : float
        Rule 1 fires when a table's unknown share is above this.
    gap_pp : float
        Rules 2 and 3 fire when a BME share falls short by more than this.

    Rules
    -----
    1. Non-disclosure above the threshold: improve recording.
    2. BME share of applicants above that of shortlisted by more than the gap:
       review shortlisting.
    3. BME share of staff below the local working-age population's by more
       than the gap: review attraction.
    4. No BME staff where the local population has BME residents: a concern.
    5. Appointment likelihood outside the non-adverse range: review appointment.
    """
    out = []
    unknown = {k: v for k, v in (figures.get("unknown_pct") or {}).items() if not missing(v)}
    high = [f"{k} ({fmt(v, 'pct')})" for k, v in unknown.items() if v > nondisclosure_pct]
    if high:
        out.append(
            Recommendation(
                "non-disclosure",
                f"Ethnicity is not recorded for more than {nondisclosure_pct:g}% "
                f"of records in: {', '.join(high)}.",
                "Take steps to improve the gathering and recording of ethnicity for current "
                "employees, new starters and leavers: is the question asked, are people preferring "
                "not to say, or is the answer not recorded?",
            )
        )
    applied, shortlisted = figures.get("bme_applied_pct"), figures.get("bme_shortlisted_pct")
    if not (missing(applied) or missing(shortlisted)) and applied - shortlisted > gap_pp:
        out.append(
            Recommendation(
                "shortlisting",
                f"BME applicants were {fmt(applied, 'pct')} of applicants but "
                f"{fmt(shortlisted, 'pct')} of those shortlisted.",
                "Review the value placed on ethnic diversity through recruitment: how person "
                "specifications are written, how shortlisting is done, and feedback to "
                "unsuccessful groups.",
            )
        )
    staff, population = figures.get("bme_staff_pct"), figures.get("population_bme_pct")
    if not (missing(staff) or missing(population)) and population - staff > gap_pp:
        out.append(
            Recommendation(
                "representation",
                f"BME staff are {fmt(staff, 'pct')} of the workforce against "
                f"{fmt(population, 'pct')} of the local working-age population.",
                "Review how the organisation attracts applicants from BME communities, and "
                "whether targeted support is available to local residents.",
            )
        )
    bme_n = figures.get("bme_staff_n")
    if bme_n == 0 and not missing(population) and population > 0:
        out.append(
            Recommendation(
                "no-bme-staff",
                "No member of staff identified as BME, where "
                f"{fmt(population, 'pct')} of the local working-age population is BME.",
                "Work to uncover the causes, starting with recording and recruitment.",
            )
        )
    rl = figures.get("appointment_rl")
    if not missing(rl) and not (NON_ADVERSE[0] <= rl <= NON_ADVERSE[1]):
        out.append(
            Recommendation(
                "appointment",
                (
                    "No White applicants were appointed from shortlisting while some BME "
                    "applicants were: a relative likelihood of 0.00"
                    if rl == 0
                    else f"White applicants were {fmt(rl, 'ratio')} times as likely as BME "
                    "applicants to be appointed from shortlisting"
                )
                + ", outside the non-adverse range.",
                "Review interview and appointment practice, including panel make-up and the "
                "weighting of equality and diversity competencies.",
            )
        )
    return out


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
        return row + [fmt(v, "pct", s) for v, s in share_row(cells[:3], cells[3])]

    def own_workforce(self) -> Html:
        """The organisation's own workforce, after the guidance's Appendix 1."""
        body_word = org_words(self.entity_type)["body"]
        headers = ["Group", "White", "BME", "Unknown", "Total", "White %", "BME %", "Unknown %"]
        body = para(
            "Due to the small numbers involved, treat percentages with caution: a small "
            "change in number can make a large change in a percentage."
        )
        body += table(
            headers,
            [
                self._profile_rows("staff", "All|All", "Staff in post"),
                self._profile_rows("board", "Total board", f"{body_word.capitalize()} members"),
            ],
            caption=f"Workforce profile at 31 March {self.year}, {body_word} included",
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
                "None of the rules applies to the figures in this report: ethnicity not "
                f"known for more than {self.params.self_report_flag_pct:g}% of a table's "
                f"records; a BME share of shortlisted applicants more than {GAP_PP:g} points "
                "below that of applicants, or a BME share of staff more than "
                f"{GAP_PP:g} points below that of the local working-age population; no BME "
                "staff; an appointment likelihood outside 0.80 to 1.25."
            )
        return Html(section("The organisation's own workforce", body, ident="own-workforce"))

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
        return Html(section("Due regard (the Brown Principles)", body, ident="due-regard"))

    def _evidence(self, key: str) -> str:
        """What the data and params can show for one principle (never a verdict)."""
        if key == "sufficient_information":
            known, s = self._share("staff", "All|All", "Unknown")
            survey = survey_evidence(sum(1 for i in (5, 6, 7, 8) if self.has(i)))
            if s or missing(known):
                return f"Ethnicity recording withheld ([c]); staff-survey results for {survey}."
            return (
                f"Ethnicity recorded for {fmt(100 - known, 'pct')} of staff; staff-survey "
                f"results for {survey}."
            )
        if key == "timeliness":
            date, deadline = self.params.report_date, self.params.publication_deadline
            if date and deadline:
                return (
                    f"Report dated {date:%d %B %Y}, publication deadline {deadline:%d %B %Y}. "
                    "The principle asks that the duty be considered before decisions are "
                    "taken, which a report's date cannot show."
                )
            return ""
        if key == "monitoring_and_review":
            actions = self.params.last_year_actions
            if actions:
                reviewed = sum(1 for a in actions if a.outcome)
                return (
                    f"Last year's actions reviewed: {reviewed} of {len(actions)} have a "
                    "recorded outcome."
                )
        return ""

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
        rows, statuses = [], []
        for p in mine.itertuples(index=False):
            in_scope, reason = provider_scope(str(p.provider_type), p.nhs_income_gbp)
            status = assurance_status(in_scope, p.report_due, p.report_received, as_of)
            statuses.append(status)
            received = (
                p.report_received if p.report_received and p.report_received <= as_of else None
            )
            url = getattr(p, "report_url", None)
            link = (
                f'<a href="{esc(url)}">WRES report<span class="visually-hidden"> of '
                f"{esc(p.provider_name)}</span></a>"
                if isinstance(url, str) and url.lower().startswith(("https://", "http://"))
                else ""
            )
            rows.append(
                [
                    esc(p.provider_name),
                    esc(str(p.provider_type).replace("_", " ")),
                    "not stated" if missing(p.nhs_income_gbp) else f"£{p.nhs_income_gbp:,.0f}",
                    "Yes" if in_scope else "No",
                    esc(reason),
                    p.report_due.strftime("%d %b %Y") if p.report_due else "",
                    received.strftime("%d %b %Y") if received else "",
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
        body += para(assurance_sentence(statuses, as_of))
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

    def _members(self) -> pd.DataFrame:
        """The cluster's members with figures this year (a CCG until 2022, an ICB from 2023)."""
        ents, ind = self.data.entities, self.data.indicators
        here = set(ind.loc[ind["year"] == self.year, "entity"])
        return ents[
            (ents["cluster"] == self.entity)
            & (ents["entity_type"] != "cluster")
            & ents["entity"].isin(here)
        ]

    def members(self) -> Html:
        """Each member's headline figures (the audience's values: published ones in public)."""
        members = self._members()
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
            "patterns show that no single small member could. In the public version every "
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
        members = self._members()
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
            caption="Pro forma: what each member has prepared and shared with the CSU",
        )
        return Html(section("Members' pro forma returns", body, ident="pro-forma"))

    def pooled_survey(self) -> Html:
        """The staff survey pooled across members, where no single member could report BME views."""
        members = self._members()
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
            "Many small commissioners have too few BME staff for their staff-survey results to be "
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
