"""What the reports draw on, computed once per extract and audience.

A public :class:`ReportData` is built only from published figures (the
public indicator table and published counts), so nothing a public report
shows, charts or says can reach an exact small count. It is cached between
runs as Parquet and JSON by :mod:`wres_helpers.report.cache`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wres_helpers.figures.disclosure import Policy

#: Peer groups for benchmarking: organisations of the same kind.
PEER_GROUPS = {
    "trust": "NHS trusts",
    "foundation_trust": "NHS trusts",
    "independent": "Independent providers",
    "ccg": "Commissioners",
    "icb": "Commissioners",
    "csu": "Commissioners",
    "other": "Other organisations",
    "cluster": "CSU clusters",
}
#: For each likelihood: the statistics giving its cases and denominators.
FUNNEL_INPUTS = {
    2: ("white_appointed", "white_shortlisted", "bme_appointed", "bme_shortlisted"),
    3: ("bme_entered", "bme_headcount", "white_entered", "white_headcount"),
    4: ("white_accessed", "white_headcount", "bme_accessed", "bme_headcount"),
}
#: Measures whose ethnicity self-reporting rate the data-quality section shows.
QUALITY_MEASURES = {
    "staff": ("staff", "All|All"),
    "board": ("board", "Total board"),
    "recruitment (applicants)": ("applied", "All"),
    "disciplinary": ("disciplinary", "All"),
    "training": ("training", "All"),
    "leavers": ("leavers", "All"),
}


@dataclass
class ReportData:
    """One audience's view of an extract, ready for any entity's report."""

    audience: str
    policy: Policy
    indicators: pd.DataFrame
    cells: pd.DataFrame
    entities: pd.DataFrame
    funnels: pd.DataFrame
    quality: pd.DataFrame
    providers: pd.DataFrame | None
    survey_sources: pd.DataFrame
    #: ``org_code, year, family`` whose data were not collected (contract, section 1).
    not_collected: pd.DataFrame | None = None
    #: Public, ``method: rounding``: which change labels the rounded figures settle
    #: (:func:`wres_helpers.report.settled.changes`); None where every verdict is settled.
    settled_changes: pd.DataFrame | None = None


def funnel_limits(points: pd.DataFrame, z_values=(1.959963984540054, 3.090232306167813)):
    """Funnel-plot limits for relative likelihoods against their denominator.

    The target is the peer group's pooled likelihood; around it, for a
    denominator ``n`` split between the groups in the pooled proportion, the
    limits are ``target * exp(+/- z * se(n))`` with the Katz standard error
    of a log rate ratio at the pooled rates. ``z`` is 1.96 (95%) and 3.09
    (99.8%), the normal quantiles ``scipy.stats.norm.ppf(0.975)`` and
    ``norm.ppf(0.999)``.

    Parameters
    ----------
    points : pandas.DataFrame
        ``a, na, b, nb`` per organisation: cases and denominators of the
        numerator's group (a, na) and the comparison group (b, nb).

    Returns
    -------
    target : float
    curve : pandas.DataFrame
        ``n, low95, high95, low998, high998`` over the range of ``n``.
    """
    a, na, b, nb = (points[c].sum() for c in ("a", "na", "b", "nb"))
    if min(a, na, b, nb) <= 0:
        return np.nan, pd.DataFrame()
    pa_, pb_ = a / na, b / nb
    target = pa_ / pb_
    share_a = na / (na + nb)
    total = (points["na"] + points["nb"]).to_numpy(float)
    n = np.geomspace(max(10.0, total.min() / 2), max(total.max() * 1.5, 20.0), 60)
    se = np.sqrt((1 - pa_) / (pa_ * n * share_a) + (1 - pb_) / (pb_ * n * (1 - share_a)))
    curve = pd.DataFrame({"n": n})
    for z, label in zip(z_values, ("95", "998")):
        curve[f"low{label}"] = target * np.exp(-z * se)
        curve[f"high{label}"] = target * np.exp(z * se)
    return target, curve


def _funnels(indicators: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Every organisation's likelihood and denominator, with its peer group's limits."""
    kinds = entities.set_index("entity")["entity_type"].map(PEER_GROUPS)
    rows = []
    core = indicators[indicators["breakdown"] == "All"]
    for indicator, (a, na, b, nb) in FUNNEL_INPUTS.items():
        part = core[core["indicator"] == indicator]
        wide = part.pivot_table(
            index=["entity", "year"], columns="statistic", values="value", aggfunc="first"
        )
        needed = [a, na, b, nb, "relative_likelihood"]
        if wide.empty or not set(needed) <= set(wide.columns):
            continue
        wide = wide[needed].dropna().reset_index()
        wide.columns = ["entity", "year", "a", "na", "b", "nb", "rl"]
        wide["peer_group"] = wide["entity"].map(kinds)
        for (year, group), points in wide.groupby(["year", "peer_group"]):
            target, curve = funnel_limits(points)
            rows.append(
                {
                    "indicator": indicator,
                    "year": year,
                    "peer_group": group,
                    "target": target,
                    "points": points.reset_index(drop=True),
                    "curve": curve,
                }
            )
    return pd.DataFrame(rows)


