"""environment.yml (conda) and pyproject.toml (pip) list the same dependencies."""

import re
import tomllib

import yaml
from conftest import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pip_side = {
        _name(r): r.replace(" ", "")
        for r in project["dependencies"] + project["optional-dependencies"]["dev"]
    }
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    conda_side = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for r in dep["pip"]:
                if not r.startswith("-e"):
                    conda_side[_name(r)] = r.replace(" ", "")
        elif not dep.startswith(("python", "pip")):
            conda_side[_name(dep)] = dep.replace(" ", "")
    assert conda_side == pip_side


def test_python_is_311_in_both():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    assert (
        tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
        == ">=3.11"
    )
