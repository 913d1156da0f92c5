from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "glasnik.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # What the programme page keeps (glasnik.events.program_page) goes with any write to
        # what it shows, by our services, the admin or a management command.
        from django.contrib.auth import get_user_model

        from glasnik.access.models import RoleGrant
        from glasnik.programs.models import Enrolment, Phase, Program

        watched = {
            self.get_model("Event"): _event_changed,
            Program: _program_changed,
            Phase: _programme_part_changed,
            Enrolment: _programme_part_changed,  # the number of participants
            RoleGrant: _role_changed,
            get_user_model(): _person_changed,
            self.get_model("Lecturer"): _lecturer_changed,
        }
        for model, receiver in watched.items():
            uid = f"glasnik-events-kept-{model._meta.label_lower}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-gone")


def _event_changed(sender, instance, **kwargs) -> None:
    from glasnik.core.object_cache import object_cache_clear

    object_cache_clear("event", instance.pk)


def _program_changed(sender, instance, **kwargs) -> None:
    from .program_page import programme_forget

    programme_forget(instance.pk)


def _programme_part_changed(sender, instance, **kwargs) -> None:
    """A phase or an enrolment: what its programme keeps."""
    from .program_page import programme_forget

    programme_forget(instance.program_id)


def _role_changed(sender, instance, **kwargs) -> None:
    from django.contrib.contenttypes.models import ContentType

    from glasnik.programs.models import Program

    from .program_page import programme_forget

    if instance.scope_type_id == ContentType.objects.get_for_model(Program).pk:
        programme_forget(instance.scope_id)


def _person_changed(sender, instance, **kwargs) -> None:
    from .program_page import programme_team_member_forget

    programme_team_member_forget(instance.pk)


def _lecturer_changed(sender, instance, **kwargs) -> None:
    from .program_page import programme_team_member_forget

    if instance.person_id:
        programme_team_member_forget(instance.person_id)
