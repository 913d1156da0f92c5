from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
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
            # What an event's page keeps ({% kept %}): its facts, its agenda, its materials.
            self.get_model("AgendaItem"): _event_part_changed,
            self.get_model("Material"): _event_part_changed,
        }
        for model, receiver in watched.items():
            uid = f"glasnik-events-kept-{model._meta.label_lower}"
            post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-saved")
            post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-gone")
        # A lecturer's agenda items are gone by post_delete: their events are found before.
        pre_delete.connect(
            _lecturer_changed,
            sender=self.get_model("Lecturer"),
            dispatch_uid="glasnik-events-kept-lecturer-going",
        )
        m2m_changed.connect(
            _agenda_lecturers_changed,
            sender=self.get_model("AgendaItem").lecturers.through,
            dispatch_uid="glasnik-events-kept-agenda-lecturers",
        )


def _event_changed(sender, instance, **kwargs) -> None:
    from glasnik.core.object_cache import object_cache_clear

    object_cache_clear("event", instance.pk)
    if instance.network_id:  # the network's page keeps its next meetings
        object_cache_clear("network", instance.network_id)


def _event_part_changed(sender, instance, **kwargs) -> None:
    from glasnik.core.object_cache import object_cache_clear

    object_cache_clear("event", instance.event_id)


def _agenda_lecturers_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Lecturers added to or taken from agenda items: the items' events show their names."""
    from glasnik.core.object_cache import object_cache_clear

    from .models import AgendaItem

    if not action.startswith("post_"):
        return
    if not reverse:
        object_cache_clear("event", instance.event_id)
        return
    items = AgendaItem.objects.filter(pk__in=pk_set) if pk_set else instance.agenda_items.all()
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
