"""Emails about surveys, in each recipient's language and script, with times in the owner's
time zone. Tasks take ids and re-read what they need."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.core.links import public_url

from .models import SurveyInvitation


@task()
def survey_invitation_send(*, invitation_ids: list[int], reminder: bool = False) -> None:
    """Send each invitation (or a reminder of it) with its personal link. A person who has
    answered in the meantime gets no reminder."""
    from .selectors import survey_answered_by

    invitations = (
        SurveyInvitation.objects.filter(pk__in=invitation_ids, person__is_active=True)
        .select_related("survey__program", "survey__network", "person")
        .order_by("pk")
    )
    for invitation in invitations:
        survey, person = invitation.survey, invitation.person
        if reminder and survey_answered_by(survey, person):
            continue
        language = person.preferred_language
        with translation.override(language):
            url = public_url(reverse("surveys:invited", kwargs={"token": invitation.token}))
        with timezone.override(survey.owner.time_zone):
            email_send(
                to=person.email,
                template="surveys/email/invitation",
                context={
                    "user": person,
                    "survey": survey,
                    "owner": survey.owner,
                    "reminder": reminder,
                    "survey_url": url,
                },
                language=language,
                subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
            )
