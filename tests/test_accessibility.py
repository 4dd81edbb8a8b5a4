"""Every report and index passes axe-core's WCAG 2.2 AA rules in headless Chromium."""

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.fail(
            "Debian's chromium is needed for the accessibility tests "
            "(apt-get install chromium; .ci/run installs it)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def test_reports_and_indexes_have_no_wcag22_aa_violations(rendered, browser):
    from axe_playwright_python.sync_playwright import Axe

    outputs, _ = rendered
    pages = sorted((outputs / "public").glob("*.html")) + sorted(
        (outputs / "internal").glob("*.html")
    )
    assert len(pages) == 6
    axe = Axe()
    page = browser.new_page()
    problems = {}
    for path in pages:
        page.goto(path.as_uri())
        result = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": WCAG},
                "resultTypes": ["violations", "passes"],
            },
        ).response
        version = tuple(int(x) for x in result["testEngine"]["version"].split(".")[:2])
        assert version >= (4, 5), "this axe-core has no WCAG 2.2 rules"
        violations = [
            (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"]
        ]
        if violations:
            problems[path.name] = violations
        assert result["passes"], "axe ran no rule"
    page.close()
    assert problems == {}
