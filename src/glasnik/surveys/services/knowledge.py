"""Pairing a knowledge test taken after a training with the same test taken before it. Both
must be knowledge tests of the same programme or network, and named (not anonymous): the pair
is read person by person."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import Survey, SurveyKind


@transaction.atomic
def knowledge_pair_set(*, post_test: Survey, pre_test: Survey | None, actor) -> Survey:
    """Make `pre_test` the test before the training of `post_test` (None: unpair)."""
    if actor is not None and not actor.has_perm("surveys.manage_survey", post_test):
        raise PermissionDenied
    if pre_test is not None:
        if post_test.kind != SurveyKind.KNOWLEDGE or pre_test.kind != SurveyKind.KNOWLEDGE:
            raise ValidationError(_("Only two knowledge tests can be paired."))
        if post_test.is_anonymous or pre_test.is_anonymous:
            raise ValidationError(
                _(
                    "An anonymous survey cannot be paired: the learning gain compares each "
                    "person's two tests, so both must record who answered."
                )
            )
        if pre_test.pk == post_test.pk:
            raise ValidationError(_("A test cannot be paired with itself."))
        if (pre_test.program_id, pre_test.network_id) != (
            post_test.program_id,
            post_test.network_id,
        ):
            raise ValidationError(_("Both tests must belong to the same programme or network."))
        if pre_test.pre_test_id == post_test.pk:
            raise ValidationError(_("This test is already the test after the other one."))
        taken = Survey.objects.filter(pre_test=pre_test).exclude(pk=post_test.pk).first()
        if taken is not None:
            raise ValidationError(
                _("That test is already paired with “%(title)s”.") % {"title": taken.title}
            )
    post_test.pre_test = pre_test
    post_test.save(update_fields=["pre_test", "updated_at"])
    log_action(
        "surveys.survey.knowledge_paired",
        actor=actor,
        target=post_test,
        scope=post_test.owner,
        data={"pre_test": pre_test.pk if pre_test else None},
    )
    return post_test
