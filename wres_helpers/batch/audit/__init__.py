"""``wres audit``: look through public outputs for anything that discloses.

Run over a folder of public outputs (HTML, CSV and whatever else is there),
it reports: a file that must never be published (an executed notebook, a
log, code); a code cell, a traceback or a file path; an identifier from the
extract; a record-level row; a count from 1 to 7 where counts are published;
and, given the extract, any figure in a table, chart data, sentence, HTML
comment or text attribute (``alt``, ``title``, ``aria-label``, ``data-*``)
that is not one of the published values; and, given the extract, any
withheld count that a reader could work out from the published counts by
combining every declared relation (:mod:`.recovery`).

Narrative from params is checked before a public report renders
(:func:`~wres_helpers.batch.prose.narrative_problems`): a number in it must
be a published figure, or be listed in the params file's ``narrative_numbers``
(the author's mark that it is not a staff figure: a target, a year, a sum of
money), which the audit then accepts on that report's page only.

Its parts: :mod:`.page` reads a page (tables, text, attributes, comments)
and :mod:`.checks` holds what is looked for in it; :mod:`.allowed` is what a
public page may print, read from the sections' declarations
(:mod:`wres_helpers.report.printed`); :mod:`.files` walks a folder and
audits each file by its kind; :mod:`.recovery` audits the published counts.
"""

from wres_helpers.batch.audit.allowed import allowed_values
from wres_helpers.batch.audit.checks import NOT_FIGURES
from wres_helpers.batch.audit.files import audit_csv, audit_folder, audit_html, audit_xlsx
from wres_helpers.batch.audit.page import Finding, numbers

__all__ = [
    "NOT_FIGURES",
    "Finding",
    "allowed_values",
    "audit_csv",
    "audit_folder",
    "audit_html",
    "audit_xlsx",
    "numbers",
]
