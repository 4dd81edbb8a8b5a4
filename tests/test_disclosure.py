"""The publication rule: a case table, and properties over any counts (hypothesis)."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import ORGS, write_extract
from hypothesis import given, settings
from hypothesis import strategies as st

from wres_helpers.figures.disclosure import Policy, publish_count
from wres_helpers.figures.engine import indicators_for_extract
from wres_helpers.figures.indicators import compute


@pytest.mark.parametrize(
    "count, published",
    [
        (0, 0),
        (1, None),
        (5, None),
        (7, None),
        (8, 10),
        (10, 10),
        (12, 10),
        (13, 15),
        (17, 15),
        (18, 20),
        (102, 100),
        (103, 105),
        (1234, 1235),
    ],
)
def test_publish_count_case_table(count, published):
    got = publish_count(count)
    assert math.isnan(got) if published is None else got == published


def test_thresholds_are_parameters():
    policy = Policy(max_suppressed=3, rounding_base=10)
    assert publish_count([3, 4, 14, 15], policy).tolist()[1:] == [0.0, 10.0, 20.0]
    assert math.isnan(publish_count(3, policy))


def test_compute_refuses_anything_but_counts_objects():
    with pytest.raises(TypeError):
        compute(pd.DataFrame(), None)


@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=50))
def test_no_count_from_1_to_7_is_ever_published(values):
    published = publish_count(values)
    shown = published[~np.isnan(published)]
    assert not ((shown >= 1) & (shown <= 7)).any()
    assert (shown % 5 == 0).all()
    exact = np.array(values)[~np.isnan(published)]
    assert (np.abs(shown - exact) <= 2).all()


counts_strategy = st.tuples(*[st.integers(0, 400)] * 4).filter(
    lambda c: c[1] <= c[0] and c[3] <= c[2]
)


@settings(max_examples=25, deadline=None)
@given(counts_strategy)
def test_public_indicator2_equals_its_formula_on_published_counts(tmp_path_factory, c):
    ws, wa, bs, ba = c
    rows = []
    for code, shortlisted, appointed in (("A", ws, wa), ("H", bs, ba)):
        rows += [
            {
                "org_code": "T1",
                "year": 2016,
                "applicant_id": f"{code}{i}",
                "ethnic_category": code,
                "shortlisted": "Y",
                "appointed": "Y" if i < appointed else "N",
            }
            for i in range(shortlisted)
        ]
    rows.append(
        {
            "org_code": "T1",
            "year": 2016,
            "applicant_id": "x",
            "ethnic_category": "A",
            "shortlisted": "N",
            "appointed": "N",
        }
    )
    staff = [
        {
            "org_code": "T1",
            "year": 2016,
            "staff_id": "s1",
            "ethnic_category": "A",
            "pay_band": "5",
            "clinical": "Y",
        }
    ]
    folder = write_extract(
        tmp_path_factory.mktemp("h"),
        {"organisations": ORGS[:1], "staff": staff, "recruitment": rows},
    )
    f = indicators_for_extract(folder, "public").frame
    f = f[f["indicator"] == 2].set_index("statistic")
    pub = {k: publish_count(v) for k, v in dict(ws=ws, wa=wa, bs=bs, ba=ba).items()}
    for stat, key in (
        ("white_shortlisted", "ws"),
        ("white_appointed", "wa"),
        ("bme_shortlisted", "bs"),
        ("bme_appointed", "ba"),
    ):
        assert (np.isnan(f.at[stat, "value"]) and np.isnan(pub[key])) or f.at[stat, "value"] == pub[
            key
        ]

    def rate(a, n):
        return np.nan if np.isnan(a) or np.isnan(n) or n == 0 else a / n

    for stat, a, n in (("white_rate", "wa", "ws"), ("bme_rate", "ba", "bs")):
        expected = rate(pub[a], pub[n])
        got = f.at[stat, "value"]
        assert (np.isnan(expected) and np.isnan(got)) or got == pytest.approx(expected)
        assert f.at[stat, "suppressed"] == bool(np.isnan(pub[a]) or np.isnan(pub[n]))
    wr, br = rate(pub["wa"], pub["ws"]), rate(pub["ba"], pub["bs"])
    rl = wr / br if not (np.isnan(wr) or np.isnan(br) or br == 0) else np.nan
    got = f.at["relative_likelihood", "value"]
    assert (np.isnan(rl) and np.isnan(got)) or got == pytest.approx(rl)
    # Every published count is 0 or a multiple of 5 above 7.
    shown = f.loc[
        ["white_shortlisted", "white_appointed", "bme_shortlisted", "bme_appointed"], "value"
    ].dropna()
    assert ((shown == 0) | ((shown > 7) & (shown % 5 == 0))).all()


def test_public_output_never_shows_a_count_from_1_to_7(tmp_path):
    from wres_helpers.example import write_example

    folder = tmp_path / "ex"
    write_example(folder)
    f = indicators_for_extract(folder, "public").frame
    count_stats = f["statistic"].str.endswith(
        ("_n", "_shortlisted", "_appointed", "_entered", "_accessed", "_headcount", "_respondents")
    )
    shown = f.loc[count_stats, "value"].dropna()
    assert len(shown) > 1000
    assert not ((shown >= 1) & (shown <= 7)).any()
    assert f["suppressed"].sum() > 100  # the CCGs' small numbers are suppressed
