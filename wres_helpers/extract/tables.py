"""Each table's columns, declared once: the kind of each field and the keys that are unique.

Column order and which columns are required come from ``vocab.TABLES``;
here each column gets its kind (a key of :data:`~wres_helpers.extract.fields.KINDS`),
and each table the key no two rows may share.
"""

from __future__ import annotations

#: Table -> column -> kind. Column order and required/optional come from vocab.TABLES.
COLUMN_KINDS: dict[str, dict[str, str]] = {
    "organisations": {
        "org_code": "code",
        "org_name": "name",
        "org_type": "org_type",
        "region": "optional_text",
        "cluster": "optional_code",
        "population_bme_pct": "pct",
        "nhs_income_gbp": "money",
    },
    "staff": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic_broad",
        "pay_band": "band",
        "clinical": "yes_no",
    },
    "board": {
        "org_code": "code",
        "year": "year",
        "member_id": "text",
        "ethnic_category": "ethnic",
        "voting": "yes_no",
        "executive": "yes_no",
    },
    "recruitment": {
        "org_code": "code",
        "year": "year",
        "applicant_id": "text",
        "ethnic_category": "ethnic",
        "shortlisted": "yes_no",
        "appointed": "yes_no",
    },
    "disciplinary": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "training": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "leavers": {
        "org_code": "code",
        "year": "year",
        "staff_id": "text",
        "ethnic_category": "ethnic",
    },
    "survey": {
        "org_code": "code",
        "year": "year",
        "indicator": "indicator",
        "ethnic_group": "survey_group",
        "respondents": "count",
        "positive": "count",
    },
    "survey_responses": {
        "org_code": "code",
        "year": "year",
        "respondent_id": "text",
        "ethnic_category": "ethnic",
        "ind5": "yes_no_blank",
        "ind6": "yes_no_blank",
        "ind7": "yes_no_blank",
        "ind8": "yes_no_blank",
    },
    "providers": {
        "commissioner_code": "code",
        "provider_code": "code",
        "provider_name": "name",
        "provider_type": "provider_type",
        "nhs_income_gbp": "money",
        "report_due": "date",
        "report_received": "date",
        "report_url": "optional_text",
    },
    "wres_return": {
        "org_code": "code",
        "year": "year",
        "measure": "measure",
        "breakdown": "text",
        "ethnic_group": "return_group",
        "count": "count",
    },
    "not_collected": {"org_code": "code", "year": "year", "table": "collectable"},
}

#: Columns whose pairs must be unique in a table (one row per person per year, ...).
UNIQUE_KEYS = {
    "organisations": ["org_code"],
    "staff": ["org_code", "year", "staff_id"],
    "board": ["org_code", "year", "member_id"],
    "survey": ["org_code", "year", "indicator", "ethnic_group"],
    "survey_responses": ["org_code", "year", "respondent_id"],
    "providers": ["commissioner_code", "provider_code"],
    "wres_return": ["org_code", "year", "measure", "breakdown", "ethnic_group"],
    "not_collected": ["org_code", "year", "table"],
}
#: Tables where a person counts once a year however often they appear.
ONCE_A_YEAR = ("disciplinary", "training", "leavers")
KEY_NOUN = {
    "organisations": "org_code",
    "staff": "staff_id",
    "board": "member_id",
    "survey": "indicator and ethnic_group",
    "survey_responses": "respondent_id",
    "providers": "provider_code",
    "wres_return": "measure, breakdown and ethnic_group",
    "not_collected": "table",
}
