"""The 13 kabupaten/kota of Sulawesi Tengah from marketing/data/regencies.csv.

Used by the data migration (with its historical models) and by tests that flush the database.
"""

import csv
from pathlib import Path

from django.apps import apps as global_apps

DATA = Path(__file__).resolve().parent / "data"


def load(apps=global_apps) -> None:
    """Create or update every regency (idempotent; the Kemendagri code is the key)."""
    Regency = apps.get_model("marketing", "Regency")
    with open(DATA / "regencies.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            Regency.objects.update_or_create(
                code=row["kemendagri_code"],
                defaults={
                    "bps_code": row["bps_code"],
                    "name": row["name"],
                    "kind": row["type"],
                    "capital": row["capital"],
                },
            )
