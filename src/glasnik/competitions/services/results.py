"""Publishing the results and their archive."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.audit.services import log_action

from ..models import Competition
from .setup import filed_under


@transaction.atomic
def results_publish(*, competition: Competition, actor) -> Competition:
    if competition.results_published:
        return competition
    if competition.scoring_open():
        raise ValidationError(
            _("Results can be published once the jury period has ended."), code="jury_open"
        )
    competition.results_published_at = timezone.now()
    competition.save(update_fields=["results_published_at", "updated_at"])
    log_action(
        "competitions.results.published",
        actor=actor,
        target=competition,
        scope=filed_under(competition),
        data={"method": competition.method},
    )
    return competition


@transaction.atomic
def archive_publish_set(*, competition: Competition, published: bool, actor) -> Competition:
    """Publish (or withdraw) the results' archive, with pseudonymous institution keys."""
    if competition.archive_published != published:
        competition.archive_published = published
        competition.save(update_fields=["archive_published", "updated_at"])
        log_action(
            "competitions.archive.published" if published else "competitions.archive.withdrawn",
            actor=actor,
            target=competition,
            scope=filed_under(competition),
        )
    return competition
