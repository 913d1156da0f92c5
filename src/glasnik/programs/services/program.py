"""Writes to a programme: creating it, its page, publishing, its phases and its team."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glasnik.access.models import Role
from glasnik.access.services import role_grant, role_revoke
from glasnik.audit.services import log_action

from ..models import Phase, Program
from ..selectors import forget_person_programs, program_organisers

# What organisers edit on the programme's page.
PAGE_FIELDS = (
    "name",
    "summary",
    "description",
    "target_group",
    "topics",
    "time_zone",
    "language",
    "enrolment_policy",
)
PHASE_FIELDS = ("kind", "title", "description", "starts_on", "ends_on", "position")
TEAM_ROLES = (Role.ORGANISER, Role.TRAINER)
# Addresses the programmes' URLs use for their own pages.
RESERVED_SLUGS = frozenset({"new", "invitations"})


def program_slug_free(name: str, slug: str = "") -> str:
    """`slug`, or one made from the name, that no programme has yet."""
    base = slugify(slug or name)[:100] or "programme"
    candidate, number = base, 2
    while candidate in RESERVED_SLUGS or Program.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@transaction.atomic
def program_create(
    *, name: str, organization, actor, organisers=(), slug: str = "", **fields
) -> Program:
    """A new programme, a draft until its organisers publish it. Platform administrators
    create programmes and name their first organisers."""
    unknown = set(fields) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"Not a page field: {', '.join(sorted(unknown))}")
    if slug in RESERVED_SLUGS:
        raise ValidationError({"slug": _("This address is reserved; choose another.")})
    if slug and Program.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("Another programme already has this address.")})
    if not fields.get("language"):
        fields["language"] = organization.content_language  # said once, changeable later
    program = Program.objects.create(
        name=name.strip(),
        slug=slug or program_slug_free(name),
        organization=organization,
        **{
            key: value.strip() if isinstance(value, str) else value for key, value in fields.items()
        },
    )
    log_action("programs.program.created", actor=actor, target=program)
    for person in organisers:
        program_team_add(program=program, person=person, role=Role.ORGANISER, actor=actor)
    return program


@transaction.atomic
def program_update(*, program: Program, actor, **fields) -> Program:
    """Save the organisers' edit of the programme's page; the audit entry names what changed."""
    unknown = set(fields) - set(PAGE_FIELDS)
    if unknown:
        raise TypeError(f"Not a page field: {', '.join(sorted(unknown))}")
    changed = []
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(program, name) != value:
            setattr(program, name, value)
            changed.append(name)
    if changed:
        program.save(update_fields=[*changed, "updated_at"])
        log_action(
            "programs.program.changed", actor=actor, target=program, data={"fields": changed}
        )
    return program


@transaction.atomic
def program_publish(*, program: Program, actor, published: bool = True) -> Program:
    """Show the programme publicly (or take it back to a draft)."""
    if program.is_published == published:
        return program
    if published and not program.phases.exists():
        raise ValidationError(_("Add at least one phase before publishing the programme."))
    program.is_published = published
    program.save(update_fields=["is_published", "updated_at"])
    log_action(
        "programs.program.published" if published else "programs.program.unpublished",
        actor=actor,
        target=program,
    )
    return program


def _phase_check(starts_on: date, ends_on: date) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A phase cannot end before it starts.")})


@transaction.atomic
def phase_create(*, program: Program, actor, **fields) -> Phase:
    fields = {key: value for key, value in fields.items() if key in PHASE_FIELDS}
    _phase_check(fields.get("starts_on"), fields.get("ends_on"))
    if "position" not in fields:
        fields["position"] = program.phases.count()
    phase = Phase.objects.create(program=program, **fields)
    log_action(
        "programs.phase.created",
        actor=actor,
        target=phase,
        scope=program,
        data={"kind": phase.kind},
    )
    return phase


@transaction.atomic
def phase_update(*, phase: Phase, actor, **fields) -> Phase:
    fields = {key: value for key, value in fields.items() if key in PHASE_FIELDS}
    merged = {"starts_on": phase.starts_on, "ends_on": phase.ends_on} | fields
    _phase_check(merged["starts_on"], merged["ends_on"])
    changed = sorted(name for name, value in fields.items() if getattr(phase, name) != value)
    if changed:
        for name in changed:
            setattr(phase, name, fields[name])
        phase.save(update_fields=changed)
        log_action(
            "programs.phase.changed",
            actor=actor,
            target=phase,
            scope=phase.program,
            data={"fields": changed},
        )
    return phase


@transaction.atomic
def phase_delete(*, phase: Phase, actor) -> None:
    program = phase.program
    log_action(
        "programs.phase.deleted",
        actor=actor,
        target=program,
        data={"phase": phase.pk, "kind": phase.kind},
    )
    phase.delete()


@transaction.atomic
def program_team_add(*, program: Program, person, role: str, actor) -> None:
    """Make a person an organiser or a trainer/mentor of the programme. Organisers must use
    two-factor sign-in, which the platform asks of them at their next page."""
    if role not in TEAM_ROLES:
        raise ValueError(f"Not a team role: {role}")
    role_grant(person=person, role=role, scope=program, actor=actor)
    forget_person_programs(person.pk)


@transaction.atomic
def program_team_remove(*, program: Program, person, role: str, actor) -> None:
    """Take a team role away; a programme always keeps at least one organiser."""
    if role not in TEAM_ROLES:
        raise ValueError(f"Not a team role: {role}")
    if role == Role.ORGANISER:
        organisers = list(program_organisers(program).select_for_update())
        if person not in organisers:
            raise ValidationError(_("This person is not an organiser of the programme."))
        if len(organisers) == 1:
            raise ValidationError(_("A programme needs at least one organiser."))
    role_revoke(person=person, role=role, scope=program, actor=actor)
    forget_person_programs(person.pk)
