"""Personal invitations: choosing whom to invite, sending, and reminding those who have not
answered."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..access import survey_for_user
from ..selectors import invitation_candidates, survey_invitations, survey_state
from ..services.invitations import invitations_send, reminders_send
from .builder import owner_kind_of

# The button reminds anyone not invited or reminded in the last hour.
BUTTON_INTERVAL = timedelta(hours=1)


@login_required
def invitations_page(request, slug: str):
    survey = survey_for_user(request.user, slug)
    if request.method == "POST":
        try:
            count = invitations_send(
                survey=survey, actor=request.user, person_ids=request.POST.getlist("person")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if count:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d invitation is on its way.",
                        "%(count)d invitations are on their way.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.info(request, _("Choose the people to invite."))
        return redirect("surveys:invitations", slug=survey.slug)
    invitations = survey_invitations(survey)
    invited = {invitation.person_id for invitation in invitations}
    candidates = [person for person in invitation_candidates(survey) if person.pk not in invited]
    context = {
        "survey": survey,
        "owner": survey.owner,
        "owner_kind": owner_kind_of(survey.owner),
        "state": survey_state(survey),
        "invitations": invitations,
        "answered_count": sum(1 for invitation in invitations if invitation.answered),
        "candidates": candidates,
    }
    with timezone.override(survey.owner.time_zone):
        return render(request, "surveys/invitations.html", context)


@login_required
@require_POST
def invitations_remind(request, slug: str):
    survey = survey_for_user(request.user, slug)
    try:
        count = reminders_send(survey=survey, actor=request.user, interval=BUTTON_INTERVAL)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "A reminder is on its way to %(count)d person who has not answered.",
                    "Reminders are on their way to %(count)d people who have not answered.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(
                request,
                _("Nobody to remind: everyone invited has answered or was reminded just now."),
            )
    return redirect("surveys:invitations", slug=survey.slug)
