"""Real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Without Chromium the browser tests are skipped on a developer's machine, but fail in CI
(``CI=true``): a journey that was never run must not pass as green.

One Chromium per test process (xdist worker) serves every browser test: starting it costs more
than most journeys. Each test gets it back clean (no cookies, no storage, desktop size, on
``about:blank``); a Chromium that no longer answers is replaced by a new one.

Every action that loads a new page goes through ``Pages.navigate``: it waits for the page being
left to be gone before it looks for the next page's marker, so that a marker both pages share
(``#main``, a filter form that submits to itself) can never be found on the old page.
"""

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC  # noqa: N812
from selenium.webdriver.support.ui import WebDriverWait

from tests.demo_snapshot import load_demo
from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = (360, 780)
DESKTOP = (1280, 900)
# Generous: a loaded CI machine answers slowly, and a wait only lasts as long as it must.
WAIT = 15
NAVIGATION_WAIT = 30

SCROLL_TO_CENTRE = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _chromium_available():
    available = os.path.exists(CHROMIUM) and shutil.which(CHROMEDRIVER) is not None
    if not available:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but Chromium is missing ({CHROMIUM}, {CHROMEDRIVER})")
        pytest.skip("Chromium is not installed (apt-get install chromium chromium-driver)")


class _Chromium:
    """The test process's one Chromium, with its temporary profile."""

    def __init__(self):
        self.driver = None
        self.profile = None

    def start(self):
        self.profile = tempfile.mkdtemp(prefix="palu-ikm-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--lang=id-ID",
            f"--user-data-dir={self.profile}",
            f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
        ):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id"})
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.driver.implicitly_wait(0)

    def stop(self):
        if self.driver is not None:
            with contextlib.suppress(WebDriverException):  # already gone: nothing to quit
                self.driver.quit()
            self.driver = None
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def clean(self):
        """The driver as a new test should find it; restarted if the last test broke it."""
        if self.driver is None:
            self.start()
        try:
            _reset(self.driver)
        except WebDriverException:
            self.stop()
            self.start()
            _reset(self.driver)
        return self.driver


def _reset(driver):
    """Forget what the last test left: extra windows, storage, cookies, window size, page."""
    handles = driver.window_handles
    for handle in handles[1:]:
        driver.switch_to.window(handle)
        driver.close()
    driver.switch_to.window(handles[0])
    if driver.current_url.startswith("http"):
        # Storage belongs to the page's origin: clear it while that page is still open.
        driver.execute_script("window.localStorage.clear(); window.sessionStorage.clear();")
        driver.delete_all_cookies()
    driver.execute_cdp_cmd("Network.clearBrowserCookies", {})  # every domain, not only this one
    driver.get("about:blank")
    driver.set_window_size(*DESKTOP)


@pytest.fixture(scope="session")
def _chromium(_chromium_available):
    chromium = _Chromium()
    try:
        yield chromium
    finally:
        chromium.stop()


@pytest.fixture
def browser(_chromium):
    """The shared Chromium, clean for this test."""
    return _chromium.clean()


@pytest.fixture
def demo_data(transactional_db):
    load_demo()


def _is_gone(element) -> bool:
    """True once the element's page was replaced (Chromium reports it in two ways)."""
    try:
        element.is_enabled()
    except (StaleElementReferenceException, WebDriverException):
        return True
    return False


class Pages:
    """Small helpers so that journeys read like what the user does."""

    def __init__(self, driver, live_server):
        self.driver = driver
        self.base = live_server.url

    def open(self, path: str):
        """Load a page by its address (``get`` returns once the page has loaded)."""
        self.driver.get(self.base + path)

    def wait_for(self, css: str, timeout: float = WAIT):
        return WebDriverWait(self.driver, timeout).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def navigate(self, action, marker: str, timeout: float = NAVIGATION_WAIT) -> WebElement:
        """Do what leaves this page, then return ``marker`` (CSS) found on the next page.

        ``action`` is an element to click (scrolled to the middle first: the navbar is sticky
        and Bootstrap scrolls smoothly) or a callable (``box.submit``). The next page's marker
        is looked for only once the current ``<html>`` is gone, so a marker the page being left
        has too is never found there.
        """
        page = self.driver.find_element(By.TAG_NAME, "html")
        if isinstance(action, WebElement):
            self.tap(action)
        else:
            action()
        WebDriverWait(self.driver, timeout).until(
            lambda _driver: _is_gone(page), f"the page was not left for {marker!r}"
        )
        return self.wait_for(marker, timeout)

    def tap(self, element):
        """A click that stays on this page (a checkbox, a stepper): scroll it to the middle first.

        A click that loads another page goes through ``navigate``.
        """
        self.driver.execute_script(SCROLL_TO_CENTRE, element)
        element.click()

    def eventually(self, condition, timeout: float = WAIT):
        """Poll ``condition()`` until it is truthy or ``timeout`` passes; return its last value.

        For the effect of something done on the page (a script reacting to a click): the
        assertion that follows says what was expected, not a bare timeout.
        """
        result = None

        def check(_driver):
            nonlocal result
            result = condition()
            return result

        with contextlib.suppress(TimeoutException):
            WebDriverWait(self.driver, timeout).until(check)
        return result

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def fill(self, name: str, value: str):
        field = self.find(f"[name='{name}']")
        field.clear()
        field.send_keys(value)

    def login(self, username: str, password: str = PASSWORD, marker: str = "#main"):
        self.open("/accounts/login/")
        self.fill("username", username)
        self.fill("password", password)
        # Every page has #main, the login page too: navigate waits for this one to be gone.
        return self.navigate(self.find("main form button[type='submit']"), marker)

    def logout(self):
        self.driver.delete_all_cookies()

    def phone(self):
        self.driver.set_window_size(*PHONE)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.driver.save_screenshot(str(path))
        return path

    def page_text(self) -> str:
        return self.find("body").text

    def horizontal_overflow(self) -> int:
        """Pixels the page is wider than the window (0 on a page that fits a phone)."""
        return self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )


@pytest.fixture
def pages(browser, live_server):
    return Pages(browser, live_server)
