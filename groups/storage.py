"""Private file storage for personal and legal papers (document scans, inspection photos).

Files live under ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT``: the reverse proxy serves
``/media/`` to anyone, so these files are only ever sent by views that check who may see the
group first. Names are random, so a file name reveals nothing about the group or the paper.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """A file system storage without a public URL, rooted at ``settings.PRIVATE_MEDIA_ROOT``."""

    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        """Not a public URL: the view behind it sends the file only to who may see its group."""
        from django.urls import reverse

        return reverse("groups:private_file", kwargs={"name": name})


private_storage = PrivateStorage()


def random_name(folder: str, filename: str) -> str:
    """``folder/<uuid>.<ext>``, the extension lower-cased from the (already checked) upload."""
    ext = os.path.splitext(filename)[1].lower()
    return f"{folder}/{uuid.uuid4().hex}{ext}"


def document_scan_path(instance, filename: str) -> str:
    return random_name("documents", filename)


def check_photo_path(instance, filename: str) -> str:
    return random_name("equipment-checks", filename)


def handover_scan_path(instance, filename: str) -> str:
    return random_name("handovers", filename)
