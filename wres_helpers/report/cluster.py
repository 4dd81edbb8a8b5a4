"""CSU clusters: the members' aggregate, their pro forma returns (the guidance's
Example 2) and a staff survey pooled across members (Example 3).

A cluster's report shows only its own sections (:data:`~wres_helpers.report.sections.CLUSTER`):
not a commissioner's own workforce, due regard or provider assurance.
"""

from __future__ import annotations

from wres_helpers.figures.indicators import TITLES
from wres_helpers.report import member_matrix
from wres_helpers.report.commissioner import CommissioningReport
from wres_helpers.report.figure import PUBLICATION_RULE, Figure
from wres_helpers.report.formatting import para, part, table
from wres_helpers.report.params import report_name
from wres_helpers.report.provider import Html
from wres_helpers.report.sections import CLUSTER

#: The pro forma's questions, in the order of its answers.
PRO_FORMA_QUESTIONS = [
    "Workforce equality analysis",
    "Recruitment equality analysis",
    "Diversity targets",
    "Survey: equality questions",
    "Survey: experience analysis",
    "Policies and programmes",
]


class ClusterReport(CommissioningReport):
    """A CSU cluster's report: its members' aggregate, pro forma returns and pooled survey."""

    sections = CLUSTER

    def _members(self):
        """The cluster's members with figures this year (a CCG until 2022, an ICB from 2023)."""
        ents, ind = self.data.entities, self.data.indicators
        here = set(ind.loc[ind["year"] == self.year, "entity"])
        return ents[
            (ents["cluster"] == self.entity)
            & (ents["entity_type"] != "cluster")
            & ents["entity"].isin(here)
        ]

    def _staff_row(self, here, code: str, label: str) -> list[str]:
        part = here[here["entity"] == code].set_index("ethnic_group")
        cells = []
        for g in ("White", "BME", "Unknown", "All"):
            if g not in part.index:
                cells.append(Figure())
                continue
            suppressed = bool(part.at[g, "suppressed"])
            withheld_by = PUBLICATION_RULE if suppressed else None
            cells.append(
                Figure(part.at[g, "count"], suppressed=suppressed, withheld_by=withheld_by)
            )
        return [label] + [c.text("count") for c in cells]

    def members(self) -> Html:
        """Each member's headline figures (the audience's values: published ones in public)."""
        c = self.data.cells
        here = c[
            (c["year"] == self.year) & (c["measure"] == "staff") & (c["breakdown"] == "All|All")
        ]
        rows = [
            self._staff_row(here, m.entity, f"{m.entity_name} ({m.entity})")
            for m in self._members().itertuples(index=False)
        ]
        rows.append(self._staff_row(here, self.entity, "Cluster total"))
        body = para(
            "The cluster's figures are the sums of its members' counts, so regional "
            "patterns show that no single small member could. In the public version a "
            "cluster's own figure is withheld wherever, beside the other members' "
            "published figures, it would give a member's withheld figure away."
        )
        body += table(
            ["Member", "White", "BME", "Unknown", "Total"],
            rows,
            caption=f"Staff in post at 31 March {self.year} by member",
        )
        return self._section("members", body + self._side_by_side())

    def _side_by_side(self) -> str:
        """Every member's nine headline figures beside the cluster's pooled ones, and its CSV."""
        headers, rows = member_matrix.matrix(self.data, self.entity, self.year)
        link = member_matrix.csv_name(report_name(self.params))
        return (
            "<h3>Members side by side</h3>"
            + para(
                "Each member's nine headline figures as its own report shows them, and the "
                "cluster's pooled figures. With JavaScript on, the column headings sort the table."
            )
            + member_matrix.sortable_table(headers, rows, f"Members' headline figures, {self.year}")
            + part("link", link, "Download the members' figures (CSV)", "")
        )

    def pro_forma(self) -> Html:
        """Each member's status on the CSU pro forma (the guidance's Example 2)."""
        rows = []
        for m in self._members().itertuples(index=False):
            answers = self.params.pro_forma.get(m.entity)
            if answers is None:
                rows.append([f"{m.entity_name} ({m.entity})"] + ["Not returned"] * 6)
            else:
                rows.append(
                    [f"{m.entity_name} ({m.entity})"]
                    + ["Yes" if v else "No" for v in answers.model_dump().values()]
                )
        body = table(
            ["Member"] + PRO_FORMA_QUESTIONS,
            rows,
            caption="Pro forma: what each member has prepared and shared with the CSU",
        )
        return self._section("pro-forma", body)

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
                    pooled.text("pct"),
                    white.text("pct"),
                ]
            )
        body = para(
            "Many small commissioners have too few BME staff for their staff-survey "
            "results to be "
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
        return self._section("pooled-survey", body)
