"""The groups registry's forms, imports and searches under attack.

Valid base payloads are the access matrix's POST bodies (``tests/access_rules/groups.py``), so a
form that changes is fixed in one place.
"""

from tests.access_rules import groups as rules
from tests.security.hostile.registry import ImportEndpoint, SearchEndpoint, form

GROUP_TEXT = (
    "code",
    "name",
    "address",
    "phone",
    "email",
    "bank_name",
    "bank_account_number",
    "bank_account_holder",
    "notes",
)
GROUP_MODELS = ("groups.IkmGroup", "groups.StageChange")


def _group_with_notes(w):
    return {**rules.group_data(w), "notes": "catatan"}


FORMS = [
    form(
        "group_create",
        "groups:group_create",
        _group_with_notes,
        GROUP_MODELS,
        text=GROUP_TEXT,
        dates=("formed_on",),
        choices=("theme", "kelurahan"),
        past_dates=("formed_on",),
    ),
    form(
        "group_update",
        "groups:group_update",
        rules.group_update_data,
        GROUP_MODELS,
        kwargs=rules.group,
        text=GROUP_TEXT,
        dates=("formed_on",),
        choices=("theme", "kelurahan"),
        past_dates=("formed_on",),
    ),
    form(
        "group_set_active",
        "groups:group_set_active",
        lambda w: {"confirm": "on"},
        GROUP_MODELS,
        kwargs=rules.group,
        choices=("confirm",),
    ),
    form(
        "group_stage",
        "groups:group_stage",
        lambda w: {"to_stage": "capacity", "changed_on": rules.today(), "reason": "Pelatihan"},
        GROUP_MODELS,
        kwargs=rules.group,
        text=("reason",),
        dates=("changed_on",),
        choices=("to_stage",),
        past_dates=("changed_on",),
    ),
    form(
        "member_create",
        "groups:member_create",
        lambda w: {**rules.member_data(w), "phone": "0812 3456 7890", "birth_year": "1990"},
        ("groups.Member",),
        kwargs=rules.group,
        text=("name", "nik", "phone"),
        numbers=("birth_year",),
        dates=("joined_on",),
        choices=("sex", "position"),
        past_dates=("joined_on",),
    ),
    form(
        "member_update",
        "groups:member_update",
        rules.member_update_data,
        ("groups.Member",),
        kwargs=rules.member,
        text=("name", "nik", "phone"),
        numbers=("birth_year",),
        dates=("joined_on",),
        choices=("sex", "position"),
        past_dates=("joined_on",),
    ),
    form(
        "member_leave",
        "groups:member_leave",
        lambda w: {"left_on": rules.today()},
        ("groups.Member",),
        kwargs=rules.member,
        dates=("left_on",),
        past_dates=("left_on",),
    ),
    form(
        "product_create",
        "groups:product_create",
        lambda w: {**rules.product_data(w), "pirt_number": "2067271010123-25"},
        ("groups.Product",),
        kwargs=rules.group,
        text=("name", "unit", "pirt_number", "halal_number"),
        numbers=("base_price",),
    ),
    form(
        "product_update",
        "groups:product_update",
        rules.product_data,
        ("groups.Product",),
        kwargs=rules.product,
        text=("name", "unit", "pirt_number", "halal_number"),
        numbers=("base_price",),
    ),
    form(
        "document_create",
        "groups:document_create",
        rules.document_data,
        ("groups.LegalDocument",),
        kwargs=rules.group,
        text=("number",),
        dates=("issued_on", "expires_on"),
        choices=("kind",),
        files=("scan",),
        past_dates=("issued_on",),
    ),
    form(
        "document_update",
        "groups:document_update",
        rules.document_data,
        ("groups.LegalDocument",),
        kwargs=rules.document,
        text=("number",),
        dates=("issued_on", "expires_on"),
        choices=("kind",),
        files=("scan",),
        past_dates=("issued_on",),
    ),
    form(
        "handover_create",
        "groups:handover_create",
        lambda w: {**rules.handover_data(w), "received_by": "Ketua", "note": "lengkap"},
        ("groups.Handover",),
        kwargs=rules.group,
        text=("number", "received_by", "note"),
        numbers=("budget_year",),
        dates=("handed_over_on",),
        choices=("budget_source",),
        files=("scan",),
        past_dates=("handed_over_on",),
    ),
    form(
        "handover_update",
        "groups:handover_update",
        rules.handover_data,
        ("groups.Handover",),
        kwargs=rules.handover,
        text=("number", "received_by", "note"),
        numbers=("budget_year",),
        dates=("handed_over_on",),
        choices=("budget_source",),
        files=("scan",),
        past_dates=("handed_over_on",),
    ),
    form(
        "equipment_create",
        "groups:equipment_create",
        lambda w: {**rules.equipment_data(w), "brand_model": "Merek X", "serial_number": "SN1"},
        ("groups.Equipment",),
        kwargs=rules.handover,
        text=("name", "brand_model", "serial_number", "requested", "delivered", "mismatch_note"),
        numbers=("quantity", "value"),
        choices=("category",),
    ),
    form(
        "equipment_update",
        "groups:equipment_update",
        rules.equipment_update_data,
        ("groups.Equipment",),
        kwargs=rules.equipment,
        text=("name", "brand_model", "serial_number", "requested", "delivered", "mismatch_note"),
        numbers=("quantity", "value"),
        choices=("category", "condition"),
    ),
    form(
        "equipment_check_create",
        "groups:equipment_check_create",
        lambda w: {**rules.check_data(w), "note": "baik"},
        ("groups.EquipmentCheck", "groups.Equipment"),
        kwargs=rules.equipment,
        text=("note",),
        dates=("checked_on", "next_check_due"),
        choices=("condition",),
        files=("photo",),
        past_dates=("checked_on",),
    ),
]


