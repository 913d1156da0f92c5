"""What people write has a language: Slovenian, Croatian and English are never put into
Cyrillic, and Serbian (Bosnian, Montenegrin) reaches every reader of a Latin-script language in
Latin. Each piece is marked with `lang` in the page."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from glasnik.events.models import Event, EventKind, EventMode, Visibility
from glasnik.networks.demo_calls import CALLS
from glasnik.networks.models import Call, Network, QuestionKind, StatementQuestion
from glasnik.networks.services.calls import statement_submit
from glasnik.programs.models import Program

pytestmark = pytest.mark.django_db

SLOVENIAN_CALL = CALLS["mreza-komunikatorjev"]
SLOVENIAN_SENTENCE = (
    "Skupnost občin Slovenije oblikuje mrežo komunikatorjev v občinah in njihovih javnih "
    "zavodih. Udeležba je brezplačna."
)
CYRILLIC = re.compile("[\u0400-\u04ff]")


def page(client, language: str, name: str, *args, **kwargs) -> str:
    with translation.override(language):
        url = reverse(name, args=args, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


class _MarkedText(HTMLParser):
    """The text inside each element marked with a `lang`, by its nearest `lang`."""

    VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.text: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.stack and data.strip():
            self.text.setdefault(self.stack[-1][1].lower(), []).append(data.strip())


def marked_text(html: str) -> dict[str, list[str]]:
    parser = _MarkedText()
    parser.feed(html)
    return parser.text


@pytest.fixture
def slovenian_network(make_organization):
    association = make_organization("Skupnost občin Slovenije", country="SI", kind="association")
    return Network.objects.create(
        name="Mreža komunikatorjev v občinah",
        slug="mreza-komunikatorjev",
        organization=association,
        summary="Platforma medsebojnega učenja za komunikatorje v občinah.",
        aims="Dvig kompetenc, izobraževanje, izmenjava dobrih praks in izkušenj.",
        time_zone="Europe/Ljubljana",
    )


@pytest.fixture
def slovenian_call(slovenian_network):
    now = timezone.now()
    call = Call.objects.create(
        network=slovenian_network,
        slug=SLOVENIAN_CALL["slug"],
        title=SLOVENIAN_CALL["title"],
        text=SLOVENIAN_CALL["text"],
        eligibility=SLOVENIAN_CALL["eligibility"],
        opens_at=now - timedelta(days=14),
        closes_at=now + timedelta(days=45),
        is_published=True,
    )
    for position, (kind, label, options, required, privacy) in enumerate(
        SLOVENIAN_CALL["questions"]
    ):
        StatementQuestion.objects.create(
            call=call,
            position=position,
            kind=kind,
            label=label,
            options=options,
            is_required=required,
            privacy_text=privacy,
        )
    return call


@pytest.fixture
def serbian_network(make_organization):
    association = make_organization("Stalna konferencija gradova i opština", kind="association")
    return Network.objects.create(
        name="Мрежа комуникатора локалних самоуправа",
        slug="mreza-komunikatora",
        organization=association,
        summary="Платформа за узајамно учење службеника за односе с јавношћу.",
    )


@pytest.mark.parametrize("language", ["sr", "sr-latn", "bs-cyrl"])
def test_slovenian_call_stays_slovenian_on_pages_read_in_both_scripts(
    client, slovenian_call, language
):
    content = page(
        client, language, "networks:call_detail", slovenian_call.network.slug, "javni-poziv-2026"
    )

    assert SLOVENIAN_SENTENCE in content
    assert f'<h1 lang="sl">{SLOVENIAN_CALL["title"]}</h1>' in content
    assert '<title lang="sl">Javni poziv k izrazu interesa' in content
    assert 'lang="sl">Koliko let delate na področju komuniciranja?</span>' in content
    assert "Скупност" not in content
    assert "Мрежо" not in content


def test_slovenian_statement_questions_stay_slovenian_on_the_cyrillic_form(
    client, slovenian_call, make_person
):
    client.force_login(make_person(language="sr"))

    content = page(
        client, "sr", "networks:statement_apply", slovenian_call.network.slug, slovenian_call.slug
    )

    assert '<span lang="sl">Manj kot eno leto</span>' in content
    assert '<span lang="sl">Soglašam z obdelavo osebnih podatkov</span>' in content
    assert 'lang="sl">Skupnost občin Slovenije obdeluje podatke' in content


@pytest.mark.parametrize("language", ["hr", "sl", "en", "bs", "sr-latn"])
def test_serbian_cyrillic_network_name_reaches_latin_readers_in_latin(
    client, serbian_network, language
):
    content = page(client, language, "networks:list")

    assert 'lang="sr-Latn">Mreža komunikatora lokalnih samouprava</a>' in content
    assert not CYRILLIC.search(content)  # the switcher's names are character references
    assert 'lang="sr-Latn">Platforma za uzajamno učenje službenika za odnose s javnošću.</p>' in (
        content
    )


def test_serbian_network_name_is_marked_in_the_reader_s_script(client, serbian_network):
    cyrillic = page(client, "sr", "networks:detail", network_slug=serbian_network.slug)
    latin = page(client, "sr-latn", "networks:detail", network_slug=serbian_network.slug)

    assert '<h1 lang="sr-Cyrl">Мрежа комуникатора локалних самоуправа</h1>' in cyrillic
    assert '<h1 lang="sr-Latn">Mreža komunikatora lokalnih samouprava</h1>' in latin


def test_macedonian_text_is_never_converted(client, make_organization):
    Network.objects.create(
        name="Мрежа на комуникатори",
        slug="mreza-mk",
        organization=make_organization("Заедница на единиците", country="MK", kind="association"),
    )

    content = page(client, "hr", "networks:list")

    assert 'lang="mk">Мрежа на комуникатори</a>' in content


def _slovenian_and_english_content(slovenian_network, slovenian_call, make_organization):
    """A Slovenian network's meeting and an English-language event of a Serbian programme."""
    now = timezone.now()
    meeting = Event.objects.create(
        network=slovenian_network,
        kind=EventKind.NETWORK_MEETING,
        title="Srečanje mreže: načrtovanje vsebin",
        description="Pogovorili se bomo o načrtovanju objav na družbenih omrežjih.",
        starts_at=now + timedelta(days=10),
        ends_at=now + timedelta(days=10, hours=2),
        mode=EventMode.IN_PERSON,
        venue_name="Dvorana občine",
        visibility=Visibility.PUBLIC,
        time_zone="Europe/Ljubljana",
    )
    program = Program.objects.create(
        name="Društvene mreže — program obuke",
        slug="drustvene-mreze",
        organization=make_organization("Stalna konferencija", kind="association"),
        time_zone="Europe/Belgrade",
        is_published=True,
    )
    webinar = Event.objects.create(
        program=program,
        kind=EventKind.WEBINAR,
        title="Social media writing workshop",
        description="A webinar in English with a guest lecturer.",
        language="en",
        starts_at=now + timedelta(days=20),
        ends_at=now + timedelta(days=20, hours=2),
        mode=EventMode.ONLINE,
        online_url="https://meet.example.org/webinar",
        visibility=Visibility.PUBLIC,
        time_zone="Europe/Belgrade",
    )
    return [
        ("networks:list", (), {}),
        ("networks:detail", (), {"network_slug": slovenian_network.slug}),
        ("networks:call_detail", (slovenian_network.slug, slovenian_call.slug), {}),
        ("events:meeting_list", (slovenian_network.slug,), {}),
        ("events:meeting_detail", (meeting.pk,), {}),
        ("organizations:detail", (slovenian_network.organization.slug,), {}),
        ("programs:detail", (), {"slug": program.slug}),
        ("events:program_event_detail", (webinar.pk,), {}),
    ]


