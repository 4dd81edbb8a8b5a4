"""Every additive relation a public output publishes, declared once.

A *relation family* says which cells are parts and, for each part, the key of
the total it adds up to; an *instance* is one total with its parts (the
White, BME and Unknown staff of one band, one organisation and one year, and
their ``All``). Counting (:func:`wres_helpers.figures.counts.with_totals`)
makes the totals from this declaration; secondary suppression, the tests and
the audit read the same declaration through :func:`instances`.

Indicator 3's and 4's headcounts and indicator 9's workforce share are the
staff table's own ``All|All`` cells (the same cells, not copies), so they
need no relation of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers import vocab

KEY = ["entity", "year", "measure", "breakdown", "ethnic_group"]
SIDES = ("Clinical", "Non-clinical")


@dataclass(frozen=True)
class Family:
    """One kind of additive relation: parts -> total.

    Attributes
    ----------
    name : str
        A short name (``groups``, ``bands``, ...).
    description : str
        The relation in words.
    links : callable
        ``links(cells, clusters)``: for each part, the key of its total, as a
        frame of :data:`KEY` whose index is the part's row in ``cells`` (a part
        may appear under two totals, as a year does in two two-year pools).
    arity : int or None
        Where set, a total exists only when it has exactly this many parts.
    across_members : bool
        A cluster's relation to its members (its totals are made when the
        entities are counted, before the others).
    """

    name: str
    description: str
    links: Callable[[pd.DataFrame, dict], pd.DataFrame]
    arity: int | None = None
    across_members: bool = False


def _family(name, description, parts, total, arity=None) -> Family:
    def links(cells, clusters):
        return total(cells.loc[parts(cells, clusters), KEY], clusters)

    return Family(name, description, links, arity)


def _is(frame: pd.DataFrame, column: str, values) -> np.ndarray:
    return frame[column].isin(list(values)).to_numpy()


def _staff_in(breakdowns) -> Callable[[pd.DataFrame, dict], np.ndarray]:
    return lambda f, _c: _is(f, "measure", ["staff"]) & _is(f, "breakdown", breakdowns)


def _side_of(f: pd.DataFrame) -> pd.Series:
    """Each row's side (the breakdown before its ``|``), split once per distinct breakdown:
    a few dozen of them against hundreds of thousands of rows."""
    codes, uniques = pd.factorize(f["breakdown"])
    if (codes < 0).any():  # a missing breakdown: pandas' own string methods say what it gives
        return f["breakdown"].str.split("|", n=1).str[0]
    sides = np.array([u.split("|", 1)[0] for u in uniques], dtype=object)
    return pd.Series(sides[codes], index=f.index, dtype=object)


def _to_side_group(group: str) -> Callable[[pd.DataFrame, dict], pd.DataFrame]:
    return lambda f, _c: f.assign(breakdown=_side_of(f) + "|" + group)


def _board(members) -> Callable[[pd.DataFrame, dict], np.ndarray]:
    return lambda f, _c: _is(f, "measure", ["board"]) & _is(f, "breakdown", members)


def _to(**changes) -> Callable[[pd.DataFrame, dict], pd.DataFrame]:
    return lambda f, _c: f.assign(**changes)


def _side_bands(bands) -> list[str]:
    return [f"{s}|{b}" for s in SIDES for b in bands]


_TOP = vocab.SENIOR_GROUPS["Band 8C and above"]
_UPPER = vocab.SENIOR_GROUPS["Band 8A and above"]
_UPPER_PARTS = [b for b in _UPPER if b not in _TOP] + ["Band 8C and above"]
_POOLED = {"disciplinary": "All", "staff": "All|All"}
_NOT_SURVEY = ("survey_respondents", "survey_positive")


def _pool_links(cells: pd.DataFrame, _clusters) -> pd.DataFrame:
    mask = np.logical_or.reduce(
        [_is(cells, "measure", [m]) & _is(cells, "breakdown", [b]) for m, b in _POOLED.items()]
    ) & _is(cells, "ethnic_group", vocab.ETHNIC_GROUPS + ("All",))
    parts = cells.loc[mask, KEY]
    pooled = parts.assign(measure=parts["measure"] + "_2y")
    return pd.concat([pooled, pooled.assign(year=pooled["year"] + 1)])


#: Tables whose figures divide by staff headcount: a cluster with a member that did
#: not collect one gets that table's own headcount, ``staff_<table>``.
HEADCOUNT_MEASURES = ("disciplinary", "training", "board")


def _members_cells(cells: pd.DataFrame, clusters) -> pd.DataFrame:
    return cells.loc[cells["entity"].isin(set(member_of(clusters))), KEY]


def _collecting_links(cells: pd.DataFrame, clusters) -> pd.DataFrame:
    mine = _members_cells(cells, clusters)
    staff = mine[(mine["measure"] == "staff") & (mine["breakdown"] == "All|All")]
    out = []
    for measure in HEADCOUNT_MEASURES:
        have = cells.loc[cells["measure"] == measure, ["entity", "year"]].drop_duplicates()
        part = staff.reset_index().merge(have, on=["entity", "year"]).set_index("index")
        part = part.assign(entity=part["entity"].map(member_of(clusters)))
        out.append(part[KEY].assign(measure=f"staff_{measure}"))
    return pd.concat(out)


#: Every additive relation, in the order counting builds the totals.
FAMILIES: tuple[Family, ...] = (
    _family(
        "bands",
        "<side>|All = the side's pay bands",
        lambda f, _c: (
            _is(f, "measure", ["staff"]) & f["breakdown"].isin(vocab.STAFF_BREAKDOWNS).to_numpy()
        ),
        _to_side_group("All"),
    ),
    _family(
        "senior 8C",
        "<side>|Band 8C and above = its bands 8C, 8D, 9 and VSM",
        _staff_in(_side_bands(_TOP)),
        _to_side_group("Band 8C and above"),
    ),
    _family(
        "senior 8A",
        "<side>|Band 8A and above = its bands 8A, 8B and Band 8C and above",
        _staff_in(_side_bands(_UPPER_PARTS)),
        _to_side_group("Band 8A and above"),
    ),
    _family(
        "sides",
        "All|<g> = Clinical|<g> + Non-clinical|<g>, for All, the senior groups and VSM",
        _staff_in(_side_bands(("All", "Band 8A and above", "Band 8C and above", "VSM"))),
        lambda f, _c: f.assign(breakdown="All|" + f["breakdown"].str.split("|", n=1).str[1]),
    ),
    _family(
        "board",
        "Total board = its four kinds of seat",
        _board(vocab.BOARD_BREAKDOWNS),
        _to(breakdown="Total board"),
    ),
    *(
        _family(name, f"{name} = {' + '.join(seats)}", _board(seats), _to(breakdown=name))
        for name, seats in vocab.BOARD_GROUPS.items()
    ),
    _family(
        "board sides",
        "Total board = Executive + Non-executive",
        _board(("Executive", "Non-executive")),
        _to(breakdown="Total board"),
    ),
    _family(
        "broad groups",
        "BME = Mixed + Asian + Black + Other",
        lambda f, _c: _is(f, "ethnic_group", vocab.BROAD_GROUPS),
        _to(ethnic_group=vocab.BME),
    ),
    _family(
        "groups",
        "All = White + BME + Unknown (every measure but the survey's)",
        lambda f, _c: _is(f, "ethnic_group", vocab.ETHNIC_GROUPS) & ~_is(f, "measure", _NOT_SURVEY),
        _to(ethnic_group="All"),
    ),
    Family(
        "two-year pool",
        "a two-year pool (disciplinary, staff All|All) = the year + the year before",
        _pool_links,
        arity=2,
    ),
    Family(
        "cluster",
        "a cluster's count = its members' counts",
        lambda f, c: _members_cells(f, c).assign(entity=lambda x: x["entity"].map(member_of(c))),
        across_members=True,
    ),
    Family(
        "collecting members",
        "a cluster's staff_<table> headcount = the staff All|All of the members that "
        "collected <table>",
        _collecting_links,
        across_members=True,
    ),
)
CLUSTER = FAMILIES[-2]


def member_of(clusters: dict) -> dict[str, str]:
    """Each member's cluster, from ``{cluster: (member, ...)}``."""
    return {m: c for c, ms in dict(clusters).items() for m in ms}


