"""Params files: one YAML per report, layered on the nearest ``_defaults.yaml``.

Validated with pydantic before any notebook starts: papermill only warns
about a misspelt parameter, so an unknown key or a wrong type here is an
error naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from wres_helpers.problems import InputError, Problem

DEFAULTS_NAME = "_defaults.yaml"
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
REPORT_TYPES = ("provider", "commissioner", "cluster")


class Action(BaseModel):
    """One line of an action plan."""

    model_config = ConfigDict(extra="forbid")
    action: str
    indicator: int | None = Field(None, ge=1, le=9)
    owner: str = ""
    due: dt.date | None = None
    status: str = "Not started"
    outcome: str = ""


class ProForma(BaseModel):
    """A member CCG's answers to the CSU pro forma (the guidance's Example 2)."""

    model_config = ConfigDict(extra="forbid")
    workforce_analysis: bool = False
    recruitment_analysis: bool = False
    diversity_targets: bool = False
    survey_equality_questions: bool = False
    survey_experience_analysis: bool = False
    policies_and_programmes: bool = False


class ReportParams(BaseModel):
    """Everything one report needs. The first four keys are the contract's."""

    model_config = ConfigDict(extra="forbid")
    entity: str = Field(description="an org_code, or a cluster code")
    year: int = Field(ge=1948, le=2100)
    extract: str = Field(description="the extract folder (relative to the params file)")
    audience: Literal["internal", "public"]
    report_type: Literal["provider", "commissioner", "cluster"] | None = None
    notebook: str | None = Field(
        None,
        description="a notebook of your own, instead of the "
        "report type's (relative to the params file)",
    )
    cell_timeout: int = Field(600, ge=1, description="seconds a notebook cell may run")
    title: str | None = None
    contact: str | None = Field(
        None, description="who to contact about the report (the spreadsheets' cover sheet)"
    )
    report_date: dt.date | None = None
    publication_deadline: dt.date | None = None
    comparison_year: int | None = None
    max_suppressed: int = Field(7, ge=0)
    rounding_base: int = Field(5, ge=1)
    survey_min_respondents: int = Field(11, ge=0)
    caution_below: int = Field(50, ge=0, description="denominators below this get a caution")
    self_report_flag_pct: float = Field(
        10.0, ge=0, le=100, description="flag a table whose unknown share is above this"
    )
    indicator3_two_year: bool = False
    narrative: dict[str, str] = Field(default_factory=dict)
    action_plan: list[Action] = Field(default_factory=list)
    last_year_actions: list[Action] = Field(default_factory=list)
    due_regard: dict[str, str] = Field(default_factory=dict)
    pro_forma: dict[str, ProForma] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _years(self):
        if self.comparison_year is not None and self.comparison_year >= self.year:
            raise ValueError("comparison_year must be before year")
        unknown = set(self.due_regard) - set(BROWN_PRINCIPLES)
        if unknown:
            raise ValueError(
                f"due_regard has unknown principles: {sorted(unknown)}; "
                f"use {list(BROWN_PRINCIPLES)}"
            )
        return self

    def options(self) -> dict:
        """Everything but the contract's four keys, JSON-ready, for the notebook."""
        data = self.model_dump(mode="json")
        for key in ("entity", "year", "extract", "audience", "notebook", "cell_timeout"):
            data.pop(key)
        return data


#: The six Brown Principles, in the guidance's order and words.
BROWN_PRINCIPLES = {
    "knowledge": "Knowledge",
    "sufficient_information": "Sufficient information",
    "timeliness": "Timeliness",
    "real_consideration": "Real consideration",
    "accountability": "Accountability (no delegation)",
    "monitoring_and_review": "Monitoring and review",
}


def _nearest_defaults(path: Path) -> Path | None:
    for folder in [path.parent, *path.parent.parents][:3]:
        candidate = folder / DEFAULTS_NAME
        if candidate.is_file():
            return candidate
    return None


def _read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise InputError(
            [Problem(path.name, None, None, None, f"is not valid YAML ({type(err).__name__})")]
        ) from None
    if not isinstance(data, dict):
        raise InputError([Problem(path.name, None, None, None, "must be a mapping of keys")])
    return data


def load_params(path: str | Path) -> ReportParams:
    """Read, layer and validate one params file.

    The extract path becomes absolute, read from the params file's folder.

    Raises
    ------
    InputError
        Naming the file and every bad key.
    """
    path = Path(path)
    merged: dict = {}
    defaults = _nearest_defaults(path)
    if defaults is not None and defaults.resolve() != path.resolve():
        merged.update(_read_yaml(defaults))
    merged.update(_read_yaml(path))
    try:
        params = ReportParams(**merged)
    except ValidationError as err:
        raise InputError(
            [
                Problem(
                    str(path),
                    None,
                    ".".join(str(x) for x in e["loc"]) or None,
                    None if e["type"] == "missing" else repr(e.get("input"))[:60],
                    "unknown key (not a report parameter)"
                    if e["type"] == "extra_forbidden"
                    else e["msg"],
                )
                for e in err.errors()
            ]
        ) from None
    extract = Path(params.extract)
    if not extract.is_absolute():
        extract = (path.parent / extract).resolve()
    update = {"extract": str(extract)}
    if params.notebook:
        notebook = Path(params.notebook)
        update["notebook"] = str(
            notebook if notebook.is_absolute() else (path.parent / notebook).resolve()
        )
    return params.model_copy(update=update)


def notebook_for(params: ReportParams, entity_type: str | None = None) -> Path:
    """The notebook that renders this report."""
    if params.notebook:
        return Path(params.notebook)
    kind = params.report_type or report_type_of(entity_type or "trust")
    return NOTEBOOKS / f"{kind}.ipynb"


def report_type_of(entity_type: str) -> str:
    if entity_type == "cluster":
        return "cluster"
    if entity_type in ("ccg", "icb", "csu"):
        return "commissioner"
    return "provider"


def report_name(params: ReportParams) -> str:
    """A report's predictable file stem: ``<entity>-<year>``."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in params.entity)
    return f"{safe}-{params.year}"


def write_params_files(
    extract: str | Path, out: str | Path, audience: str, year: int | None
) -> list[Path]:
    """``wres params``: one params file per organisation and cluster of the extract."""
    from wres_helpers.extract.validate import load_extract
    from wres_helpers.figures.counts import aggregate, entities

    loaded = load_extract(extract)
    counts = aggregate(loaded)
    year = year or int(counts["year"].max())
    ents = entities(loaded).table
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rel = Path(_relative(Path(extract).resolve(), out.resolve()))
    written = []
    for row in ents.itertuples(index=False):
        data = {
            "entity": row.entity,
            "year": year,
            "extract": str(rel),
            "audience": audience,
            "report_type": report_type_of(row.entity_type),
        }
        path = out / f"{row.entity}-{year}-{audience}.yaml"
        path.write_text(
            f"# {row.entity_name}: WRES report for {year} ({audience})\n"
            + yaml.safe_dump(data, sort_keys=False),
            encoding="utf-8",
        )
        written.append(path)
    return written


def _relative(target: Path, start: Path) -> str:
    import os

    return os.path.relpath(target, start)
