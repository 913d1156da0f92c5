"""The cards' pages: the institution's cards, making and changing one with a live preview,
its PNG in every size, and the institution's look (colours and logo)."""

import hashlib
from io import BytesIO
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotModified,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image

from glasnik.toolkit.models import brand_of

from . import selectors, services
from .access import card_for_user, institution_for_cards
from .contrast import NORMAL_TEXT, contrast_ratio
from .files import card_filename
from .forms import TEMPLATE_FORMS, BrandForm
from .models import PIXELS, CardSize, CardTemplate, card_language_of
from .render import TextTooLongError, png_bytes
from .texts import alt_text_generate

PAGE_SIZE = 24
THUMBNAIL_REDUCTION = 4


def _refused(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _template_form(template: str):
    if template not in CardTemplate.values:
        raise Http404
    return TEMPLATE_FORMS[template]


def _png(content: bytes, *, etag: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="image/png")
    response["Cache-Control"] = "private, no-cache"
    response["X-Content-Type-Options"] = "nosniff"
    if etag:
        response["ETag"] = etag
    return response


# --- the institution's cards ------------------------------------------------------------------


@login_required
def card_list(request, slug: str):
    access = institution_for_cards(request.user, slug)
    page = Paginator(selectors.institution_cards(access.organization), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"access": access, "organization": access.organization, "page": page}
    return render(request, "cards/list.html", context)


@login_required
def card_new(request, slug: str):
    """Which template to start from; the texts given in the address go on to the form."""
    access = institution_for_cards(request.user, slug, edit=True)
    context = {
        "organization": access.organization,
        "templates": CardTemplate.choices,
        "query": request.GET.urlencode(),
    }
    return render(request, "cards/new.html", context)


def _initial_from_query(form_class, query, organization) -> dict:
    """A card started from elsewhere (a planned post): `?title=…&caption=…&language=…`."""
    initial = {"language": card_language_of(organization), "size": CardSize.SQUARE}
    initial |= {
        name: query[name]
        for name in (*form_class.DATA_FIELDS, "language", "size")
        if query.get(name)
    }
    if "caption" in form_class.DATA_FIELDS and "caption" not in query and query.get("title"):
        initial["caption"] = query["title"]
    return initial


def _form_page(request, *, form, organization, template, card=None, status=200):
    post_id = request.POST.get("post") or request.GET.get("post") if card is None else None
    context = {
        "post": selectors.post_of_institution(organization, post_id),
        "form": form,
        "organization": organization,
        "template": template,
        "template_label": CardTemplate(template).label,
        "card": card,
    }
    return render(request, "cards/form.html", context, status=status)


@login_required
def card_create(request, slug: str, template: str):
    access = institution_for_cards(request.user, slug, edit=True)
    form_class = _template_form(template)
    organization = access.organization
    if request.method != "POST":
        form = form_class(initial=_initial_from_query(form_class, request.GET, organization))
        return _form_page(request, form=form, organization=organization, template=template)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            card = services.card_create(
                organization=organization,
                actor=request.user,
                template=template,
                data=form.card_data(),
                language=form.cleaned_data["language"],
                size=form.cleaned_data["size"],
                alt_text=form.cleaned_data["alt_text"],
                post=selectors.post_of_institution(organization, request.POST.get("post")),
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The card is made."))
            return redirect("cards:detail", pk=card.pk)
    return _form_page(request, form=form, organization=organization, template=template, status=400)


@login_required
def card_edit(request, pk: int):
    card = card_for_user(request.user, pk, edit=True).card
    form_class = TEMPLATE_FORMS[card.template]
    page = {"organization": card.organization, "template": card.template, "card": card}
    if request.method != "POST":
        initial = form_class.initial_from(card.data) | {
            "language": card.language,
            "size": card.size,
            "alt_text": card.alt_text,
        }
        return _form_page(request, form=form_class(initial=initial), **page)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            services.card_update(
                card=card,
                actor=request.user,
                data=form.card_data(),
                language=form.cleaned_data["language"],
                size=form.cleaned_data["size"],
                alt_text=form.cleaned_data["alt_text"],
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The card is saved."))
            return redirect("cards:detail", pk=card.pk)
    return _form_page(request, form=form, status=400, **page)


def _valid_preview_form(request, slug: str, template: str):
    access = institution_for_cards(request.user, slug, edit=True)
    form = _template_form(template)(request.GET)
    if form.is_valid():
        try:
            services.card_fit_check(
                template=template,
                data=form.card_data(),
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            _refused(form, error)
    return access.organization, form


@login_required
def card_preview(request, slug: str, template: str):
    """The live preview (htmx): the card as the form now says, or what keeps it from fitting."""
    organization, form = _valid_preview_form(request, slug, template)
    fields = [name for name in form.fields if name != "alt_text"]
    query = urlencode([(name, request.GET.get(name, "")) for name in fields])
    context = {"form": form, "query": query, "slug": slug, "template": template}
    context["empty"] = not any(request.GET.get(name) for name in form.DATA_FIELDS)
    if form.is_valid():
        context["language"] = form.cleaned_data["language"]
        context["alt_text"] = form.cleaned_data["alt_text"] or alt_text_generate(
            template, form.card_data(), form.cleaned_data["language"], organization
        )
    return render(request, "cards/_preview.html", context)


@login_required
def card_preview_image(request, slug: str, template: str):
    organization, form = _valid_preview_form(request, slug, template)
    if not form.is_valid():  # the preview fragment says why
        return HttpResponseBadRequest()
    content = selectors.card_drawn(
        organization=organization,
        template=template,
        data=form.card_data(),
        language=form.cleaned_data["language"],
        size=form.cleaned_data["size"],
    )
    return _png(content)


@login_required
def card_detail(request, pk: int):
    found = card_for_user(request.user, pk)
    context = {
        "card": found.card,
        "access": found.access,
        "organization": found.card.organization,
        "sizes": [(size, label, PIXELS[size]) for size, label in CardSize.choices],
    }
    return render(request, "cards/detail.html", context)


def _card_etag(card, brand, size: str, variant: str) -> str:
    stamp = f"{card.pk}:{card.updated_at.isoformat()}:{size}:{variant}"
    stamp += f":{brand.updated_at.isoformat() if brand.pk else 'default'}"
    return '"' + hashlib.sha256(stamp.encode()).hexdigest()[:32] + '"'


def _card_image_bytes(card, size: str, brand) -> bytes:
    try:
        return selectors.card_png_of(card, size, brand=brand)
    except TextTooLongError as error:  # texts that fit when saved no longer do (a font changed)
        raise Http404 from error


@login_required
def card_image(request, pk: int, size: str):
    """The card's image, shown in its pages; `?thumbnail=1` for the list."""
    if size not in CardSize.values:
        raise Http404
    card = card_for_user(request.user, pk).card
    brand = brand_of(card.organization)
    thumbnail = bool(request.GET.get("thumbnail"))
    etag = _card_etag(card, brand, size, "thumbnail" if thumbnail else "full")
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    content = _card_image_bytes(card, size, brand)
    if thumbnail:
        with Image.open(BytesIO(content)) as image:
            content = png_bytes(image.reduce(THUMBNAIL_REDUCTION))
    return _png(content, etag=etag)


@login_required
def card_download(request, pk: int, size: str):
    if size not in CardSize.values:
        raise Http404
    card = card_for_user(request.user, pk).card
    content = _card_image_bytes(card, size, brand_of(card.organization))
    response = _png(content)
    response["Content-Disposition"] = f'attachment; filename="{card_filename(card, size)}"'
    return response


@login_required
@require_POST
def card_alt_text_regenerate(request, pk: int):
    card = card_for_user(request.user, pk, edit=True).card
    services.card_alt_text_regenerate(card=card, actor=request.user)
    messages.success(request, _("The alt text is written again from the card's texts."))
    return redirect("cards:detail", pk=card.pk)


@login_required
def card_delete(request, pk: int):
    card = card_for_user(request.user, pk, edit=True).card
    if request.method != "POST":
        return render(request, "cards/delete.html", {"card": card})
    slug = card.organization.slug
    services.card_delete(card=card, actor=request.user)
    messages.success(request, _("The card is deleted."))
    return redirect("cards:list", slug=slug)


# --- the institution's look -------------------------------------------------------------------


def _colours_from(query, brand) -> dict:
    """The colours being tried (the form's, while it is filled in), else the saved ones."""
    form = BrandForm(query)
    form.is_valid()
    names = ("primary_colour", "accent_colour", "text_colour")
    return {name: form.cleaned_data.get(name) or getattr(brand, name) for name in names}


@login_required
def brand_edit(request, slug: str):
    access = institution_for_cards(request.user, slug, edit=True)
    organization = access.organization
    brand = brand_of(organization)
    if request.method == "POST":
        form = BrandForm(request.POST, request.FILES, has_logo=bool(brand.logo))
        if form.is_valid():
            try:
                services.brand_save(
                    organization=organization, actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _refused(form, error)
            else:
                messages.success(request, _("The institution's look is saved."))
                return redirect("cards:brand", slug=slug)
    else:
        initial = _colours_from({}, brand)
        form = BrandForm(initial=initial, has_logo=bool(brand.logo))
    colours = _colours_from(request.POST, brand) if request.method == "POST" else initial
    context = {"form": form, "organization": organization, "brand": brand} | _preview_context(
        slug, colours
    )
    return render(request, "cards/brand.html", context, status=400 if form.errors else 200)


def _preview_context(slug: str, colours: dict) -> dict:
    ratio = contrast_ratio(colours["primary_colour"], colours["text_colour"])
    return {
        "ratio": f"{ratio:.1f}",
        "ratio_large_only": ratio < NORMAL_TEXT,
        "ratio_too_low": ratio < 3,
        "sample_query": urlencode(colours),
        "slug": slug,
    }


@login_required
def brand_preview(request, slug: str):
    """The sample card and the contrast as the colours are chosen (htmx)."""
    access = institution_for_cards(request.user, slug, edit=True)
    colours = _colours_from(request.GET, brand_of(access.organization))
    return render(request, "cards/_brand_preview.html", _preview_context(slug, colours))


@login_required
def brand_sample(request, slug: str):
    access = institution_for_cards(request.user, slug, edit=True)
    brand = brand_of(access.organization)
    for name, colour in _colours_from(request.GET, brand).items():
        setattr(brand, name, colour)
    content = selectors.card_drawn(
        organization=access.organization,
        template=CardTemplate.NUMBER,
        data={"number": "1.250", "caption": _("new trees planted this year")},
        language=card_language_of(access.organization),
        size=CardSize.LINK_PREVIEW,
        brand=brand,
    )
    return _png(content)


@login_required
def brand_logo(request, slug: str):
    access = institution_for_cards(request.user, slug, edit=True)
    brand = brand_of(access.organization)
    if not brand.logo:
        raise Http404
    extension = brand.logo.name.rsplit(".", 1)[-1].lower()
    content_type = "image/png" if extension == "png" else "image/jpeg"
    response = FileResponse(brand.logo.open("rb"), content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
