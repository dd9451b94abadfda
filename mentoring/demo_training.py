"""Demo data for banks per theme, trainings (with attendance, scores and certificates) and
apprenticeships.

Deterministic: its own random stream (so the loaders after it see the same ``ctx.rng``), dates
counted back from ``ctx.today``. Idempotent: nothing is added once the demo trainings exist.
Rows go in with ``bulk_create`` so the whole demo stays fast.
"""

import datetime as dt
import random
from collections import defaultdict

from groups.models import BudgetSource, Member, Theme
from mentoring.models import (
    Apprenticeship,
    Attendance,
    Bank,
    BankTheme,
    HostKind,
    Training,
    TrainingEvent,
    TrainingParticipant,
)
from mentoring.services.training import CODE_ALPHABET, CODE_LENGTH

# (title, description, theme codes; empty: every theme)
TRAININGS = [
    ("Pembukuan sederhana usaha kecil", "Buku kas, buku penjualan dan pembelian, memisahkan uang usaha dan rumah tangga, laporan laba rugi bulanan.", []),
    ("Keamanan pangan dan izin P-IRT", "Cara produksi pangan yang baik (CPPB-IRT) sebagai syarat sertifikat P-IRT.", ["KRIPIK", "PAKAN-IKAN", "PAKAN-TERNAK"]),
    ("Pengemasan dan label produk", "Kemasan yang menjual, label sesuai aturan, kode produksi dan tanggal kedaluwarsa.", ["KRIPIK", "TENUN-BOMBA", "LIMBAH-KELAPA"]),
    ("Pemasaran digital untuk IKM", "Foto produk, katalog daring, lokapasar dan media sosial.", []),
    ("Pendampingan sertifikasi halal", "Persyaratan sertifikasi halal self-declare dan dokumen yang disiapkan.", ["KRIPIK"]),
    ("Manajemen kelompok usaha", "Pembagian tugas, rapat anggota, aturan kelompok dan pencatatan keputusan.", []),
    ("Desain produk kerajinan", "Mengembangkan desain rotan, bambu, daun silar dan tenun untuk pasar kota.", ["ROTAN", "BAMBU", "DAUN-SILAR", "TENUN-BOMBA", "ALAT-MUSIK"]),
    ("Teknik produksi pakan mandiri", "Formulasi pakan dari bahan lokal, mutu dan penyimpanan.", ["PAKAN-TERNAK", "PAKAN-IKAN"]),
]  # fmt: skip

PLACES = ["Aula Dinas Perindustrian Kota Palu", "Gedung Serbaguna Kelurahan Talise", "Balai Diklat Industri Makassar (kelas daring)", "Aula Kantor Camat Palu Barat", "Hotel Santika Palu, ruang Lalove"]  # fmt: skip
FACILITATORS = ["Tim Balai Diklat Industri Makassar", "Dinas Koperasi dan UKM Kota Palu", "Bank Sulteng, Divisi UMKM", "BRI Kanwil Manado, tim pemberdayaan", "BPOM Palu", "Halal Center Universitas Tadulako"]  # fmt: skip

# (host, kind, region, what was learned, theme codes it suits)
HOSTS = [
    ("Sentra Kerajinan Rotan Trangsan", HostKind.BUSINESS, "Kab. Sukoharjo, Jawa Tengah", "Anyaman rotan sintetis dan finishing untuk pasar ekspor.", ["ROTAN", "BAMBU"]),
    ("UD Keripik Sanjai Nabila", HostKind.BUSINESS, "Kota Bukittinggi, Sumatera Barat", "Penggorengan vakum, pengemasan dan pemasaran oleh-oleh.", ["KRIPIK"]),
    ("Balai Besar Kerajinan dan Batik", HostKind.INSTITUTION, "Kota Yogyakarta, DI Yogyakarta", "Pewarnaan alam dan motif batik kontemporer.", ["TENUN-BOMBA", "DAUN-SILAR"]),
    ("Kampung Tempurung Lestari", HostKind.BUSINESS, "Kab. Bantul, DI Yogyakarta", "Kerajinan batok kelapa: pemotongan, ukir dan pernis.", ["LIMBAH-KELAPA", "DAUR-ULANG"]),
    ("Loka Riset Pakan Ikan", HostKind.INSTITUTION, "Kab. Maros, Sulawesi Selatan", "Formulasi pelet ikan dari bahan lokal dan uji mutu.", ["PAKAN-IKAN", "PAKAN-TERNAK"]),
    ("Sentra Batu Alam Palimanan", HostKind.BUSINESS, "Kab. Cirebon, Jawa Barat", "Pemotongan dan finishing batu alam dengan mesin.", ["BATU-ALAM"]),
    ("Sanggar Alat Musik Tradisional Lembah Hijau", HostKind.BUSINESS, "Kota Malang, Jawa Timur", "Pembuatan dan penyeteman alat musik bambu dan kayu.", ["ALAT-MUSIK", "BAMBU"]),
]  # fmt: skip

EVENT_COUNT = 14


