"""Builds the hostile-input corpus: broken extracts, each with what its error must name.

``python tests/hostile/build.py`` rewrites the committed small cases; the two
large ones (100,000 rows of garbage, a one-megabyte field) are built by the
test into a temporary folder, to keep the repository small.
Each case folder holds the extract's files and ``expect.txt``: the table,
row and column the error must name (blank where the problem is a whole table).
"""

from __future__ import annotations

import io
import random
import shutil
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent

ORGS = "org_code,org_name,org_type,cluster\nT1,Test Trust,trust,\nC1,First CCG,ccg,K1\n"
STAFF_ROWS = [("T1", 2016, f"s{i}", "A" if i % 3 else "H", "Band 5", "Y") for i in range(12)]
STAFF_HEAD = "org_code,year,staff_id,ethnic_category,pay_band,clinical\n"


def staff_csv(rows=STAFF_ROWS) -> str:
    return STAFF_HEAD + "".join(",".join(map(str, r)) + "\n" for r in rows)


def change(row: int, column: int, value: str) -> str:
    rows = [list(r) for r in STAFF_ROWS]
    rows[row][column] = value
    return staff_csv(rows)


SURVEY_HEAD = "org_code,year,indicator,ethnic_group,respondents,positive\n"
GOOD_SURVEY = SURVEY_HEAD + "T1,2016,5,White,20,5\nT1,2016,5,BME,12,4\n"
RECRUIT_HEAD = "org_code,year,applicant_id,ethnic_category,shortlisted,appointed\n"


def workbook(frame: pd.DataFrame, title: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, startrow=1 if title else 0)
        if title:
            sheet = writer.sheets["Sheet1"]
            sheet["A1"] = title
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    return buffer.getvalue()


