"""An official onboards a bank mentor; the mentor's first login goes through the password change."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from accounts.demo import DEMO_PASSWORD
from groups.models import IkmGroup
from mentoring.models import MentorAssignment

NEW_PASSWORD = "pembukuan-rapi-2024"


def test_official_onboards_a_mentor_who_then_sees_exactly_two_groups(pages, demo_data):
    # Two groups nobody accompanies yet, so that "exactly those two" means something.
    taken = MentorAssignment.objects.values("group")
    first, second = IkmGroup.objects.exclude(pk__in=taken).order_by("code")[:2]

    pages.login("pejabat", DEMO_PASSWORD)
    # The people page sits in the accounts menu (a dropdown once the app offers several pages).
    toggles = pages.driver.find_elements("css selector", "#main-nav [data-menu='accounts']")
    if toggles:
        toggles[0].click()
        pages.wait_for("#main-nav .dropdown-menu.show")
    pages.navigate(
        pages.wait_for("#main-nav a[href='/akun/pengguna/']"), "[data-testid='person-create']"
    )
    pages.navigate(pages.find("[data-testid='person-create']"), "form[data-role-form]")
    pages.fill("first_name", "Rini")
    pages.fill("last_name", "Tadulako")
    # The username is suggested from the name.
    assert pages.find("[name='username']").get_attribute("value") == "rini.tadulako"
    pages.fill("phone", "0812 4455 6677")
    Select(pages.find("[name='role']")).select_by_value("pendamping")
    assert not pages.find("#div_id_ikm_groups").get_attribute("hidden")
    assert pages.find("#div_id_outlets").get_attribute("hidden") is not None
    Select(pages.find("[name='bank']")).select_by_visible_text("Bank Sulteng")
    for group in (first, second):
        checkbox = pages.find(f"input[name='ikm_groups'][value='{group.pk}']")
        label = pages.find(f"label[for='{checkbox.get_attribute('id')}']")
        assert group.code in label.text
        pages.driver.execute_script(
            "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", label
        )
        label.click()
        assert checkbox.is_selected()
    password = pages.navigate(
        pages.find("form[data-role-form] button[type='submit']"),
        "[data-testid='temporary-password']",
    ).text.strip()
    assert len(password) >= 12
    assert "Rini Tadulako" in pages.find("h1").text
    pages.screenshot("accounts-new-mentor-password")

    # Log out through the menu, as the official would.
    pages.find("#user-menu").click()
    pages.wait_for("#user-menu + .dropdown-menu.show")
    pages.navigate(
        pages.find("form[action='/accounts/logout/'] button"), "form[action='/accounts/login/']"
    )

    # First login with the temporary password: held at the password change.
    pages.login("rini.tadulako", password)
    assert pages.driver.current_url.endswith("/accounts/password/")
    assert "kata sandi sementara" in pages.page_text()
    pages.open("/")
    assert pages.driver.current_url.endswith("/accounts/password/")
    pages.fill("old_password", password)
    pages.fill("new_password1", NEW_PASSWORD)
    pages.fill("new_password2", NEW_PASSWORD)
    pages.navigate(pages.find("main form button[type='submit']"), "[data-testid='my-groups']")

    assert "Kelompok dampingan saya" in pages.find("h1").text
    shown = [
        item.find_element(By.CSS_SELECTOR, "strong").text
        for item in pages.driver.find_elements(
            By.CSS_SELECTOR, "[data-testid='my-groups'] .list-group-item"
        )
    ]
    assert shown == [first.name, second.name]
    pages.screenshot("accounts-new-mentor-home")


def test_people_pages_fit_a_phone(pages, demo_data):
    pages.phone()
    pages.login("perusda", DEMO_PASSWORD)
    for path in ("/akun/pengguna/", "/akun/pengguna/baru/", "/akun/profil/"):
        pages.open(path)
        pages.wait_for("#main h1")
        assert pages.horizontal_overflow() <= 0, f"{path} is wider than a 360 px phone"
    pages.open("/akun/pengguna/")
    assert "kasir1" in pages.page_text() and "pendamping1" not in pages.page_text()
    pages.screenshot("accounts-people-perusda-phone")
