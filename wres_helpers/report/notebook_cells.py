"""The report notebooks' section cells, written from the declared sections.

Each section of :mod:`wres_helpers.report.sections` becomes two cells: a
markdown heading (for a reader in JupyterLab; never on the page) and the call
that builds the section. ``python -m wres_helpers.report.notebook_cells``
rewrites the cells after ``report.contents()`` in ``notebooks/<type>.ipynb``;
``tests/test_sections.py`` checks the notebooks are as written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from wres_helpers.report.params import NOTEBOOKS
from wres_helpers.report.sections import SECTIONS

#: The call after which a notebook's section cells start.
CONTENTS_CALL = "report.contents()"
#: Markdown cells for readers only: never rendered.
READER_TAGS = ["remove-from-report"]


def section_cells(kind: str) -> list[nbformat.NotebookNode]:
    """A heading cell and a call cell for each of report type ``kind``'s sections."""
    cells = []
    for s in SECTIONS[kind]:
        heading = nbformat.v4.new_markdown_cell(f"## {s.heading}", id=f"{kind}-{s.ident}-heading")
        heading.metadata["tags"] = list(READER_TAGS)
        cells += [heading, nbformat.v4.new_code_cell(s.call(), id=f"{kind}-{s.ident}")]
    return cells


def _contents_index(nb: nbformat.NotebookNode) -> int:
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.source.strip() == CONTENTS_CALL:
            return i
    raise ValueError(f"the notebook has no {CONTENTS_CALL} cell")


def expected(nb: nbformat.NotebookNode, kind: str) -> nbformat.NotebookNode:
    """``nb`` with its cells after the contents replaced by the declared sections' cells."""
    out = nbformat.from_dict(nb)
    out.cells = out.cells[: _contents_index(out) + 1] + section_cells(kind)
    return out


def sync(kind: str, folder: Path = NOTEBOOKS) -> Path:
    """Rewrite ``<folder>/<kind>.ipynb``'s section cells from the declarations."""
    path = folder / f"{kind}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.write(expected(nb, kind), path)
    return path


if __name__ == "__main__":
    for name in sys.argv[1:] or list(SECTIONS):
        print(sync(name))
