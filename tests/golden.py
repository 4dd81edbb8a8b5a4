"""Masks for comparing rendered report pages with the golden pages of ``tests/golden/``.

The golden pages are rendered example reports with what may change from run
to run masked: the generated-at line, the notebook cell anchors, and the
charts' PNG data (their pixels depend on matplotlib's version and fonts; the
charts' text alternatives and data tables are kept and compared).
"""

import re

MASKS = [
    (re.compile(r"Generated at [^<]*"), "Generated at (masked)"),
    (re.compile(r'id="cell-id=cell-\d+"'), 'id="cell-id=(masked)"'),
    (re.compile(r'src="data:image/png;base64,[^"]*"'), 'src="data:image/png;base64,(masked)"'),
]


def mask(html: str) -> str:
    """``html`` with the generated-at line, cell anchors and PNG data masked."""
    for pattern, replacement in MASKS:
        html = pattern.sub(replacement, html)
    return html
