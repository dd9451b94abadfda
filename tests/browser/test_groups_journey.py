"""An official finds a group, adds a member with a wrong NIK, corrects it, sees the member."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from accounts.demo import DEMO_PASSWORD

GROUP = "Kripik Talise Rasa"
NIK_WRONG = "727101450790987"  # 15 digits
NIK_RIGHT = "7271014507909876"  # a woman born 5 July 1990


def visible(pages, css):
    return [e for e in pages.driver.find_elements(By.CSS_SELECTOR, css) if e.is_displayed()]


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone-360"])
def test_official_adds_a_member_after_correcting_the_nik(pages, demo_data, phone):
    if phone:
        pages.phone()
    pages.login("pejabat", DEMO_PASSWORD)
    pages.open("/kelompok/")
    pages.wait_for("[data-testid='filter-form']")
    assert pages.horizontal_overflow() <= 0, "the group list is wider than the window"

    pages.fill("q", "talise rasa")
    # The unfiltered list has the summary too: navigate waits for that page to be gone.
    pages.navigate(
        pages.find("[data-testid='filter-form'] button[type='submit']"),
        "[data-testid='group-summary']",
    )
    links = [a for a in visible(pages, "main a") if GROUP in a.text]
    assert len(links) == 1, "the search finds exactly the group"
    assert pages.navigate(links[0], "[data-testid='group-name']").text == GROUP
    assert pages.horizontal_overflow() <= 0, "the profile is wider than the window"
    pages.navigate(pages.find("[data-testid='add-member']"), "[data-testid='edit-form']")
    pages.fill("name", "Nurul Uji Coba")
    pages.fill("nik", NIK_WRONG)
    Select(pages.find("[name='sex']")).select_by_value("F")
    error = pages.navigate(
        pages.find("[data-testid='save']"),
        "#id_nik.is-invalid ~ .invalid-feedback, .invalid-feedback",
    )
    assert "16 angka" in pages.page_text()
    assert error.is_displayed()
    assert pages.horizontal_overflow() <= 0, "the form with its error is wider than the window"
    pages.screenshot(f"member-nik-error-{'phone' if phone else 'desktop'}")

    pages.fill("nik", NIK_RIGHT)
    table = pages.navigate(pages.find("[data-testid='save']"), "[data-testid='member-table']")
    assert "Nurul Uji Coba" in table.text
    assert "Anggota Nurul Uji Coba ditambahkan" in pages.page_text()
    assert NIK_RIGHT in table.text  # officials see the full NIK
    assert pages.horizontal_overflow() <= 0
    pages.screenshot(f"member-added-{'phone' if phone else 'desktop'}")
