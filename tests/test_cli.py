"""The ``wres`` command line: clear errors, exit 2, never a traceback."""

import csv
import os
import stat

import pytest
from conftest import tiny  # noqa: F401  (a fixture)

from wres_helpers import cli
from wres_helpers.atomic import write_bytes_atomic
from wres_helpers.cli import main


@pytest.mark.parametrize("option, value", [("--rounding-base", "0"), ("--max-suppressed", "-1")])
def test_a_threshold_out_of_range_is_a_clear_error(tiny, tmp_path, capsys, option, value):  # noqa: F811
    with pytest.raises(SystemExit) as exit_:
        main(["indicators", str(tiny), "--out", str(tmp_path / "i.csv"), option, value])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert option in err and "less than" in err and "Traceback" not in err
    assert not (tmp_path / "i.csv").exists()


def test_a_year_outside_the_data_is_an_error_not_an_empty_file(tiny, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "i.csv"
    assert main(["indicators", str(tiny), "--out", str(out), "--year", "1999"]) == 2
    assert "1999" in capsys.readouterr().err and not out.exists()
    assert main(["params", str(tiny), "--out", str(tmp_path / "p"), "--year", "1999"]) == 2
    assert "no data for this year" in capsys.readouterr().err
    assert not list((tmp_path).glob("p/*.yaml"))


def test_indicators_name_their_audience_in_the_file_and_its_name(tiny, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.chdir(tmp_path)
    assert main(["indicators", str(tiny)]) == 0
    assert main(["indicators", str(tiny), "--audience", "public"]) == 0
    for audience in ("internal", "public"):
        with open(tmp_path / f"indicators-{audience}.csv", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and list(rows[0])[-1] == "audience"
        assert {r["audience"] for r in rows} == {audience}


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664)])
def test_pages_are_written_with_the_umasks_mode(tmp_path, umask, mode):
    saved = os.umask(umask)
    try:
        write_bytes_atomic(b"<html></html>", tmp_path / "page.html")
    finally:
        os.umask(saved)
    # 0666 less the umask: 0666 & ~0022 = 0644; 0666 & ~0002 = 0664.
    assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == mode


def test_an_unexpected_error_is_a_message_not_a_traceback(tiny, monkeypatch, capsys):  # noqa: F811
    def boom(args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cli, "_cmd_validate", boom)
    assert main(["validate", str(tiny)]) == 2
    err = capsys.readouterr().err
    assert "RecursionError" in err and "Traceback" not in err


def test_chart_text_is_plain_not_mathtext(tmp_path):
    import matplotlib.pyplot as plt

    import wres_helpers.report.charts  # noqa: F401  (sets the chart style)

    figure, axes = plt.subplots()
    # Between dollars, matplotlib reads TeX, and "\\frac{" is a TeX error, unless text is plain.
    axes.set_title("St Mary's $\\frac{$ Trust")
    figure.savefig(tmp_path / "chart.png")
    plt.close(figure)
    assert (tmp_path / "chart.png").stat().st_size > 0
