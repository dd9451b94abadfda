"""Demo data for marketing: one Perusda outlet in each of the 12 kabupaten, two clerks, and a
year of consignment trade (``demo_trade``)."""

import datetime as dt

from django.contrib.auth import get_user_model

from marketing import demo_trade
from marketing.models import Outlet, OutletStaff, Regency

CLERK_OUTLETS = {"kasir1": "GERAI-7201", "kasir2": "GERAI-7210"}


def seed(ctx) -> None:
    rng = ctx.rng
    for regency in Regency.objects.filter(kind=Regency.Kind.KABUPATEN).order_by("code"):
        code = f"GERAI-{regency.code.replace('.', '')}"
        outlet, _created = Outlet.objects.get_or_create(
            code=code,
            defaults={
                "name": f"Gerai Perusda {regency.name}",
                "regency": regency,
                "address": f"Jl. Trans Sulawesi No. {rng.randint(1, 200)}, {regency.capital}",
                "opened_on": dt.date(2019, rng.randint(1, 12), 1),
            },
        )
        ctx.outlets.append(outlet)
    users = get_user_model().objects.in_bulk(list(CLERK_OUTLETS), field_name="username")
    for username, outlet_code in CLERK_OUTLETS.items():
        OutletStaff.objects.get_or_create(
            user=users[username],
            outlet=Outlet.objects.get(code=outlet_code),
            defaults={"starts_on": dt.date(2020, 1, 1)},
        )
    demo_trade.seed(ctx)
