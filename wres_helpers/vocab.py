"""The contract's vocabularies, each defined once.

Ethnic category (NHS Data Dictionary ETHNIC CATEGORY), pay band, yes/no,
organisation and provider types, and the tables and columns of an extract.
Every other module reads these names from here.
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


ORG_TYPES = ("trust", "foundation_trust", "independent", "ccg", "icb", "csu", "other")
PROVIDER_ORG_TYPES = ("trust", "foundation_trust", "independent", "other")
COMMISSIONER_ORG_TYPES = ("ccg", "icb", "csu")
PROVIDER_TYPES = ("nhs", "independent", "voluntary", "primary_care")
SURVEY_INDICATORS = (5, 6, 7, 8)

#: Each table: (required columns, optional columns).
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "organisations": (
        ("org_code", "org_name", "org_type"),
        ("region", "cluster", "population_bme_pct", "nhs_income_gbp"),
    ),
    "staff": (("org_code", "year", "staff_id", "ethnic_category", "pay_band", "clinical"), ()),
    "board": (("org_code", "year", "member_id", "ethnic_category", "voting", "executive"), ()),
    "recruitment": (
        ("org_code", "year", "applicant_id", "ethnic_category", "shortlisted", "appointed"),
        (),
    ),
    "disciplinary": (("org_code", "year", "staff_id", "ethnic_category"), ()),
    "training": (("org_code", "year", "staff_id", "ethnic_category"), ()),
    "survey": (("org_code", "year", "indicator", "ethnic_group", "respondents", "positive"), ()),
    "survey_responses": (
        ("org_code", "year", "respondent_id", "ethnic_category", "ind5", "ind6", "ind7", "ind8"),
        (),
    ),
    "leavers": (("org_code", "year", "staff_id", "ethnic_category"), ()),
    "providers": (
        (
            "commissioner_code",
            "provider_code",
            "provider_name",
            "provider_type",
            "nhs_income_gbp",
            "report_due",
            "report_received",
        ),
        ("report_url",),
    ),
    "wres_return": (("org_code", "year", "measure", "breakdown", "ethnic_group", "count"), ()),
    "not_collected": (("org_code", "year", "table"), ()),
}
#: Tables an organisation may not have collected (the optional ``not_collected`` table).
COLLECTABLE_TABLES = (
    "board",
    "recruitment",
    "disciplinary",
    "training",
    "leavers",
    "survey",
    "survey_responses",
)
#: Identifier columns: read as plain text, since nearly every value is distinct.
ID_COLUMNS = ("staff_id", "applicant_id", "member_id", "respondent_id")
#: Tables an extract must have (unless it is an aggregated extract).
REQUIRED_TABLES = ("organisations", "staff")
RECORD_TABLES = (
    "staff",
    "board",
    "recruitment",
    "disciplinary",
    "training",
    "survey",
    "survey_responses",
    "leavers",
)

#: The aggregated return's measures and the breakdowns each may carry.
BOARD_BREAKDOWNS = (
    "voting-executive",
    "voting-nonexecutive",
    "nonvoting-executive",
    "nonvoting-nonexecutive",
)
#: Indicator 9's sums of seats (beside ``Total board``, all four).
BOARD_GROUPS: dict[str, tuple[str, ...]] = {
    "Voting": ("voting-executive", "voting-nonexecutive"),
    "Executive": ("voting-executive", "nonvoting-executive"),
    "Non-executive": ("voting-nonexecutive", "nonvoting-nonexecutive"),
}
#: Medical and dental grades are clinical whatever the ``clinical`` column says.
STAFF_BREAKDOWNS = tuple(f"Clinical|{band}" for band in PAY_BANDS) + tuple(
    f"Non-clinical|{band}" for band in PAY_BANDS_AFC
)
MEASURES: dict[str, tuple[str, ...]] = {
    "staff": STAFF_BREAKDOWNS,
    "board": BOARD_BREAKDOWNS,
    "applied": ("All",),
    "shortlisted": ("All",),
    "appointed": ("All",),
    "disciplinary": ("All",),
    "training": ("All",),
    "leavers": ("All",),
    "survey_respondents": tuple(str(i) for i in SURVEY_INDICATORS),
    "survey_positive": tuple(str(i) for i in SURVEY_INDICATORS),
}
