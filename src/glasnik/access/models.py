from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "admin", _("Platform administrator")
    ORGANISER = "organiser", _("Organiser")
    TRAINER = "trainer", _("Trainer or mentor")
    JUROR = "juror", _("Juror")
    MEMBER = "member", _("Member")
    APPROVER = "approver", _("Institution approver")


ROLES_REQUIRING_MFA = frozenset({Role.PLATFORM_ADMIN, Role.ORGANISER, Role.JUROR})


class RoleGrant(models.Model):
    """A person holds a role, scoped to one object (a programme, a network, an institution).

    Only the platform administrator role is unscoped.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope_id = models.PositiveBigIntegerField(null=True, blank=True)
    scope = GenericForeignKey("scope_type", "scope_id")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "scope_type", "scope_id"], name="role_grant_unique"
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(scope_type__isnull=True),
                name="role_grant_unique_unscoped",
            ),
            models.CheckConstraint(
                condition=Q(scope_type__isnull=True, scope_id__isnull=True)
                | Q(scope_type__isnull=False, scope_id__isnull=False),
                name="role_grant_scope_complete",
            ),
        ]
        indexes = [models.Index(fields=["scope_type", "scope_id", "role"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.scope or '—'}"
