"""Demo data for the groups registry: 22 groups over the 11 themes in real Palu kelurahan.

Deterministic (fixed random seed) and idempotent: natural keys (group code, NIK, product name in
group) are looked up before anything is created.
"""

import datetime as dt
import random

from groups.models import IkmGroup, Kelurahan, Member, Position, Product, Sex, Theme

# (theme code, kelurahan, group name, products: (name, unit, base price))
GROUPS = [
    ("PAKAN-TERNAK", "Petobo", "Tani Ternak Petobo Bangkit", [("Pakan ayam petelur", "karung 50 kg", 310000), ("Pakan sapi fermentasi", "karung 25 kg", 95000)]),
    ("PAKAN-TERNAK", "Taipa", "Pakan Mandiri Taipa", [("Konsentrat ayam kampung", "karung 25 kg", 185000)]),
    ("PAKAN-IKAN", "Balaroa", "Mina Pelet Balaroa", [("Pelet ikan nila", "karung 30 kg", 240000), ("Pelet lele apung", "karung 30 kg", 255000)]),
    ("PAKAN-IKAN", "Kabonena", "Sumber Mina Kabonena", [("Pelet ikan mas", "karung 30 kg", 230000)]),
    ("BATU-ALAM", "Donggala Kodi", "Batu Alam Donggala Kodi", [("Batu alam sikat 10x20", "m²", 145000), ("Batu palimanan potong", "m²", 120000), ("Batu andesit candi", "m²", 210000)]),
    ("BATU-ALAM", "Duyu", "Karya Batu Duyu", [("Batu kali belah", "m²", 95000), ("Batu tempel dinding", "m²", 135000)]),
    ("LIMBAH-KELAPA", "Lambara", "Tempurung Kreatif Lambara", [("Lampu hias tempurung", "buah", 85000), ("Mangkuk batok kelapa", "buah", 25000), ("Gantungan kunci batok", "buah", 10000)]),
    ("LIMBAH-KELAPA", "Tipo", "Kelapa Lestari Tipo", [("Sabut kelapa keset", "buah", 35000), ("Cocopeat", "karung 5 kg", 30000)]),
    ("DAUR-ULANG", "Tondo", "Bank Sampah Tondo Berkarya", [("Tas anyaman plastik", "buah", 65000), ("Cacahan plastik PET", "kg", 6000)]),
    ("DAUR-ULANG", "Pantoloan", "Tali Bekas Pantoloan", [("Keset tali bekas", "buah", 40000), ("Pot gantung tali", "buah", 30000)]),
    ("ROTAN", "Kayumalue Ngapa", "Rotan Kayumalue", [("Kursi rotan", "buah", 650000), ("Keranjang rotan", "buah", 95000), ("Tudung saji rotan", "buah", 75000)]),
    ("ROTAN", "Mamboro", "Anyaman Rotan Mamboro", [("Meja rotan kecil", "buah", 450000)]),
    ("BAMBU", "Tatura Utara", "Bambu Tatura Utara", [("Tusuk sate 20 cm", "ikat 100", 6000), ("Tusuk gigi bambu", "pak 500", 8000)]),
    ("BAMBU", "Silae", "Tusuk Sate Silae Jaya", [("Tusuk sate 25 cm", "ikat 100", 7000), ("Tusuk sate 15 cm", "ikat 100", 5000)]),
    ("DAUN-SILAR", "Lambara", "Silar Lambara Indah", [("Tas daun silar", "buah", 120000), ("Tikar silar", "lembar", 150000)]),
    ("DAUN-SILAR", "Kayumalue Pajeko", "Anyaman Silar Pajeko", [("Dompet silar", "buah", 45000), ("Topi silar", "buah", 55000)]),
    ("ALAT-MUSIK", "Lolu Selatan", "Lalove Lolu Selatan", [("Lalove (seruling Kaili)", "buah", 175000), ("Gamba-gamba", "buah", 250000)]),
    ("ALAT-MUSIK", "Lolu Utara", "Seni Kayu Lolu Utara", [("Kakula kayu", "set", 850000), ("Nampan kayu ukir", "buah", 120000)]),
    ("TENUN-BOMBA", "Watusampu", "Tenun Donggala Watusampu", [("Sarung tenun Donggala", "lembar", 750000), ("Selendang tenun", "lembar", 300000)]),
    ("TENUN-BOMBA", "Baiya", "Batik Bomba Baiya", [("Kain batik bomba", "lembar", 350000), ("Kemeja batik bomba", "buah", 275000), ("Batik kelor sabut kelapa", "lembar", 400000)]),
    ("KRIPIK", "Talise", "Kripik Talise Rasa", [("Kripik pisang", "bungkus 250 g", 20000), ("Kripik ubi pedas", "bungkus 250 g", 18000), ("Kripik talas", "bungkus 200 g", 20000), ("Bawang goreng Palu", "toples 250 g", 55000)]),
    ("KRIPIK", "Talise Valangguni", "Bawang Goreng Valangguni", [("Bawang goreng Palu", "toples 500 g", 95000), ("Abon ikan", "toples 200 g", 45000)]),
]  # fmt: skip

