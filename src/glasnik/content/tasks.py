"""The content calendar's emails, in the recipient's language: a post waits for your
approval; your post was approved; your post was returned with a comment."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from glasnik.core.email import email_send
from glasnik.core.links import public_url

from .models import Post

TEMPLATES = ("waiting", "approved", "returned")


@task()
def post_notify(*, post_id: int, template: str, person_id: int) -> None:
    post = Post.objects.filter(pk=post_id).select_related("organization", "owner").first()
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if post is None or person is None or template not in TEMPLATES:
        return
    language = person.preferred_language
    with translation.override(language):
        url = public_url(
            reverse("content:post", kwargs={"slug": post.organization.slug, "pk": post.pk})
        )
    email_send(
        to=person.email,
        template=f"content/email/post_{template}",
        context={"user": person, "post": post, "url": url},
        language=language,
        subject_prefix=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX,
    )
