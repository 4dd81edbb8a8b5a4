"""The same extract and params give the same HTML, byte for byte, but for one line."""

import re

from conftest import example_params

from wres_helpers.batch.runner import run_reports

STAMP = re.compile(r"<footer><p>Generated at [^<]*</p></footer>")


def test_same_inputs_same_html(tmp_path):
    params = example_params(tmp_path / "params", ["QZ1-public", "RX2-internal"])
    pages = []
    for attempt in ("first", "second"):
        out = tmp_path / attempt
        assert run_reports(params, jobs=2, outputs=out) == 0
        pages.append(
            {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.glob("*/*.html"))}
        )
    assert pages[0].keys() == pages[1].keys() and len(pages[0]) == 4
    for name in pages[0]:
        first, second = pages[0][name], pages[1][name]
        assert len(STAMP.findall(first)) == 1
        assert STAMP.sub("", first) == STAMP.sub("", second), name
