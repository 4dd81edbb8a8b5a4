"""A name in the extract cannot write params keys, and no params file can choose a notebook:
end to end, with a hostile notebook that would leave a marker file if it ever ran."""

import subprocess
import sys

import nbformat
import pandas as pd
import pytest
import yaml
from conftest import tiny  # noqa: F401  (a fixture)


def hostile_notebook(folder, marker):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"open({str(marker)!r}, 'w').write('ran')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "hostile.ipynb"
    nbformat.write(nb, path)
    return path


def wres(*args):
    return subprocess.run(
        [sys.executable, "-m", "wres_helpers", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.batch
def test_a_name_in_the_extract_cannot_choose_the_notebook(tiny, tmp_path):  # noqa: F811
    marker = tmp_path / "marker"
    notebook = hostile_notebook(tmp_path, marker)
    orgs = pd.read_csv(tiny / "organisations.csv", dtype=str, keep_default_na=False)
    orgs.loc[orgs["org_code"] == "T1", "org_name"] = (
        f"Test Trust\nnotebook: {notebook}\nmax_suppressed: 0"
    )
    orgs.to_csv(tiny / "organisations.csv", index=False)
    params = tmp_path / "params"
    made = wres("params", tiny, "--out", params)
    assert made.returncode == 2 and "org_name" in made.stderr
    assert "Traceback" not in made.stderr
    if params.exists():  # whatever was written must not run the hostile notebook
        wres("run", params, "--outputs", tmp_path / "out")
    assert not marker.exists()


@pytest.mark.batch
def test_a_params_file_naming_a_notebook_is_refused(tiny, tmp_path):  # noqa: F811
    marker = tmp_path / "marker"
    notebook = hostile_notebook(tmp_path, marker)
    params = tmp_path / "params"
    params.mkdir()
    data = {"entity": "T1", "year": 2016, "extract": str(tiny), "audience": "internal"}
    (params / "T1.yaml").write_text(yaml.safe_dump({**data, "notebook": str(notebook)}))
    run = wres("run", params, "--outputs", tmp_path / "out")
    assert run.returncode == 1 and "cannot name a notebook" in run.stderr
    assert "Traceback" not in run.stderr
    assert not marker.exists()
