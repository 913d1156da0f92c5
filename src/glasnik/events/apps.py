from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "glasnik.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        # What the programme page keeps (glasnik.events.program_page) and an event's page goes
        # with any write to what it shows, by our services, the admin or a management command.
        from django.contrib.auth import get_user_model

        from glasnik.access.models import RoleGrant
        from glasnik.core.object_cache import object_cache_clear_on_change
        from glasnik.programs.models import Enrolment, Phase, Program

        watched = {
            Program: _program_changed,
            Phase: _programme_part_changed,
            Enrolment: _programme_part_changed,  # the number of participants
            RoleGrant: _role_changed,
            get_user_model(): _person_changed,
        }
        for model, receiver in watched.items():
            uid = f"glasnik-events-kept-{model._meta.label_lower}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-gone")
        # What an event's page keeps ({% kept %}: its facts, agenda and materials) and its
        # row on the programme page; a meeting: its network's next meetings.
        event, agenda_item = self.get_model("Event"), self.get_model("AgendaItem")
        object_cache_clear_on_change(event, "event")
        object_cache_clear_on_change(event, "network", "network_id")
        object_cache_clear_on_change(agenda_item, "event", "event_id")
        object_cache_clear_on_change(self.get_model("Material"), "event", "event_id")
        # A lecturer's name is on the programmes' teams and the agendas that name them. Their
        # agenda items are gone by post_delete, so a deleted lecturer is looked at before.
        lecturer = self.get_model("Lecturer")
        uid = "glasnik-events-kept-lecturer"
        post_save.connect(_lecturer_changed, sender=lecturer, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(_lecturer_changed, sender=lecturer, dispatch_uid=f"{uid}-going")
        m2m_changed.connect(
            _agenda_lecturers_changed,
            sender=agenda_item.lecturers.through,
            dispatch_uid="glasnik-events-kept-agenda-lecturers",
        )


def _agenda_lecturers_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Lecturers added to or taken from agenda items: the items' events show their names.
    From a lecturer's side, the items of a clear are known only before it."""
    from glasnik.core.object_cache import object_cache_clear

    from .models import AgendaItem

    if not reverse:
        if action in ("post_add", "post_remove", "post_clear"):
            object_cache_clear("event", instance.event_id)
        return
    if action in ("post_add", "post_remove"):
        items = AgendaItem.objects.filter(pk__in=pk_set)
    elif action == "pre_clear":
        items = instance.agenda_items.all()
    else:
        return
    for event_id in set(items.values_list("event_id", flat=True)):
        object_cache_clear("event", event_id)


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
    from glasnik.core.object_cache import object_cache_clear

    from .program_page import programme_team_member_forget

    if instance.person_id:
        programme_team_member_forget(instance.person_id)
    # The agendas that name the lecturer.
    for event_id in set(instance.agenda_items.values_list("event_id", flat=True)):
        object_cache_clear("event", event_id)
