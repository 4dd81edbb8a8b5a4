"""Params files as an attacker writes them: keys smuggled in by a name, a notebook of
their own, defaults from a folder above, an alias bomb, numbers as booleans."""

import resource
import subprocess
import sys
import textwrap

import pytest
import yaml

from wres_helpers.problems import InputError
from wres_helpers.report.params import NOTEBOOKS, load_params, notebook_for
from wres_helpers.report.params_write import plain

BASE = "entity: RX1\nyear: 2023\nextract: x\naudience: public\n"


def problems(path):
    with pytest.raises(InputError) as err:
        load_params(path)
    return [str(p) for p in err.value.problems]


def test_a_params_file_cannot_name_a_notebook(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + "notebook: /tmp/hostile.ipynb\n")
    found = problems(path)
    assert len(found) == 1 and "cannot name a notebook" in found[0] and "--notebook" in found[0]


def test_the_notebook_is_the_projects_own_for_the_report_type(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + "report_type: cluster\n")
    assert notebook_for(load_params(path)) == NOTEBOOKS / "cluster.ipynb"


def test_defaults_are_not_read_from_a_folder_above(tmp_path):
    (tmp_path / "_defaults.yaml").write_text("max_suppressed: 0\nrounding_base: 1\n")
    below = tmp_path / "a" / "b"
    below.mkdir(parents=True)
    (below / "r.yaml").write_text(BASE)
    params = load_params(below / "r.yaml")
    # The model's defaults, 7 and 5, not the 0 and 1 of the folder two levels up.
    assert (params.max_suppressed, params.rounding_base) == (7, 5)


def test_defaults_in_the_files_own_folder_are_read(tmp_path):
    (tmp_path / "_defaults.yaml").write_text("max_suppressed: 9\n")
    (tmp_path / "r.yaml").write_text(BASE)
    assert load_params(tmp_path / "r.yaml").max_suppressed == 9


def test_a_name_with_a_line_break_stays_in_its_comment():
    name = "Evil Trust\nnotebook: /tmp/hostile.ipynb\nmax_suppressed: 0\u202e\x00"
    header = f"# {plain(name)}: WRES report\n"
    data = yaml.safe_load(header + BASE)
    assert set(data) == {"entity", "year", "extract", "audience"}
    assert plain(name) == "Evil Trustnotebook: /tmp/hostile.ipynbmax_suppressed: 0"


def test_aliases_are_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + "title: &t Hello\nnarrative: {introduction: *t}\n")
    assert "aliases" in " ".join(problems(path))


@pytest.mark.parametrize("key, value", [("max_suppressed", "true"), ("rounding_base", "yes")])
def test_a_boolean_is_not_a_number(tmp_path, key, value):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + f"{key}: {value}\n")
    assert any(key in p for p in problems(path))


def test_misspelt_narrative_keys_are_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + "narrative:\n  introducton: Hello\n")
    assert any("introducton" in p for p in problems(path))


def test_an_oversized_params_file_is_refused_unread(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE + "title: " + "x" * 2_000_000 + "\n")
    assert any("larger than" in p for p in problems(path))


def test_an_entity_that_is_not_a_code_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(BASE.replace("RX1", "../../x"))
    assert any("entity" in p for p in problems(path))


BOMB = textwrap.dedent(
    """\
    entity: RX1
    year: 2023
    extract: x
    audience: public
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    narrative: {introduction: *h}
    """
)


def _limit_memory():
    # 1 GB of address space: enough for Python, pydantic and yaml; an expanded bomb is not.
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_an_alias_bomb_is_refused_within_a_memory_limit(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB)
    assert len(BOMB) < 600
    code = (
        "import sys\n"
        "from wres_helpers.report.params import load_params\n"
        "from wres_helpers.problems import InputError\n"
        "try:\n"
        f"    load_params({str(path)!r})\n"
        "except InputError as err:\n"
        "    print(err)\n"
        "    sys.exit(2)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
    )
    assert run.returncode == 2, run.stderr[-1000:]
    assert "aliases" in run.stdout
