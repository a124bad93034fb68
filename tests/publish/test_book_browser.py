"""The book in a real headless browser (Debian's chromium driven by Selenium), offline.

Builds the book of a tiny collection (:mod:`book_collection`) into ``tmp_path``, serves it on
127.0.0.1 and opens it in Chromium with every other address unreachable: host names resolve
to nothing, and any request that does not go to 127.0.0.1 is sent to a closed proxy port.
Chrome's DevTools network log records every request of every page; one to anywhere but
127.0.0.1 fails the test. Checks what a reader gets: every page loads without console errors,
each notebook opens with its verdict box, code stays folded until "Show code" is clicked,
formulas render, the search page finds a term, and the map draws and redraws for another crime
type. Screenshots of the front page and the map are saved in ``tmp_path``.

Skips when chromium, chromedriver or selenium is missing, except in CI (``CI`` set), where
that is a failure.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from book_collection import CRIMES, make_collection, notebook_stems

from hotspots.article import STATEMENTS
from hotspots.publish import book

pytestmark = pytest.mark.slow

CHROMIUM_FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900",
    "--no-first-run", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-quic", "--disable-features=OptimizationHints,Translate",
    # nothing but 127.0.0.1 is reachable: names resolve to nothing, other traffic goes to a
    # closed port (loopback itself bypasses the proxy)
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
)
WAIT = 20


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


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The book of the tiny collection, served on 127.0.0.1; yields the base URL."""
    root = make_collection(tmp_path_factory.mktemp("collection"))
    site = book.build_book(tmp_path_factory.mktemp("out") / "site", root=root).parent
    handler = functools.partial(QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    chromium, driver_path = _browser_tools()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    try:
        yield driver
    finally:
        driver.quit()


class Reader:
    """Opens pages and remembers every request and every console error."""

    def __init__(self, driver: object, base: str) -> None:
        self.driver = driver
        self.base = base
        self.requests: set[str] = set()
        self.errors: list[str] = []

    def collect(self) -> None:
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self.requests.add(message["params"]["request"]["url"])
        self.errors += [f"{e['message']}" for e in self.driver.get_log("browser")
                        if e["level"] == "SEVERE"]

    def open(self, path: str) -> None:
        from selenium.webdriver.support.ui import WebDriverWait

        self.driver.get(self.base + path)
        WebDriverWait(self.driver, WAIT).until(
            lambda d: d.execute_script("return document.readyState") == "complete")
        self.collect()

    def elsewhere(self) -> list[str]:
        """Requests to anywhere but the test server."""
        return sorted(u for u in self.requests if urlsplit(u).scheme in ("http", "https")
                      and urlsplit(u).hostname != "127.0.0.1")


@pytest.fixture(scope="module")
def reader(served: str, browser: object) -> Reader:
    return Reader(browser, served)


def wait_for(driver: object, script: str) -> object:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(script))


def test_every_page_loads_offline_without_errors(reader, tmp_path_factory):
    reader.open("index.html")
    wait_for(reader.driver, "return location.pathname.endsWith('/book/intro.html')")
    title = reader.driver.find_element("css selector", "article h1").text
    assert title.startswith("London Hot Spots")
    rows = reader.driver.find_elements("css selector", ".scorecard tbody tr")
    assert len(rows) == len([s for s in STATEMENTS if s.kind != "advice"])
    reader.driver.save_screenshot(str(tmp_path_factory.getbasetemp() / "book_index.png"))
    pages = [f"notebooks/{s}.html" for s in notebook_stems()] + [
        "book/glossary.html", "book/map.html", "genindex.html"]
    for page in pages:
        reader.open(page)
    assert reader.errors == []
    assert reader.elsewhere() == []
    assert any(u.endswith("/explorer.html") for u in reader.requests)