def test_slovenian_and_english_content_is_never_converted_on_cyrillic_pages(
    client, slovenian_network, slovenian_call, make_organization
):
    pages = _slovenian_and_english_content(slovenian_network, slovenian_call, make_organization)

    for name, args, kwargs in pages:
        content = page(client, "sr", name, *args, **kwargs)
        marked = marked_text(content)
        for lang in ("sl", "en"):
            converted = [text for text in marked.get(lang, []) if CYRILLIC.search(text)]
            assert not converted, (name, lang, converted)
    meeting_page = page(
        client, "sr", "events:meeting_detail", Event.objects.get(network__isnull=False).pk
    )
    assert '<h1 lang="sl">Srečanje mreže: načrtovanje vsebin</h1>' in meeting_page
    assert "Dvorana občine" in meeting_page
    webinar_page = page(
        client, "sr", "events:program_event_detail", Event.objects.get(language="en").pk
    )
    assert '<h1 lang="en">Social media writing workshop</h1>' in webinar_page
    assert "Социал" not in webinar_page


def test_email_keeps_a_slovenian_call_title_in_slovenian_for_a_cyrillic_reader(
    slovenian_call, make_person, make_organization, django_capture_on_commit_callbacks
):
    person = make_person(language="sr", first_name="Марко", last_name="Петровић")
    answers = {
        question.pk: {
            QuestionKind.CHOICE: "Od 1 do 3 let",
            QuestionKind.YES_NO: "yes",
            QuestionKind.CONSENT: True,
        }.get(question.kind, "Kabinet župana")
        for question in slovenian_call.questions.all()
    }

    with django_capture_on_commit_callbacks(execute=True):
        statement_submit(
            call=slovenian_call,
            person=person,
            organization=make_organization("Občina Kranj", country="SI"),
            position_title="Svetovalka za odnose z javnostmi",
            answers=answers,
        )

    message = next(m for m in mail.outbox if m.to == [person.email])
    assert f"„{SLOVENIAN_CALL['title']}“" in message.body
    assert "Mreža komunikatorjev v občinah" in message.body
    assert "Мрежа комуникаторјев" not in message.body
    assert "\ue000" not in message.body
    assert "\ue000" not in message.subject
    assert SLOVENIAN_CALL["title"] in message.subject
    html, _ = message.alternatives[0]
    assert f'<span lang="sl">{SLOVENIAN_CALL["title"]}</span>' in html


def test_fields_people_write_in_carry_the_language_and_keep_the_value_as_typed():
    from django import forms
    from django.template import Context, Template

    class PageForm(forms.Form):
        title = forms.CharField(initial="Мрежа комуникатора")
        about = forms.CharField(widget=forms.Textarea, initial="Опис")
        slug = forms.SlugField(initial="mreza")
        starts_at = forms.DateTimeField(widget=forms.DateTimeInput)

    html = Template('{% include "includes/form_fields.html" with written_in="sr" %}').render(
        Context({"form": PageForm()})
    )

    tags = {
        name: tag
        for tag in re.findall(r"<(?:input|textarea)[^>]*>", html)
        for name in re.findall(r'name="(\w+)"', tag)
    }
    assert 'lang="sr"' in tags["title"]
    assert 'value="Мрежа комуникатора"' in tags["title"]
    assert 'lang="sr"' in tags["about"]
    assert "lang=" not in tags["slug"]
    assert "lang=" not in tags["starts_at"]
    assert "Опис</textarea>" in html
