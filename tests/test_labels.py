"""Labels resting on figures: case tables worked by hand."""

import datetime as dt
import math

import pytest

from wres_helpers.report.assurance import assurance_sentence, assurance_status
from wres_helpers.report.labels import (
    change,
    non_adverse_sentence,
    quality_label,
    share_row,
    shown_difference,
    significance,
    survey_change,
)

NAN = math.nan


@pytest.mark.parametrize(
    "this, last, kind, better, expected",
    [
        # Shown values equal: 1.004 and 0.996 both print 1.00.
        (1.004, 0.996, "ratio", "parity", "No change"),
        (25.04, 24.96, "pct", "higher", "No change"),  # both print 25.0%
        (0.0, 0.0, "ratio", "parity", "No change"),
        # |log 1.20| = 0.182 < |log 1.50| = 0.405: closer.
        (1.2, 1.5, "ratio", "parity", "Closer to parity"),
        # |log 0.70| = 0.357 > |log 0.90| = 0.105: further.
        (0.7, 0.9, "ratio", "parity", "Further from parity"),
        # 1.01 -> 0.87: |log 0.87| = 0.139 > |log 1.01| = 0.010, and it crossed 1.
        (0.87, 1.01, "ratio", "parity", "Further from parity (crossed to the other side)"),
        # 0.80 -> 1.10: |log 1.10| = 0.095 < |log 0.80| = 0.223, crossed 1.
        (1.10, 0.80, "ratio", "parity", "Closer to parity (crossed to the other side)"),
        # A likelihood of 0 is infinitely far from parity on the log scale.
        (0.5, 0.0, "ratio", "parity", "Closer to parity"),
        # Board difference: -5.0 -> -9.0 points is further from 0; +3.0 -> -6.0 crossed 0.
        (-9.0, -5.0, "pp", "parity", "Further from parity"),
        (-3.0, 6.0, "pp", "parity", "Closer to parity (crossed to the other side)"),
        # 1.00 (parity itself) to 1.30 does not cross: it leaves parity.
        (1.3, 1.0, "ratio", "parity", "Further from parity"),
        (4.8, 5.0, "pct", "neutral", "Down"),
        (30.0, 25.0, "pct", "lower", "Up (worse)"),
        (30.0, 25.0, "pct", "higher", "Up (better)"),
        (NAN, 1.0, "ratio", "parity", "Not comparable"),
        (1.0, NAN, "ratio", "parity", "Not comparable"),
    ],
)
def test_direction_of_change_on_shown_values(this, last, kind, better, expected):
    assert change(this, last, kind, better) == expected


@pytest.mark.parametrize(
    "indicator, this, last, expected",
    [
        (5, 28.0, 31.0, "Less harassment reported by BME staff"),
        (6, 31.0, 28.0, "More harassment reported by BME staff"),
        (7, 48.0, 45.0, "More belief in equal opportunities among BME staff"),
        (7, 40.0, 45.0, "Less belief in equal opportunities among BME staff"),
        (8, 9.0, 12.0, "Less discrimination reported by BME staff"),
        (8, 12.04, 11.96, "No change"),  # both print 12.0%
        (5, 0.0, 0.0, "No change"),
        (5, NAN, 31.0, "Not comparable"),
    ],
)
def test_survey_change_says_what_it_means_for_bme_staff(indicator, this, last, expected):
    assert survey_change(indicator, this, last) == expected


@pytest.mark.parametrize(
    "first, second, kind, expected",
    [
        (17.46, 6.24, "pct", 11.3),  # 17.5 - 6.2; the exact 11.22 would print 11.2
        (17.54, 6.16, "pct", 11.3),  # 17.5 - 6.2; the exact 11.38 would print 11.4
        (4.8, 4.8, "pct", 0.0),
        (0.0, 12.0, "pct", -12.0),
        (NAN, 3.0, "pct", NAN),
    ],
)
def test_difference_is_of_the_parts_as_shown(first, second, kind, expected):
    got = shown_difference(first, second, kind)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


@pytest.mark.parametrize(
    "parts, whole, expected",
    [
        # 8 + 1 + 0 = 9 governing-body members: 88.9%, 11.1%, 0.0%.
        ([(8, False), (1, False), (0, False)], (9, False), [88.9, 11.1, 0.0]),
        # BME withheld: White and Unknown would pin it (100 - 88.9 - 0), so all go.
        ([(8, False), (NAN, True), (0, False)], (9, False), ["[c]", "[c]", "[c]"]),
        # The total withheld: no share can be shown.
        ([(8, False), (9, False)], (NAN, True), ["[c]", "[c]"]),
        # A zero total: no shares, none withheld.
        ([(0, False), (0, False)], (0, False), ["n/a", "n/a"]),
    ],
)
def test_share_row_withholds_every_share_when_a_part_is(parts, whole, expected):
    got = [
        "[c]" if withheld else ("n/a" if math.isnan(v) else round(v, 1))
        for v, withheld in share_row(parts, whole)
    ]
    assert got == expected


