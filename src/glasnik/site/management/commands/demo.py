"""Demo data: the reference institutions, two associations and one person for every role."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction
from django.utils import translation

from glasnik.access.models import ROLES_REQUIRING_MFA, Role
from glasnik.access.selectors import user_roles
from glasnik.access.services import role_grant
from glasnik.accounts.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, EMAIL_DOMAIN
from glasnik.accounts.models import Position, Script, User
from glasnik.accounts.selectors import forget_mfa_state
from glasnik.accounts.services import position_add
from glasnik.cards.demo import demo_cards
from glasnik.certificates.demo import demo_certificates
from glasnik.coach.demo import demo_coach_settings
from glasnik.competitions.demo import demo_competitions
from glasnik.content.demo import demo_content_calendar
from glasnik.events.demo import demo_events
from glasnik.events.demo_program import demo_anonymous_feedback
from glasnik.mentoring.demo import demo_mentoring_pairs, demo_office_hours, demo_question_queue
from glasnik.networks.demo import demo_networks
from glasnik.organizations.importing import organization_slug_base
from glasnik.organizations.models import Country, Organization, OrganizationKind
from glasnik.proposals.demo import demo_proposals
from glasnik.surveys.demo import demo_surveys

from ...demo_programs import MENTORING_SESSION, demo_programs

ASSOCIATIONS = [
    # (country, name, name in Cyrillic, website)
    (
        Country.SERBIA,
        "Stalna konferencija gradova i opština",
        "Стална конференција градова и општина",
        "https://www.skgo.org",
    ),
    (Country.SLOVENIA, "Skupnost občin Slovenije", "", "https://www.skupnostobcin.si"),
]
SERBIAN_ASSOCIATION = (Country.SERBIA, "Stalna konferencija gradova i opština")
SLOVENIAN_ASSOCIATION = (Country.SLOVENIA, "Skupnost občin Slovenije")


@dataclass(frozen=True)
class DemoPerson:
    local_part: str
    first_name: str
    last_name: str
    language: str
    role: str
    # The organization the role is scoped to; None for the platform administrator.
    role_scope: tuple[str, str] | None
    position_at: tuple[str, str]
    title: str


PEOPLE = [
    DemoPerson(
        "admin", "Ivana", "Radović", "sr-latn", Role.PLATFORM_ADMIN, None,
        SERBIAN_ASSOCIATION, "Platform administrator",
    ),
    DemoPerson(
        "jelena.markovic", "Jelena", "Marković", "sr", Role.ORGANISER, SERBIAN_ASSOCIATION,
        SERBIAN_ASSOCIATION, "Koordinatorka programa",
    ),
    DemoPerson(
        "mojca.novak", "Mojca", "Novak", "sl", Role.ORGANISER, SLOVENIAN_ASSOCIATION,
        SLOVENIAN_ASSOCIATION, "Koordinatorka mreže",
    ),
    DemoPerson(
        "marko.petrovic", "Marko", "Petrović", "sr-latn", Role.MEMBER, SERBIAN_ASSOCIATION,
        (Country.SERBIA, "Kragujevac"), "Službenik za odnose s javnošću",
    ),
    DemoPerson(
        "ana.jovanovic", "Ana", "Jovanović", "sr", Role.MEMBER, SERBIAN_ASSOCIATION,
        (Country.SERBIA, "Niš"), "Šefica službe za informisanje",
    ),
    DemoPerson(
        "milica.stojanovic", "Milica", "Stojanović", "sr-latn", Role.MEMBER, SERBIAN_ASSOCIATION,
        (Country.SERBIA, "Novi Sad"), "Urednica društvenih mreža",
    ),
    DemoPerson(
        "amra.hodzic", "Amra", "Hodžić", "bs", Role.MEMBER, SERBIAN_ASSOCIATION,
        (Country.BOSNIA_AND_HERZEGOVINA, "Tuzla"), "Službenica za odnose s javnošću",
    ),
    DemoPerson(
        "luka.kovac", "Luka", "Kovač", "sl", Role.MEMBER, SLOVENIAN_ASSOCIATION,
        (Country.SLOVENIA, "Maribor"), "Svetovalec za odnose z javnostmi",
    ),
    DemoPerson(
        "dragan.ilic", "Dragan", "Ilić", "sr-latn", Role.TRAINER, SERBIAN_ASSOCIATION,
        SERBIAN_ASSOCIATION, "Trener i mentor",
    ),
    DemoPerson(
        "vesna.djordjevic", "Vesna", "Đorđević", "sr", Role.JUROR, SERBIAN_ASSOCIATION,
        (Country.SERBIA, "Subotica"), "Načelnica odeljenja za komunikacije",
    ),
    DemoPerson(
        "nenad.pavlovic", "Nenad", "Pavlović", "sr", Role.APPROVER, (Country.SERBIA, "Kragujevac"),
        (Country.SERBIA, "Kragujevac"), "Šef kabineta gradonačelnika",
    ),
]  # fmt: skip


def _organization(country: str, name: str) -> Organization:
    """The named institution: from the reference lists when they have it, otherwise a new one."""
    organization = Organization.objects.filter(country=country, name=name).first()
    if organization is not None:
        return organization
    base = organization_slug_base(country=country, name=name) or country.lower()
    slug, number = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return Organization.objects.create(
        country=country, name=name, slug=slug, kind=OrganizationKind.MUNICIPALITY
    )


def _association(country: str, name: str, name_cyrillic: str, website: str) -> Organization:
    organization = _organization(country, name)
    changes = {"kind": OrganizationKind.ASSOCIATION, "name_cyrillic": name_cyrillic}
    changes["website"] = organization.website or website
    for field, value in changes.items():
        setattr(organization, field, value)
    organization.save(update_fields=[*changes, "updated_at"])
    return organization


def _person(spec: DemoPerson) -> User:
    email = f"{spec.local_part}@{EMAIL_DOMAIN}"
    is_admin = spec.role == Role.PLATFORM_ADMIN
    person, _ = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": spec.first_name,
            "last_name": spec.last_name,
            "preferred_language": spec.language,
            "preferred_script": Script.LATIN if spec.language == "sr-latn" else Script.CYRILLIC,
            "is_staff": is_admin,
            "is_superuser": is_admin,
        },
    )
    person.set_password(DEMO_PASSWORD)
    person.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def _mfa(person: User) -> str:
    """Set up TOTP with the demo secret and recovery codes; return one unused recovery code."""
    if not Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(person, DEMO_TOTP_SECRET)
        forget_mfa_state(person)
    return RecoveryCodes.activate(person).get_unused_codes()[0]


class Command(BaseCommand):
    help = "Load demo institutions and one demo login for every role. Safe to run again."

    def handle(self, *args, **options):
        if not settings.DEMO_LOGINS_ALLOWED:
            raise CommandError(
                "The demo's logins have a public password and TOTP secret; these settings do "
                "not allow them (production). Only a demo or benchmark server may set "
                "GLASNIK_DEMO_LOGINS_ALLOWED=true."
            )
        # The console speaks English, like the README that sends people here.
        with translation.override("en"):
            self._load_and_print(options)

    def _load_and_print(self, options):
        call_command("load_reference_organizations", verbosity=options["verbosity"])
        with transaction.atomic():
            for association in ASSOCIATIONS:
                _association(*association)
            for spec in PEOPLE:
                self._load_person(spec)
            networks = demo_networks()
            demo_events(networks)
            program = demo_programs()
            demo_certificates()
            demo_surveys(program)
            demo_competitions(program)
            demo_question_queue(program.events.get(title=MENTORING_SESSION))
            demo_office_hours(program)
            demo_mentoring_pairs(program)
            demo_coach_settings()
            demo_proposals()
            demo_content_calendar()
            demo_cards()
            # After the competition: its jurors hold the juror's role, which asks for MFA.
            rows = [self._login_row(spec) for spec in PEOPLE]
        # Anonymous answers are written in transactions of their own (glasnik.core.anonymity).
        demo_anonymous_feedback(program)
        self._print_logins(rows)

    def _load_person(self, spec: DemoPerson) -> None:
        person = _person(spec)
        scope = _organization(*spec.role_scope) if spec.role_scope else None
        role_grant(person=person, role=spec.role, scope=scope)
        organization = _organization(*spec.position_at)
        if not Position.objects.filter(
            person=person, organization=organization, title=spec.title
        ).exists():
            position_add(person=person, organization=organization, title=spec.title, actor=None)

    def _login_row(self, spec: DemoPerson) -> tuple[str, str, str]:
        person = User.objects.get(email=f"{spec.local_part}@{EMAIL_DOMAIN}")
        mfa = "—"
        if user_roles(person) & ROLES_REQUIRING_MFA:
            mfa = f"TOTP secret {DEMO_TOTP_SECRET} or recovery code {_mfa(person)}"
        scope = _organization(*spec.role_scope) if spec.role_scope else None
        role = Role(spec.role).label
        where = f" ({scope})" if scope else ""
        return person.email, f"{role}{where}", mfa

    def _print_logins(self, rows: list[tuple[str, str, str]]) -> None:
        email_width = max(len(email) for email, _, _ in rows)
        role_width = max(len(str(role)) for _, role, _ in rows)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Password for every demo login: {DEMO_PASSWORD}\n")
        self.stdout.write(f"{'Email':<{email_width}}  {'Role':<{role_width}}  Two-factor code")
        self.stdout.write(f"{'-' * email_width}  {'-' * role_width}  {'-' * 15}")
        for email, role, mfa in rows:
            self.stdout.write(f"{email:<{email_width}}  {role:<{role_width}}  {mfa}")
        self.stdout.write(
            "\nFor two-factor codes, add the TOTP secret to an authenticator app, "
            "or type the recovery code once (each recovery code works only once)."
        )