def cases() -> dict[str, tuple[dict[str, str | bytes], str]]:
    """Case name -> (files, 'table|row|column' the error must name)."""
    staff_frame = pd.DataFrame(STAFF_ROWS, columns=STAFF_HEAD.strip().split(","))
    return {
        "missing-organisations": ({"staff.csv": staff_csv()}, "organisations||"),
        "missing-staff": ({"organisations.csv": ORGS}, "staff||"),
        "missing-column": (
            {"organisations.csv": ORGS, "staff.csv": staff_csv().replace(",pay_band", ",grade")},
            "staff|1|pay_band",
        ),
        "empty-file": ({"organisations.csv": ORGS, "staff.csv": ""}, "staff||"),
        "header-only": ({"organisations.csv": ORGS, "staff.csv": STAFF_HEAD}, "staff||"),
        "binary-file": (
            {
                "organisations.csv": ORGS,
                "staff.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
            },
            "staff||",
        ),
        "utf16-file": (
            {"organisations.csv": ORGS, "staff.csv": staff_csv().encode("utf-16")},
            "staff||",
        ),
        "undecodable-bytes": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv().encode() + b"T1,2016,x\x81\x8d,A,5,Y\n",
            },
            "staff||",
        ),
        "ragged-row": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv() + "T1,2016,s99,A,Band 5,Y,extra\n",
            },
            "staff|14|",
        ),
        "not-a-workbook": ({"organisations.csv": ORGS, "staff.xlsx": staff_csv()}, "staff||"),
        "not-parquet": ({"organisations.csv": ORGS, "staff.parquet": staff_csv()}, "staff||"),
        "merged-header-rows": (
            {
                "organisations.csv": ORGS,
                "staff.xlsx": workbook(staff_frame, "WRES staff extract 2016"),
            },
            "staff|1|org_code",
        ),
        "table-given-twice": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "staff.xlsx": workbook(staff_frame),
            },
            "staff||",
        ),
        "unknown-ethnic-category": (
            {"organisations.csv": ORGS, "staff.csv": change(2, 3, "Martian")},
            "staff|4|ethnic_category",
        ),
        "formula-in-ethnic-category": (
            {
                "organisations.csv": ORGS,
                "staff.csv": change(0, 3, '"=HYPERLINK(""http://x"",""A"")"'),
            },
            "staff|2|ethnic_category",
        ),
        "script-in-org-type": (
            {
                "organisations.csv": ORGS.replace(
                    "T1,Test Trust,trust", "T1,Test Trust,<script>alert(1)</script>"
                ),
                "staff.csv": staff_csv(),
            },
            "organisations|2|org_type",
        ),
        "unknown-pay-band": (
            {"organisations.csv": ORGS, "staff.csv": change(5, 4, "Band 10")},
            "staff|7|pay_band",
        ),
        "bad-yes-no": (
            {"organisations.csv": ORGS, "staff.csv": change(1, 5, "maybe")},
            "staff|3|clinical",
        ),
        "year-not-integer": (
            {"organisations.csv": ORGS, "staff.csv": change(3, 1, "2016/17")},
            "staff|5|year",
        ),
        "duplicate-staff-id": (
            {"organisations.csv": ORGS, "staff.csv": change(4, 2, "s0")},
            "staff|6|staff_id",
        ),
        "unknown-org-code": (
            {"organisations.csv": ORGS, "staff.csv": change(6, 0, "ZZ9")},
            "staff|8|org_code",
        ),
        "appointed-not-shortlisted": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "recruitment.csv": RECRUIT_HEAD + "T1,2016,a1,A,N,Y\n",
            },
            "recruitment|2|appointed",
        ),
        "positive-above-respondents": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "survey.csv": SURVEY_HEAD + "T1,2016,6,White,10,11\n",
            },
            "survey|2|positive",
        ),
        "negative-respondents": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "survey.csv": SURVEY_HEAD + "T1,2016,6,White,-4,0\n",
            },
            "survey|2|respondents",
        ),
        "survey-group-not-white-or-bme": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "survey.csv": SURVEY_HEAD + "T1,2016,6,Asian,10,1\n",
            },
            "survey|2|ethnic_group",
        ),
        "survey-indicator-out-of-range": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "survey.csv": SURVEY_HEAD + "T1,2016,9,White,10,1\n",
            },
            "survey|2|indicator",
        ),
        "both-survey-tables": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "survey.csv": GOOD_SURVEY,
                "survey_responses.csv": "org_code,year,respondent_id,ethnic_category,"
                "ind5,ind6,ind7,ind8\nT1,2016,r1,A,Y,,N,\n",
            },
            "survey|2|org_code",
        ),
        "cluster-code-is-an-org-code": (
            {
                "organisations.csv": ORGS.replace("C1,First CCG,ccg,K1", "C1,First CCG,ccg,T1"),
                "staff.csv": staff_csv(),
            },
            "organisations|3|cluster",
        ),
        "return-bad-breakdown": (
            {
                "organisations.csv": ORGS,
                "wres_return.csv": "org_code,year,measure,breakdown,ethnic_group,count\n"
                "T1,2016,staff,Clinical|Band 10,White,4\n",
            },
            "wres_return|2|breakdown",
        ),
        "provider-income-not-a-number": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "providers.csv": "commissioner_code,provider_code,provider_name,"
                "provider_type,nhs_income_gbp,report_due,report_received\n"
                "C1,P1,Provider,nhs,lots,2016-05-01,\n",
            },
            "providers|2|nhs_income_gbp",
        ),
        "provider-date-not-a-date": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "providers.csv": "commissioner_code,provider_code,provider_name,"
                "provider_type,nhs_income_gbp,report_due,report_received\n"
                "C1,P1,Provider,nhs,5000000,31/02/2016,\n",
            },
            "providers|2|report_due",
        ),
        # Names and codes become params files and file names: no line breaks,
        # no direction overrides, no path separators.
        "name-with-a-line-break": (
            {
                "organisations.csv": ORGS.replace(
                    "T1,Test Trust,", 'T1,"Test Trust\nnotebook: /tmp/hostile.ipynb",'
                ),
                "staff.csv": staff_csv(),
            },
            "organisations|2|org_name",
        ),
        "name-with-a-direction-override": (
            {
                "organisations.csv": ORGS.replace("T1,Test Trust,", "T1,Test \u202eTrust,"),
                "staff.csv": staff_csv(),
            },
            "organisations|2|org_name",
        ),
        "org-code-with-a-path": (
            {
                "organisations.csv": ORGS.replace("C1,First CCG", "../../C1,First CCG"),
                "staff.csv": staff_csv(),
            },
            "organisations|3|org_code",
        ),
        "cluster-code-with-a-path": (
            {
                "organisations.csv": ORGS.replace("C1,First CCG,ccg,K1", "C1,First CCG,ccg,..\\K1"),
                "staff.csv": staff_csv(),
            },
            "organisations|3|cluster",
        ),
        "cluster-code-is-an-org-code-in-lower-case": (
            {
                "organisations.csv": ORGS.replace("C1,First CCG,ccg,K1", "C1,First CCG,ccg,t1"),
                "staff.csv": staff_csv(),
            },
            "organisations|3|cluster",
        ),
        "events-without-staff": (
            {
                "organisations.csv": ORGS,
                "staff.csv": staff_csv(),
                "disciplinary.csv": "org_code,year,staff_id,ethnic_category\n"
                "T1,2016,s1,A\nT1,2017,s2,H\n",
            },
            "disciplinary|3|org_code",
        ),
        "count-beyond-64-bits": (
            {
                "organisations.csv": ORGS,
                "wres_return.csv": "org_code,year,measure,breakdown,ethnic_group,count\n"
                f"T1,2016,staff,All|All,White,{2**63 - 1}\n"
                f"T1,2016,staff,All|All,BME,{2**63}\n",
            },
            "wres_return|2|count",
        ),
    }


def large_cases(folder: Path) -> dict[str, str]:
    """The two large cases, written under ``folder``; returns name -> expectation."""
    rng = random.Random(7)
    garbage = folder / "garbage-100000-rows"
    garbage.mkdir(parents=True, exist_ok=True)
    (garbage / "organisations.csv").write_text(ORGS)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ;:!?/"
    lines = [STAFF_HEAD.strip()] + [
        ",".join("".join(rng.choice(alphabet) for _ in range(8)) for _ in range(6))
        for _ in range(100_000)
    ]
    (garbage / "staff.csv").write_text("\n".join(lines) + "\n")
    big = folder / "one-megabyte-field"
    big.mkdir(parents=True, exist_ok=True)
    (big / "organisations.csv").write_text(ORGS)
    (big / "staff.csv").write_text(change(1, 3, "X" * (1 << 20)))
    return {
        "garbage-100000-rows": "staff|2|ethnic_category",
        "one-megabyte-field": "staff|3|ethnic_category",
    }


def main() -> None:
    for name, (files, expect) in cases().items():
        target = HERE / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        for filename, content in files.items():
            path = target / filename
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        (target / "expect.txt").write_text(expect + "\n")
    print(f"wrote {len(cases())} cases under {HERE}", file=sys.stderr)


if __name__ == "__main__":
    main()
