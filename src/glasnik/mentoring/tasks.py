"""Mentoring's emails: a review of work submitted or returned, and reminders of action items
due tomorrow. Tasks take ids and re-read what they need, in each recipient's language."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.core.links import public_url

from .models import ActionItem, WorkReview
from .pair_services import action_item_owners, action_items_due_claim


def _send(person, template: str, context: dict, page: str, pk: int) -> None:
    language = person.preferred_language
    with translation.override(language):
        url = public_url(reverse(page, args=[pk]))
    email_send(
        to=person.email,
        template=f"mentoring/email/{template}",
        context={"user": person, "url": url, **context},
        language=language,
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )


@task()
def review_notify(*, review_id: int, template: str) -> None:
    """ "submitted": to the mentor; "returned": to the participant who sent the work."""
    review = (
        WorkReview.objects.filter(pk=review_id)
        .select_related("pair__mentor", "pair__program", "author")
        .first()
    )
    if review is None:
        return
    person = review.pair.mentor if template == "submitted" else review.author
    if not person.is_active:
        return
    _send(person, f"review_{template}", {"review": review}, "mentoring:review", review.pk)


@task()
def action_items_remind() -> int:
    """Remind the owners of open action items due tomorrow, once per item and due date
    (run daily; running it again the same day sends nothing)."""
    today = timezone.localdate()
    sent = 0
    items = ActionItem.objects.filter(pk__in=action_items_due_claim(today)).select_related(
        "pair__mentor", "pair__mentee", "pair__organization", "pair__program"
    )
    for item in items:
        for person in action_item_owners(item):
            if person.is_active:
                _send(
                    person,
                    "item_due",
                    {"item": item, "pair": item.pair},
                    "mentoring:pair",
                    item.pair_id,
                )
                sent += 1
    return sent
