"""The contract's kinds of organisation, and the words each report uses for them."""

from __future__ import annotations

ORG_TYPES = ("trust", "foundation_trust", "independent", "ccg", "icb", "csu", "other")
COMMISSIONER_ORG_TYPES = ("ccg", "icb", "csu")
PROVIDER_TYPES = ("nhs", "independent", "voluntary", "primary_care")

#: The words that fit each org_type: what it is called, and what its board is
#: called (a CCG's governing body, an ICB's or trust's board). Reports use these,
#: so an ICB's report never says "CCG".
ORG_WORDS = {
    "trust": {"short": "trust", "long": "NHS trust", "body": "board"},
    "foundation_trust": {"short": "trust", "long": "NHS foundation trust", "body": "board"},
    "independent": {"short": "provider", "long": "independent provider", "body": "board"},
    "ccg": {"short": "CCG", "long": "clinical commissioning group", "body": "governing body"},
    "icb": {"short": "ICB", "long": "integrated care board", "body": "board"},
    "csu": {"short": "CSU", "long": "commissioning support unit", "body": "board"},
    "other": {"short": "organisation", "long": "organisation", "body": "board"},
}


def org_words(org_type: str) -> dict[str, str]:
    """The words for an org_type (:data:`ORG_WORDS`); an unknown type gets the neutral ones.

    Examples
    --------
    >>> org_words("icb")["body"], org_words("ccg")["body"], org_words("cluster")["short"]
    ('board', 'governing body', 'organisation')
    """
    return ORG_WORDS.get(org_type, ORG_WORDS["other"])
