"""Demo data for the groups registry: 22 groups over the 11 themes in real Palu kelurahan.

Deterministic (fixed random seed) and idempotent: natural keys (group code, NIK, product name in
group) are looked up before anything is created. Stage history, legal documents and equipment are
added only to a group that has none yet, and draw from their own random streams (seeded by the
group code) so that the shared ``ctx.rng`` stream the later loaders use does not change.
"""

import datetime as dt
import random

from groups import services
from groups.models import (
    BudgetSource,
    Condition,
    DocumentKind,
    EquipmentCategory,
    IkmGroup,
    Kelurahan,
    Member,
    Position,
    Product,
    Sex,
    Stage,
    StageChange,
    Theme,
)

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

    for index, group in enumerate(ctx.groups):
        official = ctx.users.get("pejabat")
        seed_stages(ctx, index, group, official)
        seed_documents(ctx, index, group)
        seed_equipment(ctx, index, group, official)


# --- roadmap ------------------------------------------------------------------------------------

# Where each demo group stands (by position in GROUPS). Groups 0-11 have bank mentors (see
# mentoring/demo.py); none is mandiri yet: an approved credit application makes a group mandiri.
TARGET_STAGES = (
    [Stage.CREDIT_READY] * 4
    + [Stage.MENTORED, Stage.CREDIT_READY]
    + [Stage.MENTORED] * 6
    + [Stage.CAPACITY] * 6
    + [Stage.FORMED] * 4
)
STAGE_REASONS = {
    Stage.CAPACITY: "Pelatihan produksi dan manajemen kelompok dimulai",
    Stage.MENTORED: "Pendamping bank ditugaskan untuk pembukuan",
    Stage.CREDIT_READY: "Pembukuan 6 bulan lengkap dan dokumen usaha tersedia",
}


def _local_rng(group, topic: str) -> random.Random:
    return random.Random(f"{topic}:{group.code}")


def seed_stages(ctx, index: int, group, official) -> None:
    if group.stage_changes.exists():
        return
    rng = _local_rng(group, "stages")
    StageChange.objects.create(
        group=group,
        from_stage="",
        to_stage=Stage.FORMED,
        changed_on=group.formed_on,
        reason="Kelompok terbentuk (SK Wali Kota Palu)",
        decided_by=official,
    )
    target = TARGET_STAGES[index % len(TARGET_STAGES)]
    steps = Stage.values[1 : Stage.position(target) + 1]
    day = group.formed_on
    for stage in steps:
        if stage == Stage.CAPACITY:
            day = day + dt.timedelta(days=rng.randint(120, 300))
        elif stage == Stage.MENTORED:
            day = max(day, dt.date(2018, 1, 1)) + dt.timedelta(days=rng.randint(30, 400))
        else:
            day = max(
                day + dt.timedelta(days=180), ctx.today - dt.timedelta(days=rng.randint(60, 400))
            )
        services.group_change_stage(
            group=group,
            to_stage=stage,
            reason=STAGE_REASONS[stage],
            changed_on=min(day, ctx.today),
            decided_by=official,
        )
    group.refresh_from_db()


# --- legal documents ----------------------------------------------------------------------------

NO_NIB = {19, 20, 21}
NO_SKU = {15, 21}
SKU_EXPIRED = {9, 16}
SKU_EXPIRING = {3, 12}
NO_NPWP = {7}
FOOD_PERMITS = {20: ("expiring", "expired"), 21: ("valid", "valid")}  # P-IRT, halal


def seed_documents(ctx, index: int, group) -> None:
    if group.documents.exists():
        return
    rng = _local_rng(group, "documents")
    today = ctx.today

    def add(kind, number, issued_on, expires_on=None):
        services.document_create(
            group=group, kind=kind, number=number, issued_on=issued_on, expires_on=expires_on
        )

    if index not in NO_NIB:
        add(
            DocumentKind.NIB,
            f"91204{index:02d}{rng.randint(100000, 999999)}",
            dt.date(rng.randint(2019, 2021), rng.randint(1, 12), rng.randint(1, 28)),
        )
    if index not in NO_SKU:
        if index in SKU_EXPIRED:
            expires = today - dt.timedelta(days=rng.randint(20, 120))
        elif index in SKU_EXPIRING:
            expires = today + dt.timedelta(days=rng.randint(10, 50))
        else:
            expires = today + dt.timedelta(days=rng.randint(90, 300))
        issued = expires - dt.timedelta(days=365)
        add(DocumentKind.SKU, f"503/{rng.randint(10, 250)}/SKU/{issued.year}", issued, expires)
    if index < 12 and index not in NO_NPWP:
        digits = f"{rng.randint(10**14, 10**15 - 1)}"
        npwp = (
            f"{digits[:2]}.{digits[2:5]}.{digits[5:8]}.{digits[8]}-{digits[9:12]}.{digits[12:15]}"
        )
        add(DocumentKind.NPWP, npwp, dt.date(rng.randint(2019, 2022), rng.randint(1, 12), 1))
    if index in FOOD_PERMITS:
        pirt, halal = FOOD_PERMITS[index]
        for kind, state, years in ((DocumentKind.PIRT, pirt, 5), (DocumentKind.HALAL, halal, 4)):
            if state == "expired":
                expires = today - dt.timedelta(days=rng.randint(15, 90))
            elif state == "expiring":
                expires = today + dt.timedelta(days=rng.randint(15, 45))
            else:
                expires = today + dt.timedelta(days=rng.randint(200, 900))
            issued = expires - dt.timedelta(days=365 * years)
            number = (
                f"2067271{rng.randint(10000000, 99999999)}-{issued.year % 100 + years:02d}"
                if kind == DocumentKind.PIRT
                else f"ID72110000{rng.randint(100000, 999999)}{issued.year}"
            )
            add(kind, number, issued, expires)


