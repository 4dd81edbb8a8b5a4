"""A deterministic synthetic extract that behaves like the NHS.

BME staff are about a quarter of trusts' workforces and fewer in senior
bands; White applicants are about 1.5 times as likely as BME applicants to be
appointed from shortlisting; BME staff are more likely to enter the formal
disciplinary process. Trusts employ a few thousand staff, commissioners 40-300
whose small BME numbers trigger suppression. Four CCGs form a CSU cluster until
WRES year 2022; integrated care boards replaced CCGs on 1 July 2022, so from
WRES year 2023 (31 March 2023) four ICBs take their place in the cluster, each
drawn from the same model as the CCG before it.
Values are spelt in the many ways the contract allows, and the tables come
in all three formats. ``national`` scales the same model to about 1.4
million staff in 230 organisations for the benchmark.

No row describes a real person or organisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from wres_helpers import vocab

SEED = 20160331

#: Spellings of each national code, all of which the contract accepts.
_SPELLINGS = {
    code: [code, code.lower(), f"{code} {desc}", desc, desc.upper()]
    for code, (desc, _) in vocab.ETHNIC_CATEGORIES.items()
    if code != "99"
}
_SPELLINGS["C"] += ["CA", "C3 White other"]
_SPELLINGS["H"] += ["H Indian"]
_SPELLINGS["A"] += ["A White - British", "White-British"]
_SPELLINGS["Z"] = ["Z", "Not stated", "", "99", "Prefer not to say", "Not known", "Unspecified"]
_WHITE = ["A", "A", "A", "A", "B", "C", "C"]
_BME = ["D", "E", "F", "G", "H", "H", "J", "K", "L", "M", "N", "N", "P", "R", "S"]
_YES = ["Y", "Yes", "TRUE", "1", "y", "yes"]
_NO = ["N", "No", "FALSE", "0", "n", "no"]
_BANDS = list(vocab.PAY_BANDS_AFC + vocab.MEDICAL_GRADES)
_BAND_SPELLINGS = {b: [b, b.lower(), b.removeprefix("Band ")] for b in _BANDS}
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


@dataclass(frozen=True)
class Org:
    code: str
    name: str
    org_type: str
    staff: int
    bme: float
    unknown: float
    cluster: str | None = None
    region: str = "North East and Yorkshire"
    population_bme_pct: float | None = None
    income: float | None = None
    #: The first and last WRES years the organisation existed (None: every year).
    first_year: int | None = None
    last_year: int | None = None

    def exists(self, year: int) -> bool:
        """Whether the organisation existed at 31 March of ``year``."""
        return (self.first_year or year) <= year <= (self.last_year or year)


#: Each commissioner's place, (staff, BME share, unknown share) and local BME
#: population share: a CCG and the ICB that succeeded it share one.
_COMMISSIONER_MODELS = (
    ("Eastmoor", (60, 0.08, 0.2), 6.0),
    ("Westvale", (150, 0.12, 0.15), 11.5),
    ("Southwold", (280, 0.15, 0.12), 16.0),
    ("Highfield", (45, 0.06, 0.25), 3.2),
)

EXAMPLE_ORGS = (
    Org(
        "RX1",
        "Northgate Hospitals NHS Trust",
        "trust",
        3200,
        0.26,
        0.04,
        population_bme_pct=18.5,
        income=310e6,
    ),
    Org(
        "RX2",
        "Riverside Community Health NHS Foundation Trust",
        "foundation_trust",
        4500,
        0.22,
        0.05,
        population_bme_pct=14.0,
        income=420e6,
    ),
    Org(
        "NX3",
        "Fellside Independent Hospital",
        "independent",
        700,
        0.18,
        0.08,
        population_bme_pct=9.0,
        income=35e6,
    ),
    *(
        Org(code, f"{place} {kind.upper()}", kind, *model, "CSU01", population_bme_pct=pop, **era)
        for kind, era, codes in (
            ("ccg", {"last_year": 2022}, ("01A", "02B", "03C", "04D")),
            ("icb", {"first_year": 2023}, ("QZ1", "QZ2", "QZ3", "QZ4")),
        )
        for code, (place, model, pop) in zip(codes, _COMMISSIONER_MODELS)
    ),
)
EXAMPLE_YEARS = (2021, 2022, 2023)


def _spell(rng, codes: np.ndarray) -> np.ndarray:
    """A spelling of each national code, chosen at random among the accepted ones."""
    out = np.empty(len(codes), dtype=object)
    for code in np.unique(codes):
        where = np.flatnonzero(codes == code)
        options = np.array(_SPELLINGS[code], dtype=object)
        out[where] = options[rng.integers(0, len(options), len(where))]
    return out


def _groups_to_codes(rng, groups: np.ndarray) -> np.ndarray:
    codes = np.where(
        groups == "White",
        np.array(_WHITE)[rng.integers(0, len(_WHITE), len(groups))],
        np.array(_BME)[rng.integers(0, len(_BME), len(groups))],
    )
    return np.where(groups == "Unknown", "Z", codes)


def _draw_groups(rng, bme: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    u = rng.random(len(bme))
    return np.where(u < unknown, "Unknown", np.where(u < unknown + bme, "BME", "White"))


def _yes_no(rng, flags: np.ndarray, plain: bool) -> np.ndarray:
    if plain:
        return np.where(flags, "Y", "N")
    yes = np.array(_YES)[rng.integers(0, len(_YES), len(flags))]
    no = np.array(_NO)[rng.integers(0, len(_NO), len(flags))]
    return np.where(flags, yes, no)


def _staff(rng, orgs, year, plain):
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
    groups = _draw_groups(rng, bme, unknown)
    medical = band >= 14
    clinical = medical | (rng.random(len(band)) < np.where(is_ccg, 0.25, 0.62))
    codes = np.array([o.code for o in orgs])[org_idx]
    ids = np.char.add(
        np.char.add(codes.astype(str), "-"), np.char.zfill(np.arange(len(org_idx)).astype(str), 7)
    )
    bands = np.array(_BANDS)[band]
    if not plain:
        spellings = [np.array(_BAND_SPELLINGS[b], dtype=object) for b in _BANDS]
        variant = rng.integers(0, 3, len(band))
        bands = np.array([spellings[b][v] for b, v in zip(band, variant)], dtype=object)
    frame = pd.DataFrame(
        {
            "org_code": codes,
            "year": year,
            "staff_id": ids,
            "ethnic_category": _spell(rng, _groups_to_codes(rng, groups))
            if not plain
            else _groups_to_codes(rng, groups),
            "pay_band": bands,
            "clinical": _yes_no(rng, clinical, plain),
        }
    )
    return frame, groups


def _pick(rng, weights, n):
    w = np.array(weights, dtype=float)
    return rng.choice(len(w), size=n, p=w / w.sum())


def _events(rng, staff, groups, p_white, p_bme, duplicates=0.0):
    p = np.where(
        groups == "BME", p_bme, np.where(groups == "White", p_white, (p_white + p_bme) / 2)
    )
    chosen = staff[rng.random(len(staff)) < p][["org_code", "year", "staff_id", "ethnic_category"]]
    if duplicates:
        again = chosen.sample(frac=duplicates, random_state=int(rng.integers(1 << 31)))
        chosen = pd.concat([chosen, again]).sort_index(kind="stable")
    return chosen.reset_index(drop=True)


def _recruitment(rng, orgs, year, plain, per_staff=0.8):
    counts = np.array([max(12, int(o.staff * per_staff)) for o in orgs])
    org_idx = np.repeat(np.arange(len(orgs)), counts)
    bme = np.array([min(0.6, o.bme * 1.5 + 0.05) for o in orgs])[org_idx]
    groups = _draw_groups(rng, bme, np.full(len(org_idx), 0.04))
    shortlisted = rng.random(len(org_idx)) < np.where(groups == "BME", 0.26, 0.32)
    appointed = shortlisted & (rng.random(len(org_idx)) < np.where(groups == "BME", 0.11, 0.165))
    codes = np.array([o.code for o in orgs])[org_idx]
    ids = np.char.add("APP", np.char.zfill(np.arange(len(org_idx)).astype(str), 8))
    eth = _groups_to_codes(rng, groups)
    return pd.DataFrame(
        {
            "org_code": codes,
            "year": year,
            "applicant_id": ids,
            "ethnic_category": eth if plain else _spell(rng, eth),
            "shortlisted": _yes_no(rng, shortlisted, plain),
            "appointed": _yes_no(rng, appointed, plain),
        }
    )


_SURVEY_RATES = {5: (0.27, 0.29), 6: (0.23, 0.28), 7: (0.58, 0.45), 8: (0.06, 0.15)}


def _survey(rng, staff, groups, orgs):
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


def _survey_responses(rng, staff, groups):
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


def _board(rng, orgs, year):
    rows = []
    for o in orgs:
        size = 9 if o.org_type in vocab.COMMISSIONER_ORG_TYPES else 14
        for i in range(size):
            voting = i < size - 2
            executive = i % 2 == 0
            group = _draw_groups(rng, np.array([0.12 + 0.02 * (year - 2021)]), np.array([0.05]))
            code = _groups_to_codes(rng, group)
            rows.append(
                (
                    o.code,
                    year,
                    f"{o.code}-B{i:02d}",
                    _spell(rng, code)[0],
                    "Yes" if voting else "No",
                    "Y" if executive else "N",
                )
            )
    return pd.DataFrame(
        rows, columns=["org_code", "year", "member_id", "ethnic_category", "voting", "executive"]
    )


def _providers(orgs, years):
    latest = max(years)
    ccgs = [o for o in orgs if o.org_type in vocab.COMMISSIONER_ORG_TYPES and o.exists(latest)]
    due = f"{latest}-10-31"
    rows = []
    for i, c in enumerate(ccgs):
        rows += [
            (
                c.code,
                "RX1",
                "Northgate Hospitals NHS Trust",
                "nhs",
                310e6,
                due,
                f"{latest}-10-14",
                "https://www.example.nhs.uk/rx1/wres",
            ),
            (
                c.code,
                "RX2",
                "Riverside Community Health NHS Foundation Trust",
                "nhs",
                420e6,
                due,
                f"{latest}-11-20" if i % 2 else f"{latest}-10-30",
                "https://www.example.nhs.uk/rx2/wres",
            ),
            (
                c.code,
                "NX3",
                "Fellside Independent Hospital",
                "independent",
                35e6,
                due,
                "" if i % 2 == 0 else f"{latest}-10-02",
                "" if i % 2 == 0 else "https://www.example.org/fellside/wres",
            ),
            (c.code, "VX4", "Dales Hospice Care", "voluntary", 200000.0, due, "", ""),
            (
                c.code,
                "VX5",
                "Moorland Wellbeing Trust",
                "voluntary",
                200001.0,
                due,
                f"{latest}-10-31",
                "https://www.example.org/moorland/wres",
            ),
            (c.code, "Y0001", "Castle Street Surgery", "primary_care", 1.2e6, "", "", ""),
        ]
    return pd.DataFrame(
        rows,
        columns=[
            "commissioner_code",
            "provider_code",
            "provider_name",
            "provider_type",
            "nhs_income_gbp",
            "report_due",
            "report_received",
            "report_url",
        ],
    )


def generate(orgs=EXAMPLE_ORGS, years=EXAMPLE_YEARS, seed=SEED, plain=False):
    """Generate every table of a synthetic extract.

    Parameters
    ----------
    orgs : sequence of Org
    years : sequence of int
    seed : int
        The same seed gives the same extract.
    plain : bool
        Spell every value one way (faster, for the national benchmark).

    Returns
    -------
    dict of str -> pandas.DataFrame
    """
    rng = np.random.default_rng(seed)
    orgs = list(orgs)
    commissioners = [o for o in orgs if o.org_type in vocab.COMMISSIONER_ORG_TYPES]
    tables: dict[str, list[pd.DataFrame]] = {
        k: []
        for k in (
            "staff",
            "board",
            "recruitment",
            "disciplinary",
            "training",
            "leavers",
            "survey",
            "survey_responses",
        )
    }
    for year in years:
        # Successors take their predecessors' places in the list, so that the
        # random draws of every other organisation are the same in every year.
        active = [o for o in orgs if o.exists(year)]
        staff, groups = _staff(rng, active, year, plain)
        tables["staff"].append(staff)
        tables["board"].append(_board(rng, active, year))
        tables["recruitment"].append(_recruitment(rng, active, year, plain))
        tables["disciplinary"].append(_events(rng, staff, groups, 0.010, 0.017, duplicates=0.05))
        tables["training"].append(_events(rng, staff, groups, 0.58, 0.52, duplicates=0.1))
        tables["leavers"].append(_events(rng, staff, groups, 0.09, 0.11))
        is_comm = staff["org_code"].isin([o.code for o in commissioners]).to_numpy()
        tables["survey"].append(_survey(rng, staff[~is_comm], groups[~is_comm], orgs))
        tables["survey_responses"].append(_survey_responses(rng, staff[is_comm], groups[is_comm]))
    out = {k: pd.concat(v, ignore_index=True) for k, v in tables.items()}
    out["organisations"] = pd.DataFrame(
        {
            "org_code": [o.code for o in orgs],
            "org_name": [o.name for o in orgs],
            "org_type": [o.org_type for o in orgs],
            "region": [o.region for o in orgs],
            "cluster": [o.cluster or "" for o in orgs],
            "population_bme_pct": [o.population_bme_pct for o in orgs],
            "nhs_income_gbp": [o.income for o in orgs],
        }
    )
    if commissioners:
        out["providers"] = _providers(orgs, years)
    return out


#: The example extract's file formats: most CSV, one workbook, one Parquet file.
EXAMPLE_FORMATS = {"board": "xlsx", "training": "parquet"}


def write(
    tables: dict[str, pd.DataFrame], folder: str | Path, formats=None, default: str = "csv"
) -> list[Path]:
    """Write tables to an extract folder; returns the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    formats = formats or {}
    written = []
    for name, frame in tables.items():
        fmt = formats.get(name, default)
        path = folder / f"{name}.{fmt}"
        for old in folder.glob(f"{name}.*"):
            old.unlink()
        if fmt == "csv":
            # staff.csv carries a byte-order mark, as Excel's "CSV UTF-8" does.
            frame.to_csv(
                path,
                index=False,
                lineterminator="\n",
                encoding="utf-8-sig" if name == "staff" else "utf-8",
            )
        elif fmt == "xlsx":
            frame.to_excel(path, index=False, engine="openpyxl")
        else:
            frame.to_parquet(path, index=False)
        written.append(path)
    return written


