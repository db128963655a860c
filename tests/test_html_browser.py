"""The HTML page in a real browser: Chromium from the operating system's packages, headless,
driven by Selenium through chromium-driver (`apt-get install chromium chromium-driver`).

One browser for the whole module (a few seconds). It opens the page of this project's own
sample repo (15 units, a transferred one) from disk, as a reader would open an attachment,
and checks what only a browser can tell: one matrix row per scored unit, every unit's
section reachable from its row, nothing wider than the screen at 375 and 1280 px (the
matrix scrolls inside its own box), no request made, an A4 landscape print. It saves
screenshots at both widths in its tmp_path, and also in $DXTRACK_SCREENSHOTS when set.

Where no browser can be had (no Chromium or chromedriver binary, or selenium not
importable), every test here is skipped, saying which.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

PROJECT_ROOT = Path(__file__).resolve().parents[1]
WIDTHS = (375, 1280)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--force-device-scale-factor=1")


def _binary(env: str, names: tuple[str, ...], usual: str) -> str | None:
    """The program `env` names, else the usual Debian path, else the first of `names` on PATH."""
    given = os.environ.get(env)
    if given:
        return given if Path(given).is_file() else None
    if Path(usual).is_file():
        return usual
    return next((found for name in names if (found := shutil.which(name))), None)


def _browser_or_skip():
    """(webdriver module, chromium path, chromedriver path), or the test is skipped, saying why."""
    chromium = _binary("DXTRACK_CHROMIUM", CHROMIUM_NAMES, "/usr/bin/chromium")
    driver = _binary("DXTRACK_CHROMEDRIVER", ("chromedriver",), "/usr/bin/chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromedriver", driver)) if path is None]
    if missing:
        pytest.skip(f"Chromium/chromedriver not installed: no {' and no '.join(missing)} binary "
                    "(apt-get install chromium chromium-driver)")
    try:
        from selenium import webdriver
    except ImportError as exc:
        pytest.skip(f"Chromium/chromedriver not usable: selenium is not importable ({exc}); "
                    "pip install -e '.[test]'")
    return webdriver, chromium, driver


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver, chromium, driver = _browser_or_skip()
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium  # given, with the driver's path: Selenium Manager never downloads one
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    session = webdriver.Chrome(service=Service(executable_path=driver), options=options)
    try:
        yield session
    finally:
        session.quit()


def _cli(*args: str):
    from dxtrack.cli.main import app

    result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """(the page of the project's sample repo, its status as JSON)."""
    folder = tmp_path_factory.mktemp("html-page")
    page = folder / "status.html"
    _cli("status", "--repo", PROJECT_ROOT, "--format", "html", "-o", page, "--lang", "vi", "--no-cache")
    status = json.loads(_cli("status", "--repo", PROJECT_ROOT, "--format", "json", "--no-cache").stdout)
    return page, status


def _open(browser, page: Path, width: int) -> None:
    """`page` from disk, in a viewport `width` px wide (a phone's below 600 px: the viewport meta counts)."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
    browser.get(page.as_uri())


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


# ---------------------------------------------------------------- the tests

def test_one_matrix_row_per_scored_unit(browser, sample):
    page, status = sample
    _open(browser, page, 1280)
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('#_matrix-table tbody tr'), r => r.id.replace('_row-', ''))")
    scored = [u for u in status["units"] if u["state"] == "active"]
    assert sorted(rows) == sorted(u["id"] for u in scored) and len(rows) == len(scored) > 1
    scores = {u["id"]: u["score"] for u in scored}
    assert [scores[r] for r in rows] == sorted(scores.values())  # worst first
    transferred = [u["id"] for u in status["units"] if u["state"] == "transferred"]
    assert transferred and all(browser.execute_script(
        "const e = document.getElementById(arguments[0]); return !!e && !!e.closest('#_transferred')", t)
        for t in transferred)


def test_every_unit_section_is_reachable_from_its_row(browser, sample):
    from selenium.webdriver.common.by import By

    page, status = sample
    _open(browser, page, 1280)
    links = browser.find_elements(By.CSS_SELECTOR, "#_matrix-table tbody th.name a")
    targets = [link.get_attribute("href").rsplit("#", 1)[1] for link in links]
    assert len(targets) == sum(u["state"] == "active" for u in status["units"]) > 1
    for target in targets:
        assert browser.execute_script(
            "const e = document.getElementById(arguments[0]); return !!e && e.matches('section.unit')", target)
    links[-1].click()  # the last row's unit: the farthest section down the page
    assert browser.execute_script("return location.hash") == f"#{targets[-1]}"
    top, height = browser.execute_script(
        "return [document.getElementById(arguments[0]).getBoundingClientRect().top, window.innerHeight]",
        targets[-1])
    assert 0 <= top < height / 2 and browser.execute_script("return window.scrollY") > 1000
    # and back up from the section to its row
    browser.find_element(By.CSS_SELECTOR, f"#{targets[-1]} .back a").click()
    assert browser.execute_script("return location.hash") == f"#_row-{targets[-1]}"


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows_the_screen(browser, sample, width):
    page, _status = sample
    _open(browser, page, width)
    inner, scroll_width = browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]")
    assert inner == width and scroll_width <= inner
    wide = browser.execute_script("""
        const out = [];
        for (const e of document.body.querySelectorAll('*')) {
          if (e.closest('.scroll')) continue;            // inside the matrix's own scrolling box
          const r = e.getBoundingClientRect();
          if (r.width && (r.right > window.innerWidth + 0.5 || r.left < -0.5)) out.push(e.tagName + '.' + e.className);
        }
        return out.slice(0, 5);""")
    assert wide == []
    box = browser.execute_script("""
        const s = document.querySelector('.scroll');
        return [getComputedStyle(s).overflowX, s.scrollWidth, s.clientWidth, s.getBoundingClientRect().right];""")
    assert box[0] == "auto" and box[3] <= width
    if width == 375:
        assert box[1] > box[2]  # on a phone the matrix is wider than its box, which scrolls sideways


def test_no_request_is_made(browser, sample):
    page, _status = sample
    _open(browser, page, 1280)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    outside = browser.execute_script("""
        return Array.from(document.querySelectorAll('link, script, img, style, iframe, object, embed, source'))
          .flatMap(e => [e.getAttribute('src'), e.getAttribute('href')]).filter(v => v && /http/i.test(v));""")
    assert outside == []
    assert browser.execute_script(
        "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').content"
    ).startswith("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    assert browser.execute_script("return document.scripts.length") == 0
    assert browser.execute_script("return [document.documentElement.lang, document.characterSet]") == ["vi", "UTF-8"]


def test_screenshots_at_phone_and_desktop_width(browser, sample, tmp_path):
    """The top of the page (banner, head, matrix) and the worst unit's section, at each width."""
    page, _status = sample
    wanted = os.environ.get("DXTRACK_SCREENSHOTS")
    folders = [tmp_path, *([Path(wanted)] if wanted else [])]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        _open(browser, page, width)
        worst = browser.execute_script("return document.querySelector('#_matrix-table tbody th.name a').hash")
        for name, target in ((f"status-{width}.png", None), (f"unit-{width}.png", worst)):
            if target:
                browser.execute_script("document.querySelector(arguments[0]).scrollIntoView()", target)
            for folder in folders:
                assert browser.save_screenshot(str(folder / name))
                assert _png_size(folder / name)[0] == width
    assert all((tmp_path / f"{kind}-{width}.png").stat().st_size > 10_000
               for kind in ("status", "unit") for width in WIDTHS)


def test_it_prints_on_a4_landscape(browser, sample):
    page, _status = sample
    _open(browser, page, 1280)
    pdf = base64.b64decode(browser.execute_cdp_cmd(
        "Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"])
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 841.91998 594.95996]" in pdf  # 297 × 210 mm
    # on paper the matrix does not scroll: its box shows it whole
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert browser.execute_script("return getComputedStyle(document.querySelector('.scroll')).overflowX") \
            == "visible"
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_a_hostile_name_runs_nothing(browser, tmp_path):
    import yaml

    from conftest import SETTINGS

    root = tmp_path / "repo"
    (root / "activities").mkdir(parents=True)
    (root / "dxtrack.yaml").write_text(SETTINGS, encoding="utf-8")
    name = "<script>document.title='pwned'</script>\"><img src=x onerror=\"document.title='pwned'\">"
    (root / "units.yaml").write_text(yaml.safe_dump(
        {"units": [{"id": "doc-hai", "name": name, "kind": "agency"}]}, allow_unicode=True), encoding="utf-8")
    page = tmp_path / "page.html"
    _cli("status", "--repo", root, "--format", "html", "-o", page, "--as-of", "2025-12-01", "--no-cache")
    _open(browser, page, 375)
    assert browser.execute_script("return document.title") != "pwned"
    assert browser.execute_script("return [document.scripts.length, document.images.length]") == [0, 0]
    assert name in browser.execute_script("return document.getElementById('doc-hai').textContent")
