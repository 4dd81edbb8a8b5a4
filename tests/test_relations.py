"""The declared relations, and properties of publication over random extracts (hypothesis).

Random aggregated extracts: one to four organisations of 20 to 5,000 staff, some
in a cluster, two years, every measure. For each: (a) no count from 1 to 7 is
published, the board aside; (b) every published figure equals the internal one
exactly; (c) a differencing attacker that solves every declared relation with one
unknown cell, over and over, recovers nothing; (d) secondary suppression ends with
no relation left with exactly one withheld cell; (e) a reader who combines every
relation at once, knowing that each withheld cell is at least 1, still finds two or
more values for every withheld small count (their range by linear programming,
``scipy.optimize.linprog``, built here from the declared relations alone).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linprog

from wres_helpers import vocab
from wres_helpers.extract.validate import Extract
from wres_helpers.figures import counts as counts_mod
from wres_helpers.figures import relations
from wres_helpers.figures.disclosure import Policy, publish
from wres_helpers.figures.indicators import compute, exact_counts

YEARS = (2015, 2016)
GROUP_SHARES = {"White": 0.7, "Mixed": 0.03, "Asian": 0.1, "Black": 0.06, "Other": 0.02}
GROUP_SHARES["Unknown"] = 1 - sum(GROUP_SHARES.values())


def _staff_rows(org, year, size, rng) -> list[tuple]:
    bands = list(vocab.STAFF_BREAKDOWNS)
    weights = rng.dirichlet(np.full(len(bands), 0.3))
    groups = list(GROUP_SHARES)
    cells = rng.multinomial(size, np.outer(weights, list(GROUP_SHARES.values())).ravel())
    rows = []
    for i, n in enumerate(cells):
        band, group = bands[i // len(groups)], groups[i % len(groups)]
        rows.append((org, year, "staff", band, group, int(n)))
    for band in bands:
        bme = sum(r[5] for r in rows if r[3] == band and r[4] in vocab.BROAD_GROUPS)
        rows.append((org, year, "staff", band, "BME", bme))
    return rows


def _event_rows(org, year, headcount, rng) -> list[tuple]:
    rows = []
    for group, n in headcount.items():
        applied = int(rng.integers(0, 3 * n + 1))
        shortlisted = int(rng.binomial(applied, 0.4))
        rows += [
            (org, year, "applied", "All", group, applied),
            (org, year, "shortlisted", "All", group, shortlisted),
            (org, year, "appointed", "All", group, int(rng.binomial(shortlisted, 0.3))),
            (org, year, "disciplinary", "All", group, int(rng.binomial(n, 0.01))),
            (org, year, "training", "All", group, int(rng.binomial(n, 0.4))),
        ]
        for seat in vocab.BOARD_BREAKDOWNS:
            rows.append((org, year, "board", seat, group, int(rng.integers(0, 4))))
    for indicator in vocab.SURVEY_INDICATORS:
        for group in vocab.KNOWN_GROUPS:
            n = int(rng.binomial(headcount[group], 0.4))
            rows.append((org, year, "survey_respondents", str(indicator), group, n))
            rows.append(
                (org, year, "survey_positive", str(indicator), group, int(rng.binomial(n, 0.3)))
            )
    return rows


@st.composite
def extracts(draw):
    """An aggregated extract, built from a seed and drawn sizes and clusters."""
    n = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(20, 5000), min_size=n, max_size=n))
    clustered = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    rows = []
    for i, size in enumerate(sizes):
        for year in YEARS:
            staff = _staff_rows(f"O{i}", year, size, rng)
            head = {g: sum(r[5] for r in staff if r[4] == g) for g in vocab.ETHNIC_GROUPS}
            rows += staff + _event_rows(f"O{i}", year, head, rng)
    orgs = pd.DataFrame(
        {
            "org_code": [f"O{i}" for i in range(n)],
            "org_name": [f"Organisation {i}" for i in range(n)],
            "org_type": "ccg",
            "cluster": ["K" if c else None for c in clustered],
        }
    )
    table = pd.DataFrame(rows, columns=counts_mod.RETURN_COLUMNS)
    return Extract(".", {"organisations": orgs, "wres_return": table}, [])


def publication(extract: Extract, policy: Policy = Policy()):
    counts = counts_mod.aggregate(extract)
    ents = counts_mod.entities(extract)
    exact = exact_counts(counts, ents, policy)
    published = publish(exact, policy)
    return exact, published, ents


PROPERTY = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(extracts())
def test_a_no_count_from_1_to_7_is_published_board_aside(extract):
    _, published, ents = publication(extract)
    cells = published.cells()
    shown = cells.loc[cells["measure"] != "board", "count"].dropna()
    assert not ((shown >= 1) & (shown <= 7)).any()
    table = compute(published, ents).frame
    counts = table["statistic"].str.endswith(
        ("_n", "_shortlisted", "_appointed", "_entered", "_accessed", "_headcount", "_respondents")
    )
    values = table.loc[counts & (table["indicator"] != 9), "value"].dropna()
    assert not ((values >= 1) & (values <= 7)).any()


@PROPERTY
@given(extracts())
def test_b_published_figures_equal_the_internal_ones_exactly(extract):
    exact, published, ents = publication(extract)
    public = compute(published, ents).frame
    internal = compute(exact, ents).frame
    key = ["entity", "year", "indicator", "breakdown", "statistic"]
    both = public.merge(internal, on=key, suffixes=("", "_exact"), validate="one_to_one")
    assert len(both) == len(public) == len(internal)
    shown = both[~both["suppressed"]]
    for column in ("value", "ci_low", "ci_high"):
        a, b = shown[column].to_numpy(float), shown[f"{column}_exact"].to_numpy(float)
        assert ((a == b) | (np.isnan(a) & np.isnan(b))).all(), column
    hidden = both[both["suppressed"]]
    assert hidden[["value", "ci_low", "ci_high"]].isna().all().all()


def attack(cells: pd.DataFrame, exact: np.ndarray, clusters: dict) -> np.ndarray:
    """Solve every declared relation with exactly one unknown cell, until none is left.

    Returns the withheld cells the attacker recovered.
    """
    rel = relations.instances(cells, clusters)
    known = ~cells["suppressed"].to_numpy()
    start = known.copy()
    sign = np.where(rel.is_total, 1.0, -1.0)
    while True:
        unknown = np.bincount(rel.instance, weights=~known[rel.cell], minlength=len(rel))
        solvable = unknown == 1
        rows = solvable[rel.instance] & ~known[rel.cell]
        if not rows.any():
            return known & ~start
        # total - sum(parts) = 0: the unknown cell is what balances the known ones.
        balance = np.bincount(
            rel.instance,
            weights=np.where(known[rel.cell], sign * exact[rel.cell], 0.0),
            minlength=len(rel),
        )
        solved = -balance[rel.instance[rows]] / sign[rows]
        assert (solved == exact[rel.cell[rows]]).all()  # the relations hold
        known[rel.cell[rows]] = True


@PROPERTY
@given(extracts())
def test_c_a_differencing_attacker_recovers_nothing(extract):
    exact, published, ents = publication(extract)
    cells = published.cells()
    values = exact.counts[exact.counts["measure"] != "survey_positive"]
    assert (values[relations.KEY].to_numpy() == cells[relations.KEY].to_numpy()).all()
    recovered = attack(cells, values["count"].to_numpy(float), dict(exact.clusters))
    small = (values["count"].to_numpy() >= 1) & (values["count"].to_numpy() <= 7)
    assert not (recovered & small).any()
    assert not recovered.any()


@PROPERTY
@given(extracts())
def test_d_secondary_suppression_terminates_with_no_lone_withheld_cell(extract):
    exact, published, _ = publication(extract)
    cells = published.cells()
    rel = relations.instances(cells, dict(exact.clusters))
    withheld = cells["suppressed"].to_numpy()
    per_instance = np.bincount(rel.instance, weights=withheld[rel.cell], minlength=len(rel))
    assert not (per_instance == 1).any()
    assert withheld.any() or not ((cells["count"] >= 1) & (cells["count"] <= 7)).any()


def ranges(cells: pd.DataFrame, exact: np.ndarray, clusters: dict, targets: np.ndarray):
    """Each target cell's least and greatest value over every relation at once.

    The unknowns are the withheld cells, each at least 1; each declared
    relation instance that holds one says ``total - sum(parts) = 0``, the
    published cells moved to the right-hand side.
    """
    rel = relations.instances(cells, clusters)
    withheld = cells["suppressed"].to_numpy()
    sign = np.where(rel.is_total, 1.0, -1.0)
    column = np.cumsum(withheld) - 1
    rows = withheld[rel.cell]
    holds = np.unique(rel.instance[rows])
    row_of = np.searchsorted(holds, rel.instance)
    a = sparse.csr_matrix(
        (sign[rows], (row_of[rows], column[rel.cell[rows]])), shape=(len(holds), withheld.sum())
    )
    known = np.where(withheld[rel.cell], 0.0, sign * np.nan_to_num(exact[rel.cell]))
    b = -np.bincount(rel.instance, weights=known, minlength=len(rel))[holds]
    out = []
    for cell in np.flatnonzero(targets & withheld):
        c = np.zeros(withheld.sum())
        c[column[cell]] = 1.0
        low = linprog(c, A_eq=a, b_eq=b, bounds=(1, None), method="highs")
        high = linprog(-c, A_eq=a, b_eq=b, bounds=(1, None), method="highs")
        assert low.status == 0, low.message
        out.append((cell, low.fun, np.inf if high.status == 3 else -high.fun))
    return out


@PROPERTY
@given(extracts())
def test_e_every_relation_at_once_leaves_every_small_count_two_values(extract):
    exact, published, _ = publication(extract)
    cells = published.cells()
    values = exact.counts[exact.counts["measure"] != "survey_positive"]["count"].to_numpy(float)
    small = (values >= 1) & (values <= 7)
    found = ranges(cells, values, dict(exact.clusters), small)
    assert len(found) == (small & cells["suppressed"].to_numpy()).sum()
    for cell, low, high in found:
        assert low <= values[cell] <= high
        assert high - low >= 1 - 1e-6, (cells.iloc[cell].to_dict(), low, high)


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(extracts())
def test_rounding_terminates_and_publishes_no_small_count(extract):
    _, published, _ = publication(extract, Policy(method="rounding"))
    cells = published.cells()
    shown = cells.loc[cells["measure"] != "board", "count"].dropna()
    assert not ((shown >= 1) & (shown <= 7)).any()
    assert ((shown == 0) | (shown % 5 == 0)).all()


def test_every_family_is_declared_once_with_a_description():
    names = [f.name for f in relations.FAMILIES]
    assert len(names) == len(set(names))
    assert all(f.description for f in relations.FAMILIES)
    assert relations.CLUSTER.name == "cluster"


def test_instances_of_a_tiny_table():
    """Band 5: White 3 + BME 2 + Unknown 0 = All 5: one instance of 'groups', total 5."""
    cells = pd.DataFrame(
        {
            "entity": "T1",
            "year": 2016,
            "measure": "staff",
            "breakdown": "Clinical|Band 5",
            "ethnic_group": ["White", "BME", "Unknown", "All"],
            "count": [3, 2, 0, 5],
        }
    )
    rel = relations.instances(cells)
    assert list(rel.family) == ["groups"]
    assert sorted(rel.cell[~rel.is_total].tolist()) == [0, 1, 2]
    assert rel.cell[rel.is_total].tolist() == [3]


@pytest.mark.parametrize("family", [f for f in relations.FAMILIES if not f.across_members])
def test_every_total_counting_makes_equals_its_parts(family):
    """with_totals builds totals from the declaration: each declared relation holds."""
    rng = np.random.default_rng(7)
    rows = _staff_rows("T1", 2016, 500, rng) + _staff_rows("T1", 2015, 400, rng)
    head = {g: 100 for g in vocab.ETHNIC_GROUPS}
    rows += _event_rows("T1", 2016, head, rng) + _event_rows("T1", 2015, head, rng)
    base = pd.DataFrame(rows, columns=relations.KEY + ["count"])
    cells = counts_mod.with_totals(base).reset_index(drop=True)
    links = family.links(cells, {})
    keyed = cells.set_index(relations.KEY)["count"]
    sums = links.assign(count=cells["count"].to_numpy()[links.index.to_numpy()])
    sums = sums.groupby(relations.KEY)["count"].agg(["sum", "size"])
    if family.arity:
        sums = sums[sums["size"] == family.arity]
    assert len(sums) > 0
    for key, row in sums.iterrows():
        assert keyed[key] == row["sum"], (family.name, key)


@pytest.mark.parametrize("dtype", [object, "str"])
def test_a_rows_side_is_its_breakdown_before_the_first_bar(dtype):
    from wres_helpers.figures.relations import _side_of

    # Each breakdown read by eye: the text before the first "|", the whole when there is none.
    breakdowns = ["A|Band 5", "B|All", "All", "A|Band 8C|x", "B|All"]
    frame = pd.DataFrame({"breakdown": pd.Series(breakdowns, dtype=dtype, index=range(10, 15))})
    side = _side_of(frame)
    assert side.tolist() == ["A", "B", "All", "A", "B"]
    assert side.index.tolist() == [10, 11, 12, 13, 14]
