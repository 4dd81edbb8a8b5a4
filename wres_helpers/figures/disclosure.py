"""The publication rule: what an organisation may publish.

The rule (contract, section 3) is enforced by types rather than by call
order. :class:`ExactCounts` holds every count as counted; the only way to a
:class:`PublishedCounts` is :func:`publish`, which withholds (or, under the
``rounding`` method, rounds) each count as the policy says, and keeps, of
the staff survey, only the percentages the NHS Staff Survey's own rule lets
out (the number of positive answers is dropped).
Indicators computed from a :class:`PublishedCounts` are therefore functions
of the published counts and nothing more, and only they may be written
under ``outputs/public``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np
import pandas as pd

from wres_helpers.figures import rounding, secondary
from wres_helpers.figures.rounding import feasible_range
from wres_helpers.figures.secondary import DisclosureError
from wres_helpers.figures.survey import survey_percentages, wilson_interval

__all__ = ["DisclosureError", "feasible_range", "survey_percentages", "wilson_interval"]

#: The two audiences (contract, section 3) and the two public methods, defined once.
Audience = Literal["internal", "public"]
Method = Literal["suppression", "rounding"]
AUDIENCES = INTERNAL, PUBLIC = get_args(Audience)
#: The Government Analysis Function's symbol for a confidential value.
SUPPRESSED = "[c]"


METHODS = get_args(Method)


@dataclass(frozen=True)
class Policy:
    """The publication rule (contract, section 3), with its thresholds as parameters.

    Attributes
    ----------
    max_suppressed : int
        Counts from 1 to this are withheld (default 7).
    rounding_base : int
        Under ``rounding``, other counts are rounded to the nearest multiple
        of this (default 5).
    survey_min_respondents : int
        Survey percentages need at least this many respondents (default 11).
    method : str
        ``suppression`` (default: counts of 0 and above ``max_suppressed``
        published exactly, derived figures exact) or ``rounding`` (NHS
        England's rule for statistics: other counts rounded, derived figures
        from the rounded counts).
    suppress_board : bool
        Treat board counts like any other count (default False: the board is
        published exactly).
    """

    max_suppressed: int = 7
    rounding_base: int = 5
    survey_min_respondents: int = 11
    method: str = "suppression"
    suppress_board: bool = False

    def __post_init__(self):
        if self.max_suppressed < 0 or self.rounding_base < 1 or self.survey_min_respondents < 0:
            raise ValueError("thresholds must be non-negative and the rounding base at least 1")
        if self.method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, not {self.method!r}")

    @classmethod
    def of(cls, params) -> Policy:
        """The policy named by an object with the policy's attributes (e.g. params)."""
        names = ("max_suppressed", "rounding_base", "survey_min_respondents", "method")
        given = {n: getattr(params, n) for n in names + ("suppress_board",) if hasattr(params, n)}
        return cls(**given)

    def describe(self) -> str:
        """The policy in words, for a report's first screen and a run's log."""
        board = "suppressed like any count" if self.suppress_board else "published exactly"
        if self.method == "rounding":
            rule = (
                f"counts from 1 to {self.max_suppressed} withheld, others rounded to the "
                f"nearest {self.rounding_base}; figures computed from the rounded counts"
            )
        else:
            rule = (
                f"cell suppression: counts from 1 to {self.max_suppressed} withheld, with "
                "further cells withheld so that none can be worked out; other figures exact"
            )
        return (
            f"{rule}; survey percentages need {self.survey_min_respondents} respondents; "
            f"board {board}"
        )


def publish_count(count, policy: Policy = Policy()):
    """Published form of counts before secondary suppression (primary suppression).

    0 stays 0 and counts from 1 to ``max_suppressed`` are withheld (NaN).
    Under ``suppression`` other counts are published exactly; under
    ``rounding`` they are rounded to the nearest multiple of ``rounding_base``,
    halves upwards (with the default base of 5 no whole number is a half-way case).

    Parameters
    ----------
    count : int or array-like of int
        Exact counts (NaN passes through as NaN).

    Returns
    -------
    float or numpy.ndarray of float
        The published counts, NaN where suppressed.

    Examples
    --------
    >>> publish_count([0, 1, 7, 8, 12, 13, 103]).tolist()
    [0.0, nan, nan, 8.0, 12.0, 13.0, 103.0]
    >>> publish_count([0, 1, 7, 8, 12, 13, 103], Policy(method="rounding")).tolist()
    [0.0, nan, nan, 10.0, 10.0, 15.0, 105.0]
    """
    values = np.asarray(count, dtype=float)
    if policy.method == "rounding":
        base = policy.rounding_base
        values = np.where(values == 0, 0.0, np.floor(values / base + 0.5) * base)
    exact = np.asarray(count, dtype=float)
    out = np.where((exact >= 1) & (exact <= policy.max_suppressed), np.nan, values)
    return out if out.ndim else float(out)


