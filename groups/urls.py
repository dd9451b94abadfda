from django.urls import path, re_path

from groups.views import documents, equipment, history, members, registry, transfer

app_name = "groups"

urlpatterns = [
    # groups
    path("", registry.GroupListView.as_view(), name="group_list"),
    path("tambah/", registry.GroupCreateView.as_view(), name="group_create"),
    path("cari.json", registry.group_lookup, name="group_lookup"),
    path("<int:pk>/", registry.GroupDetailView.as_view(), name="group_detail"),
    path("<int:pk>/ubah/", registry.GroupUpdateView.as_view(), name="group_update"),
    path("<int:pk>/status/", registry.group_set_active, name="group_set_active"),
    path("<int:pk>/tahap/", registry.group_change_stage, name="group_stage"),
    # members and products
    path("<int:pk>/anggota/tambah/", members.MemberCreateView.as_view(), name="member_create"),
    path("anggota/<int:pk>/ubah/", members.MemberUpdateView.as_view(), name="member_update"),
    path("anggota/<int:pk>/keluar/", members.member_leave, name="member_leave"),
    path("<int:pk>/produk/tambah/", members.ProductCreateView.as_view(), name="product_create"),
    path("produk/<int:pk>/ubah/", members.ProductUpdateView.as_view(), name="product_update"),
    # legal documents
    path("dokumen/", documents.DocumentStatusView.as_view(), name="document_status"),
    path(
        "<int:pk>/dokumen/tambah/", documents.DocumentCreateView.as_view(), name="document_create"
    ),
    path("dokumen/<int:pk>/ubah/", documents.DocumentUpdateView.as_view(), name="document_update"),
    path("dokumen/<int:pk>/pindaian/", documents.document_scan, name="document_scan"),
    path("berkas/<path:name>", documents.private_file, name="private_file"),
    # equipment
    path("peralatan/", equipment.EquipmentListView.as_view(), name="equipment_list"),
    path(
        "peralatan/terlambat-diperiksa/",
        equipment.EquipmentOverdueView.as_view(),
        name="equipment_overdue",
    ),
    path(
        "peralatan/tidak-dipakai/", equipment.EquipmentUnusedView.as_view(), name="equipment_unused"
    ),
    path("peralatan/<int:pk>/", equipment.EquipmentDetailView.as_view(), name="equipment_detail"),
    path(
        "peralatan/<int:pk>/ubah/", equipment.EquipmentUpdateView.as_view(), name="equipment_update"
    ),
    path(
        "peralatan/<int:pk>/periksa/",
        equipment.EquipmentCheckCreateView.as_view(),
        name="equipment_check_create",
    ),
    path(
        "pemeriksaan/<int:pk>/foto/", equipment.equipment_check_photo, name="equipment_check_photo"
    ),
    path("<int:pk>/bast/tambah/", equipment.HandoverCreateView.as_view(), name="handover_create"),
    path("bast/<int:pk>/", equipment.HandoverDetailView.as_view(), name="handover_detail"),
    path("bast/<int:pk>/ubah/", equipment.HandoverUpdateView.as_view(), name="handover_update"),
    path("bast/<int:pk>/pindaian/", equipment.handover_scan, name="handover_scan"),
    path(
        "bast/<int:pk>/barang/tambah/",
        equipment.EquipmentCreateView.as_view(),
        name="equipment_create",
    ),
    # import, export, history
    re_path(r"^ekspor\.(?P<fmt>csv|xlsx)$", transfer.group_export, name="group_export"),
    re_path(r"^anggota/ekspor\.(?P<fmt>csv|xlsx)$", transfer.member_export, name="member_export"),
    re_path(
        r"^peralatan/ekspor\.(?P<fmt>csv|xlsx)$", transfer.equipment_export, name="equipment_export"
    ),
    path("impor/", transfer.group_import, name="group_import"),
    path("anggota/impor/", transfer.member_import, name="member_import"),
    re_path(
        r"^impor/templat-(?P<kind>kelompok|anggota)\.(?P<fmt>csv|xlsx)$",
        transfer.import_template,
        name="import_template",
    ),
    re_path(
        r"^riwayat/(?P<model>[a-z]+)/(?P<pk>[0-9]+)/$",
        history.record_history,
        name="record_history",
    ),
]
