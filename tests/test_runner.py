"""`wres run`: real papermill kernels, real nbconvert HTML, failures isolated."""

import json
import re

import nbformat
import pytest
import yaml
from conftest import example_params

from wres_helpers.batch.runner import run_reports
from wres_helpers.cli import main
from wres_helpers.problems import InputError
from wres_helpers.report.params import load_params


def test_batch_renders_each_audience_under_its_own_folder(rendered):
    outputs, code = rendered
    assert code == 0
    assert sorted(p.name for p in (outputs / "public").glob("*.html")) == [
        "CSU01-2023.html",
        "QZ1-2023.html",
        "RX1-2023.html",
        "index.html",
    ]
    assert sorted(p.name for p in (outputs / "internal").glob("*.html")) == [
        "RX1-2023.html",
        "index.html",
    ]
    # Beside the public pages: their spreadsheets and the index's download.
    for name in ("RX1-2023.xlsx", "index.csv", "CSU01-2023-members.csv"):
        assert (outputs / "public" / name).exists()
    for name in ("RX1-2023.ipynb", "RX1-2023.log", "RX1-2023.json"):
        assert (outputs / "runs" / "public" / name).exists()


def test_executed_notebook_holds_the_report_figures(rendered):
    outputs, _ = rendered
    nb = nbformat.read(outputs / "runs" / "internal" / "RX1-2023.ipynb", as_version=4)
    text = "".join(
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "stream"
    )
    assert text.startswith("RX1 2023 (internal)")
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_public_page_has_no_code_and_marks_suppression(rendered):
    outputs, _ = rendered
    html = (outputs / "public" / "QZ1-2023.html").read_text()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "[c]" in html and "import " not in html and "report.summary()" not in html
    assert "Internal - not for publication" not in html
    assert "<script" not in html and "http://" not in html.replace("http://www.w3", "")


def test_internal_page_carries_the_banner_top_and_bottom(rendered):
    outputs, _ = rendered
    html = (outputs / "internal" / "RX1-2023.html").read_text()
    assert html.count("Internal - not for publication") == 2


def test_index_links_every_report_with_headline_figures(rendered):
    outputs, _ = rendered
    index = (outputs / "public" / "index.html").read_text()
    for name in ("RX1-2023.html", "QZ1-2023.html", "CSU01-2023.html"):
        assert f'href="{name}"' in index
    entry = json.loads((outputs / "runs" / "public" / "RX1-2023.json").read_text())
    assert entry["headline"]["1"] in index


def test_every_chart_has_alt_text(rendered):
    outputs, _ = rendered
    html = (outputs / "internal" / "RX1-2023.html").read_text()
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) >= 5
    for img in images:
        assert re.search(r'alt="[^"]{20,}"', img) and 'src="data:image/png;base64,' in img


def test_params_unknown_key_and_wrong_type_name_file_and_key(tmp_path):
    path = example_params(tmp_path, ["RX1-public"])[0]
    data = yaml.safe_load(path.read_text())
    data["yeer"] = 2023
    data["max_suppressed"] = "seven"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(InputError) as err:
        load_params(path)
    found = {(p.table, p.column) for p in err.value.problems}
    assert (str(path), "yeer") in found and (str(path), "max_suppressed") in found


def test_a_failed_report_does_not_stop_the_others_and_keeps_the_old_page(tmp_path, capsys):
    params = tmp_path / "params"
    good, bad = example_params(params, ["NX3-public", "RX2-public"])
    outputs = tmp_path / "out"
    assert run_reports([good, bad], jobs=2, outputs=outputs) == 0
    before = (outputs / "public" / "RX2-2023.html").read_bytes()
    data = yaml.safe_load(bad.read_text())
    data["year"] = 1999  # no data for that year: the notebook fails
    bad.write_text(yaml.safe_dump(data))
    typo = params / "typo.yaml"
    typo.write_text("entity: RX1\nyear: 2023\nextract: x\naudience: public\ncolour: blue\n")
    assert run_reports([params], jobs=2, outputs=outputs) == 1
    err = capsys.readouterr().err
    assert "RX2-public.yaml" in err and "1999" in err
    assert "typo.yaml" in err and "colour" in err
    assert (outputs / "public" / "NX3-2023.html").exists()
    assert (outputs / "public" / "RX2-2023.html").read_bytes() == before


def test_resume_redoes_only_what_changed(tmp_path):
    params = tmp_path / "params"
    first, second = example_params(params, ["NX3-public", "RX2-public"])
    outputs = tmp_path / "out"
    assert run_reports([params], outputs=outputs) == 0
    stamp = {
        p: (outputs / "public" / p).stat().st_mtime_ns for p in ("NX3-2023.html", "RX2-2023.html")
    }
    data = yaml.safe_load(second.read_text())
    data["narrative"] = {"introduction": "A new introduction."}
    second.write_text(yaml.safe_dump(data))
    assert run_reports([params], outputs=outputs, resume=True) == 0
    assert (outputs / "public" / "NX3-2023.html").stat().st_mtime_ns == stamp["NX3-2023.html"]
    assert (outputs / "public" / "RX2-2023.html").stat().st_mtime_ns != stamp["RX2-2023.html"]
    assert "A new introduction." in (outputs / "public" / "RX2-2023.html").read_text()


def test_wres_params_writes_one_file_per_entity(tmp_path):
    from conftest import example_extract

    assert main(["params", str(example_extract()), "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted(
        f"{e}-2023-public.yaml" for e in ("RX1", "RX2", "NX3", "QZ1", "QZ2", "QZ3", "QZ4", "CSU01")
    )
    p = load_params(tmp_path / "CSU01-2023-public.yaml")
    assert p.report_type == "cluster" and p.year == 2023
