"""Access rules of the groups registry: every URL, GET and POST.

Object URLs use the world's own group (pendamping1's), so ``other_mentor`` answers 404 on the
pages mentors may read; pages for officials only answer 403 to every mentor before any lookup.
POST rows send valid data, so officials are redirected (302) after the write.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests import factories
from tests.access import OFFICIAL_ONLY, rule
from tests.groups.factories import (
    EquipmentCheckFactory,
    EquipmentFactory,
    HandoverFactory,
    pdf_upload,
    png_upload,
)

READERS = "302 200 200 200 200 403 403 403"  # lists: each mentor sees their own rows
OWN_OBJECT = "302 200 200 200 404 403 403 403"  # the peer mentor: not found
OFFICIAL_POST = "302 302 302 403 403 403 403 403"


def group(w):
    return {"pk": w.group.pk}


def member(w):
    return {"pk": w.group.members.first().pk}


def product(w):
    return {"pk": w.group.products.first().pk}


def document(w):
    doc = factories.LegalDocumentFactory(group=w.group, scan=pdf_upload())
    return {"pk": doc.pk}


def handover(w):
    return {"pk": HandoverFactory(group=w.group, scan=pdf_upload()).pk}


def equipment(w):
    return {"pk": EquipmentFactory(handover=HandoverFactory(group=w.group)).pk}


def check_photo(w):
    item = EquipmentFactory(handover=HandoverFactory(group=w.group))
    return {"pk": EquipmentCheckFactory(equipment=item, photo=png_upload()).pk}


def today():
    return timezone.localdate().isoformat()


def group_data(w):
    return {
        "code": "IKM-99",
        "name": "Kelompok Baru",
        "theme": w.group.theme_id,
        "kelurahan": w.group.kelurahan_id,
        "formed_on": "2020-02-02",
    }


def group_update_data(w):
    return {**group_data(w), "code": w.group.code, "formed_on": "2018-03-01"}


def member_data(w):
    return {
        "name": "Siti Uji",
        "nik": "7271014507900123",
        "sex": "F",
        "position": "member",
        "joined_on": "2020-01-01",
    }


def member_update_data(w):
    m = w.group.members.first()
    return {
        "name": "Nama Baru",
        "nik": m.nik,
        "sex": m.sex,
        "position": "member",
        "joined_on": m.joined_on.isoformat(),
    }


def product_data(w):
    return {"name": "Produk Baru", "unit": "bungkus", "base_price": "15.000", "is_active": "on"}


def document_data(w):
    return {
        "kind": "nib",
        "number": "9120000000001",
        "issued_on": "2021-01-01",
        "scan": pdf_upload(),
    }


def handover_data(w):
    return {
        "number": "BAST/UJI/1",
        "handed_over_on": "2021-05-01",
        "budget_source": "apbd_kota",
        "budget_year": "2021",
    }


def equipment_data(w):
    return {"name": "Mesin baru", "category": "machine", "quantity": "1", "value": "1.500.000"}


def equipment_update_data(w):
    return {**equipment_data(w), "is_active": "on"}


def check_data(w):
    return {"checked_on": today(), "condition": "minor", "in_use": "on", "photo": png_upload()}


def group_import_data(w):
    text = "Kode,Nama,Tema,Kelurahan,Tanggal terbentuk\nIKM-77,Kelompok Impor,{},{},2020-01-01\n"
    text = text.format(w.group.theme.code, w.group.kelurahan.code)
    return {"file": SimpleUploadedFile("kelompok.csv", text.encode(), content_type="text/csv")}


def member_import_data(w):
    text = f"Kode kelompok,Nama,NIK,Jenis kelamin\n{w.group.code},Ani Impor,7271014507900124,P\n"
    return {"file": SimpleUploadedFile("anggota.csv", text.encode(), content_type="text/csv")}


RULES = [
    # groups
    rule("groups:group_list", READERS),
    rule("groups:group_lookup", "302 200 200 200 200 403 403 200"),
    rule("groups:group_detail", OWN_OBJECT, kwargs=group),
    rule("groups:group_create", OFFICIAL_ONLY),
    rule("groups:group_create", OFFICIAL_POST, method="post", data=group_data),
    rule("groups:group_update", OFFICIAL_ONLY, kwargs=group),
    rule("groups:group_update", OFFICIAL_POST, kwargs=group, method="post", data=group_update_data),
    rule("groups:group_set_active", OFFICIAL_ONLY, kwargs=group),
    rule(
        "groups:group_set_active",
        OFFICIAL_POST,
        kwargs=group,
        method="post",
        data=lambda w: {"confirm": "on"},
    ),
    rule("groups:group_stage", OFFICIAL_ONLY, kwargs=group),
    rule(
        "groups:group_stage",
        OFFICIAL_POST,
        kwargs=group,
        method="post",
        data=lambda w: {"to_stage": "capacity", "changed_on": today(), "reason": "Pelatihan"},
    ),
    # members and products
    rule("groups:member_create", OFFICIAL_ONLY, kwargs=group),
    rule("groups:member_create", OFFICIAL_POST, kwargs=group, method="post", data=member_data),
    rule("groups:member_update", OFFICIAL_ONLY, kwargs=member),
    rule(
        "groups:member_update", OFFICIAL_POST, kwargs=member, method="post", data=member_update_data
    ),
    rule("groups:member_leave", OFFICIAL_ONLY, kwargs=member),
    rule(
        "groups:member_leave",
        OFFICIAL_POST,
        kwargs=member,
        method="post",
        data=lambda w: {"left_on": today()},
    ),
    rule("groups:product_create", OFFICIAL_ONLY, kwargs=group),
    rule("groups:product_create", OFFICIAL_POST, kwargs=group, method="post", data=product_data),
    rule("groups:product_update", OFFICIAL_ONLY, kwargs=product),
    rule("groups:product_update", OFFICIAL_POST, kwargs=product, method="post", data=product_data),
    # legal documents
    rule("groups:document_status", READERS),
    rule("groups:document_create", OFFICIAL_ONLY, kwargs=group),
    rule("groups:document_create", OFFICIAL_POST, kwargs=group, method="post", data=document_data),
    rule("groups:document_update", OFFICIAL_ONLY, kwargs=document),
    rule(
        "groups:document_update", OFFICIAL_POST, kwargs=document, method="post", data=document_data
    ),
    rule("groups:document_scan", OWN_OBJECT, kwargs=document),
    rule(
        "groups:private_file",
        OWN_OBJECT,
        kwargs=lambda w: {
            "name": factories.LegalDocumentFactory(group=w.group, scan=pdf_upload()).scan.name
        },
    ),
    # equipment
    rule("groups:equipment_list", READERS),
    rule("groups:equipment_overdue", READERS),
    rule("groups:equipment_unused", READERS),
    rule("groups:equipment_detail", OWN_OBJECT, kwargs=equipment),
    rule("groups:equipment_update", OFFICIAL_ONLY, kwargs=equipment),
    rule(
        "groups:equipment_update",
        OFFICIAL_POST,
        kwargs=equipment,
        method="post",
        data=equipment_update_data,
    ),
    rule("groups:equipment_check_create", OFFICIAL_ONLY, kwargs=equipment),
    rule(
        "groups:equipment_check_create",
        OFFICIAL_POST,
        kwargs=equipment,
        method="post",
        data=check_data,
    ),
    rule("groups:equipment_check_photo", OWN_OBJECT, kwargs=check_photo),
    rule("groups:handover_create", OFFICIAL_ONLY, kwargs=group),
    rule("groups:handover_create", OFFICIAL_POST, kwargs=group, method="post", data=handover_data),
    rule("groups:handover_detail", OWN_OBJECT, kwargs=handover),
    rule("groups:handover_update", OFFICIAL_ONLY, kwargs=handover),
    rule(
        "groups:handover_update", OFFICIAL_POST, kwargs=handover, method="post", data=handover_data
    ),
    rule("groups:handover_scan", OWN_OBJECT, kwargs=handover),
    rule("groups:equipment_create", OFFICIAL_ONLY, kwargs=handover),
    rule(
        "groups:equipment_create",
        OFFICIAL_POST,
        kwargs=handover,
        method="post",
        data=equipment_data,
    ),
    # export, import, history
    rule("groups:group_export", READERS, kwargs=lambda w: {"fmt": "csv"}),
    rule("groups:member_export", READERS, kwargs=lambda w: {"fmt": "xlsx"}),
    rule("groups:equipment_export", READERS, kwargs=lambda w: {"fmt": "csv"}),
    rule("groups:group_import", OFFICIAL_ONLY),
    rule("groups:group_import", OFFICIAL_POST, method="post", data=group_import_data),
    rule("groups:member_import", OFFICIAL_ONLY),
    rule("groups:member_import", OFFICIAL_POST, method="post", data=member_import_data),
    rule(
        "groups:import_template", OFFICIAL_ONLY, kwargs=lambda w: {"kind": "anggota", "fmt": "xlsx"}
    ),
    rule(
        "groups:record_history",
        OFFICIAL_ONLY,
        kwargs=lambda w: {"model": "member", "pk": w.group.members.first().pk},
    ),
]
