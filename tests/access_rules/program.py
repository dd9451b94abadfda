from tests.access import EVERYONE, rule

RULES = [
    rule("home", EVERYONE),
    rule("healthz", "200 200 200 200 200 200 200 200"),
    # Signed-in users are sent on from the login page to their home page.
    rule("login", "200 302 302 302 302 302 302 302"),
    # Wrong credentials: the form again for a visitor; signed-in users are sent on.
    rule(
        "login",
        "200 302 302 302 302 302 302 302",
        method="post",
        data=lambda w: {"username": "tidak-ada", "password": "salah-sekali"},
    ),
    rule("logout", "302 302 302 302 302 302 302 302", method="post"),
    rule("password_change", EVERYONE),
    # A wrong old password: the form again with its error, for every signed-in user.
    rule(
        "password_change",
        EVERYONE,
        method="post",
        data=lambda w: {
            "old_password": "bukan-sandi-lama",
            "new_password1": "Tenun-Donggala-2024!",
            "new_password2": "Tenun-Donggala-2024!",
        },
    ),
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
