"""Access rules of the reports under /laporan/: the list, each report and its downloads."""

from tests.access import rule

GROUP_REPORTS = ("tema", "kelurahan", "bank", "pelatihan", "peralatan")
SALES_REPORTS = ("gerai", "kabupaten")

READERS = "302 200 200 200 200 403 403 403"  # officials and mentors (their groups)
SALES = "302 200 200 403 403 403 403 200"  # officials and the Perusda manager


def slug(name):
    return lambda w: {"slug": name}


def export(name, fmt):
    return lambda w: {"slug": name, "fmt": fmt}


RULES = [
    rule("reports:index", "302 200 200 200 200 403 403 200"),
    rule("reports:report", "302 404 404 404 404 404 404 404", kwargs=slug("tidak-ada")),
    *[rule("reports:report", READERS, kwargs=slug(s)) for s in GROUP_REPORTS],
    *[rule("reports:report", SALES, kwargs=slug(s)) for s in SALES_REPORTS],
    *[
        rule("reports:report_export", READERS, kwargs=export(s, fmt))
        for s in GROUP_REPORTS
        for fmt in ("xlsx", "csv")
    ],
    *[rule("reports:report_export", SALES, kwargs=export(s, "xlsx")) for s in SALES_REPORTS],
    # Reports only read: a POST is refused like any other method the page does not take.
    rule("reports:report", "302 405 405 405 405 405 405 405", kwargs=slug("tema"), method="post"),
]


def own_group(w):
    return {"pk": w.group.pk}


RULES += [
    # perusda sees the group profile but not members' data: no dossier; the peer mentor: 404.
    rule("reports:group_dossier", "302 200 200 200 404 403 403 403", kwargs=own_group),
]

OFFICIAL_DOWNLOAD = "302 200 200 403 403 403 403 403"

RULES += [
    rule("reports:siinas_export", OFFICIAL_DOWNLOAD, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("reports:siinas_export", OFFICIAL_DOWNLOAD, kwargs=lambda w: {"fmt": "csv"}),
    rule("reports:sikp_export", OFFICIAL_DOWNLOAD, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("reports:sikp_export", OFFICIAL_DOWNLOAD, kwargs=lambda w: {"fmt": "csv"}),
]