# --- equipment ----------------------------------------------------------------------------------

M, T, P, U = (
    EquipmentCategory.MACHINE,
    EquipmentCategory.TOOL,
    EquipmentCategory.PACKAGING,
    EquipmentCategory.MEASURING,
)
# theme: [(name, category, brand/model, value, what the group asked for)]
EQUIPMENT = {
    "PAKAN-TERNAK": [
        (
            "Mesin penepung (disk mill)",
            M,
            "Agrowindo FFC-23",
            18500000,
            "Penepung jagung kapasitas 100 kg/jam",
        ),
        ("Mesin pencampur pakan", M, "Maksindo MX-200", 24000000, "Mixer horizontal 200 kg"),
        ("Timbangan duduk 300 kg", U, "Nagata TPS-300", 2750000, "Timbangan 300 kg"),
    ],
    "PAKAN-IKAN": [
        ("Mesin pelet ikan", M, "Agrowindo PL-150", 27500000, "Pencetak pelet apung 150 kg/jam"),
        ("Mesin pengering pelet", M, "Rotary dryer RD-100", 32000000, "Pengering kapasitas 100 kg"),
        ("Sealer karung", P, "GK9-890", 1850000, "Penjahit karung"),
    ],
    "BATU-ALAM": [
        ("Mesin potong batu", M, "Makita 4100NH3", 9800000, "Mesin potong batu meja 14 inci"),
        ("Mesin poles batu", M, "Bosch GPO 14 CE", 7400000, "Poles batu basah"),
        ("Kompresor udara", T, "Lakoni Imola 50", 4200000, "Kompresor 1 HP"),
    ],
    "LIMBAH-KELAPA": [
        ("Mesin gerinda tempurung", T, "Makita 9553B", 1650000, "Gerinda tangan 4 inci"),
        ("Mesin pengurai sabut", M, "Agrowindo SK-01", 38000000, "Pengurai sabut 500 kg/jam"),
        ("Bor duduk", T, "Krisbow KW15-37", 3200000, "Bor duduk 16 mm"),
    ],
    "DAUR-ULANG": [
        ("Mesin pencacah plastik", M, "Maksindo PC-300", 36500000, "Pencacah plastik 100 kg/jam"),
        ("Mesin press hidrolik", M, "HP-10 ton", 21000000, "Press botol 10 ton"),
        ("Timbangan digital 150 kg", U, "Camry TCS-150", 1450000, "Timbangan 150 kg"),
    ],
    "ROTAN": [
        (
            "Mesin pembelah rotan",
            M,
            "Rattan Splitter RS-4",
            16500000,
            "Pembelah dan penghalus rotan",
        ),
        ("Kompresor dan spray gun", T, "Shark 1 HP", 3900000, "Kompresor untuk finishing"),
        ("Kompor pelentur rotan", T, "Rinnai RI-511", 650000, "Alat pelentur rotan"),
    ],
    "BAMBU": [
        (
            "Mesin pembuat tusuk sate",
            M,
            "Maksindo TS-01",
            28000000,
            "Mesin tusuk sate paket lengkap 4 unit",
        ),
        ("Mesin belah bambu", M, "BB-50", 12500000, "Pembelah bambu"),
        ("Mesin pengemas tusuk", P, "Sealer FRB-770", 5200000, "Continuous sealer"),
    ],
    "DAUN-SILAR": [
        ("Mesin jahit", T, "Singer 4423", 3400000, "Mesin jahit tas heavy duty"),
        ("Pres panas daun", T, "Heat press HP-3802", 4100000, "Press pipih daun silar"),
        ("Alat pewarna (dandang)", T, "Dandang stainless 50 L", 900000, "Dandang pewarna alami"),
    ],
    "ALAT-MUSIK": [
        ("Mesin bubut kayu", M, "Krisbow KW15-486", 14500000, "Bubut kayu 1 m"),
        ("Gergaji scroll", T, "Proxxon DSH", 5900000, "Gergaji ukir"),
        ("Tuner dan alat ukur nada", U, "Korg CA-50", 450000, "Alat setem"),
    ],
    "TENUN-BOMBA": [
        ("Alat tenun bukan mesin (ATBM)", T, "ATBM kayu 115 cm", 8500000, "ATBM lebar 115 cm"),
        ("Meja cap batik", T, "Meja cap 2 m", 3600000, "Meja cap dan canting cap"),
        ("Kompor batik listrik", T, "Kompor batik 600 W", 750000, "Kompor lilin"),
    ],
    "KRIPIK": [
        ("Mesin perajang keripik", M, "Getra SS-200", 8750000, "Perajang singkong dan pisang"),
        ("Mesin spinner peniris minyak", M, "Spinner 5 kg", 6500000, "Peniris minyak 5 kg"),
        ("Continuous band sealer", P, "FRB-770I", 5400000, "Sealer plastik standing pouch"),
    ],
}
# A few items did not match the request: the group's complaint, recorded.
MISMATCHES = {
    2: "Diminta pelet apung 150 kg/jam; diterima mesin pelet tenggelam 60 kg/jam",
    6: "Diminta gerinda 4 inci; diterima gerinda 7 inci, terlalu berat untuk ukiran tempurung",
    12: "Diminta paket 4 unit; diterima 1 unit tanpa mesin peruncing",
    17: "Diminta bubut 1 m; diterima bubut mini 30 cm",
    20: "Diminta perajang stainless; diterima besi biasa yang cepat berkarat",
}
OVERDUE = {1, 4, 8, 13, 18}
NOT_IN_USE = {3, 9, 15}


