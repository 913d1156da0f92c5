from allauth.account.decorators import secure_admin_login
from allauth.account.utils import get_next_redirect_url
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glasnik.access.helpers import get_for_user_or_404

from . import selectors, services
from .forms import PositionForm, ProfileForm
from .models import Position, User


def admin_login(request, extra_context=None):
    """The Django admin's login page, replaced: people sign in through allauth (its second
    factor and its rate limits), which sends them back here, and on to the admin. A signed-in
    person who is not staff gets 404, as on every page they may not see."""
    if request.user.is_authenticated and not (request.user.is_staff and request.user.is_active):
        raise Http404
    return _admin_login_through_allauth(request)


@secure_admin_login
def _admin_login_through_allauth(request):
    return redirect(get_next_redirect_url(request) or "admin:index")


@login_required
def profile(request):
    """The profile and the positions in one form, so nothing typed is lost whichever button is
    pressed: "Add position" also saves a changed name, "Save profile" also adds a position that
    was filled in, and the institution search (without JavaScript) keeps both as typed."""
    # The form validates against a copy: ModelForm writes the cleaned values into its instance,
    # and profile_update() compares them with request.user to find what changed.
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=User.objects.get(pk=request.user.pk))
    position_form = PositionForm(data)
    if data is not None and not position_form.searching:
        adding = (
            data.get("action") == "add-position"
            or position_form.has_changed()
            or bool(position_form["organization"].value().query.strip())  # searched, not picked
        )
        saving = form.has_changed() or not adding
        if (not saving or form.is_valid()) and (not adding or position_form.is_valid()):
            if saving:
                services.profile_update(
                    person=request.user, actor=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your profile has been saved."))
            if adding:
                services.position_add(
                    person=request.user, actor=request.user, **position_form.cleaned_data
                )
                messages.success(request, _("The position has been added."))
            return redirect("accounts:profile")
        if not saving:
            form = ProfileForm(instance=request.user)  # untouched: no errors to show
        if not adding:
            position_form = PositionForm()  # nothing typed there: no errors to show
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "position_form": position_form,
            "positions": selectors.positions_of(request.user),
        },
    )


@login_required
def position_add(request):
    form = PositionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.position_add(person=request.user, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The position has been added."))
        return redirect("accounts:profile")
    return render(request, "accounts/position_form.html", {"position_form": form})


@login_required
@require_POST
def position_remove(request, pk: int):
    position = get_for_user_or_404(
        Position.objects.select_related("organization"),
        user=request.user,
        permission="accounts.change_position",
        pk=pk,
    )
    services.position_remove(position=position, actor=request.user)
    messages.success(request, _("The position has been removed."))
    return redirect("accounts:profile")