def write_example(folder: str | Path) -> list[Path]:
    """Write the example extract (three years; four CCGs, then the four ICBs after them)."""
    tables = generate()
    # Headers as analysts' exports give them: any case, stray spaces.
    tables["recruitment"] = tables["recruitment"].rename(
        columns={"org_code": "Org_Code", "year": " Year ", "applicant_id": "Applicant_ID"}
    )
    return write(tables, folder, EXAMPLE_FORMATS)


def national_orgs(n_orgs: int = 230, total_staff: int = 1_400_000, seed: int = SEED) -> list[Org]:
    """About ``total_staff`` staff in ``n_orgs`` organisations, 30 of them CCGs in 6 clusters."""
    rng = np.random.default_rng(seed)
    n_ccg = 30
    ccg_sizes = rng.integers(40, 300, n_ccg)
    weights = rng.lognormal(0, 0.6, n_orgs - n_ccg)
    trust_sizes = np.round(weights / weights.sum() * (total_staff - ccg_sizes.sum())).astype(int)
    orgs = [
        Org(f"R{i:03d}", f"Trust {i}", "trust", int(s), float(rng.uniform(0.1, 0.4)), 0.05)
        for i, s in enumerate(trust_sizes)
    ]
    orgs += [
        Org(
            f"C{i:03d}",
            f"CCG {i}",
            "ccg",
            int(s),
            float(rng.uniform(0.05, 0.2)),
            0.15,
            f"CL{i % 6}",
        )
        for i, s in enumerate(ccg_sizes)
    ]
    return orgs


def write_national(folder: str | Path, fmt: str, years=(2022, 2023)) -> list[Path]:
    """The benchmark's national-scale extract, in one format."""
    tables = generate(national_orgs(), years, plain=True)
    tables.pop("providers", None)
    return write(tables, folder, default=fmt)
