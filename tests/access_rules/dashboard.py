"""Access rules of the dashboards and the yearly targets."""

from tests.access import EVERYONE, rule


def target_data(w):
    return {"groups_mandiri": "5", "outlet_sales": "100000000"}


RULES = [
    rule("dashboard", EVERYONE),
    rule("target_list", "302 200 200 403 403 403 403 200"),
    rule(
        "target_list",
        "302 302 302 403 403 403 403 403",
        method="post",
        data=target_data,
    ),
]
