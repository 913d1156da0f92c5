from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass
class PersonState:
    """What has been read about a person for the request at hand besides their row: from the
    cache (the authentication backend reads it all in one round trip) or the database. Held on
    the person as `person.request_state`; a change that touches it resets the field."""

    grants: list | None = None  # (role, scope type id, scope id): glasnik.access.selectors
    has_mfa: bool | None = None  # an authenticator app: accounts.selectors.user_has_mfa
    positions: list | None = None  # for the dashboard: accounts.selectors.position_summaries
    # Set when the person came from the cache without the password hash (accounts.backends).
    session_auth_hash: str | None = None


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    PREFER_NOT_TO_SAY = "undisclosed", _("Prefer not to say")


class ExperienceLevel(models.TextChoices):
    NONE = "none", _("No experience with social media yet")
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Script(models.TextChoices):
    CYRILLIC = "cyrl", _("Cyrillic")
    LATIN = "latn", _("Latin")


# What a person edits on their own profile page.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "preferred_language",
    "preferred_script",
    "gender",
    "experience_level",
)


class EmailUserManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """A person. Signs in with an email address; the name is what others see."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="sr"
    )
    preferred_script = models.CharField(
        _("Serbian script"),
        max_length=4,
        choices=Script.choices,
        default=Script.CYRILLIC,
        help_text=_("The script in which you read texts written in Serbian."),
    )
    gender = models.CharField(
        _("gender"),
        max_length=12,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only in aggregate reports, never shown to others."),
    )
    experience_level = models.CharField(
        _("experience with social media"),
        max_length=16,
        choices=ExperienceLevel.choices,
        blank=True,
    )
    # Goes up with every change of the person's roles (glasnik.access.services), in the same
    # transaction: each process compares it with the version of the grants it keeps, so a role
    # taken away is gone on the next request in every process, with or without a shared cache.
    access_version = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @cached_property
    def request_state(self) -> PersonState:
        return PersonState()

    def get_session_auth_hash(self) -> str:
        # A person loaded from the cache (accounts.backends) comes without the password hash,
        # with the session hash computed from it instead; setting a password loads the field.
        kept = self.request_state.session_auth_hash
        if "password" not in self.__dict__ and kept is not None:
            return kept
        return super().get_session_auth_hash()


class Position(models.Model):
    """A person's role at an organization over a span of time."""

    person = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="positions"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    title = models.CharField(pgettext_lazy("job", "title"), max_length=150)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = pgettext_lazy("job", "position")
        verbose_name_plural = _("positions")
        ordering = ["-since", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="position_until_after_since",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.organization}"