def test_notebooks_open_with_verdicts_and_folded_code(reader):
    from selenium.webdriver.support.ui import WebDriverWait

    for stem in notebook_stems():
        reader.open(f"notebooks/{stem}.html")
        box = reader.driver.find_element("css selector", "div.verdict-box")
        assert box.is_displayed() and f"for {stem}" in box.text
        toggle = reader.driver.find_element("css selector", "details.hide")
        code = toggle.find_element("css selector", "pre")
        assert toggle.get_attribute("open") is None and not code.is_displayed()
    toggle.find_element("css selector", "summary").click()
    wait_for(reader.driver, "return document.querySelector('details.hide').open")
    WebDriverWait(reader.driver, WAIT).until(lambda d: code.is_displayed())
    assert "total = 2 + 2" in code.text
    assert "Hide code" in toggle.find_element("css selector", "summary").text
    reader.collect()
    assert reader.errors == [] and reader.elsewhere() == []


def test_formulas_render_with_the_local_mathjax(reader):
    reader.open(f"notebooks/{notebook_stems()[0]}.html")
    wait_for(reader.driver, "return document.querySelectorAll('mjx-container svg').length > 0")
    reader.collect()
    assert any("/_static/mathjax/" in u for u in reader.requests)
    assert reader.errors == [] and reader.elsewhere() == []


def test_search_works_offline(reader):
    from selenium.webdriver.common.keys import Keys

    reader.open("search.html")
    field = next(f for f in reader.driver.find_elements("css selector", "input[name='q']")
                 if f.is_displayed())  # the page's own field, not the hidden pop-up's
    field.send_keys("Bonferroni", Keys.ENTER)
    wait_for(reader.driver, "return document.querySelectorAll('ul.search li').length > 0")
    results = [li.text for li in reader.driver.find_elements("css selector", "ul.search li")]
    assert any(r.startswith("Glossary") for r in results), results
    reader.collect()
    assert reader.errors == [] and reader.elsewhere() == []


def test_the_map_draws_and_follows_the_reader(reader, tmp_path_factory):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.support.ui import Select

    reader.open("book/map.html")
    driver = reader.driver
    driver.switch_to.frame(driver.find_element("css selector", "iframe.explorer-frame"))
    try:
        wait_for(driver, "const d = document.getElementById('explorer-map');"
                         "return d && d.data && d.data.length > 1")
        legend = "return document.getElementById('explorer-map').layout.legend.title.text"
        assert CRIMES[0] in driver.execute_script(legend)
        classes = driver.find_elements("css selector", ".legendtext")
        assert [c.text for c in classes][0] == "9"  # highest class first (counts 1…9)
        assert len(driver.find_elements("css selector", ".scatterlayer path")) >= 5
        driver.switch_to.default_content()
        frame = driver.find_element("css selector", "iframe.explorer-frame")
        driver.execute_script("arguments[0].scrollIntoView()", frame)
        driver.save_screenshot(str(tmp_path_factory.getbasetemp() / "book_map.png"))
        driver.switch_to.frame(frame)
        # hovering over the middle of the grid names the middle ward and its numbers
        ActionChains(driver).move_to_element(
            driver.find_element("css selector", ".nsewdrag")).perform()
        wait_for(driver, "return document.querySelector('.hovertext') !== null")
        hover = driver.find_element("css selector", ".hovertext").text
        assert "Ward 5 (Westminster)" in hover and "5 offences" in hover, hover
        Select(driver.find_element("id", "crime")).select_by_visible_text(CRIMES[1])
        wait_for(driver, f"{legend}.includes('{CRIMES[1]}')")
        Select(driver.find_element("id", "measure")).select_by_value("hot_spot_class")
        wait_for(driver, f"{legend}.includes('hot-spot class')")
        texts = [c.text for c in driver.find_elements("css selector", ".legendtext")]
        assert texts == ["Not Significant"]  # burglary: no hot spot in the synthetic grid
    finally:
        driver.switch_to.default_content()
    reader.collect()
    assert reader.errors == [] and reader.elsewhere() == []


def test_the_network_log_would_catch_a_request_elsewhere(served, browser):
    """The guard is not vacuous: a request to another host is recorded (and goes nowhere)."""
    probe = Reader(browser, served)
    probe.open("book/glossary.html")
    browser.execute_script(
        "return fetch('http://hot-spots.invalid/probe.js').catch(() => 'blocked')")
    wait_for(browser, "return true")
    probe.collect()
    assert probe.elsewhere() == ["http://hot-spots.invalid/probe.js"]
