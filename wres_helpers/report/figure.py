"""One figure of a report, as a named type: its value, interval and whether it is withheld.

Report sections read figures through :class:`Figure` rather than positional
tuples, so ``figure.suppressed`` says what ``cells[3][3]`` used to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from wres_helpers.report.formatting import fmt, missing

#: What withheld a figure: the report data carry a flag, set by the publication rule.
PUBLICATION_RULE = "publication rule"


@dataclass(frozen=True)
class Figure:
    """A figure of the report data, or an absent one (NaN, not suppressed).

    Attributes
    ----------
    value, ci_low, ci_high : float
        The figure and its 95% interval; NaN where absent.
    suppressed : bool
        Withheld from the audience: shown as ``[c]``.
    withheld_by : str or None
        The rule that withheld it (None when it is shown).
    unsettled : frozenset of str
        The verdicts on it (``range``, ``significance``, ``side``) that the
        rounded figures cannot settle (:mod:`wres_helpers.report.settled`);
        empty where every verdict may be stated.

    Examples
    --------
    >>> Figure(12.345).text("pct"), Figure(3.0, suppressed=True).text("count")
    ('12.3%', '[c]')
    >>> Figure(0.1, 0.05, 0.2).interval("rate"), Figure().shown  # 100 x 0.05 = 5.0%
    ('5.0% to 20.0%', False)
    """

    value: float = math.nan
    ci_low: float = math.nan
    ci_high: float = math.nan
    suppressed: bool = False
    withheld_by: str | None = None
    unsettled: frozenset = frozenset()

    @property
    def shown(self) -> bool:
        """Whether the figure is published and present."""
        return not self.suppressed and not missing(self.value)

    def text(self, kind: str) -> str:
        """The figure as a report shows it (see :func:`~wres_helpers.report.formatting.fmt`)."""
        return fmt(self.value, kind, self.suppressed)

    def interval(self, kind: str) -> str:
        """The 95% interval as "low to high"; empty where withheld or absent."""
        if self.suppressed or missing(self.ci_low):
            return ""
        return f"{fmt(self.ci_low, kind)} to {fmt(self.ci_high, kind)}"
