"""A knowledge test's learning gain for its organisers: the test before and after a training,
per person, per institution and in total, and the form that pairs the two tests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..access import survey_for_user
from ..knowledge import knowledge_gain
from ..models import Survey, SurveyKind
from ..services.knowledge import knowledge_pair_set


def _knowledge_test(request, slug: str, permission: str) -> Survey:
    survey = survey_for_user(request.user, slug, permission=permission)
    if survey.kind != SurveyKind.KNOWLEDGE:
        raise Http404
    return survey


def _candidates(survey: Survey):
    """The owner's other knowledge tests that could be the test before `survey`."""
    owner = Q(program_id=survey.program_id) if survey.program_id else Q(network=survey.network_id)
    return (
        Survey.objects.filter(owner, kind=SurveyKind.KNOWLEDGE)
        .exclude(pk=survey.pk)
        .order_by("-created_at", "pk")
    )


@login_required
def knowledge_page(request, slug: str):
    survey = _knowledge_test(request, slug, "surveys.view_results")
    post_test = survey if survey.pre_test_id else Survey.objects.filter(pre_test=survey).first()
    gain = None
    if post_test is not None:
        if post_test.pk == survey.pk:
            post_test.pre_test = Survey.objects.get(pk=survey.pre_test_id)
        else:
            post_test.pre_test = survey
        gain = knowledge_gain(post_test)
    context = {
        "survey": survey,
        "owner": survey.owner,
        "post_test": post_test,
        "gain": gain,
        "candidates": _candidates(survey) if post_test is None or post_test == survey else None,
        "can_pair": request.user.has_perm("surveys.manage_survey", survey),
    }
    return render(request, "surveys/knowledge.html", context)


@login_required
@require_POST
def knowledge_pair(request, slug: str):
    survey = _knowledge_test(request, slug, "surveys.manage_survey")
    pk = request.POST.get("pre_test", "")
    pre_test = None
    if pk:
        pre_test = _candidates(survey).filter(pk=pk if pk.isdigit() else 0).first()
        if pre_test is None:
            raise Http404
    try:
        knowledge_pair_set(post_test=survey, pre_test=pre_test, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if pre_test is None:
            messages.success(request, _("The tests are no longer paired."))
        else:
            messages.success(request, _("The tests are paired: the learning gain is below."))
    return redirect("surveys:knowledge", slug=survey.slug)
