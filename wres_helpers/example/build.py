"""Every table of a synthetic extract, and the extract written to a folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wres_helpers import vocab
from wres_helpers.example.orgs import EXAMPLE_ORGS, EXAMPLE_YEARS, SEED, national_orgs
from wres_helpers.example.providers import providers_table
from wres_helpers.example.workforce import (
    board_table,
    events_table,
    recruitment_table,
    staff_table,
    survey_responses_table,
    survey_table,
)


def _year(rng, orgs: list, year: int, plain: bool) -> dict[str, pd.DataFrame]:
    """One year's record tables (the order of the draws fixes the extract)."""
    # Successors take their predecessors' places in the list, so that the
    # random draws of every other organisation are the same in every year.
    active = [o for o in orgs if o.exists(year)]
    staff, groups = staff_table(rng, active, year, plain)
    out = {"staff": staff, "board": board_table(rng, active, year)}
    out["recruitment"] = recruitment_table(rng, active, year, plain)
    out["disciplinary"] = events_table(rng, staff, groups, 0.010, 0.017, duplicates=0.05)
    out["training"] = events_table(rng, staff, groups, 0.58, 0.52, duplicates=0.1)
    out["leavers"] = events_table(rng, staff, groups, 0.09, 0.11)
    commissioners = [o.code for o in orgs if o.org_type in vocab.COMMISSIONER_ORG_TYPES]
    is_comm = staff["org_code"].isin(commissioners).to_numpy()
    out["survey"] = survey_table(rng, staff[~is_comm], groups[~is_comm], orgs)
    out["survey_responses"] = survey_responses_table(rng, staff[is_comm], groups[is_comm])
    return out


def _organisations(orgs: list) -> pd.DataFrame:
    """The organisations table: one row per organisation, whichever years it existed."""
    return pd.DataFrame(
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
    by_year = [_year(rng, orgs, year, plain) for year in years]
    out = {k: pd.concat([y[k] for y in by_year], ignore_index=True) for k in vocab.RECORD_TABLES}
    out["organisations"] = _organisations(orgs)
    if any(o.org_type in vocab.COMMISSIONER_ORG_TYPES for o in orgs):
        out["providers"] = providers_table(orgs, years)
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


def write_national(folder: str | Path, fmt: str, years=(2022, 2023)) -> list[Path]:
    """The benchmark's national-scale extract, in one format."""
    tables = generate(national_orgs(), years, plain=True)
    tables.pop("providers", None)
    return write(tables, folder, default=fmt)
