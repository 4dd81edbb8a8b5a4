"""Params files: one YAML per report, layered on a ``_defaults.yaml``.

Validated with pydantic before any notebook starts: papermill only warns
about a misspelt parameter, so an unknown key or a wrong type here is an
error naming the file and the key.

A params file is untrusted input. It is read with a safe loader that refuses
YAML aliases (a few hundred bytes of aliases expand to gigabytes) and only
up to :data:`MAX_PARAMS_BYTES`; it cannot name a notebook (the report type
chooses one of the project's own; only ``wres run --notebook`` runs another);
and its defaults come only from a ``_defaults.yaml`` in its own folder, or
the project's ``params/_defaults.yaml`` for files under the project's
``params/``. ``wres params`` writes files with a YAML emitter, never by
formatting strings, so a value from the extract is always data.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StrictBool,
    ValidationError,
    field_validator,
    model_validator,
)

from wres_helpers.figures.disclosure import Audience, Method
from wres_helpers.problems import InputError, Problem

DEFAULTS_NAME = "_defaults.yaml"
PROJECT = Path(__file__).resolve().parents[2]
NOTEBOOKS = PROJECT / "notebooks"
PROJECT_PARAMS = PROJECT / "params"
#: The kinds of report, each with its own notebook and sections.
ReportType = Literal["provider", "commissioner", "cluster"]
#: A params file larger than this is refused unread (real ones are a few kilobytes).
MAX_PARAMS_BYTES = 1_000_000
#: The suffixes of params files, in any case.
PARAMS_SUFFIXES = (".yaml", ".yml")
#: The narrative keys a report shows: its introduction and one per indicator.
NARRATIVE_KEYS = ("introduction", *(f"indicator{i}" for i in range(1, 10)))
#: Whole numbers in params: a YAML ``true`` is not the number 1.
Int = Annotated[int, Strict()]


class Action(BaseModel):
    """One line of an action plan."""

    model_config = ConfigDict(extra="forbid")
    action: str
    indicator: Int | None = Field(None, ge=1, le=9)
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
    entity: str = Field(
        pattern=r"^[A-Za-z0-9]{1,20}$", description="an org_code, or a cluster code"
    )
    year: Int = Field(ge=1948, le=2100)
    extract: str = Field(description="the extract folder (relative to the params file)")
    audience: Audience
    report_type: ReportType | None = None
    cell_timeout: Int = Field(600, ge=1, description="seconds a notebook cell may run")
    title: str | None = None
    contact: str | None = Field(
        None, description="who to contact about the report (the spreadsheets' cover sheet)"
    )
    report_date: dt.date | None = None
    publication_deadline: dt.date | None = None
    comparison_year: Int | None = None
    max_suppressed: Int = Field(7, ge=0)
    rounding_base: Int = Field(5, ge=1)
    survey_min_respondents: Int = Field(11, ge=0)
    method: Method = Field(
        "suppression", description="public figures: cell suppression, or rounded counts"
    )
    suppress_board: StrictBool = Field(False, description="withhold small board counts too")
    caution_below: Int = Field(50, ge=0, description="denominators below this get a caution")
    self_report_flag_pct: Annotated[float, Strict()] | Int = Field(
        10.0, ge=0, le=100, description="flag a table whose unknown share is above this"
    )
    indicator3_two_year: bool = False
    narrative: dict[str, str] = Field(default_factory=dict)
    action_plan: list[Action] = Field(default_factory=list)
    last_year_actions: list[Action] = Field(default_factory=list)
    due_regard: dict[str, str] = Field(default_factory=dict)
    due_regard_assessment: dict[str, Literal["Met", "Partly met", "Not met"]] = Field(
        default_factory=dict,
        description="the organisation's own assessment of each Brown Principle; "
        "a principle not given is reported as 'Not assessed'",
    )
    pro_forma: dict[str, ProForma] = Field(default_factory=dict)
    narrative_numbers: list[Annotated[float, Strict()] | Int] = Field(
        default_factory=list,
        description="numbers in the narrative that are not staff figures (public reports)",
    )

    @field_validator("narrative")
    @classmethod
    def _narrative_keys(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(NARRATIVE_KEYS))
        if unknown:
            raise ValueError(f"unknown narrative keys {unknown}; use {list(NARRATIVE_KEYS)}")
        return value

    @model_validator(mode="after")
    def _years(self):
        if self.comparison_year is not None and self.comparison_year >= self.year:
            raise ValueError("comparison_year must be before year")
        for key in ("due_regard", "due_regard_assessment"):
            unknown = set(getattr(self, key)) - set(BROWN_PRINCIPLES)
            if unknown:
                raise ValueError(
                    f"{key} has unknown principles: {sorted(unknown)}; use {list(BROWN_PRINCIPLES)}"
                )
        return self

    def options(self) -> dict:
        """Everything but the contract's four keys, JSON-ready, for the notebook."""
        data = self.model_dump(mode="json")
        for key in ("entity", "year", "extract", "audience", "cell_timeout", "narrative_numbers"):
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


