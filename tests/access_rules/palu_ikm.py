from tests.access import EVERYONE, rule

RULES = [
    rule("home", EVERYONE),
    rule("healthz", "200 200 200 200 200 200 200 200"),
    # Signed-in users are sent on from the login page to their home page.
    rule("login", "200 302 302 302 302 302 302 302"),
    rule("logout", "302 302 302 302 302 302 302 302", method="post"),
    rule("password_change", EVERYONE),
    rule("password_change_done", EVERYONE),
]
