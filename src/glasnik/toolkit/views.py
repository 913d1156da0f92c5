"""The toolkit's front doors: the institutions a person works on, and one institution's
toolkit, whose parts (proposal, content calendar, cards, the coach's rules) are added by the
apps that make them (`page_links("toolkit", user, access)`)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from glasnik.core.page_links import page_links

from .access import institution_for_user, institutions_of


@login_required
def mine(request):
    return render(request, "toolkit/mine.html", {"institutions": institutions_of(request.user)})


@login_required
def home(request, slug: str):
    access = institution_for_user(request.user, slug)
    context = {
        "access": access,
        "organization": access.organization,
        "parts": page_links("toolkit", request.user, access),
    }
    return render(request, "toolkit/home.html", context)
