"""The nine WRES indicators, computed from counts exactly as the contract defines them.

Every statistic is a column operation over all entities and years at once.
A value carries a ``suppressed`` flag: a figure computed from any suppressed
count is itself suppressed. The same code computes internal figures from
:class:`~wres_helpers.figures.disclosure.ExactCounts` and public ones from
:class:`~wres_helpers.figures.disclosure.PublishedCounts`; which it gets decides the
audience of the result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.figures.columns import Cells, Q, katz, pct, rows
from wres_helpers.figures.counts import Entities, entity_counts, with_totals
from wres_helpers.figures.disclosure import (
    ExactCounts,
    Policy,
    PublishedCounts,
    publish,
    wilson_interval,
)

COLUMNS = [
    "entity",
    "entity_name",
    "year",
    "indicator",
    "breakdown",
    "statistic",
    "value",
    "ci_low",
    "ci_high",
    "suppressed",
]

#: What each indicator is, in words (one source for reports and narrative).
TITLES = {
    1: "Workforce by pay band",
    2: "Appointment from shortlisting",
    3: "Entry into the formal disciplinary process",
    4: "Access to non-mandatory training and CPD",
    5: "Harassment, bullying or abuse from patients, relatives or the public",
    6: "Harassment, bullying or abuse from staff",
    7: "Belief the organisation provides equal opportunities for career progression",
    8: "Discrimination at work from a manager, team leader or colleague",
    9: "Board membership",
}
#: Indicators 2-4: the statistic names' nouns and which group's rate is the numerator.
LIKELIHOODS = {
    2: {"cases": "appointed", "totals": "shortlisted", "numerator": "White"},
    3: {"cases": "entered", "totals": "headcount", "numerator": "BME"},
    4: {"cases": "accessed", "totals": "headcount", "numerator": "White"},
}
#: A likelihood inside this range is not adverse (the four-fifths rule).
NON_ADVERSE = (0.80, 1.25)
#: Indicators 5, 6 and 8 measure bad experiences (lower is better); 7 a good one.
SURVEY_HIGHER_IS_BETTER = {5: False, 6: False, 7: True, 8: False}
INDICATOR1_BREAKDOWNS = (
    list(vocab.STAFF_BREAKDOWNS)
    + ["Clinical|All", "Non-clinical|All", "All|All"]
    + list(vocab.SENIOR_BREAKDOWNS)
)
INDICATOR9_BREAKDOWNS = ("Total board", *vocab.BOARD_GROUPS)
_GROUP_STATS = (("white", "White"), ("bme", "BME"), ("unknown", "Unknown"))
_BROAD_STATS = tuple((g.lower(), g) for g in vocab.BROAD_GROUPS)


@dataclass(frozen=True)
class IndicatorTable:
    """``indicators.csv`` for one audience; public only from published counts."""

    frame: pd.DataFrame
    audience: str
    policy: Policy


def _indicator1(c: Cells) -> list[dict]:
    out = []
    for breakdown in INDICATOR1_BREAKDOWNS:
        present = c.has("staff", breakdown)
        broad = present & c.has_group("staff", breakdown, vocab.BROAD_GROUPS[0])
        total = c.q("staff", breakdown, "All")
        for stat, group in _GROUP_STATS:
            out.append(rows(1, breakdown, f"{stat}_n", c.q("staff", breakdown, group), present))
        out.append(rows(1, breakdown, "total_n", total, present))
        for stat, group in _GROUP_STATS:
            share, ci = pct(c.q("staff", breakdown, group), total)
            out.append(rows(1, breakdown, f"{stat}_pct", share, present, ci))
        for stat, group in _BROAD_STATS:
            out.append(rows(1, breakdown, f"{stat}_n", c.q("staff", breakdown, group), broad))
        for stat, group in _BROAD_STATS:
            share, ci = pct(c.q("staff", breakdown, group), total)
            out.append(rows(1, breakdown, f"{stat}_pct", share, broad, ci))
    return out


def _likelihood(c: Cells, indicator: int, two_year: bool = False) -> list[dict]:
    spec = LIKELIHOODS[indicator]
    suffix = "_2y" if two_year else ""
    breakdown = "All|two-year" if two_year else "All"
    if indicator == 2:
        cases = {g: c.q("appointed", "All", g) for g in ("White", "BME")}
        totals = {g: c.q("shortlisted", "All", g) for g in ("White", "BME")}
        present = c.has("shortlisted", "All")
    else:
        measure = {3: "disciplinary", 4: "training"}[indicator] + suffix
        cases = {g: c.q(measure, "All", g) for g in ("White", "BME")}
        totals = {
            g: c.q("staff_2y", "All|All", g) if two_year else c.headcount(measure, g)
            for g in ("White", "BME")
        }
        present = c.has(measure, "All") & c.has("staff" + suffix, "All|All")
    if indicator == 2:
        listed = [
            ("white_shortlisted", totals["White"]),
            ("white_appointed", cases["White"]),
            ("bme_shortlisted", totals["BME"]),
            ("bme_appointed", cases["BME"]),
        ]
    else:
        noun = spec["cases"]
        listed = [
            (f"white_{noun}", cases["White"]),
            (f"bme_{noun}", cases["BME"]),
            ("white_headcount", totals["White"]),
            ("bme_headcount", totals["BME"]),
        ]
    out = [rows(indicator, breakdown, stat, q, present) for stat, q in listed]
    for g, stem in (("White", "white"), ("BME", "bme")):
        rate = cases[g] / totals[g]
        low, high = wilson_interval(cases[g].v, totals[g].v)
        out.append(rows(indicator, breakdown, f"{stem}_rate", rate, present, (low, high)))
    first = spec["numerator"]
    second = "BME" if first == "White" else "White"
    rr, low, high = katz(cases[first], totals[first], cases[second], totals[second])
    out.append(rows(indicator, breakdown, "relative_likelihood", rr, present, (low, high)))
    return out


def _survey(survey: pd.DataFrame) -> list[dict]:
    out = []
    for indicator in vocab.SURVEY_INDICATORS:
        part = survey[survey["indicator"] == indicator]
        groups = {
            group: part[part["ethnic_group"] == group].set_index(["entity", "year"])
            for group in ("White", "BME")
        }
        for group, stem in (("White", "white"), ("BME", "bme")):
            g = groups[group]
            n = g["respondents"]
            out.append(
                rows(
                    indicator,
                    "All",
                    f"{stem}_respondents",
                    Q(n.to_numpy(dtype=float), n.isna().to_numpy(), g.index),
                    np.ones(len(g), dtype=bool),
                )
            )
        for group, stem in (("White", "white"), ("BME", "bme")):
            g = groups[group]
            out.append(
                rows(
                    indicator,
                    "All",
                    f"{stem}_pct",
                    Q(
                        g["pct"].to_numpy(dtype=float),
                        g["suppressed"].to_numpy(dtype=bool),
                        g.index,
                    ),
                    np.ones(len(g), dtype=bool),
                    (g["ci_low"].to_numpy(float), g["ci_high"].to_numpy(float)),
                )
            )
    return out


def _indicator9(c: Cells) -> list[dict]:
    out = []
    workforce = c.headcount("board", "BME")
    workforce_total = c.headcount("board", "All")
    workforce_pct, workforce_ci = pct(workforce, workforce_total)
    for breakdown in INDICATOR9_BREAKDOWNS:
        present = c.has("board", breakdown) & c.has("staff", "All|All")
        board_n = c.q("board", breakdown, "All")
        board_bme = c.q("board", breakdown, "BME")
        board_pct, board_ci = pct(board_bme, board_n)
        out += [
            rows(9, breakdown, "board_n", board_n, present),
            rows(9, breakdown, "board_bme_n", board_bme, present),
            rows(9, breakdown, "board_bme_pct", board_pct, present, board_ci),
            rows(9, breakdown, "workforce_bme_pct", workforce_pct, present, workforce_ci),
            rows(9, breakdown, "difference_pp", board_pct - workforce_pct, present),
        ]
    return out


def compute(
    counts: ExactCounts | PublishedCounts, ents: Entities, two_year_indicator3: bool = True
) -> IndicatorTable:
    """Every indicator for every entity and year in ``counts``.

    Parameters
    ----------
    counts : ExactCounts or PublishedCounts
        Exact counts give the internal table; published counts the public one.
    ents : Entities
        Names of the entities.
    two_year_indicator3 : bool
        Also give indicator 3 pooled over the year and the year before
        (breakdown ``All|two-year``) where both years were reported.

    Returns
    -------
    IndicatorTable
        The contract's ``indicators.csv`` rows, sorted by entity, year,
        indicator, then in the contract's order of breakdowns and statistics.
    """
    if not isinstance(counts, (ExactCounts, PublishedCounts)):
        raise TypeError("indicators are computed from ExactCounts or PublishedCounts only")
    cells = Cells(counts.cells())
    parts = _indicator1(cells)
    for indicator in (2, 3, 4):
        parts += _likelihood(cells, indicator)
    if two_year_indicator3:
        parts += _likelihood(cells, 3, two_year=True)
    parts += _survey(counts.survey())
    parts += _indicator9(cells)
    # Parts are built in the contract's order of breakdowns and statistics.
    columns = {c: np.concatenate([p[c] for p in parts]) for c in parts[0]}
    columns["_part"] = np.concatenate([np.full(len(p["value"]), i) for i, p in enumerate(parts)])
    frame = pd.DataFrame(columns)
    frame = frame.sort_values(["entity", "year", "indicator", "_part"], kind="stable")
    names = ents.table.set_index("entity")["entity_name"]
    frame["entity_name"] = frame["entity"].map(names)
    frame["year"] = frame["year"].astype(int)
    frame["suppressed"] = frame["suppressed"].astype(bool)
    return IndicatorTable(frame[COLUMNS].reset_index(drop=True), counts.audience, counts.policy)


def exact_counts(counts: pd.DataFrame, ents: Entities, policy: Policy = Policy()) -> ExactCounts:
    """The exact counts of every entity (organisations and clusters), totals included."""
    t = ents.table
    clusters = tuple(
        (c, tuple(ents.members(c))) for c in t.loc[t["entity_type"] == "cluster", "entity"]
    )
    return ExactCounts(with_totals(entity_counts(counts, ents), dict(clusters)), policy, clusters)


def indicator_table(
    counts: pd.DataFrame,
    ents: Entities,
    audience: str,
    policy: Policy = Policy(),
    two_year_indicator3: bool = True,
) -> IndicatorTable:
    """From the ``wres_return`` counts to the indicators for one audience."""
    exact = exact_counts(counts, ents, policy)
    source = publish(exact, policy) if audience == "public" else exact
    return compute(source, ents, two_year_indicator3)
