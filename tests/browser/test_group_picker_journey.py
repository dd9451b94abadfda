"""An official with many groups filters the session list by typing part of a group's name."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from accounts.demo import DEMO_PASSWORD
from groups import pickers
from groups.models import IkmGroup


def test_official_picks_a_group_from_the_suggestions(pages, demo_data, monkeypatch):
    monkeypatch.setattr(pickers, "SEARCH_FROM", 5)  # the 22 demo groups count as "many"
    group = IkmGroup.objects.filter(mentoring_sessions__isnull=False).order_by("code").first()
    pages.login("pejabat", DEMO_PASSWORD)
    pages.open("/pendampingan/sesi/")
    box = pages.wait_for("input[name='kelompok'][data-group-lookup]")
    box.send_keys(group.name[:8])
    options = WebDriverWait(pages.driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#id_kelompok-options option")
    )
    label = pickers.group_label(group.code, group.name)
    assert label in [o.get_attribute("value") for o in options]

    box.clear()
    box.send_keys(label)
    # The list being left has a session table too: navigate waits for it to be gone.
    table = pages.navigate(box.submit, "[data-testid='session-table']")
    codes = {a.text for a in table.find_elements(By.CSS_SELECTOR, "tbody td:nth-child(2) a")}
    assert codes == {group.code}
    assert pages.find("input[name='kelompok']").get_attribute("value") == label