def _defaults_for(path: Path) -> Path | None:
    """The params file's own folder's ``_defaults.yaml``, else the project's for its files."""
    own = path.parent / DEFAULTS_NAME
    if own.is_file():
        return own
    project = PROJECT_PARAMS / DEFAULTS_NAME
    inside = path.resolve().is_relative_to(PROJECT_PARAMS.resolve())
    return project if inside and project.is_file() else None


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (a few bytes can expand to gigabytes)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.YAMLError("anchors and aliases (& and *) are not allowed in params")
        return super().compose_node(parent, index)


def _read_yaml(path: Path) -> dict:
    """One YAML mapping, read safely and within :data:`MAX_PARAMS_BYTES`."""

    def problem(message: str) -> InputError:
        return InputError([Problem(str(path), None, None, None, message)])

    if path.stat().st_size > MAX_PARAMS_BYTES:
        raise problem(f"is larger than {MAX_PARAMS_BYTES:,} bytes; is it a params file?")
    try:
        with open(path, "rb") as handle:
            text = handle.read(MAX_PARAMS_BYTES + 1).decode("utf-8")
        data = yaml.load(text, Loader=_NoAliasLoader) or {}
    except yaml.YAMLError as err:
        reason = "" if isinstance(err, yaml.MarkedYAMLError) else f": {err}"
        raise problem(f"is not valid YAML ({type(err).__name__}{reason})") from None
    except (UnicodeDecodeError, RecursionError):
        raise problem("is not UTF-8 YAML text") from None
    if not isinstance(data, dict):
        raise problem("must be a mapping of keys")
    return data


def _schema_problems(path: Path, err: ValidationError) -> list[Problem]:
    def message(e) -> str:
        if e["type"] == "extra_forbidden" and e["loc"] == ("notebook",):
            return "a params file cannot name a notebook (use wres run --notebook)"
        if e["type"] == "extra_forbidden":
            return "unknown key (not a report parameter)"
        return e["msg"]

    return [
        Problem(
            str(path),
            None,
            ".".join(str(x) for x in e["loc"]) or None,
            None if e["type"] == "missing" else repr(e.get("input"))[:60],
            message(e),
        )
        for e in err.errors()
    ]


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
    defaults = _defaults_for(path)
    if defaults is not None and defaults.resolve() != path.resolve():
        merged.update(_read_yaml(defaults))
    merged.update(_read_yaml(path))
    try:
        params = ReportParams(**merged)
    except ValidationError as err:
        raise InputError(_schema_problems(path, err)) from None
    extract = Path(params.extract)
    if not extract.is_absolute():
        extract = (path.parent / extract).resolve()
    return params.model_copy(update={"extract": str(extract)})


def notebook_for(params: ReportParams, entity_type: str | None = None) -> Path:
    """The project's notebook for this report's type (a params file cannot choose another)."""
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
