"""How each kind of field is parsed: value in, parsed value (or :data:`BAD`) out.

One parser per kind of field (codes, names, years, counts, dates, ethnic
categories, pay bands, yes/no, the contract's choices) and :data:`KINDS`,
which pairs each with the type it becomes and the message a bad value gets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from wres_helpers import vocab

#: No NHS count comes near this (the whole NHS employs about 1.5 million people);
#: a larger one is a mistake, and would overflow a 64-bit integer near 2**63.
MAX_COUNT = 10_000_000
#: An ODS-like code: letters and digits only, so that it is safe as a file name.
CODE_PATTERN = re.compile(r"[A-Z0-9]{1,20}")
#: Characters a name must not hold: controls (line breaks, NUL), bidirectional
#: overrides and isolates, and line or paragraph separators.
UNSAFE_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


#: What a parser returns for a value it cannot read (None is a valid blank).
BAD = object()


def is_blank(v: object) -> bool:
    """Whether a raw value is missing or only spaces."""
    return v is None or (isinstance(v, float) and np.isnan(v)) or str(v).strip() == ""


def parse_code(v):
    """An organisation code: trimmed, upper case, letters and digits only.

    >>> parse_code(" rx1 "), parse_code("../x") is BAD, parse_code("") is BAD
    ('RX1', True, True)
    """
    if is_blank(v):
        return BAD
    code = str(v).strip().upper()
    return code if CODE_PATTERN.fullmatch(code) else BAD


def parse_optional_code(v):
    """A code that may be blank (a cluster): as :func:`parse_code`, blank gives None."""
    return None if is_blank(v) else parse_code(v)


def parse_name(v):
    """A name (not blank) with no control characters, line breaks or bidi overrides.

    >>> parse_name("Northgate NHS Trust"), parse_name("A\\nnotebook: x") is BAD
    ('Northgate NHS Trust', True)
    """
    text = parse_text(v)
    return BAD if text is BAD or UNSAFE_IN_NAMES.search(text) else text


def parse_text(v):
    """Free text that must not be blank (names, identifiers)."""
    return BAD if is_blank(v) else str(v).strip()


def parse_optional_text(v):
    """Free text that may be blank."""
    return None if is_blank(v) else str(v).strip()


def parse_int(v, low=None, high=None):
    """A whole number, optionally within [low, high]."""
    if is_blank(v):
        return BAD
    text = str(v).strip()
    if re.fullmatch(r"[+-]?\d+(\.0+)?", text) is None:
        return BAD
    number = int(float(text)) if "." in text else int(text)
    if (low is not None and number < low) or (high is not None and number > high):
        return BAD
    return number


def parse_year(v):
    """A WRES reporting year: an integer from 1948 (the NHS's first) to 2100."""
    return parse_int(v, 1948, 2100)


def parse_count(v):
    """A count: a whole number from zero to :data:`MAX_COUNT`."""
    return parse_int(v, 0, MAX_COUNT)


def parse_indicator(v):
    """A staff-survey indicator number: 5, 6, 7 or 8."""
    return parse_int(v, 5, 8)


def parse_number(v, low=0.0, high=None, blank_ok=True):
    """A number within [low, high]; blank gives None where allowed."""
    if is_blank(v):
        return None if blank_ok else BAD
    text = str(v).strip().replace(",", "").lstrip("£")
    try:
        number = float(text)
    except ValueError:
        return BAD
    if not np.isfinite(number) or number < low or (high is not None and number > high):
        return BAD
    return number


def parse_pct(v):
    """A percentage 0-100, or blank."""
    return parse_number(v, 0.0, 100.0)


def parse_money(v):
    """A sum in pounds, zero or more, or blank (not known)."""
    return parse_number(v, 0.0)


def parse_date(v):
    """A date, ISO (2016-05-01) or dd/mm/yyyy, or blank."""
    if is_blank(v):
        return None
    text = str(v).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return BAD


def parse_ethnic(v):
    """A WRES group from an ethnic category; blank is Unknown."""
    group = vocab.ethnic_group(v)
    return BAD if group is None else group


def parse_ethnic_broad(v):
    """White, Unknown, or the broad group (Mixed, Asian, Black, Other) of a BME category."""
    group = vocab.broad_group(v)
    return BAD if group is None else group


def parse_band(v):
    """A canonical pay band."""
    band = vocab.pay_band(v)
    return BAD if band is None else band


def parse_yes_no(v):
    """True or False."""
    answer = vocab.yes_no(v)
    return BAD if answer == "invalid" else answer


def parse_yes_no_blank(v):
    """True, False, or None for a blank answer."""
    answer = vocab.yes_no(v, blank_allowed=True)
    return BAD if answer == "invalid" else answer


def parse_choice(choices):
    """A parser accepting one of ``choices``, in any case."""
    lookup = {c.lower(): c for c in choices}

    def parse(v):
        return BAD if is_blank(v) else lookup.get(str(v).strip().lower(), BAD)

    return parse


parse_survey_group = parse_choice(vocab.KNOWN_GROUPS)
parse_return_group = parse_choice(vocab.ETHNIC_GROUPS + vocab.BROAD_GROUPS)
parse_org_type = parse_choice(vocab.ORG_TYPES)
parse_provider_type = parse_choice(vocab.PROVIDER_TYPES)
parse_measure = parse_choice(vocab.MEASURES)
parse_collectable = parse_choice(vocab.COLLECTABLE_TABLES)


@dataclass(frozen=True)
class Kind:
    """How one kind of field is parsed, what it becomes, and what its error says."""

    parse: Callable
    message: str
    dtype: str = "object"


KINDS = {
    "code": Kind(
        parse_code, "not an organisation code (letters and digits, such as RX1)", "category"
    ),
    "optional_code": Kind(
        parse_optional_code, "not a code (letters and digits, or blank)", "category"
    ),
    "name": Kind(
        parse_name,
        "blank, or holds a control character, line break or direction override",
        "category",
    ),
    "text": Kind(parse_text, "blank: a value is required", "category"),
    "optional_text": Kind(parse_optional_text, "", "object"),
    "year": Kind(parse_year, "not a year (a whole number such as 2016)", "int16"),
    "count": Kind(parse_count, f"not a count (a whole number from 0 to {MAX_COUNT:,})", "int64"),
    "indicator": Kind(parse_indicator, "not a staff-survey indicator (5, 6, 7 or 8)", "int8"),
    "pct": Kind(parse_pct, "not a percentage from 0 to 100", "float64"),
    "money": Kind(parse_money, "not an amount in pounds (zero or more)", "float64"),
    "date": Kind(parse_date, "not a date (2016-05-01 or 01/05/2016)", "object"),
    "ethnic": Kind(parse_ethnic, "not an NHS Data Dictionary ethnic category", "category"),
    "ethnic_broad": Kind(
        parse_ethnic_broad, "not an NHS Data Dictionary ethnic category", "category"
    ),
    "band": Kind(
        parse_band, "not a pay band (Band 1 ... Band 9, VSM or a medical grade)", "category"
    ),
    "yes_no": Kind(parse_yes_no, "not yes or no (Y/N, Yes/No, TRUE/FALSE, 1/0)", "bool"),
    "yes_no_blank": Kind(
        parse_yes_no_blank, "not yes, no or blank (Y/N, Yes/No, TRUE/FALSE, 1/0)", "object"
    ),
    "survey_group": Kind(parse_survey_group, "not a survey group (White or BME)", "category"),
    "return_group": Kind(
        parse_return_group,
        "not an ethnic group (White, BME, Unknown, Mixed, Asian, Black or Other)",
        "category",
    ),
    "collectable": Kind(
        parse_collectable,
        "not a table that can be not collected (" + ", ".join(vocab.COLLECTABLE_TABLES) + ")",
        "category",
    ),
    "org_type": Kind(
        parse_org_type, "not an organisation type (" + ", ".join(vocab.ORG_TYPES) + ")", "category"
    ),
    "provider_type": Kind(
        parse_provider_type,
        "not a provider type (" + ", ".join(vocab.PROVIDER_TYPES) + ")",
        "category",
    ),
    "measure": Kind(
        parse_measure,
        "not a measure of the WRES return (" + ", ".join(vocab.MEASURES) + ")",
        "category",
    ),
}
