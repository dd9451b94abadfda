from tests.access import EVERYONE, rule

RULES = [
    rule("home", EVERYONE),
    rule("healthz", "200 200 200 200 200 200 200 200"),
    # Signed-in users are sent on from the login page to their home page.
    rule("login", "200 302 302 302 302 302 302 302"),
    rule("logout", "302 302 302 302 302 302 302 302", method="post"),
    rule("password_change", EVERYONE),
    rule("password_change_done", EVERYONE),
    # The language switcher: a POST only, open before login (the login page has one too).
    rule("set_language", "405 405 405 405 405 405 405 405"),
    rule(
        "set_language",
        "302 302 302 302 302 302 302 302",
        method="post",
        data=lambda world: {"language": "en", "next": "/accounts/login/"},
    ),
]
