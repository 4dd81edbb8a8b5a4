"""The many ways the contract lets an extract spell a value, drawn at random.

Ethnic categories, yes and no, and pay bands each come in every accepted
spelling, so that the example tests the reading of all of them.
"""

from __future__ import annotations

import numpy as np

from wres_helpers import vocab

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
BANDS = list(vocab.PAY_BANDS_AFC + vocab.MEDICAL_GRADES)
BAND_SPELLINGS = {b: [b, b.lower(), b.removeprefix("Band ")] for b in BANDS}


def spell(rng, codes: np.ndarray) -> np.ndarray:
    """A spelling of each national code, chosen at random among the accepted ones."""
    out = np.empty(len(codes), dtype=object)
    for code in np.unique(codes):
        where = np.flatnonzero(codes == code)
        options = np.array(_SPELLINGS[code], dtype=object)
        out[where] = options[rng.integers(0, len(options), len(where))]
    return out


def groups_to_codes(rng, groups: np.ndarray) -> np.ndarray:
    codes = np.where(
        groups == "White",
        np.array(_WHITE)[rng.integers(0, len(_WHITE), len(groups))],
        np.array(_BME)[rng.integers(0, len(_BME), len(groups))],
    )
    return np.where(groups == "Unknown", "Z", codes)


def draw_groups(rng, bme: np.ndarray, unknown: np.ndarray) -> np.ndarray:
    u = rng.random(len(bme))
    return np.where(u < unknown, "Unknown", np.where(u < unknown + bme, "BME", "White"))


def yes_no(rng, flags: np.ndarray, plain: bool) -> np.ndarray:
    if plain:
        return np.where(flags, "Y", "N")
    yes = np.array(_YES)[rng.integers(0, len(_YES), len(flags))]
    no = np.array(_NO)[rng.integers(0, len(_NO), len(flags))]
    return np.where(flags, yes, no)
