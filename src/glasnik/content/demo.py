"""Kragujevac's content calendar for `manage.py demo`: an approval chain (Marko Petrović, the
PR officer, then Nenad Pavlović, head of the mayor's cabinet), two content pillars and about
fifteen posts around today in every status, one of them waiting for Nenad. Made once, when the
city has no planned posts."""

import io
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from PIL import Image

from glasnik.organizations.models import Country, Organization

from .calendar_time import institution_time_zone, institution_today
from .models import Post, PostStatus, Repeat
from .services import (
    approval_chain_set,
    pillar_create,
    post_approve,
    post_create,
    post_status_set,
    post_submit,
)

EMAIL_DOMAIN = "demo.glasnik.test"
PILLARS = ("Gradske usluge", "Kultura i sport")

# (days from today, hour, status, pillar, platforms, text, hashtags, link)
POSTS = [
    (
        -5,
        9,
        "published",
        0,
        ["facebook", "instagram"],
        "Od danas možete da zakažete termin u Uslužnom centru i preko portala eUprava.",
        "#Kragujevac #eUprava",
        "https://www.kragujevac.rs",
    ),
    (
        -3,
        12,
        "published",
        1,
        ["facebook"],
        "Zimska čarolija na Đačkom trgu počinje u subotu u 18 časova. Vidimo se!",
        "#ZimskaČarolija",
        "",
    ),
    (
        -2,
        10,
        "published",
        0,
        ["facebook", "x"],
        "Radovi na vodovodnoj mreži u ulici Kralja Petra I: voda će biti isključena od 8 do 14 "
        "časova.",
        "",
        "",
    ),
    (
        1,
        11,
        "scheduled",
        0,
        ["facebook", "instagram"],
        "Podsećamo: rok za prijavu za subvencije za energetsku sanaciju kuća ističe 15. decembra.",
        "#EnergetskaEfikasnost",
        "https://www.kragujevac.rs/subvencije",
    ),
    (
        2,
        18,
        "approved",
        1,
        ["facebook", "instagram"],
        "Novogodišnji koncert Kragujevačkog simfonijskog orkestra u Knjaževsko-srpskom teatru, "
        "ulaz slobodan.",
        "#KulturaKG",
        "",
    ),
    (
        3,
        10,
        "in_review",
        0,
        ["facebook", "linkedin"],
        "Grad Kragujevac raspisuje javni konkurs za sufinansiranje projekata udruženja građana "
        "za 2027. godinu.",
        "#JavniKonkurs",
        "https://www.kragujevac.rs/konkursi",
    ),
    (
        4,
        9,
        "draft",
        0,
        ["facebook"],
        "Zimska služba je u pripravnosti: 40 vozila i 120 radnika spremno je za čišćenje snega.",
        "",
        "",
    ),
    (
        5,
        17,
        "idea",
        1,
        ["instagram"],
        "Fotografije sa otvaranja klizališta — zamoliti Turističku organizaciju za izbor.",
        "",
        "",
    ),
    (
        7,
        12,
        "draft",
        1,
        ["facebook", "instagram", "tiktok"],
        "Besplatno klizanje za učenike kragujevačkih škola svakog radnog dana od 10 do 13 časova.",
        "#KlizanjeKG",
        "",
    ),
    (
        9,
        10,
        "approved",
        0,
        ["facebook", "x"],
        "Sednica Skupštine grada biće održana u petak u 10 časova; prenos uživo na sajtu grada.",
        "",
        "https://www.kragujevac.rs/skupstina",
    ),
    (
        11,
        19,
        "cancelled",
        1,
        ["facebook"],
        "Koncert na otvorenom na Đačkom trgu otkazan zbog najavljenih niskih temperatura.",
        "",
        "",
    ),
    (
        14,
        9,
        "draft",
        0,
        ["facebook", "instagram"],
        "Radno vreme gradskih službi tokom novogodišnjih i božićnih praznika.",
        "",
        "",
    ),
    (
        17,
        12,
        "idea",
        1,
        ["instagram", "facebook"],
        "Čestitka gradonačelnika za Novu godinu — video do 60 sekundi, sa titlovima.",
        "",
        "",
    ),
    (
        21,
        11,
        "draft",
        0,
        ["facebook"],
        "Podsetnik: od 1. januara menja se red vožnje gradskog prevoza na linijama 1 i 3.",
        "#GradskiPrevoz",
        "",
    ),
]
WEEKLY = (
    "Nedeljni pregled: šta je grad uradio ove nedelje — radovi, konkursi i događaji.",
    "#NedeljaUKragujevcu",
)


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def _when(organization, days: int, hour: int) -> datetime:
    day = institution_today(organization) + timedelta(days=days)
    return datetime.combine(day, time(hour), tzinfo=institution_time_zone(organization))


def _plan(organization, marko, nenad, pillars, spec) -> None:
    day, hour, status, pillar, platforms, text, hashtags, link = spec
    at = _when(organization, day, hour)
    past = at.date() < institution_today(organization)
    post = post_create(
        organization=organization,
        author=marko,
        status=PostStatus.PUBLISHED if past else PostStatus.IDEA if status == "idea" else "draft",
        platforms=platforms,
        publish_at=at,
        text=text,
        hashtags=hashtags,
        link=link,
        pillar=pillars[pillar],
    )
    if past or status in ("idea", "draft"):
        return
    if status == "cancelled":
        post_status_set(post=post, by=marko, status=PostStatus.CANCELLED, version=post.version)
        return
    if (
        status == "approved"
        and not Post.objects.filter(organization=organization, status=PostStatus.APPROVED).exists()
    ):
        post = _with_image(post)
    post = post_submit(post=post, by=marko, version=post.version, notify=False)
    post = post_approve(post=post, by=marko, comment="", notify=False)
    if status == "in_review":
        return
    post = post_approve(post=post, by=nenad, comment="U redu, može.", notify=False)
    if status == "scheduled":
        post_status_set(post=post, by=marko, status=PostStatus.SCHEDULED, version=post.version)


def _with_image(post: Post) -> Post:
    """A poster-coloured square stands in for the concert's photograph."""
    picture = io.BytesIO()
    Image.new("RGB", (108, 108), "#0b4f8a").save(picture, format="PNG")
    post.image.save("koncert.png", ContentFile(picture.getvalue()), save=False)
    post.alt_text = "Plavi plakat novogodišnjeg koncerta Kragujevačkog simfonijskog orkestra."
    post.save(update_fields=["image", "alt_text"])
    return post


def demo_content_calendar() -> None:
    organization = Organization.objects.filter(country=Country.SERBIA, name="Kragujevac").first()
    if organization is None or Post.objects.filter(organization=organization).exists():
        return
    marko, nenad = _person("marko.petrovic"), _person("nenad.pavlovic")
    approval_chain_set(organization=organization, by=marko, people=[marko, nenad])
    pillars = [pillar_create(organization=organization, by=marko, name=name) for name in PILLARS]
    for spec in POSTS:
        _plan(organization, marko, nenad, pillars, spec)
    today = institution_today(organization)
    monday = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    post_create(
        organization=organization,
        author=marko,
        platforms=["facebook"],
        publish_at=datetime.combine(monday, time(8), tzinfo=institution_time_zone(organization)),
        text=WEEKLY[0],
        hashtags=WEEKLY[1],
        pillar=pillars[0],
        repeat=Repeat.WEEKLY,
        repeat_until=monday + timedelta(weeks=8),
    )
