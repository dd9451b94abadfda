"""The reports' filters under /laporan/: hostile query strings narrow or are refused."""

from tests.security.hostile.registry import SearchEndpoint

PARAMS = ("start", "end", "theme", "kecamatan", "regency", "condition", "page")

FORMS = []
IMPORTS = []
SEARCHES = [
    SearchEndpoint(
        f"report_{slug}",
        "reports:report",
        PARAMS,
        users=users,
        kwargs=lambda w, slug=slug: {"slug": slug},
    )
    for slug, users in (
        ("tema", ("official", "mentor")),
        ("bank", ("official", "mentor")),
        ("gerai", ("official", "perusda")),
        ("peralatan", ("official", "mentor")),
    )
]
