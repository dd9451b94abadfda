"""Pages in English: every page each demo role reaches shows no Indonesian interface text.

The crawl of ``tests/test_crawl.py`` runs with the language cookie set to English. On each page
every text node and every attribute people see (title, aria-label, placeholder, alt, button
values) is compared with the catalogue: a string that is a msgid whose English text differs
means a translation that did not happen (a string translated at import time, a template without
``{% translate %}``, a catalogue entry missing or fuzzy).
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

from tests.demo_snapshot import load_demo
from tests.i18n.catalogue import indonesian_texts
from tests.test_crawl import crawl

pytestmark = pytest.mark.django_db

VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Not interface text: scripts, and literal values such as the headers of an import file.
HIDDEN_ELEMENTS = {"script", "style", "code", "kbd"}
# One account per role: the peers (pendamping2, kasir2) and the superuser see the same pages.
ACCOUNTS = ("pejabat", "pendamping1", "kasir1", "perusda")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.html_lang: str | None = None
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
        for name, value in attrs.items():
            if value and (
                name in VISIBLE_ATTRIBUTES
                or (name == "value" and attrs.get("type") in ("submit", "button"))
            ):
                self._add(value)

    def handle_endtag(self, tag):
        if tag in HIDDEN_ELEMENTS and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self._add(data)

    def _add(self, text):
        text = " ".join(text.split())
        if text:
            self.texts.append(text)


def visible_text(html: str) -> _VisibleText:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return parser


def indonesian_on_page(html: str) -> list[str]:
    """The Indonesian interface strings a page shows (empty on a fully English page)."""
    exact, patterns = indonesian_texts()
    found = []
    for text in visible_text(html).texts:
        # A text node may hold a label and a colon or an icon's neighbour: compare it bare too.
        candidates = {text, text.strip(" :·–—()")}
        if candidates & exact or any(p.fullmatch(c) for p in patterns for c in candidates):
            found.append(text)
    return found


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _check_pages(client, start="/"):
    problems: dict[str, list[str]] = {}
    languages: dict[str, str | None] = {}

    def inspect(url, response):
        html = response.content.decode()
        languages[url] = visible_text(html).html_lang
        found = indonesian_on_page(html)
        if found:
            problems[url] = found

    pages = crawl(client, start, per_pattern_limit=2, inspect=inspect)
    return pages, problems, languages


@pytest.mark.parametrize("username", ACCOUNTS)
def test_pages_of_every_role_are_all_english(english, username):
    load_demo()
    english.force_login(get_user_model().objects.get(username=username))
    pages, problems, languages = _check_pages(english)
    assert len(pages) > 1, f"{username}: the crawl found nothing but the start page"
    not_english = {url: lang for url, lang in languages.items() if lang != "en"}
    assert not not_english, f"{username}: <html lang> is not en on {not_english}"
    assert not problems, f"Indonesian text on English pages of {username}:\n" + "\n".join(
        f"{url}: {found}" for url, found in sorted(problems.items())
    )


@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/login/?next=/kelompok/",
        "/akun/lupa-sandi/",
    ],
)
def test_public_pages_are_english(english, path):
    response = english.get(path, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert visible_text(html).html_lang == "en"
    assert indonesian_on_page(html) == []


def test_the_check_spots_indonesian_text():
    """The detector itself: catalogue msgids are found, data and English are not."""
    assert indonesian_on_page("<p>Kelompok aktif</p>") == ["Kelompok aktif"]
    assert indonesian_on_page('<a title="Ubah tahap">x</a>') == ["Ubah tahap"]
    assert indonesian_on_page("<p>Halaman 2 dari 7</p>") == ["Halaman 2 dari 7"]
    assert indonesian_on_page("<th>Tema:</th>") == ["Tema:"]
    assert indonesian_on_page("<p>Active groups</p><p>Kelompok Tenun Donggala</p>") == []
    assert indonesian_on_page("<script>var s = 'Kelompok aktif';</script>") == []
    assert indonesian_on_page("<li><code>Kode kelompok</code> (Group code)</li>") == []
    # Numbers in counts, any text only where the msgid has words enough around it.
    assert indonesian_on_page("<p>12 anggota</p>") == ["12 anggota"]
    assert indonesian_on_page("<p>Pemeriksaan pertama setelah serah terima</p>") == []
    assert indonesian_on_page("<td>NPWP</td><td>P-IRT</td>") == []


def test_names_built_from_parts_follow_the_language(db):
    from django.utils import translation

    from marketing.models import Regency

    regency = Regency.objects.get(name="Sigi")
    with translation.override("id"):
        assert str(regency) == "Kabupaten Sigi"
    with translation.override("en"):
        assert str(regency) == "Sigi Regency"


def test_the_group_list_names_themes_in_english(english, official):
    from groups.models import Theme
    from tests.groups.factories import IkmGroupFactory

    theme = Theme.objects.exclude(name_en="").first()
    IkmGroupFactory(theme=theme)
    english.force_login(official)
    response = english.get("/kelompok/")
    assert dict(response.context["theme_counts"]) == {theme.name_en: 1}