def _code(rng: random.Random) -> str:
    raw = "".join(rng.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def _bank_themes(ctx, themes):
    banks = list(Bank.objects.order_by("code"))
    if not banks or BankTheme.objects.exists():
        return
    links = [
        BankTheme(bank=banks[i % len(banks)], theme=theme, starts_on=dt.date(2019, 1, 1))
        for i, theme in enumerate(themes)
    ]
    BankTheme.objects.bulk_create(links)


def seed(ctx) -> None:
    themes = list(Theme.objects.order_by("code"))
    _bank_themes(ctx, themes)
    if Training.objects.filter(title=TRAININGS[0][0]).exists():
        return
    rng = random.Random("training-demo")
    by_code = {t.code: t for t in themes}
    theme_code = {t.pk: t.code for t in themes}
    groups = list(ctx.groups)
    members_by_group = defaultdict(list)
    for member in Member.objects.filter(group__in=groups, left_on__isnull=True).order_by("pk"):
        members_by_group[member.group_id].append(member)

    trainings = Training.objects.bulk_create(
        [Training(title=title, description=text) for title, text, _codes in TRAININGS]
    )
    theme_links = [
        Training.themes.through(training_id=training.pk, theme_id=by_code[code].pk)
        for training, (_t, _d, codes) in zip(trainings, TRAININGS, strict=True)
        for code in codes
        if code in by_code
    ]
    Training.themes.through.objects.bulk_create(theme_links)

    # Each training draws its participants from one demo mentor's groups (and groups nobody
    # mentors), so that no training page is shared by the two demo mentors.
    from mentoring.demo import MENTOR_GROUPS  # the module that calls this one

    side_of = {
        index: side
        for side, (_bank, indexes) in enumerate(MENTOR_GROUPS.values())
        for index in indexes
    }

    # Events over the last three years, the last one still ahead (nobody's attendance yet).
    plans = []
    for n in range(EVENT_COUNT):
        index = n % len(trainings)
        days_ago = 1000 - n * 75
        starts_on = ctx.today - dt.timedelta(days=days_ago)
        codes = TRAININGS[index][2]
        pool = [g for i, g in enumerate(groups) if side_of.get(i, index % 2) == index % 2]
        invited = [g for g in pool if not codes or theme_code[g.theme_id] in codes] or pool
        chosen = rng.sample(invited, k=min(len(invited), rng.randint(3, 5)))
        plans.append((index, starts_on, chosen))
    events = TrainingEvent.objects.bulk_create(
        [
            TrainingEvent(
                training=trainings[index],
                starts_on=starts_on,
                ends_on=starts_on + dt.timedelta(days=rng.randint(0, 2)),
                place=rng.choice(PLACES),
                facilitator=rng.choice(FACILITATORS),
                capacity=40,
            )
            for index, starts_on, _chosen in plans
        ]
    )
    event_themes = [
        TrainingEvent.themes.through(trainingevent_id=event.pk, theme_id=by_code[code].pk)
        for event, (index, _s, _c) in zip(events, plans, strict=True)
        for code in TRAININGS[index][2]
        if code in by_code
    ]
    TrainingEvent.themes.through.objects.bulk_create(event_themes)

    participants = []
    for event, (_index, _starts, chosen) in zip(events, plans, strict=True):
        held = event.ends_on < ctx.today
        for group in chosen:
            pool = members_by_group[group.pk]
            for member in rng.sample(pool, k=min(len(pool), rng.randint(2, 4))):
                participant = TrainingParticipant(event=event, member=member)
                if held:
                    roll = rng.random()
                    participant.attendance = (
                        Attendance.PRESENT
                        if roll < 0.8
                        else Attendance.ABSENT
                        if roll < 0.92
                        else Attendance.EXCUSED
                    )
                    if participant.attendance == Attendance.PRESENT:
                        participant.pre_score = rng.randint(30, 70)
                        participant.post_score = min(
                            100, participant.pre_score + rng.randint(5, 40)
                        )
                        participant.passed = participant.post_score >= 70
                        if participant.passed:
                            participant.certificate_code = _code(rng)
                            participant.certificate_issued_on = event.ends_on
                participants.append(participant)
    TrainingParticipant.objects.bulk_create(participants)

    apprenticeships = []
    for n, (host, kind, region, learned, codes) in enumerate(HOSTS):
        fitting = [g for g in groups if theme_code[g.theme_id] in codes] or groups
        group = rng.choice(fitting)
        pool = members_by_group[group.pk]
        if not pool:
            continue
        member = rng.choice(pool)
        starts_on = ctx.today - dt.timedelta(days=900 - n * 110)
        apprenticeships.append(
            Apprenticeship(
                member=member,
                host_name=host,
                host_kind=kind,
                host_region=region,
                starts_on=starts_on,
                ends_on=starts_on + dt.timedelta(days=rng.choice([10, 14, 21])),
                funding_source=rng.choice([BudgetSource.APBD_KOTA, BudgetSource.APBD_PROV]),
                funding_amount=rng.choice([6_500_000, 8_000_000, 9_750_000, 12_000_000]),
                learned=learned,
                outcome=rng.choice(
                    [
                        "Cara kerja baru sudah diajarkan kepada anggota lain.",
                        "Kelompok mulai membuat produk baru hasil magang.",
                        "Belum diterapkan: menunggu mesin dari program.",
                    ]
                ),
            )
        )
    Apprenticeship.objects.bulk_create(apprenticeships)
