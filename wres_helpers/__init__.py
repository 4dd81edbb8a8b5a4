"""wres_helpers: the Workforce Race Equality Standard engine behind the reports.

The package is laid out as the pipeline runs, from extract to page; each
stage may import the stages above it in this list, never those below:

``vocab``, ``problems``, ``atomic``
    Shared by every stage: the contract's vocabularies, input errors that
    name table, row, column and value, and atomic file writing.
:mod:`wres_helpers.extract`
    The extract in: reading files and validating them against the contract.
:mod:`wres_helpers.figures`
    Counting, the nine indicators and disclosure control (what is withheld).
:mod:`wres_helpers.report`
    A report's content: params, report data, sections, sentences, charts and
    the HTML page.
:mod:`wres_helpers.batch`
    The batch out: running many reports, and auditing what they publish.
``cli``
    The ``wres`` command, which reads like a table of contents of the above.
"""

__version__ = "0.1.0"