@pytest.mark.parametrize(
    "unknown_pct, withheld, expected",
    [
        (10.0, False, "Adequate"),  # at the limit is not above it
        (10.1, False, "Low: more than 10% not known"),
        (0.0, False, "Adequate"),
        (12.0, True, "[c]"),  # a withheld rate takes its label with it
        (2.0, True, "[c]"),
        (NAN, False, "n/a"),
    ],
)
def test_quality_label_is_withheld_with_its_rate(unknown_pct, withheld, expected):
    assert quality_label(unknown_pct, withheld, 10) == expected


DUE = dt.date(2023, 9, 30)
SEP29 = dt.date(2023, 9, 29)


@pytest.mark.parametrize(
    "in_scope, due, received, as_of, expected",
    [
        (True, DUE, dt.date(2023, 9, 1), SEP29, "Received by the due date"),
        (True, DUE, DUE, DUE, "Received by the due date"),
        (True, DUE, dt.date(2023, 10, 2), dt.date(2023, 10, 31), "Received late (2 days)"),
        (True, DUE, dt.date(2023, 10, 1), dt.date(2023, 10, 31), "Received late (1 day)"),
        # Received in October, report dated 29 September: not yet received, not yet due.
        (True, DUE, dt.date(2023, 10, 2), SEP29, "Not yet due"),
        # Due 31 August, received in October, report dated 29 September: 29 days overdue.
        (True, dt.date(2023, 8, 31), dt.date(2023, 10, 2), SEP29, "Overdue (29 days)"),
        (True, DUE, None, dt.date(2023, 10, 1), "Overdue (1 day)"),
        (True, DUE, None, DUE, "Not yet due"),
        (True, None, None, SEP29, "No due date"),
        (True, None, dt.date(2023, 9, 1), SEP29, "Received (no due date)"),
        (False, DUE, None, dt.date(2023, 12, 1), "Not in scope"),
    ],
)
def test_assurance_status_as_at_the_report_date(in_scope, due, received, as_of, expected):
    assert assurance_status(in_scope, due, received, as_of) == expected


def test_assurance_sentence_counts_each_status():
    statuses = [
        "Received by the due date",
        "Received by the due date",
        "Received late (3 days)",
        "Not yet due",
        "Not in scope",
        "Not in scope",
    ]
    assert assurance_sentence(statuses, SEP29) == (
        "As at 29 September 2023, 4 providers are in scope of the WRES: "
        "2 received by the due date, 1 received late, 0 overdue and 1 not yet due; "
        "2 providers are not in scope."
    )
    assert assurance_sentence(["Overdue (1 day)", "No due date"], SEP29) == (
        "As at 29 September 2023, 2 providers are in scope of the WRES: "
        "0 received by the due date, 0 received late, 1 overdue, 0 not yet due "
        "and 1 with no due date."
    )
    assert assurance_sentence(["Not in scope"], SEP29) == (
        "As at 29 September 2023, 0 providers are in scope of the WRES; 1 provider is not in scope."
    )


@pytest.mark.parametrize(
    "low, high, settled, expected",
    [
        # 1.02 to 2.28 lies above 1; 0.30 to 0.95 below it: both exclude 1.
        (1.02, 2.28, True, "The interval excludes 1, so the difference between the groups is "),
        (0.30, 0.95, True, "The interval excludes 1, so the difference between the groups is "),
        (0.96, 2.10, True, "The interval includes 1, so the difference could be due to chance."),
        (1.02, 2.28, False, "The rounded figures cannot settle whether the interval excludes 1"),
    ],
)
def test_significance_sentence(low, high, settled, expected):
    assert significance(low, high, settled).startswith(expected)


def test_non_adverse_sentence_states_the_verdict_only_when_settled():
    rule = "A figure from 0.80 to 1.25 is within the non-adverse range (the four-fifths rule); "
    assert non_adverse_sentence(1.25, True) == rule + "this one is within it."
    assert non_adverse_sentence(1.26, True) == rule + "this one is outside it."
    assert non_adverse_sentence(1.26, False) == (
        rule + "the rounded figures cannot settle whether this one is."
    )
