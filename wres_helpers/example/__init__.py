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

Its parts: :mod:`.orgs` (the organisations, real-looking and national),
:mod:`.spelling` (the many spellings of each code), :mod:`.workforce` (staff,
board, recruitment, events and survey tables), :mod:`.providers` (the
commissioners' providers) and :mod:`.build` (every table, written to a folder).
"""

from wres_helpers.example.build import (
    EXAMPLE_FORMATS,
    generate,
    write,
    write_example,
    write_national,
)
from wres_helpers.example.orgs import EXAMPLE_ORGS, EXAMPLE_YEARS, SEED, Org, national_orgs

__all__ = [
    "EXAMPLE_FORMATS",
    "EXAMPLE_ORGS",
    "EXAMPLE_YEARS",
    "SEED",
    "Org",
    "generate",
    "national_orgs",
    "write",
    "write_example",
    "write_national",
]
