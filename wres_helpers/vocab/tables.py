"""The contract's tables: each one's columns, and the aggregated return's measures."""

from __future__ import annotations

from wres_helpers.vocab.values import PAY_BANDS, PAY_BANDS_AFC

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
