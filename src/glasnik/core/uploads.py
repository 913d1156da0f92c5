"""Uploaded files: checked for type and size, stored under unguessable names, and served only
through views that check access (never straight from MEDIA_URL)."""

import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Extension → the first bytes every such file starts with (None: plain text, no signature).
FILE_SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    # Office Open XML and OpenDocument files are ZIP archives.
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "txt": None,
}
DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt", "txt", "png", "jpg", "jpeg")
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024


@deconstructible
class upload_to_private:  # noqa: N801 - used like a function in model fields
    """`upload_to` for private files: `<folder>/<random>/<original name>`."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{secrets.token_urlsafe(16)}/{PurePath(filename).name}"

    def __eq__(self, other) -> bool:
        return isinstance(other, upload_to_private) and other.folder == self.folder


def _extension(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def upload_check(
    upload,
    *,
    extensions: tuple[str, ...] = DOCUMENT_EXTENSIONS,
    max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
) -> None:
    """Refuse a file whose name, content or size is not what we accept.

    The content must start as files of its extension do, so a renamed program is refused.
    """
    extension = _extension(upload.name)
    if extension not in extensions:
        raise ValidationError(
            _("Files of this type are not accepted. Accepted types: %(types)s."),
            code="file_type",
            params={"types": ", ".join(extensions)},
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The largest accepted size is %(limit)s."),
            code="file_size",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)},
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    signatures = FILE_SIGNATURES.get(extension)
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if signatures is None:
        if b"\x00" in head:
            raise ValidationError(
                _("The content of the file does not match its type."), code="file_content"
            )
        return
    if not head.startswith(signatures):
        raise ValidationError(
            _("The content of the file does not match its type."), code="file_content"
        )
