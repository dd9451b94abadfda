"""A visitor switches the interface to English on the login page, signs in, and switches back."""

from accounts.demo import DEMO_PASSWORD


def _html_lang(pages) -> str:
    return pages.find("html").get_attribute("lang")


def test_switch_to_english_and_back(pages, demo_data):
    pages.phone()
    pages.open("/accounts/login/")
    assert _html_lang(pages) == "id"
    assert "Masuk ke Palu IKM" in pages.page_text()
    # The switcher fits in the navbar of a phone, next to the brand.
    assert pages.horizontal_overflow() <= 0

    pages.navigate(pages.find(".language-switcher button[value='en']"), "html[lang='en']")
    assert "Sign in to Palu IKM" in pages.page_text()
    assert pages.driver.current_url.endswith("/accounts/login/")

    pages.login("pejabat", DEMO_PASSWORD)
    assert _html_lang(pages) == "en"
    assert "IKM program overview" in pages.find("h1").text
    assert pages.horizontal_overflow() <= 0
    pages.screenshot("home-pejabat-english-phone")

    # From a list page with a filter, back to Indonesian: the same page, filter kept.
    pages.open("/kelompok/?tahap=formed")
    pages.navigate(pages.find(".language-switcher button[value='id']"), "html[lang='id']")
    assert pages.driver.current_url.endswith("/kelompok/?tahap=formed")
    assert "Kelompok" in pages.find("h1").text
