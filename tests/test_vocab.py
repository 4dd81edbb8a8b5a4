"""The contract's vocabularies: a case table each of expected, erroneous and edge inputs."""

import pytest

from wres_helpers.vocab import ethnic_group, pay_band, yes_no


@pytest.mark.parametrize(
    "value, expected",
    [
        # national codes, any case, with or without a description or a local sub-code
        ("A", "White"),
        ("a", "White"),
        ("A White - British", "White"),
        ("CA", "White"),
        ("C3 White other", "White"),
        ("H Indian", "BME"),
        ("h", "BME"),
        ("S", "BME"),
        ("R", "BME"),
        ("D-Mixed", "BME"),
        ("P2", "BME"),
        # Data Dictionary descriptions in any case
        ("White - Irish", "White"),
        ("white - irish", "White"),
        ("WHITE-IRISH", "White"),
        ("Asian or Asian British - Indian", "BME"),
        ("Other Ethnic Groups - Chinese", "BME"),
        ("Black or Black British - African", "BME"),
        ("Mixed - White and Asian", "BME"),
        # unknowns
        ("Z", "Unknown"),
        ("99", "Unknown"),
        ("", "Unknown"),
        ("  ", "Unknown"),
        (None, "Unknown"),
        ("Not stated", "Unknown"),
        ("not known", "Unknown"),
        ("Prefer not to say", "Unknown"),
        ("Unspecified", "Unknown"),
        ("Z Not stated", "Unknown"),
        # errors: not Unknown
        ("I", None),
        ("O", None),
        ("Q", None),
        ("X", None),
        ("Indian", None),
        ("Whte", None),
        ("ABC", None),
        ("A1B", None),
        ("98", None),
        ("BME", None),
        ("White", None),
    ],
)
def test_ethnic_group_reads_codes_and_descriptions(value, expected):
    assert ethnic_group(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Band 5", "Band 5"),
        ("band 5", "Band 5"),
        ("5", "Band 5"),
        ("8a", "Band 8A"),
        ("band 8A", "Band 8A"),
        ("8D", "Band 8D"),
        ("Band 9", "Band 9"),
        ("VSM", "VSM"),
        ("vsm", "VSM"),
        ("Under Band 1", "Under Band 1"),
        ("consultant", "Consultant"),
        ("Non-consultant career grade", "Non-consultant career grade"),
        ("Trainee grade", "Trainee grade"),
        ("Other medical", "Other medical"),
        ("Band 10", None),
        ("8E", None),
        ("", None),
        (None, None),
        ("Band", None),
        ("Doctor", None),
    ],
)
def test_pay_band_reads_the_contract_spellings(value, expected):
    assert pay_band(value) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Y", True),
        ("yes", True),
        ("TRUE", True),
        ("1", True),
        ("n", False),
        ("No", False),
        ("false", False),
        ("0", False),
        (" Y ", True),
        ("maybe", "invalid"),
        ("2", "invalid"),
        ("", "invalid"),
        (None, "invalid"),
    ],
)
def test_yes_no(value, expected):
    assert yes_no(value) == expected


def test_yes_no_blank_allowed_for_survey_answers():
    assert yes_no("", blank_allowed=True) is None
    assert yes_no(None, blank_allowed=True) is None
    assert yes_no("x", blank_allowed=True) == "invalid"


@pytest.mark.parametrize(
    "org_type, short, body",
    [
        ("ccg", "CCG", "governing body"),
        ("icb", "ICB", "board"),
        ("trust", "trust", "board"),
        ("cluster", "organisation", "board"),  # not an org_type: the neutral words
    ],
)
def test_org_words_fit_each_org_type(org_type, short, body):
    from wres_helpers.vocab import org_words

    words = org_words(org_type)
    assert (words["short"], words["body"]) == (short, body)
    if org_type != "ccg":
        assert "CCG" not in " ".join(words.values())
