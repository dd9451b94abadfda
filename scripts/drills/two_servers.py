"""Drill: two app servers, one database, one media folder — the app holds no state of its own.

Two gunicorn processes (different ports, same environment, same PostgreSQL database and
MEDIA_ROOT) serve the same users, as behind a load balancer:

1. a user signs in on A; the session cookie works on B; a form token from A is accepted by B;
2. signing out on B ends the session on A too;
3. a file uploaded on A (a legal document's scan, through the admin) is listed on B, its link
   points to the scoped download view, the bytes in the shared private media folder and those B
   sends are the uploaded ones; the audit trail read on B shows the upload made on A;
4. login throttling is shared: failures on A lock the account on B as well.

Public uploads are served by the reverse proxy from the shared MEDIA_ROOT (see README and
docs/SECURITY.md). Legal papers live in the shared PRIVATE_MEDIA_ROOT instead and are sent only
by the app, to users who may see the group (groups/storage.py).

Run: ``.venv/bin/python -m scripts.drills.two_servers`` (about 30 s).
"""

import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from scripts.drills.common import (
    WRONG_PASSWORD,
    AppServer,
    Browser,
    app_env,
    check,
    free_port,
    main,
    manage,
    prepared_database,
    private_postgres,
    static_root,
)

CREATE_GROUP = """
from groups.models import IkmGroup, Kelurahan, Theme
import datetime as dt
g = IkmGroup.objects.create(code="DRILL-1", name="Kelompok Latihan", theme=Theme.objects.first(),
    kelurahan=Kelurahan.objects.first(), formed_on=dt.date(2020, 1, 1),
    stage_since=dt.date(2020, 1, 1))
print(g.pk)
"""
SCAN = b"%PDF-1.4\n% Palu IKM drill scan\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def drill():
    media = Path(tempfile.mkdtemp(prefix="palu-ikm-drill-media-"))
    private = Path(tempfile.mkdtemp(prefix="palu-ikm-drill-private-media-"))
    try:
        run_servers(media, private)
    finally:
        shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(private, ignore_errors=True)


def run_servers(media: Path, private: Path):
    with private_postgres() as pg:
        env = app_env(
            DATABASE_URL=prepared_database(pg, "palu_drill_two"),
            DJANGO_MEDIA_ROOT=media,
            DJANGO_PRIVATE_MEDIA_ROOT=private,
        )
        group_id = manage("shell", "-c", CREATE_GROUP, env=env, quiet=True).strip().splitlines()[-1]
        env["DJANGO_STATIC_ROOT"] = str(static_root(env))
        with (
            AppServer(free_port(), env, name="server-a") as a,
            AppServer(free_port(), env, name="server-b") as b,
        ):
            sessions_are_shared(a, b)
            uploads_are_shared(a, b, group_id, private)
            throttling_is_shared(a, b)


def sessions_are_shared(a: AppServer, b: AppServer):
    user = Browser(a.base)
    check(user.login("drill-pejabat").status == 302, "signed in on server A")
    home_b = user.get("/", base=b.base)
    check(home_b.status == 200 and "Latihan" in home_b.text, "A's session cookie works on B")
    # A form served by A, sent to B: the CSRF secret and the session are shared, not local.
    token = user.csrf_token("/accounts/password/", base=a.base)
    response = user.post(
        "/accounts/password/",
        {
            "csrfmiddlewaretoken": token,
            "old_password": WRONG_PASSWORD,
            "new_password1": "x",
            "new_password2": "x",
        },
        base=b.base,
    )
    check(response.status == 200 and "kata sandi" in response.text.lower(), "A's form posts to B")
    token = user.csrf_token("/", base=b.base)
    logout = user.post("/accounts/logout/", {"csrfmiddlewaretoken": token}, base=b.base)
    check(logout.status == 302, "signed out on server B")
    after = user.get("/", base=a.base)
    check(
        after.status == 302 and "/accounts/login/" in after.headers.get("Location", ""),
        "the session ended on B is gone on A too",
    )


def uploads_are_shared(a: AppServer, b: AppServer, group_id: str, private: Path):
    admin = Browser(a.base)
    check(admin.login("drill-admin").status == 302, "the administrator signs in on A")
    add = "/admin/groups/legaldocument/add/"
    token = admin.csrf_token(add, base=a.base)
    response = admin.post(
        add,
        {
            "csrfmiddlewaretoken": token,
            "group": group_id,
            "kind": "nib",
            "number": "1234567890123",
            "issued_on": "2024-02-01",
            "expires_on": "",
            "_save": "Simpan",
        },
        files={"scan": ("nib-latihan.pdf", SCAN, "application/pdf")},
        base=a.base,
    )
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
    check(response.status == 302, f"a scan is uploaded on A ({response.status} {errors})")
    listing = admin.get("/admin/groups/legaldocument/", base=b.base)
    check(listing.status == 200 and "1234567890123" in listing.text, "B lists the upload")
    change = re.search(r'href="(/admin/groups/legaldocument/\d+/change/)"', listing.text)
    check(change is not None, "B links to the uploaded document")
    page = admin.get(change.group(1), base=b.base).text
    link = re.search(r'href="/kelompok/berkas/(documents/[^"]+\.pdf)"', page)
    check(link is not None, "B's page links the scan to the scoped download view")
    stored = private / link.group(1)
    check(stored.is_file(), f"the file is in the shared PRIVATE_MEDIA_ROOT: {link.group(1)}")
    check(
        hashlib.sha256(stored.read_bytes()).digest() == hashlib.sha256(SCAN).digest(),
        "the bytes in the shared folder are the uploaded ones",
    )
    sent = admin.get(f"/kelompok/berkas/{link.group(1)}", base=b.base)
    check(sent.status == 200 and sent.body == SCAN, "B sends the scan uploaded on A")
    trail = admin.get("/audit/?target=groups.legaldocument", base=b.base)
    check(
        trail.status == 200 and "1234567890123" in trail.text,
        "B's audit trail shows the upload made on A",
    )


def throttling_is_shared(a: AppServer, b: AppServer):
    for attempt in range(5):
        server = a if attempt % 2 == 0 else b
        status = Browser(server.base).login("drill-pejabat", WRONG_PASSWORD).status
        if attempt < 4:
            check(status == 200, f"failed login {attempt + 1} on {server.name} is refused")
    status = Browser(b.base).login("drill-pejabat").status
    check(status == 429, "failures spread over A and B lock the account on both")


if __name__ == "__main__":
    main(drill)
