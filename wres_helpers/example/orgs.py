"""The example's organisations: three providers and a CSU cluster of commissioners.

Four CCGs form the cluster until WRES year 2022, and four ICBs drawn from the
same models take their places from 2023; :func:`national_orgs` scales the
model to about 1.4 million staff for the benchmark.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SEED = 20160331


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
