"""A report's content: params, report data, sections, sentences, charts and page.

Owns what one report says and shows, for one entity, year and audience, and
the HTML page it is rendered to. May import :mod:`wres_helpers.figures`,
:mod:`wres_helpers.extract` and the shared modules; never the batch.
"""
