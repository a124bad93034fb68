"""The built site in a real headless browser: Debian's chromium driven by Selenium.

Builds the site from the committed notebooks, claims and figures into ``tmp_path``, serves it on
127.0.0.1 and checks what a reader gets: the index loads, the scorecard has one row per statement
of the registry, every image has loaded, and every internal link answers HTTP 200. A screenshot of
the index is saved to ``tests/artifacts/site_index.png``. Skips when chromium, chromedriver or
selenium is missing, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
import threading
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hotspots.claims.registry import load_registry
from hotspots.claims.scorecard import NO_VERDICT
from hotspots.config import PROJECT_ROOT
from hotspots.publish import site

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-proxy-server",
                  "--window-size=1366,900")
SCREENSHOT = PROJECT_ROOT / "tests" / "artifacts" / "site_index.png"
# Resolved URLs of every link, stylesheet and image on the page, and each image's state.
PAGE_SCRIPT = """
return {
  links: Array.from(document.querySelectorAll('a[href], link[href]')).map(e => e.href),
  images: Array.from(document.images).map(i => [i.currentSrc || i.src, i.complete,
                                                i.naturalWidth]),
};
"""


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass


def _browser_tools() -> tuple[str, str]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromedriver", driver))
               if path is None]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium Python package")
    if missing:
        reason = (f"{' and '.join(missing)} not installed (apt-get install chromium "
                  "chromium-driver; pip install -e '.[dev]')")
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test: {reason}")
        pytest.skip(reason)
    return chromium, driver


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """The site built into tmp_path and served on 127.0.0.1; yields the base URL."""
    index = site.build_site(tmp_path / "site")
    handler = functools.partial(QuietHandler, directory=str(index.parent))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    chromium, driver_path = _browser_tools()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never download anything
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _status(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    with opener.open(url, timeout=10) as response:
        return response.status


def _check_page(driver, url: str, base: str) -> list[str]:
    """Open ``url``; assert its images loaded and internal links answer 200; return them."""
    driver.get(url)
    assert driver.execute_script("return document.readyState") == "complete"
    found = driver.execute_script(PAGE_SCRIPT)
    broken = [src for src, complete, width in found["images"] if not (complete and width > 0)]
    assert not broken, f"{url}: images that did not load: {broken}"
    internal = sorted({link.split("#")[0] for link in found["links"] if link.startswith(base)})
    statuses = {link: _status(link) for link in internal}
    assert all(code == 200 for code in statuses.values()), statuses
    return internal


def test_the_site_works_in_a_real_browser(served, browser):
    base = served
    table = load_registry(complete=False).statement_table()
    table = table[table["kind"] != "advice"]
    links = _check_page(browser, base + "index.html", base)
    assert browser.title == "London Hot Spots: the fact-check scorecard"
    rows = browser.find_elements("css selector", "#scorecard-table tr.claim")
    assert [r.get_attribute("id") for r in rows] == [f"claim-{c}" for c in table["statement_id"]]
    badges = browser.find_elements("css selector", "#scorecard-table tr.claim .badge")
    assert [b.text for b in badges] == [x or NO_VERDICT for x in table["verdict"]]
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOT))

    pages = [link for link in links if link.endswith(".html") and link != base + "index.html"]
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert [p.rsplit("/", 1)[1] for p in pages] == [f"{n.stem}.html" for n in notebooks]
    for page in pages:
        _check_page(browser, page, base)
        heading = browser.find_element("css selector", "h1").text
        assert heading[:2] == page.rsplit("/", 1)[1][:2], heading
