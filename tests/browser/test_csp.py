"""The Content-Security-Policy holds in a real browser: no page of any role breaks it, and the
app's own scripts (Bootstrap) still work under it."""

import pytest
from selenium.webdriver.common.by import By

from accounts.demo import DEMO_PASSWORD

# Runs before any page script (CDP scripts are not subject to the page's CSP).
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile);
});
"""


@pytest.fixture
def csp_pages(pages):
    script = pages.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS}
    )
    yield pages
    # The Chromium is shared with the next tests: they must not record violations.
    pages.driver.execute_cdp_cmd(
        "Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]}
    )


def violations(pages) -> list:
    return pages.driver.execute_script("return window.__csp || [];")


def test_the_violation_recorder_sees_a_blocked_inline_script(csp_pages, demo_data):
    csp_pages.open("/accounts/login/")
    csp_pages.driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        "document.body.appendChild(s);"
    )
    assert csp_pages.driver.execute_script("return window.__ran === undefined")
    assert any("script-src" in v for v in violations(csp_pages))


@pytest.mark.parametrize("username", ["pejabat", "pendamping1", "kasir1", "perusda"])
def test_no_page_of_a_role_breaks_the_csp(csp_pages, demo_data, username):
    csp_pages.login(username, DEMO_PASSWORD)
    links = [
        a.get_attribute("href")
        for a in csp_pages.driver.find_elements(By.CSS_SELECTOR, "#main-nav a[href]")
        if a.get_attribute("href").startswith(csp_pages.base) and "#" not in a.get_attribute("href")
    ]
    for url in [csp_pages.base + "/", *links]:
        csp_pages.driver.get(url)
        csp_pages.wait_for("#main")
        assert violations(csp_pages) == [], url
    # Bootstrap's own script runs: the user menu opens.
    csp_pages.find("#user-menu").click()
    csp_pages.wait_for(".dropdown-menu.show")
    assert violations(csp_pages) == []
