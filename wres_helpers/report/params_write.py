"""``wres params``: one params file per organisation and cluster of an extract.

Files are written by the YAML emitter, never by formatting strings: a value
from the extract (a name with a line break, a code like ``../x``) is data
and cannot become a key or a path outside the folder.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import yaml

from wres_helpers.problems import InputError, Problem
from wres_helpers.report.params import report_type_of


def plain(text: object) -> str:
    """Text with every control, line-break and format character (bidi overrides) removed."""
    return "".join(
        c if c == " " or unicodedata.category(c)[0] not in "CZ" else "" for c in str(text)
    )


#: What an entity code may be once it names a file: letters and digits.
SAFE_CODE = re.compile(r"[A-Za-z0-9]{1,20}")


def write_params_files(
    extract: str | Path, out: str | Path, audience: str, year: int | None
) -> list[Path]:
    """``wres params``: one params file per organisation and cluster of the extract.

    Every file is written by the YAML emitter; the organisation's name goes in
    the first comment line only as :func:`plain` text. A code that is not
    letters and digits (``wres validate`` refuses them) is refused here too,
    so that no file is written outside ``out``.
    """
    from wres_helpers.extract.validate import load_extract
    from wres_helpers.figures.counts import aggregate, entities

    loaded = load_extract(extract)
    years = sorted(int(y) for y in aggregate(loaded)["year"].unique())
    if year is not None and year not in years:
        raise InputError(
            [Problem("extract", None, "year", str(year), f"no data for this year; it has {years}")]
        )
    year = year or years[-1]
    ents = entities(loaded).table
    bad = [e for e in ents["entity"] if not SAFE_CODE.fullmatch(str(e))]
    if bad:
        raise InputError(
            [
                Problem("organisations", None, None, str(e), "not a code (letters and digits)")
                for e in bad
            ]
        )
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rel = Path(_relative(Path(extract).resolve(), out.resolve()))
    written = []
    for row in ents.itertuples(index=False):
        data = {
            "entity": str(row.entity),
            "year": year,
            "extract": str(rel),
            "audience": audience,
            "report_type": report_type_of(row.entity_type),
        }
        path = out / f"{row.entity}-{year}-{audience}.yaml"
        if path.resolve().parent != out.resolve():
            raise InputError([Problem("organisations", None, None, str(row.entity), "not a code")])
        header = f"# {plain(row.entity_name)}: WRES report for {year} ({audience})\n"
        path.write_text(header + yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        written.append(path)
    return written


def _relative(target: Path, start: Path) -> str:
    return os.path.relpath(target, start)
