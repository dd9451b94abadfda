from tests.access import OFFICIAL_ONLY, rule

RULES = [
    rule("audit:event_list", OFFICIAL_ONLY),
]
