"""Palu's themes, kecamatan and kelurahan from the CSV files in groups/data/.

Used by the data migration (with its historical models) and by tests that flush the database.
"""

import csv
from pathlib import Path

from django.apps import apps as global_apps

DATA = Path(__file__).resolve().parent / "data"


def load(apps=global_apps) -> None:
    """Create or update every row (idempotent; official codes are the keys)."""
    Theme = apps.get_model("groups", "Theme")
    Kecamatan = apps.get_model("groups", "Kecamatan")
    Kelurahan = apps.get_model("groups", "Kelurahan")
    with open(DATA / "themes.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            Theme.objects.update_or_create(
                code=row["code"],
                defaults={"name": row["name_id"], "name_en": row["name_en"], "kbli": row["kbli"]},
            )
    with open(DATA / "palu_kelurahan.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kecamatan, _ = Kecamatan.objects.update_or_create(
                code=row["kecamatan_code"], defaults={"name": row["kecamatan_name"]}
            )
            Kelurahan.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "kecamatan": kecamatan}
            )
