"""Real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium.

Without Chromium the browser tests are skipped on a developer's machine, but fail in CI
(``CI=true``): a journey that was never run must not pass as green.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC  # noqa: N812
from selenium.webdriver.support.ui import WebDriverWait

from tests.factories import PASSWORD

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = (360, 780)
DESKTOP = (1280, 900)


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


@pytest.fixture
def browser(_chromium_available):
    profile = tempfile.mkdtemp(prefix="palu-ikm-chromium-")
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
        f"--user-data-dir={profile}",
        f"--window-size={DESKTOP[0]},{DESKTOP[1]}",
    ):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def demo_data(transactional_db):
    call_command("seed_demo", verbosity=0)


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
        self.driver.get(self.base + path)

    def wait_for(self, css: str, timeout: float = 10):
        return WebDriverWait(self.driver, timeout).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css))
        )

    def find(self, css: str):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def fill(self, name: str, value: str):
        field = self.find(f"[name='{name}']")
        field.clear()
        field.send_keys(value)

    def login(self, username: str, password: str = PASSWORD):
        self.open("/accounts/login/")
        self.fill("username", username)
        self.fill("password", password)
        submit = self.find("main form button[type='submit']")
        submit.click()
        # Every page has #main, the login page too: wait for that page to be gone first, or a
        # slow answer leaves the next find() looking at the page being unloaded.
        WebDriverWait(self.driver, 15).until(lambda _driver: _is_gone(submit))
        self.wait_for("#main")

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