def seed_equipment(ctx, index: int, group, official) -> None:
    if group.handovers.exists():
        return
    rng = _local_rng(group, "equipment")
    catalogue = EQUIPMENT[group.theme.code]
    first_year = rng.choice((2018, 2019))
    first_day = dt.date(first_year, rng.randint(7, 11), rng.randint(1, 28))
    batches = [(first_day, BudgetSource.APBD_KOTA, first_year, catalogue[:2])]
    if index % 3 != 2:
        year = rng.choice((2021, 2022, 2023))
        batches.append(
            (
                dt.date(year, rng.randint(3, 10), rng.randint(1, 28)),
                rng.choice((BudgetSource.DAK, BudgetSource.APBN, BudgetSource.APBD_PROV)),
                year,
                catalogue[2:],
            )
        )
    chair = group.members.filter(position=Position.CHAIR, left_on__isnull=True).first()
    for number, (day, source, year, items) in enumerate(batches, start=1):
        handover = services.handover_create(
            group=group,
            number=f"027/{index + 1:02d}.{number}/BAST-IKM/{year}",
            handed_over_on=day,
            budget_source=source,
            budget_year=year,
            received_by=chair.name if chair else "",
        )
        for position, (name, category, brand, value, requested) in enumerate(items):
            mismatch = number == 1 and position == 0 and index in MISMATCHES
            item = services.equipment_create(
                handover=handover,
                name=name,
                category=category,
                brand_model=brand,
                serial_number=f"SN{year}{index:02d}{position}{rng.randint(1000, 9999)}",
                value=value,
                quantity=1,
                requested=requested,
                delivered=MISMATCHES[index] if mismatch else requested,
                mismatch=mismatch,
                mismatch_note=MISMATCHES[index] if mismatch else "",
            )
            _seed_checks(ctx, rng, index, number, position, item, official)


def _seed_checks(ctx, rng, index, batch, position, item, official) -> None:
    handed = item.handover.handed_over_on
    first = handed + dt.timedelta(days=rng.randint(150, 200))
    services.equipment_check_record(
        equipment=item,
        checked_on=first,
        condition=Condition.GOOD,
        in_use=True,
        note="Pemeriksaan pertama setelah serah terima",
        checked_by=official,
    )
    overdue = index in OVERDUE and batch == 1 and position == 0
    idle = index in NOT_IN_USE and batch == 1 and position == 1
    last = ctx.today - dt.timedelta(days=rng.randint(220, 400) if overdue else rng.randint(15, 150))
    if last <= first:
        return
    if idle:
        condition, in_use, note = (
            rng.choice((Condition.MAJOR, Condition.UNUSABLE)),
            False,
            "Motor terbakar; menunggu perbaikan",
        )
    else:
        condition = rng.choice((Condition.GOOD, Condition.GOOD, Condition.GOOD, Condition.MINOR))
        in_use, note = True, ""
    services.equipment_check_record(
        equipment=item,
        checked_on=last,
        condition=condition,
        in_use=in_use,
        note=note,
        checked_by=official,
    )
