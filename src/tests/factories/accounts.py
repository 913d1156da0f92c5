"""People: accounts with a verified address, their positions, and their roles."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.accounts.models import Position, User

from .organizations import OrganizationFactory

PASSWORD = "a-long-test-password-1"
TOTP_SECRET = "GLASNIKTESTSECRETGLASNIKTESTSECR"


class EmailAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmailAddress

    email = factory.SelfAttribute("user.email")
    verified = True
    primary = True


class PersonFactory(factory.django.DjangoModelFactory):
    """A person with a verified primary address (as allauth keeps it) who can sign in with
    PASSWORD; `create_user` hashes the password and normalises the address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda number: f"person{number}@example.org")
    preferred_language = "en"
    address = factory.RelatedFactory(EmailAddressFactory, factory_related_name="user")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        password = kwargs.pop("password", PASSWORD)
        return model_class._default_manager.create_user(*args, password=password, **kwargs)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title = "PR"


def with_second_factor(person: User) -> User:
    """An authenticator app set up, as organisers, administrators and staff must have."""
    TOTP.activate(person, TOTP_SECRET)
    return person


def organiser_of(scope, **person_fields) -> User:
    """A person holding the organiser role of `scope` (a network or a programme), with the
    second factor organisers must have."""
    person = PersonFactory(**({"first_name": "Jelena", "last_name": "Marković"} | person_fields))
    role_grant(person=person, role=Role.ORGANISER, scope=scope)
    return with_second_factor(person)
