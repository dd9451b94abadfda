"""The current KUR tiers and the default thresholds of credit readiness (both editable data)."""

from decimal import Decimal

from django.db import migrations

# KUR limits per tier (Permenko Perekonomian on KUR): Super Mikro up to Rp 10 juta, Mikro above
# Rp 10 juta up to Rp 100 juta, Kecil above Rp 100 juta up to Rp 500 juta.
SCHEMES = [
    ("KUR-SUPER-MIKRO", "KUR Super Mikro", Decimal("1"), Decimal("10000000")),
    ("KUR-MIKRO", "KUR Mikro", Decimal("10000001"), Decimal("100000000")),
    ("KUR-KECIL", "KUR Kecil", Decimal("100000001"), Decimal("500000000")),
]


def seed(apps, schema_editor):
    CreditScheme = apps.get_model("mentoring", "CreditScheme")
    ReadinessRule = apps.get_model("mentoring", "ReadinessRule")
    for code, name, low, high in SCHEMES:
        CreditScheme.objects.get_or_create(
            code=code, defaults={"name": name, "min_amount": low, "max_amount": high}
        )
    if not ReadinessRule.objects.exists():
        ReadinessRule.objects.create()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0003_credit_readiness")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