def totals_of(family: Family, cells: pd.DataFrame, clusters: dict = ()) -> pd.DataFrame:
    """The totals a family makes from ``cells`` (``KEY + count``, summed over parts)."""
    cells = cells.reset_index(drop=True)
    links = family.links(cells, clusters)
    links = links.assign(count=cells["count"].to_numpy()[links.index.to_numpy()], parts=1)
    sums = links.groupby(KEY, sort=False, observed=True)[["count", "parts"]].sum().reset_index()
    if family.arity is not None:
        sums = sums[sums["parts"] == family.arity]
    return sums[KEY + ["count"]]


@dataclass(frozen=True)
class Instances:
    """Every relation instance over a cell table, as flat arrays.

    Row ``i`` says that cell ``cell[i]`` belongs to instance ``instance[i]``,
    as its total where ``is_total[i]``, as a part otherwise.
    """

    cell: np.ndarray
    instance: np.ndarray
    is_total: np.ndarray
    family: np.ndarray  # each instance's family name

    def __len__(self) -> int:
        return len(self.family)


def _encoder(table: pd.DataFrame) -> Callable[[pd.DataFrame], np.ndarray]:
    """Each key as one mixed-radix integer (-1 where a value is not in ``table``)."""
    labels = {k: pd.Index(pd.unique(table[k])) for k in KEY}
    radix = [len(labels[k]) + 1 for k in KEY]

    def encode(frame: pd.DataFrame) -> np.ndarray:
        combined = np.zeros(len(frame), dtype=np.int64)
        missing = np.zeros(len(frame), dtype=bool)
        for k, r in zip(KEY, radix):
            codes = labels[k].get_indexer(frame[k])
            missing |= codes < 0
            combined = combined * r + codes + 1
        return np.where(missing, -1, combined)

    return encode


def instances(table: pd.DataFrame, clusters: dict = ()) -> Instances:
    """Every instance of every declared relation among the rows of ``table``.

    Parameters
    ----------
    table : pandas.DataFrame
        Cells with the columns of :data:`KEY` (any index; rows are numbered 0..n-1).
    clusters : dict
        ``{cluster: (member, ...)}``.
    """
    table = table.reset_index(drop=True)
    encode = _encoder(table)
    lookup = pd.Index(encode(table))
    cells, insts, totals, names = [], [], [], []
    offset = 0
    for family in FAMILIES:
        links = family.links(table, clusters)
        rows = lookup.get_indexer(encode(links))
        ok = rows >= 0
        part_rows = links.index.to_numpy()[ok]
        total_rows, inst = np.unique(rows[ok], return_inverse=True)
        n = len(total_rows)
        cells += [part_rows, total_rows]
        insts += [inst + offset, np.arange(n) + offset]
        totals += [np.zeros(len(part_rows), bool), np.ones(n, bool)]
        names.append(np.full(n, family.name, dtype=object))
        offset += n
    return Instances(
        np.concatenate(cells).astype(np.int64),
        np.concatenate(insts).astype(np.int64),
        np.concatenate(totals),
        np.concatenate(names) if names else np.array([], dtype=object),
    )
