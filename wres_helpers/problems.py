"""Problems found in an extract or a params file, and the error that carries them."""

from __future__ import annotations

from dataclasses import dataclass

#: How many characters of an offending value a message quotes.
VALUE_PREVIEW = 60


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input, located as the analyst sees it.

    ``row`` is the spreadsheet row (the header is row 1, the first record
    row 2); None where the problem is the whole table or column.
    """

    table: str
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        parts = [f"table {self.table}"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.value is not None:
            shown = (
                self.value
                if len(self.value) <= VALUE_PREVIEW
                else self.value[:VALUE_PREVIEW] + "..."
            )
            parts.append(f"value {shown!r}")
        return ", ".join(parts) + f": {self.message}"


class InputError(Exception):
    """Bad input: carries every problem found, for a clear message and exit 2."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


def _sort_key(p: Problem) -> tuple:
    return (p.table, p.row if p.row is not None else -1, p.column or "", p.message)