FIRST_NAMES_F = ["Siti", "Nurhayati", "Rahma", "Fatmawati", "Hasna", "Sri", "Nurul", "Wahyuni", "Masita", "Rosmini", "Darmawati", "Hadija", "Irma", "Yuliana", "Sakinah"]  # fmt: skip
FIRST_NAMES_M = ["Abdul", "Muhammad", "Rusdin", "Ahmad", "Hamka", "Syamsul", "Irwan", "Jamaludin", "Lukman", "Arifin", "Taufik", "Hasan", "Sudirman", "Amir", "Rahmat"]  # fmt: skip
LAST_NAMES = ["Lamasitudju", "Tombolotutu", "Lasahido", "Pettalolo", "Lamakarate", "Djanggola", "Datupalinge", "Mardjun", "Lariwu", "Tanjumbulu", "Rahman", "Said", "Lapasere", "Hamid", "Lagarenta"]  # fmt: skip

STREETS = ["Towua", "Kijang", "Anoa", "Rusa", "Cendrawasih", "Tanjung Manimbaya", "Dewi Sartika", "Soekarno-Hatta", "Diponegoro"]  # fmt: skip
LEADERS = [Position.CHAIR, Position.SECRETARY, Position.TREASURER]


def demo_nik(rng: random.Random, kecamatan_code: str, sex: str, birth: dt.date, serial: int) -> str:
    """A NIK in the real format: 72 71 <kecamatan> <DDMMYY, women +40> <serial>."""
    district = kecamatan_code.split(".")[-1]
    day = birth.day + (40 if sex == Sex.FEMALE else 0)
    return f"7271{district}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def group_code(index: int) -> str:
    return f"IKM-{index:02d}"


def seed(ctx) -> None:
    rng = ctx.rng
    themes = {t.code: t for t in Theme.objects.all()}
    kelurahan = {k.name: k for k in Kelurahan.objects.select_related("kecamatan")}
    serial = 1
    for index, (theme_code, kel_name, name, products) in enumerate(GROUPS, start=1):
        code = group_code(index)
        kel = kelurahan[kel_name]
        formed = dt.date(2017, rng.randint(3, 11), rng.randint(1, 28))
        group, _created = IkmGroup.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "theme": themes[theme_code],
                "kelurahan": kel,
                "address": f"Jl. {rng.choice(STREETS)} No. {rng.randint(1, 120)}, {kel.name}",
                "formed_on": formed,
                "stage_since": formed,
                "phone": f"08{rng.randint(11, 53)}{rng.randint(10000000, 99999999)}",
            },
        )
        ctx.groups.append(group)
        member_count = rng.randint(5, 15)
        for i in range(member_count):
            sex = Sex.FEMALE if rng.random() < 0.6 else Sex.MALE
            first = rng.choice(FIRST_NAMES_F if sex == Sex.FEMALE else FIRST_NAMES_M)
            birth = dt.date(rng.randint(1965, 2000), rng.randint(1, 12), rng.randint(1, 28))
            nik = demo_nik(rng, kel.kecamatan.code, sex, birth, serial)
            serial += 1
            position = LEADERS[i] if i < len(LEADERS) else Position.MEMBER
            Member.objects.get_or_create(
                nik=nik,
                left_on=None,
                defaults={
                    "group": group,
                    "name": f"{first} {rng.choice(LAST_NAMES)}",
                    "sex": sex,
                    "birth_year": birth.year,
                    "position": position,
                    "phone": f"08{rng.randint(11, 53)}{rng.randint(10000000, 99999999)}",
                    "joined_on": formed,
                },
            )
        for product_name, unit, price in products:
            Product.objects.get_or_create(
                group=group, name=product_name, defaults={"unit": unit, "base_price": price}
            )
