"""Helpers for the demo data (`manage.py demo`): files to attach, and a way to run services
that email people without emailing the demo people, who have no inboxes."""

from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.db import transaction


def demo_pdf(name: str, title: str) -> ContentFile:
    """A small valid one-page PDF that says `title` (ASCII), as an uploaded file named `name`."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    content = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(content)
    content += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    content += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return ContentFile(content, name=name)


def demo_png(name: str, caption: str) -> ContentFile:
    """A small PNG image (a grey card with `caption`, ASCII), as an uploaded file named `name`."""
    from io import BytesIO

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 360), "#eef1f5")
    ImageDraw.Draw(image).text(
        (24, 24), caption.encode("ascii", "replace").decode(), fill="#1b2a3a"
    )
    data = BytesIO()
    image.save(data, format="PNG")
    return ContentFile(data.getvalue(), name=name)


@contextmanager
def demo_without_mail():
    """Run services as people would, but send nothing: the emails, reminders and offers they
    queue for when the transaction commits are dropped when the block ends.

    Services queue every email with `transaction.on_commit`, so inside the demo's transaction
    nothing has gone out yet; the callbacks this block added are forgotten (Django keeps them
    in `connection.run_on_commit`, as its own `captureOnCommitCallbacks` reads them)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise RuntimeError("demo_without_mail() must run inside transaction.atomic().")
    queued_before = len(connection.run_on_commit)
    try:
        yield
    finally:
        del connection.run_on_commit[queued_before:]
