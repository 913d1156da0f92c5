"""The surveys' links on the programme, network, event and network meeting pages and in the
event's feedback invitation (registered in `SurveysConfig.ready` through
`glasnik.core.page_links`): the open surveys a participant or member has not answered yet, and
for organisers the way to manage them."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from glasnik.core.page_links import PageLink, page_links_register

from .models import Survey
from .selectors import open_surveys_for, survey_answered_by, survey_state


def _answer_link(survey: Survey, group: str) -> PageLink:
    return PageLink(
        group=group,
        label=survey.title,
        url=reverse("surveys:respond", kwargs={"slug": survey.slug}),
        lang=survey.language,
    )


def owner_links(kind: str, permission: str):
    def provider(user, owner) -> list[PageLink]:
        if not user.is_authenticated:
            return []
        group = _("Surveys")
        links = [_answer_link(survey, group) for survey in open_surveys_for(user, owner)]
        if user.has_perm(permission, owner):
            url = reverse("surveys:list", kwargs={"owner_kind": kind, "owner_slug": owner.slug})
            links.append(PageLink(group=group, label=_("All surveys and their results"), url=url))
        return links

    return provider


def event_surveys(event) -> list[Survey]:
    return [
        survey
        for survey in Survey.objects.filter(event=event).select_related("program", "network")
        if survey_state(survey) == "open"
    ]


def _event_survey_links(user, event, group: str) -> list[PageLink]:
    """The event's surveys: the results for their organisers, an open one to answer for those
    who may and have not yet."""
    links = []
    for survey in Survey.objects.filter(event=event).select_related("program", "network"):
        if user.has_perm("surveys.view_results", survey):
            url = reverse("surveys:results", kwargs={"slug": survey.slug})
            links.append(
                PageLink(
                    group=group,
                    label=_("Results of “%(title)s”") % {"title": survey.title},
                    url=url,
                )
            )
        elif (
            survey_state(survey) == "open"
            and user.has_perm("surveys.answer_survey", survey)
            and not survey_answered_by(survey, user)
        ):
            links.append(_answer_link(survey, group))
    return links


def event_links(user, event) -> list[PageLink]:
    """After the event: its questionnaire for the participants who have not answered; the
    results for its organisers."""
    if not user.is_authenticated or event.ends_at > timezone.now():
        return []
    return _event_survey_links(user, event, _("Questionnaire after the event"))


def meeting_links(user, meeting) -> list[PageLink]:
    """A network meeting's surveys (the needs meeting's survey of learning needs, a
    questionnaire after it), whenever they are open: members answer before, at or after it."""
    if not user.is_authenticated:
        return []
    return _event_survey_links(user, meeting, _("Surveys"))


def event_email_links(user, event) -> list[PageLink]:
    """The event's open questionnaires, for its feedback invitation."""
    return [_answer_link(survey, "") for survey in event_surveys(event)]


def links_register() -> None:
    page_links_register("programme", owner_links("programme", "programs.manage_program"))
    page_links_register("network", owner_links("network", "networks.manage_network"))
    page_links_register("event", event_links)
    page_links_register("meeting", meeting_links)
    page_links_register("event_email", event_email_links)
