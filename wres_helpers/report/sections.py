"""Each report type's sections, declared once, in the order the page shows them.

A section is an anchor, the heading its page shows, the label the contents
list shows, the report method that builds it and the kinds of figure it may
print. The contents list, each section's heading, the notebooks' cells
(checked by ``tests/test_sections.py``, written by :func:`notebook_cells`)
and what ``wres audit`` accepts on a public page (the names in ``prints``,
each listed by :data:`wres_helpers.report.printed.PRINTS`) all read these
declarations.
"""

from __future__ import annotations

from dataclasses import dataclass

from wres_helpers.figures.indicators import TITLES

#: What every section may print: the published statistics and counts, and the years.
PUBLISHED = ("published values", "published counts", "years")


@dataclass(frozen=True)
class Section:
    """One section of a report.

    Attributes
    ----------
    ident : str
        The section's anchor (``id``), linked from the contents.
    heading : str
        The section's heading on the page and in the notebook.
    label : str
        Its entry in the contents list.
    method : str
        The report method that builds it.
    args : tuple
        The method's arguments.
    prints : tuple of str
        The kinds of figure the section may print (names in
        :data:`wres_helpers.report.printed.PRINTS`): the published figures,
        and any it derives from them.
    """

    ident: str
    heading: str
    label: str
    method: str
    args: tuple = ()
    prints: tuple[str, ...] = PUBLISHED

    def call(self) -> str:
        """The notebook's call, e.g. ``report.indicator(1)``.

        Examples
        --------
        >>> PROVIDER[1].call(), PROVIDER[0].call()
        ('report.indicator(1)', 'report.summary()')
        """
        return f"report.{self.method}({', '.join(repr(a) for a in self.args)})"

    def build(self, report):
        """The section's HTML, from ``report``."""
        return getattr(report, self.method)(*self.args)


def _indicators() -> list[Section]:
    return [
        Section(
            f"indicator-{i}",
            f"Indicator {i}: {TITLES[i]}",
            f"Indicator {i}",
            "indicator",
            (i,),
            prints=(*PUBLISHED, "gaps", "national"),
        )
        for i in range(1, 10)
    ]


SUMMARY = Section(
    "summary", "Summary", "Summary", "summary", prints=(*PUBLISHED, "gaps", "national")
)
TREND = Section("trend", "Trend", "Trend", "trend")
BENCHMARKING = Section(
    "benchmarking",
    "Benchmarking",
    "Benchmarking",
    "benchmarking",
    prints=(*PUBLISHED, "denominators"),
)
DATA_QUALITY = Section(
    "data-quality",
    "Data quality",
    "Data quality",
    "data_quality",
    prints=(*PUBLISHED, "recorded shares"),
)
ACTION_PLAN = Section("action-plan", "Action plan", "Action plan", "action_plan")
PUBLICATION_ADVICE = Section(
    "publication-advice", "Publication advice", "Publication advice", "publication_advice"
)
OWN_WORKFORCE = Section(
    "own-workforce",
    "The organisation's own workforce",
    "Own workforce",
    "own_workforce",
    prints=(*PUBLISHED, "shortlisting rates", "population shares", "recorded shares"),
)
DUE_REGARD = Section(
    "due-regard",
    "Due regard (the Brown Principles)",
    "Due regard",
    "due_regard",
    prints=(*PUBLISHED, "recorded shares"),
)
PROVIDER_ASSURANCE = Section(
    "provider-assurance", "Provider assurance", "Provider assurance", "provider_assurance"
)
MODEL_EMPLOYER = Section(
    "model-employer",
    "Senior representation: the Model Employer goal",
    "Model Employer",
    "model_employer",
    prints=(*PUBLISHED, "model employer"),
)
MEMBERS = Section("members", "Members of the cluster", "Members", "members")
POOLED_SURVEY = Section(
    "pooled-survey", "Pooled staff survey", "Pooled staff survey", "pooled_survey"
)
PRO_FORMA = Section("pro-forma", "Members' pro forma returns", "Pro forma returns", "pro_forma")

_COMMON = [SUMMARY, *_indicators(), TREND, BENCHMARKING, DATA_QUALITY]

#: A provider's report: the nine indicators with their summary, trend and context.
PROVIDER = (*_COMMON, MODEL_EMPLOYER, ACTION_PLAN)
#: A commissioner's: its own workforce first, due regard and provider assurance last.
COMMISSIONER = (
    PUBLICATION_ADVICE,
    OWN_WORKFORCE,
    *_COMMON,
    MODEL_EMPLOYER,
    DUE_REGARD,
    PROVIDER_ASSURANCE,
    ACTION_PLAN,
)
#: A CSU cluster's: its members, their pooled survey and pro forma returns.
CLUSTER = (PUBLICATION_ADVICE, MEMBERS, *_COMMON, POOLED_SURVEY, PRO_FORMA, ACTION_PLAN)

#: Each report type's sections, by report type.
SECTIONS: dict[str, tuple[Section, ...]] = {
    "provider": PROVIDER,
    "commissioner": COMMISSIONER,
    "cluster": CLUSTER,
}


def section_by_ident(ident: str) -> Section:
    """The section declared with this anchor (the same in every report type)."""
    for sections in SECTIONS.values():
        for s in sections:
            if s.ident == ident:
                return s
    raise KeyError(ident)
