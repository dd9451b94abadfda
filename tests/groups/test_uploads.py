"""Scans and photos: checked by content and size, stored privately, sent only in scope."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups.models import LegalDocument
from groups.validators import UploadValidator
from tests import factories
from tests.groups.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES, pdf_upload

pytestmark = pytest.mark.django_db


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


class TestUploadValidator:
    @pytest.mark.parametrize(
        ("name", "content"),
        [("a.pdf", PDF_BYTES), ("a.PNG", PNG_BYTES), ("a.jpg", JPEG_BYTES), ("a.jpeg", JPEG_BYTES)],
    )
    def test_real_files_pass(self, name, content):
        UploadValidator()(upload(name, content))

    def test_spoofed_extension_is_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            UploadValidator()(upload("surat.pdf", b"<html><script>alert(1)</script></html>"))
        assert excinfo.value.code == "file_content"

    def test_executable_renamed_png_is_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            UploadValidator()(upload("foto.png", b"MZ\x90\x00" + b"\x00" * 60))
        assert excinfo.value.code == "file_content"

    def test_pdf_named_png_is_refused(self):
        with pytest.raises(ValidationError) as excinfo:
            UploadValidator()(upload("foto.png", PDF_BYTES))
        assert excinfo.value.code == "file_extension"
        assert "PDF" in excinfo.value.messages[0]

    def test_oversized_is_refused(self):
        big = PDF_BYTES + b"0" * (5 * 1024 * 1024)
        with pytest.raises(ValidationError) as excinfo:
            UploadValidator()(upload("besar.pdf", big))
        assert excinfo.value.code == "file_too_large"
        assert "5 MB" in excinfo.value.messages[0]

    def test_photo_validator_refuses_pdf(self):
        with pytest.raises(ValidationError):
            UploadValidator(kinds=("jpeg", "png"))(upload("a.pdf", PDF_BYTES))


class TestDocumentUploadViews:
    def post(self, client, world, scan):
        client.force_login(world.official)
        return client.post(
            reverse("groups:document_create", args=[world.group.pk]),
            {"kind": "nib", "number": "9120000000009", "issued_on": "2021-01-01", "scan": scan},
        )

    def test_spoofed_scan_is_a_field_error_and_nothing_is_saved(self, client, world):
        response = self.post(client, world, upload("nib.pdf", b"GIF89a fake"))
        assert response.status_code == 200
        assert "Isi berkas bukan" in " ".join(response.context["form"].errors["scan"])
        assert not LegalDocument.objects.exists()

    def test_oversized_scan_is_a_field_error(self, client, world):
        response = self.post(
            client, world, upload("nib.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024 + 1))
        )
        assert "terlalu besar" in " ".join(response.context["form"].errors["scan"])
        assert not LegalDocument.objects.exists()

    def test_valid_scan_is_stored_privately_under_a_random_name(self, client, world):
        self.post(client, world, pdf_upload("NIB Kelompok Satu.pdf"))
        document = LegalDocument.objects.get()
        assert "Kelompok" not in document.scan.name and document.scan.name.endswith(".pdf")
        path = document.scan.path
        assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
        assert not str(path).startswith(str(settings.MEDIA_ROOT))
        assert document.scan.url == reverse("groups:private_file", args=[document.scan.name])
        assert not document.scan.url.startswith(settings.MEDIA_URL)

    def test_scan_is_sent_to_the_groups_mentor_and_hidden_from_the_peer(self, client, world):
        document = factories.LegalDocumentFactory(group=world.group, scan=pdf_upload())
        url = reverse("groups:document_scan", args=[document.pk])
        client.force_login(world.mentor)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"].startswith("attachment")
        assert "no-store" in response["Cache-Control"]
        client.force_login(world.other_mentor)
        assert client.get(url).status_code == 404
        client.force_login(world.clerk)
        assert client.get(url).status_code == 403

    def test_document_without_scan_or_missing_file_is_404(self, client, world):
        document = factories.LegalDocumentFactory(group=world.group)
        client.force_login(world.official)
        assert client.get(reverse("groups:document_scan", args=[document.pk])).status_code == 404
        LegalDocument.objects.filter(pk=document.pk).update(scan="documents/hilang.pdf")
        assert client.get(reverse("groups:document_scan", args=[document.pk])).status_code == 404

    def test_editing_without_a_new_upload_keeps_the_scan(self, client, world):
        document = factories.LegalDocumentFactory(group=world.group, scan=pdf_upload())
        name = document.scan.name
        client.force_login(world.official)
        client.post(
            reverse("groups:document_update", args=[document.pk]),
            {"kind": "nib", "number": "BARU-1", "issued_on": "2021-01-01"},
        )
        document.refresh_from_db()
        assert (document.number, document.scan.name) == ("BARU-1", name)

    def test_expiry_before_issue_is_refused(self, client, world):
        client.force_login(world.official)
        response = client.post(
            reverse("groups:document_create", args=[world.group.pk]),
            {"kind": "sku", "number": "1", "issued_on": "2021-01-01", "expires_on": "2020-01-01"},
        )
        assert response.status_code == 200
        assert "sesudah tanggal terbit" in response.content.decode()

    def test_expiry_decades_away_is_a_typo(self, client, world):
        client.force_login(world.official)
        url = reverse("groups:document_create", args=[world.group.pk])
        data = {"kind": "halal", "number": "H-1", "issued_on": "2024-02-29"}
        for typo in ("2049-03-01", "9999-12-31"):
            response = client.post(url, {**data, "expires_on": typo})
            assert response.status_code == 200
            assert "lebih dari 25 tahun" in response.content.decode()
        assert not world.group.documents.filter(number="H-1").exists()
        response = client.post(url, {**data, "expires_on": "2049-02-28"})
        assert response.status_code == 302


class TestPrivateFileByName:
    """``FieldFile.url`` (used by the admin) leads to a view that checks the owner's scope."""

    def test_each_kind_of_private_file_is_sent_in_scope_only(self, client, world):
        from tests.groups.factories import (
            EquipmentCheckFactory,
            EquipmentFactory,
            HandoverFactory,
            png_upload,
        )

        files = [
            factories.LegalDocumentFactory(group=world.group, scan=pdf_upload()).scan,
            HandoverFactory(group=world.group, scan=pdf_upload()).scan,
            EquipmentCheckFactory(
                equipment=EquipmentFactory(handover=HandoverFactory(group=world.group)),
                photo=png_upload(),
            ).photo,
        ]
        for field_file in files:
            client.force_login(world.mentor)
            response = client.get(field_file.url)
            assert response.status_code == 200, field_file.name
            assert response["Content-Disposition"].startswith("attachment")
            client.force_login(world.other_mentor)
            assert client.get(field_file.url).status_code == 404

    @pytest.mark.parametrize("name", ["documents/tidak-ada.pdf", "lain/x.pdf", "../settings.py"])
    def test_unknown_names_are_404(self, client, world, name):
        client.force_login(world.official)
        assert client.get(reverse("groups:private_file", args=[name])).status_code == 404

    def test_admin_change_page_links_the_scan_through_the_scoped_view(self, client, world):
        document = factories.LegalDocumentFactory(group=world.group, scan=pdf_upload())
        client.force_login(world.superuser)
        page = client.get(reverse("admin:groups_legaldocument_change", args=[document.pk]))
        assert page.status_code == 200
        assert reverse("groups:private_file", args=[document.scan.name]) in page.content.decode()