def _group_row(w):
    return ["IKM-77", "Kelompok Impor", w.group.theme.code, w.group.kelurahan.code, "2020-01-01"]


def _member_row(w):
    return [w.group.code, "Ani Impor", "7271014507900124", "P", "1990", "Anggota", "", ""]


IMPORTS = [
    ImportEndpoint(
        "group_import",
        "groups:group_import",
        ("Kode", "Nama", "Tema", "Kelurahan", "Tanggal terbentuk"),
        _group_row,
        GROUP_MODELS,
        columns={
            "Kode": "text",
            "Nama": "text",
            "Tema": "choices",
            "Kelurahan": "choices",
            "Tanggal terbentuk": "dates",
        },
    ),
    ImportEndpoint(
        "member_import",
        "groups:member_import",
        (
            "Kode kelompok",
            "Nama",
            "NIK",
            "Jenis kelamin",
            "Tahun lahir",
            "Jabatan",
            "Telepon",
            "Tanggal bergabung",
        ),
        _member_row,
        ("groups.Member",),
        columns={
            "Kode kelompok": "choices",
            "Nama": "text",
            "NIK": "text",
            "Jenis kelamin": "choices",
            "Tahun lahir": "numbers",
            "Jabatan": "choices",
            "Telepon": "text",
            "Tanggal bergabung": "dates",
        },
    ),
]

SEARCHES = [
    SearchEndpoint(
        "group_list",
        "groups:group_list",
        ("q", "tema", "kecamatan", "kelurahan", "tahap", "aktif", "urut", "page"),
        users=("official", "mentor"),
    ),
    SearchEndpoint(
        "equipment_list",
        "groups:equipment_list",
        ("q", "tema", "kelompok", "kondisi", "tahun", "dipakai", "tidak_sesuai", "urut", "page"),
        users=("official", "mentor"),
    ),
    SearchEndpoint(
        "document_status", "groups:document_status", ("q", "tema", "jenis", "masalah", "page")
    ),
    SearchEndpoint(
        "group_export",
        "groups:group_export",
        ("q", "tema", "tahap"),
        kwargs=lambda w: {"fmt": "csv"},
    ),
    SearchEndpoint(
        "member_export",
        "groups:member_export",
        ("kelompok", "status"),
        users=("official", "mentor"),
        kwargs=lambda w: {"fmt": "xlsx"},
    ),
]
