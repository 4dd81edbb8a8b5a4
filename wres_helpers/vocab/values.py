"""The contract's vocabularies of values: ethnic category, pay band, yes and no.

Each value an extract may give is read here, in any of the spellings the
contract accepts: a national ethnic code or its Data Dictionary description,
a pay band with or without its "Band", yes or no in their several forms.
"""

from __future__ import annotations

import re

import pandas as pd

WHITE, BME, UNKNOWN = "White", "BME", "Unknown"
ETHNIC_GROUPS = (WHITE, BME, UNKNOWN)
KNOWN_GROUPS = (WHITE, BME)
#: The Data Dictionary's broad groups within BME (contract, section 2).
BROAD_GROUPS = ("Mixed", "Asian", "Black", "Other")
#: National code letter -> broad group, for BME codes.
BROAD_GROUP_OF_CODE = {
    **dict.fromkeys("DEFG", "Mixed"),
    **dict.fromkeys("HJKL", "Asian"),
    **dict.fromkeys("MNP", "Black"),
    **dict.fromkeys("RS", "Other"),
}

#: National code -> (Data Dictionary description, WRES group).
ETHNIC_CATEGORIES: dict[str, tuple[str, str]] = {
    "A": ("White - British", WHITE),
    "B": ("White - Irish", WHITE),
    "C": ("White - Any other White background", WHITE),
    "D": ("Mixed - White and Black Caribbean", BME),
    "E": ("Mixed - White and Black African", BME),
    "F": ("Mixed - White and Asian", BME),
    "G": ("Mixed - Any other mixed background", BME),
    "H": ("Asian or Asian British - Indian", BME),
    "J": ("Asian or Asian British - Pakistani", BME),
    "K": ("Asian or Asian British - Bangladeshi", BME),
    "L": ("Asian or Asian British - Any other Asian background", BME),
    "M": ("Black or Black British - Caribbean", BME),
    "N": ("Black or Black British - African", BME),
    "P": ("Black or Black British - Any other Black background", BME),
    "R": ("Other Ethnic Groups - Chinese", BME),
    "S": ("Other Ethnic Groups - Any other ethnic group", BME),
    "Z": ("Not stated", UNKNOWN),
    "99": ("Not known", UNKNOWN),
}
#: Values that mean the person's ethnicity is not recorded.
UNKNOWN_WORDS = ("", "not stated", "not known", "prefer not to say", "unspecified")

_CODE_LETTERS = "".join(c for c in ETHNIC_CATEGORIES if len(c) == 1)
_CODE_PATTERN = re.compile(rf"^([{_CODE_LETTERS}])(?:[A-Za-z0-9])?(?:$|[ \-])", re.IGNORECASE)


def _fold(text: str) -> str:
    """Lower-case, collapse white space and the spacing around hyphens."""
    text = re.sub(r"\s*-\s*", " - ", text.strip().lower())
    return re.sub(r"\s+", " ", text)


_DESCRIPTIONS = {_fold(desc): group for desc, group in ETHNIC_CATEGORIES.values()}
_DESCRIPTIONS.update({word: UNKNOWN for word in UNKNOWN_WORDS})


def ethnic_group(value: object) -> str | None:
    """WRES group (White, BME or Unknown) of one ethnic-category value.

    Parameters
    ----------
    value : object
        A national code (``A``, ``CA``, ``C3 White other``, ``99``), a Data
        Dictionary description in any case, an unknown-word, or blank.

    Returns
    -------
    str or None
        ``"White"``, ``"BME"`` or ``"Unknown"``; None when the value is not
        in the vocabulary (an error, never Unknown).

    Examples
    --------
    >>> ethnic_group("H Indian"), ethnic_group("white - irish"), ethnic_group("")
    ('BME', 'White', 'Unknown')
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return UNKNOWN
    text = str(value).strip()
    if text == "99" or re.match(r"^99(?:$|[ \-])", text):
        return UNKNOWN
    match = _CODE_PATTERN.match(text)
    if match:
        return ETHNIC_CATEGORIES[match.group(1).upper()][1]
    return _DESCRIPTIONS.get(_fold(text))


_CODE_OF_DESCRIPTION = {_fold(desc): code for code, (desc, _g) in ETHNIC_CATEGORIES.items()}


def broad_group(value: object) -> str | None:
    """Like :func:`ethnic_group`, with BME split into the broad groups.

    Examples
    --------
    >>> broad_group("H Indian"), broad_group("Black or Black British - African")
    ('Asian', 'Black')
    >>> broad_group("A"), broad_group("")
    ('White', 'Unknown')
    """
    group = ethnic_group(value)
    if group != BME:
        return group
    text = str(value).strip()
    match = _CODE_PATTERN.match(text)
    code = match.group(1).upper() if match else _CODE_OF_DESCRIPTION[_fold(text)]
    return BROAD_GROUP_OF_CODE[code]


PAY_BANDS_AFC = (
    "Under Band 1",
    "Band 1",
    "Band 2",
    "Band 3",
    "Band 4",
    "Band 5",
    "Band 6",
    "Band 7",
    "Band 8A",
    "Band 8B",
    "Band 8C",
    "Band 8D",
    "Band 9",
    "VSM",
)
MEDICAL_GRADES = ("Consultant", "Non-consultant career grade", "Trainee grade", "Other medical")
#: Every pay band in reporting order: Agenda for Change, then medical and dental.
PAY_BANDS = PAY_BANDS_AFC + MEDICAL_GRADES
#: Bands the WRES counts as senior (for the "fewer in senior bands" narrative).
SENIOR_BANDS = ("Band 8A", "Band 8B", "Band 8C", "Band 8D", "Band 9", "VSM")
#: Senior groups of Agenda for Change bands (the Model Employer strategy's), reported
#: for clinical, non-clinical and all staff; VSM for all staff is ``All|VSM``.
SENIOR_GROUPS: dict[str, tuple[str, ...]] = {
    "Band 8A and above": SENIOR_BANDS,
    "Band 8C and above": ("Band 8C", "Band 8D", "Band 9", "VSM"),
}
SENIOR_BREAKDOWNS = tuple(
    f"{side}|{group}" for group in SENIOR_GROUPS for side in ("Clinical", "Non-clinical", "All")
) + ("All|VSM",)

_BAND_LOOKUP = {_fold(b): b for b in PAY_BANDS}
_BAND_LOOKUP.update(
    {_fold(b.removeprefix("Band ")): b for b in PAY_BANDS_AFC if b.startswith("Band ")}
)


def pay_band(value: object) -> str | None:
    """Canonical pay band of one value, or None when not in the vocabulary.

    Examples
    --------
    >>> pay_band("8a"), pay_band(" band 8A "), pay_band("vsm"), pay_band("Band 10")
    ('Band 8A', 'Band 8A', 'VSM', None)
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return _BAND_LOOKUP.get(_fold(str(value)))


_YES = {"y", "yes", "true", "1"}
_NO = {"n", "no", "false", "0"}


def yes_no(value: object, blank_allowed: bool = False) -> bool | None | str:
    """True, False, or ``"invalid"``; blank gives None when ``blank_allowed``.

    Examples
    --------
    >>> yes_no("Yes"), yes_no("FALSE"), yes_no("maybe"), yes_no("", blank_allowed=True)
    (True, False, 'invalid', None)
    """
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None if blank_allowed else "invalid"
    text = str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    if text == "" and blank_allowed:
        return None
    return "invalid"
