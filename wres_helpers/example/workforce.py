"""The example's record tables: staff, board, recruitment, events and the staff survey.

BME staff are about a quarter of trusts' workforces and fewer in senior
bands; White applicants are more likely to be appointed from shortlisting;
BME staff are more likely to enter the formal disciplinary process.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.example.spelling import (
    BAND_SPELLINGS,
    BANDS,
    draw_groups,
    groups_to_codes,
    spell,
    yes_no,
)

_TRUST_MIX = [
    0.002,
    0.01,
    0.14,
    0.12,
    0.09,
    0.19,
    0.15,
    0.11,
    0.04,
    0.015,
    0.007,
    0.003,
    0.001,
    0.003,
    0.04,
    0.02,
    0.05,
    0.014,
]
_CCG_MIX = [
    0,
    0,
    0.02,
    0.08,
    0.12,
    0.10,
    0.14,
    0.2,
    0.16,
    0.08,
    0.04,
    0.02,
    0.005,
    0.015,
    0,
    0,
    0,
    0.005,
]
#: BME staff's relative presence by band: fewer in senior bands.
_BAND_BME_FACTOR = [
    1.1,
    1.1,
    1.2,
    1.0,
    1.0,
    1.35,
    1.05,
    0.8,
    0.6,
    0.5,
    0.45,
    0.4,
    0.3,
    0.3,
    1.2,
    1.6,
    1.5,
    1.3,
]


def staff_table(rng, orgs, year, plain):
    sizes = np.array([o.staff for o in orgs])
    sizes = np.maximum(
        5, np.round(sizes * rng.normal(1 + 0.02 * (year - 2021), 0.01, len(orgs)))
    ).astype(int)
    org_idx = np.repeat(np.arange(len(orgs)), sizes)
    is_ccg = np.array([o.org_type in vocab.COMMISSIONER_ORG_TYPES for o in orgs])[org_idx]
    band = np.where(
        is_ccg, _pick(rng, _CCG_MIX, len(org_idx)), _pick(rng, _TRUST_MIX, len(org_idx))
    )
    factor = np.array(_BAND_BME_FACTOR)[band]
    bme = np.array([o.bme for o in orgs])[org_idx] * factor * (1 + 0.03 * (year - 2021))
    unknown = np.array([o.unknown for o in orgs])[org_idx] * (1 - 0.1 * (year - 2021))
    groups = draw_groups(rng, bme, unknown)
    medical = band >= 14
    clinical = medical | (rng.random(len(band)) < np.where(is_ccg, 0.25, 0.62))
    codes = np.array([o.code for o in orgs])[org_idx]
    ids = np.char.add(
        np.char.add(codes.astype(str), "-"), np.char.zfill(np.arange(len(org_idx)).astype(str), 7)
    )
    bands = np.array(BANDS)[band]
    if not plain:
        spellings = [np.array(BAND_SPELLINGS[b], dtype=object) for b in BANDS]
        variant = rng.integers(0, 3, len(band))
        bands = np.array([spellings[b][v] for b, v in zip(band, variant)], dtype=object)
    frame = pd.DataFrame(
        {
            "org_code": codes,
            "year": year,
            "staff_id": ids,
            "ethnic_category": spell(rng, groups_to_codes(rng, groups))
            if not plain
            else groups_to_codes(rng, groups),
            "pay_band": bands,
            "clinical": yes_no(rng, clinical, plain),
        }
    )
    return frame, groups


def _pick(rng, weights, n):
    w = np.array(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def events_table(rng, staff, groups, p_white, p_bme, duplicates=0.0):
    p = np.where(
        groups == "BME", p_bme, np.where(groups == "White", p_white, (p_white + p_bme) / 2)
    )
    chosen = staff[rng.random(len(staff)) < p][["org_code", "year", "staff_id", "ethnic_category"]]
    if duplicates:
        again = chosen.sample(frac=duplicates, random_state=int(rng.integers(1 << 31)))
        chosen = pd.concat([chosen, again]).sort_index(kind="stable")
    return chosen.reset_index(drop=True)


def recruitment_table(rng, orgs, year, plain, per_staff=0.8):
    counts = np.array([max(12, int(o.staff * per_staff)) for o in orgs])
    org_idx = np.repeat(np.arange(len(orgs)), counts)
    bme = np.array([min(0.6, o.bme * 1.5 + 0.05) for o in orgs])[org_idx]
    groups = draw_groups(rng, bme, np.full(len(org_idx), 0.04))
    shortlisted = rng.random(len(org_idx)) < np.where(groups == "BME", 0.26, 0.32)
    appointed = shortlisted & (rng.random(len(org_idx)) < np.where(groups == "BME", 0.11, 0.165))
    codes = np.array([o.code for o in orgs])[org_idx]
    ids = np.char.add("APP", np.char.zfill(np.arange(len(org_idx)).astype(str), 8))
    eth = groups_to_codes(rng, groups)
    return pd.DataFrame(
        {
            "org_code": codes,
            "year": year,
            "applicant_id": ids,
            "ethnic_category": eth if plain else spell(rng, eth),
            "shortlisted": yes_no(rng, shortlisted, plain),
            "appointed": yes_no(rng, appointed, plain),
        }
    )


_SURVEY_RATES = {5: (0.27, 0.29), 6: (0.23, 0.28), 7: (0.58, 0.45), 8: (0.06, 0.15)}


def survey_table(rng, staff, groups, orgs):
    rows = []
    frame = pd.DataFrame({"org_code": staff["org_code"], "group": groups})
    counts = frame[frame["group"] != "Unknown"].groupby(["org_code", "group"]).size()
    year = int(staff["year"].iloc[0])
    for (org, group), n in counts.items():
        respondents = int(rng.binomial(n, 0.46))
        for indicator, (white, bme) in _SURVEY_RATES.items():
            rate = bme if group == "BME" else white
            rows.append(
                (org, year, indicator, group, respondents, int(rng.binomial(respondents, rate)))
            )
    return pd.DataFrame(
        rows, columns=["org_code", "year", "indicator", "ethnic_group", "respondents", "positive"]
    )


def survey_responses_table(rng, staff, groups):
    take = rng.random(len(staff)) < 0.7
    part = staff[take]
    g = groups[take]
    out = {
        "org_code": part["org_code"].to_numpy(),
        "year": part["year"].to_numpy(),
        "respondent_id": np.char.add("R", part["staff_id"].to_numpy().astype(str)),
        "ethnic_category": part["ethnic_category"].to_numpy(),
    }
    for indicator, (white, bme) in _SURVEY_RATES.items():
        answer = rng.random(len(part)) < np.where(g == "BME", bme, white)
        blank = rng.random(len(part)) < 0.05
        out[f"ind{indicator}"] = np.where(blank, "", np.where(answer, "Yes", "No"))
    return pd.DataFrame(out)


def board_table(rng, orgs, year):
    rows = []
    for o in orgs:
        size = 9 if o.org_type in vocab.COMMISSIONER_ORG_TYPES else 14
        for i in range(size):
            voting = i < size - 2
            executive = i % 2 == 0
            group = draw_groups(rng, np.array([0.12 + 0.02 * (year - 2021)]), np.array([0.05]))
            code = groups_to_codes(rng, group)
            rows.append(
                (
                    o.code,
                    year,
                    f"{o.code}-B{i:02d}",
                    spell(rng, code)[0],
                    "Yes" if voting else "No",
                    "Y" if executive else "N",
                )
            )
    return pd.DataFrame(
        rows, columns=["org_code", "year", "member_id", "ethnic_category", "voting", "executive"]
    )