def _quality(cells: pd.DataFrame) -> pd.DataFrame:
    """Share of records with ethnicity not known, per table, entity and year."""
    frames = []
    for label, (measure, breakdown) in QUALITY_MEASURES.items():
        part = cells[
            (cells["measure"] == measure)
            & (cells["breakdown"] == breakdown)
            & cells["ethnic_group"].isin(["Unknown", "All"])
        ]
        if part.empty:
            continue
        wide = part.pivot_table(
            index=["entity", "year"],
            columns="ethnic_group",
            values="count",
            aggfunc="first",
            dropna=False,
        )
        flags = part.pivot_table(
            index=["entity", "year"], columns="ethnic_group", values="suppressed", aggfunc="first"
        )
        wide = wide.reindex(columns=["Unknown", "All"])
        flags = flags.reindex(columns=["Unknown", "All"]).fillna(False).astype(bool)
        with np.errstate(invalid="ignore", divide="ignore"):
            unknown_pct = 100 * wide["Unknown"] / wide["All"].where(wide["All"] > 0)
        suppressed = flags["Unknown"] | flags["All"]
        frames.append(
            pd.DataFrame(
                {
                    "table": label,
                    "records": wide["All"],
                    "unknown": wide["Unknown"],
                    "unknown_pct": unknown_pct.where(~suppressed),
                    "suppressed": suppressed,
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            columns=["entity", "year", "table", "records", "unknown", "unknown_pct", "suppressed"]
        )
    return pd.concat(frames).reset_index()


def build_report_data(engine, audience: str) -> ReportData:
    """One audience's report data from an :class:`~wres_helpers.figures.engine.Engine`."""
    from wres_helpers.figures.collection import missing

    table = engine.table(audience)
    cells = engine.cells(audience)
    cells = cells[~cells["measure"].isin(["survey_positive"])]
    ents = engine.entities.table.copy()
    providers = engine.extract.get("providers")
    survey_sources = _survey_sources(engine)
    frame, settled_changes = table.frame, None
    if audience == "public" and table.policy.method == "rounding":
        from wres_helpers.report import settled

        frame, settled_changes = settled.annotate(engine.internal.frame, frame)
    return ReportData(
        audience,
        table.policy,
        frame,
        cells.reset_index(drop=True),
        ents,
        # Benchmarking shows other organisations, so every audience sees their
        # public figures (contract, section 3, rule 6), never their exact ones.
        _funnels(engine.table("public").frame, ents),
        _quality(cells),
        providers,
        survey_sources,
        missing(engine.extract),
        settled_changes,
    )


def _survey_sources(engine) -> pd.DataFrame:
    """Which survey table each organisation and year reported from."""
    rows = []
    for table, label in (
        ("survey", "NHS Staff Survey"),
        ("survey_responses", "local staff survey"),
    ):
        frame = engine.extract.get(table)
        if frame is not None:
            for org, year in frame[["org_code", "year"]].drop_duplicates().itertuples(index=False):
                rows.append((str(org), int(year), label))
    return pd.DataFrame(rows, columns=["entity", "year", "source"])


#: The shortest identifier the audit looks for (shorter ones match ordinary words).
MIN_ID_LENGTH = 5


def identifiers(extract) -> frozenset[str]:
    """The extract's staff, applicant, member and respondent identifiers."""
    from wres_helpers.vocab import ID_COLUMNS

    ids: set[str] = set()
    for frame in extract.tables.values():
        for column in ID_COLUMNS:
            if column in frame.columns:
                values = pd.Series(frame[column]).astype(str)
                ids.update(values[values.str.len() >= MIN_ID_LENGTH].unique())
    return frozenset(ids)
