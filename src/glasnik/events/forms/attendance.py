"""Forms for check-in, corrections, materials and assignments. Times are entered in the
event's time zone: views activate it around validation and rendering."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from glasnik.core.uploads import upload_check

from ..services.attendance import CODE_LENGTH, normalise_code
from ..services.materials import (
    MATERIAL_EXTENSIONS,
    MATERIAL_MAX_BYTES,
    SUBMISSION_EXTENSIONS,
    SUBMISSION_MAX_BYTES,
)
from .meetings import DateTimeLocalInput


class SelfCheckinForm(forms.Form):
    code = forms.CharField(
        label=_("Code shown in the room"),
        max_length=20,
        help_text=_("Six letters and digits, as on the screen."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise ValidationError(
                _("The code has %(length)s letters and digits."), params={"length": CODE_LENGTH}
            )
        return code


class CorrectionForm(forms.Form):
    """One cell of the attendance sheet: present or absent."""

    present = forms.TypedChoiceField(
        choices=[("1", _("Present")), ("0", _("Absent"))], coerce=lambda value: value == "1"
    )


class QrCheckinForm(forms.Form):
    """The confirm button under the QR code's page; a session when attendance is per session."""

    session = forms.ChoiceField(label=_("Session"), required=False)

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {str(item.pk): item for item in sessions}
        self.fields["session"].choices = [(pk, item.title) for pk, item in self.sessions.items()]
        self.fields["session"].required = bool(self.sessions)
        if not self.sessions:
            del self.fields["session"]

    def clean_session(self):
        return self.sessions.get(self.cleaned_data.get("session") or "")


def _session_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Session"),
        required=False,
        help_text=_("Leave empty for material of the whole event."),
    )


class SessionChoiceMixin:
    def set_sessions(self, sessions) -> None:
        self.sessions = {str(item.pk): item for item in sessions}
        self.fields["session"].choices = [("", _("The whole event"))] + [
            (pk, item.title) for pk, item in self.sessions.items()
        ]

    def clean_session(self):
        return self.sessions.get(self.cleaned_data.get("session") or "")


class MaterialForm(SessionChoiceMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=200)
    session = _session_field()
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, presentations, documents, spreadsheets or images, at most 25 MB."),
    )
    url = forms.URLField(
        label=_("Or a link"), required=False, max_length=500, assume_scheme="https"
    )
    is_public = forms.BooleanField(
        label=_("Public: anyone may see it, also people who are not registered"),
        required=False,
    )

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_sessions(sessions)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload_check(upload, extensions=MATERIAL_EXTENSIONS, max_bytes=MATERIAL_MAX_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        has_file = bool(cleaned.get("file"))
        has_url = bool(cleaned.get("url"))
        if "file" in self.errors or "url" in self.errors:
            return cleaned
        if has_file and has_url:
            raise ValidationError(_("Upload a file or give a link, not both."))
        if not has_file and not has_url:
            raise ValidationError(_("Upload a file or give a link."))
        return cleaned


class MaterialEditForm(MaterialForm):
    """A material's changes: a new file or a link replaces what it has; with neither, its file
    stays."""

    def __init__(self, *args, material, **kwargs):
        self.material = material
        initial = {
            "title": material.title,
            "session": str(material.agenda_item_id or ""),
            "url": material.url,
            "is_public": material.is_public,
        } | kwargs.pop("initial", {})
        super().__init__(*args, initial=initial, **kwargs)
        if material.file:
            self.fields["file"].help_text = _(
                "Currently %(name)s. A new file replaces it; leave empty to keep it. PDF, "
                "presentations, documents, spreadsheets or images, at most 25 MB."
            ) % {"name": PurePath(material.file.name).name}
            self.fields["url"].help_text = _("A link instead replaces the file.")

    def clean(self):
        cleaned = forms.Form.clean(self)
        if "file" in self.errors or "url" in self.errors:
            return cleaned
        if cleaned.get("file") and cleaned.get("url"):
            raise ValidationError(_("Upload a file or give a link, not both."))
        if not cleaned.get("file") and not cleaned.get("url") and not self.material.file:
            raise ValidationError(_("Upload a file or give a link."))
        return cleaned


class AssignmentForm(SessionChoiceMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("document", "Title"), max_length=200)
    instructions = forms.CharField(
        label=_("Instructions"), widget=forms.Textarea(attrs={"rows": 6})
    )
    due_at = forms.DateTimeField(
        label=_("Due"),
        required=False,
        widget=DateTimeLocalInput(),
        help_text=_(
            "Participants can change what they submitted until then. Leave empty for no due date."
        ),
    )
    session = _session_field()

    def __init__(self, *args, sessions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.set_sessions(sessions)
        self.fields["session"].help_text = _("Leave empty for an exercise of the whole event.")


class SubmissionForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, documents, presentations, spreadsheets or images, at most 10 MB."),
    )

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        if has_file:
            self.fields["file"].help_text = _(
                "A new file replaces the one you sent. PDF, documents, presentations, "
                "spreadsheets or images, at most 10 MB."
            )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            upload_check(upload, extensions=SUBMISSION_EXTENSIONS, max_bytes=SUBMISSION_MAX_BYTES)
        return upload

    def clean(self):
        cleaned = super().clean()
        if "file" in self.errors:
            return cleaned
        if not cleaned.get("text", "").strip() and not cleaned.get("file") and not self.has_file:
            raise ValidationError(_("Write an answer or attach a file."))
        return cleaned


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))
