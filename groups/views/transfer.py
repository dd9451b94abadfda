"""Imports (officials) and exports (what the user may see) of groups, members and equipment."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import exports, roles
from core.exports import TextColumn
from core.scoping import role_required
from groups import imports
from groups.filters import EquipmentFilter, GroupFilter
from groups.forms.imports import ImportForm
from groups.models import Equipment, IkmGroup, Member, Sex
from groups.views.base import OFFICIALS, READERS

# --- exports ------------------------------------------------------------------------------------


def _filtered(filterset_class, request, queryset):
    """The rows of a list page's filter, or none when a filter value is invalid for this user."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    return filterset.qs if filterset.is_valid() else queryset.none()


@require_GET
@role_required(*READERS)
def group_export(request, fmt):
    """The group list with the list page's filters: exactly the groups the user may see."""
    user = request.user
    show_account = roles.sees_bank_account(user)
    base = (
        IkmGroup.objects.visible_to(user)
        .select_related("theme", "kelurahan__kecamatan")
        .with_stage_order()
        .with_member_counts()
        .order_by("code")
    )
    groups = _filtered(GroupFilter, request, base)
    # Codes and numbers written with digits stay text in a spreadsheet (core.exports).
    headers = [
        TextColumn(_("Kode")),
        _("Nama"),
        _("Tema"),
        _("Kecamatan"),
        _("Kelurahan"),
        _("Alamat"),
        _("Tanggal terbentuk"),
        _("Tahap"),
        _("Tahap sejak"),
        TextColumn(_("Telepon")),
        _("Email"),
        _("Anggota aktif"),
        _("Perempuan"),
        _("Laki-laki"),
        _("Aktif"),
    ]
    if show_account:
        headers += [_("Bank"), TextColumn(_("Nomor rekening")), _("Pemilik rekening")]

    def rows():
        for g in groups.iterator(chunk_size=500):
            row = [
                g.code,
                g.name,
                str(g.theme),
                g.kelurahan.kecamatan.name,
                g.kelurahan.name,
                g.address,
                g.formed_on,
                g.get_stage_display(),
                g.stage_since,
                g.phone,
                g.email,
                g.member_total,
                g.members_female,
                g.members_male,
                g.is_active,
            ]
            if show_account:
                row += [g.bank_name, g.bank_account_number, g.bank_account_holder]
            yield row

    return exports.export_response(fmt, exports.dated_name("kelompok-ikm"), headers, rows())


@require_GET
@role_required(*READERS)
def member_export(request, fmt):
    """Members of the groups the user may see; the NIK in full only for officials.

    ``?kelompok=<id>`` narrows to one group, ``?status=semua`` includes members who left.
    """
    user = request.user
    official = roles.is_official(user)
    members = (
        Member.objects.visible_to(user).select_related("group").order_by("group__code", "name")
    )
    group_id = request.GET.get("kelompok", "")
    if group_id:
        if not group_id.isdigit():
            raise Http404
        members = members.filter(group__in=IkmGroup.objects.visible_to(user).filter(pk=group_id))
    if request.GET.get("status") != "semua":
        members = members.active()
    headers = [
        TextColumn(_("Kode kelompok")),
        _("Nama kelompok"),
        _("Nama"),
        TextColumn(_("NIK")),
        _("Jenis kelamin"),
        _("Tahun lahir"),
        _("Jabatan"),
        TextColumn(_("Telepon")),
        _("Tanggal bergabung"),
        _("Tanggal keluar"),
    ]

    def rows():
        for m in members.iterator(chunk_size=1000):
            yield [
                m.group.code,
                m.group.name,
                m.name,
                m.nik if official else m.nik_masked,
                "P" if m.sex == Sex.FEMALE else "L",
                m.birth_year,
                m.get_position_display(),
                m.phone,
                m.joined_on,
                m.left_on,
            ]

    return exports.export_response(fmt, exports.dated_name("anggota-ikm"), headers, rows())


@require_GET
@role_required(*READERS)
def equipment_export(request, fmt):
    """The equipment register with its filters: exactly the items the user may see."""
    base = (
        Equipment.objects.visible_to(request.user)
        .select_related("handover__group__theme")
        .order_by("handover__group__code", "name", "pk")
    )
    items = _filtered(EquipmentFilter, request, base)
    headers = [
        TextColumn(_("Kode kelompok")),
        _("Nama kelompok"),
        _("Tema"),
        TextColumn(_("Nomor BAST")),
        _("Tanggal serah terima"),
        _("Sumber anggaran"),
        _("Tahun anggaran"),
        _("Barang"),
        _("Kategori"),
        _("Merek / tipe"),
        TextColumn(_("Nomor seri")),
        _("Jumlah"),
        _("Nilai (Rp)"),
        _("Diminta kelompok"),
        _("Diterima"),
        _("Tidak sesuai permintaan"),
        _("Keterangan ketidaksesuaian"),
        _("Kondisi"),
        _("Dipakai"),
        _("Terakhir diperiksa"),
        _("Pemeriksaan berikutnya"),
        _("Masih tercatat"),
    ]

    def rows():
        for e in items.iterator(chunk_size=1000):
            h = e.handover
            yield [
                h.group.code,
                h.group.name,
                str(h.group.theme),
                h.number,
                h.handed_over_on,
                h.get_budget_source_display(),
                h.budget_year,
                e.name,
                e.get_category_display(),
                e.brand_model,
                e.serial_number,
                e.quantity,
                e.value,
                e.requested,
                e.delivered,
                e.mismatch,
                e.mismatch_note,
                e.get_condition_display(),
                e.in_use,
                e.last_checked_on,
                e.next_check_due,
                e.is_active,
            ]

    return exports.export_response(fmt, exports.dated_name("peralatan-ikm"), headers, rows())


# --- imports ------------------------------------------------------------------------------------


def _import_page(request, kind: str):
    importer_class = imports.IMPORTERS[kind]
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    file_error = None
    if request.method == "POST" and form.is_valid():
        importer = importer_class(request.user)
        try:
            result = importer.run(form.cleaned_data["file"])
        except imports.ImportFileError as exc:
            file_error = exc.message
            form.add_error("file", exc.message)
        else:
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Impor selesai: %(rows)d baris — %(created)d baru, %(updated)d diubah, "
                        "%(unchanged)d tidak berubah."
                    )
                    % {
                        "rows": result.rows,
                        "created": result.created,
                        "updated": result.updated,
                        "unchanged": result.unchanged,
                    },
                )
                return redirect("groups:group_list")
    return render(
        request,
        "groups/import_form.html",
        {
            "form": form,
            "kind": kind,
            "title": importer_class.title,
            "columns": importer_class.columns,
            "result": result,
            "file_error": file_error,
        },
    )


@role_required(*OFFICIALS)
def group_import(request):
    return _import_page(request, "kelompok")


@role_required(*OFFICIALS)
def member_import(request):
    return _import_page(request, "anggota")


@require_GET
@role_required(*OFFICIALS)
def import_template(request, kind, fmt):
    if kind not in imports.IMPORTERS or fmt not in exports.FORMATS:
        raise Http404
    return imports.template_response(kind, fmt)