@dataclass(frozen=True)
class ExactCounts:
    """Every count as counted: for internal outputs only.

    ``clusters`` maps each cluster code to its members, so that publication
    can check that no member's withheld count can be worked out from the
    cluster's total.
    """

    counts: pd.DataFrame  # entity, year, measure, breakdown, ethnic_group, count
    policy: Policy = Policy()
    clusters: tuple = ()  # ((cluster, (member, ...)), ...)
    audience = INTERNAL

    def cells(self) -> pd.DataFrame:
        """The counts with a ``suppressed`` flag (never set: nothing is withheld)."""
        return self.counts.assign(count=self.counts["count"].astype(float), suppressed=False)

    def survey(self) -> pd.DataFrame:
        return survey_percentages(self.counts, 0)


@dataclass(frozen=True)
class PublishedCounts:
    """Counts as published: rounded or suppressed. Made only by :func:`publish`."""

    cells_table: pd.DataFrame  # ... count (float, NaN if suppressed), suppressed
    survey_table: pd.DataFrame
    policy: Policy
    audience = PUBLIC

    def cells(self) -> pd.DataFrame:
        return self.cells_table

    def survey(self) -> pd.DataFrame:
        return self.survey_table


def publish(exact: ExactCounts, policy: Policy | None = None) -> PublishedCounts:
    """Apply the publication rule to every count.

    Each count is published, rounded or withheld on its own (primary
    suppression, :func:`publish_count`); then further cells are withheld so
    that no withheld count can be worked out through any declared relation
    (secondary suppression, :func:`protect_totals`). The board is published
    exactly unless ``policy.suppress_board``. The survey's positive answers
    are used here, once, for the percentages the survey rule allows, and are
    not carried further.
    """
    policy = policy or exact.policy
    cells = exact.counts[exact.counts["measure"] != "survey_positive"].reset_index(drop=True)
    values = cells["count"].to_numpy(dtype=float)
    frozen = board_cells(cells, policy)
    published = np.where(frozen, values, publish_count(values, policy))
    table = cells.assign(count=published, suppressed=np.isnan(published))
    table = protect_totals(table, dict(exact.clusters), policy, values)
    survey = survey_percentages(exact.counts, policy.survey_min_respondents)
    resp = table.loc[
        table["measure"] == "survey_respondents",
        ["entity", "year", "breakdown", "ethnic_group", "count"],
    ].rename(columns={"breakdown": "indicator", "count": "shown"})
    survey = survey.astype({"indicator": str}).merge(
        resp, on=["entity", "year", "indicator", "ethnic_group"], how="left"
    )
    hidden = survey["shown"].isna().to_numpy()
    survey = survey.assign(
        indicator=survey["indicator"].astype(int),
        respondents=survey["shown"],
        suppressed=survey["suppressed"].to_numpy() | hidden,
    ).drop(columns="shown")
    for column in ("pct", "ci_low", "ci_high"):
        survey.loc[hidden, column] = np.nan
    survey = rounding.protect_survey(survey, dict(exact.clusters))
    return PublishedCounts(table.reset_index(drop=True), survey.reset_index(drop=True), policy)


def board_cells(cells: pd.DataFrame, policy: Policy) -> np.ndarray:
    """Cells published exactly whatever their size: the board's, unless it is suppressed."""
    if policy.suppress_board:
        return np.zeros(len(cells), dtype=bool)
    return (cells["measure"] == "board").to_numpy()


def protect_totals(
    table: pd.DataFrame, clusters: dict, policy: Policy, exact: np.ndarray | None = None
) -> pd.DataFrame:
    """Secondary suppression by the policy's method, over every declared relation.

    Parameters
    ----------
    table : pandas.DataFrame
        Cells with ``count`` as primary suppression left them and ``suppressed``.
    clusters : dict
        ``{cluster: (member, ...)}``.
    policy : Policy
        The method and thresholds.
    exact : numpy.ndarray, optional
        Each cell's true count: cell suppression needs it to tell which
        cells a reader could pin; rounding reads only the published counts.

    Returns
    -------
    pandas.DataFrame
        The table with every further withheld cell blank and flagged.
    """
    table = table.reset_index(drop=True)
    frozen = board_cells(table, policy)
    if policy.method == "rounding":
        withheld = rounding.protect_rounded(table, clusters, policy, frozen)
    elif exact is None:
        raise ValueError("cell suppression needs the exact counts")
    else:
        withheld = secondary.suppress(table, clusters, frozen, exact)
    return table.assign(
        count=np.where(withheld, np.nan, table["count"].to_numpy(dtype=float)),
        suppressed=withheld,
    )
