"""Each demo role logs in through the login form and lands on the home page made for it."""

import pytest

from accounts.demo import DEMO_PASSWORD

HOME_MARKERS = {
    "admin": "Ikhtisar program IKM",
    "pejabat": "Ikhtisar program IKM",
    "pendamping1": "Kelompok dampingan saya",
    "pendamping2": "Kelompok dampingan saya",
    "kasir1": "Gerai saya",
    "kasir2": "Gerai saya",
    "perusda": "Gerai Perusda",
}


def test_wrong_password_shows_a_clear_message(pages, demo_data):
    pages.login("pejabat", "salah-sandi-sekali")
    text = pages.page_text()
    assert "Masuk ke Palu IKM" in text
    assert "nama pengguna" in text.lower() and "kata sandi" in text.lower()


@pytest.mark.parametrize("username", list(HOME_MARKERS))
def test_demo_role_logs_in_and_sees_its_home(pages, demo_data, username):
    pages.phone()
    pages.login(username, DEMO_PASSWORD)
    assert HOME_MARKERS[username] in pages.find("h1").text
    assert pages.horizontal_overflow() <= 0, "the home page is wider than a 360 px phone"
    pages.screenshot(f"home-{username}-phone")
