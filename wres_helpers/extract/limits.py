"""Limits on reading an untrusted extract, checked before any reader opens a file.

A table file larger than :data:`MAX_TABLE_BYTES` is refused unread; a
workbook whose parts would unpack to more than :data:`MAX_XLSX_UNPACKED`
bytes, or a part of over a megabyte unpacking to more than
:data:`MAX_XLSX_RATIO` times its packed size (a zip bomb), is refused before
openpyxl opens it; and a table that is a symbolic link is refused, since an
error message quoting its header would quote the file it points to.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from wres_helpers.problems import InputError, Problem

#: The largest table file read (a national staff table is a few hundred megabytes).
MAX_TABLE_BYTES = 4_000_000_000
#: The most a workbook may unpack to (Excel's million rows fit in far less).
MAX_XLSX_UNPACKED = 1_000_000_000
#: The most a workbook part of over a megabyte may expand (sheet XML packs about 10:1).
MAX_XLSX_RATIO = 200


def check_file(path: Path, table: str) -> None:
    """Refuse a symbolic link, an empty file and one too large to read."""

    def refuse(message: str) -> InputError:
        return InputError([Problem(table, None, None, None, f"{path.name} {message}")])

    if path.is_symlink():
        raise refuse("is a symbolic link; copy the table itself into the extract")
    size = path.stat().st_size
    if size == 0:
        raise refuse("is empty")
    if size > MAX_TABLE_BYTES:
        raise refuse(f"is larger than {MAX_TABLE_BYTES:,} bytes ({size:,}); split the extract")


def check_workbook(path: Path, table: str) -> None:
    """Refuse a file that is not a zip, or whose parts would unpack too far (a zip bomb)."""

    def refuse(message: str) -> InputError:
        return InputError([Problem(table, None, None, None, f"{path.name} {message}")])

    if not zipfile.is_zipfile(path):
        raise refuse("is not an Excel workbook")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise refuse("is not an Excel workbook") from None
    total = sum(p.file_size for p in parts)
    if total > MAX_XLSX_UNPACKED:
        raise refuse(f"would unpack to {total:,} bytes (more than {MAX_XLSX_UNPACKED:,})")
    for part in parts:
        if part.file_size > 1_000_000 and part.file_size > MAX_XLSX_RATIO * max(
            part.compress_size, 1
        ):
            raise refuse(
                f"has a part that unpacks {part.file_size // max(part.compress_size, 1):,} "
                "times its size (a zip bomb?); save the table again as CSV"
            )
