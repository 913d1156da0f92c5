"""The post coach's pages: "Check a post" (tips drawn as the person writes, through htmx, or
on submit without JavaScript), the check itself (the tips partial, coach/_tips.html, which
the content calendar's post form asks for too), and the institution's choice of rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.toolkit.access import InstitutionAccess, institution_for_user

from .forms import CoachSettingsForm, PostCheckForm
from .rules import RULES, coach_check
from .selectors import coach_disabled_rules
from .services import coach_settings_update


def _checked(access: InstitutionAccess, data) -> dict:
    """The form for `data` (None: nothing asked yet) and its tips (None when not checked)."""
    language = access.organization.content_language
    form = PostCheckForm(data, initial={"language": language})
    tips = None
    if data is not None and form.is_valid():
        arguments = form.check_arguments() | {"language": form.cleaned_data["language"] or language}
        tips = coach_check(**arguments, disabled=coach_disabled_rules(access.organization))
    return {"access": access, "organization": access.organization, "form": form, "tips": tips}


def _answer(request, context: dict):
    if request.htmx:
        return render(request, "coach/_tips.html", context)
    return render(request, "coach/check_page.html", context)


@login_required
def check_page(request, slug: str):
    access = institution_for_user(request.user, slug)
    return _answer(request, _checked(access, request.POST if request.method == "POST" else None))


@require_POST
@login_required
def check(request, slug: str):
    """The tips for the post in the form fields (htmx: the partial; otherwise the page)."""
    access = institution_for_user(request.user, slug)
    return _answer(request, _checked(access, request.POST))


@login_required
def coach_settings(request, slug: str):
    access = institution_for_user(request.user, slug)
    disabled = coach_disabled_rules(access.organization)
    form = CoachSettingsForm(initial={"enabled": [code for code in RULES if code not in disabled]})
    if request.method == "POST":
        if not access.may_edit:
            raise PermissionDenied
        form = CoachSettingsForm(request.POST)
        if form.is_valid():
            coach_settings_update(
                organization=access.organization, disabled=form.disabled(), actor=request.user
            )
            messages.success(request, _("The coach's rules have been saved."))
            return redirect("coach:settings", slug=slug)
    rules = [(rule, rule.code not in disabled) for rule in RULES.values()]
    context = {"access": access, "organization": access.organization, "form": form, "rules": rules}
    return render(request, "coach/settings.html", context)
