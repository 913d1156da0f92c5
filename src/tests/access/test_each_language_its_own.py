"""Each language its own (issue 11): pages in a Latin-script language have no Cyrillic, and
Slovenian and English content is never put into Serbian Cyrillic.

The pages are those of the every-page walk (`test_every_page.PAGES`, with arguments from the
same demo data): every page an anonymous visitor or a member of the first association may open,
with the objects of every kind the demo has, and the second (Slovenian) association's network,
call, statement form, programme, institution and meetings, one of them held in English.
"""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from test_every_page import (
    ANONYMOUS,
    MEMBER,
    ORGANISER,
    OTHER_ORGANISER,
    PAGES,
    client_as,
    demo,
    pages_of,
)

from glasnik.core.context_processors import HTML_LANG
from glasnik.core.transliteration import to_cyrillic

pytestmark = pytest.mark.django_db

__all__ = ["demo"]  # the fixture, used by name

LATIN_SCRIPT_LANGUAGES = ("hr", "sl", "bs", "en")
# A visitor, a member, and the organisers of both associations (their tables hold what members
# wrote, in Cyrillic as often as not).
READERS = (ANONYMOUS, MEMBER, ORGANISER, OTHER_ORGANISER)

# Each interface language's own name, in its own script, as the language switcher (and the
# profile's choice of language) shows it, marked with its `lang`: the one Cyrillic a page in
# a Latin-script language may hold.
OWN_NAMES = {(HTML_LANG[code], name) for code, name in settings.LANGUAGES}

# Elements whose text is not shown (nor read out).
UNSHOWN = frozenset({"script", "style", "template"})
# Inputs whose value a person sees: text being edited, or a button's words. A radio button's,
# a checkbox's or a hidden input's value is never shown.
SHOWN_VALUE_TYPES = frozenset({"text", "search", "submit", "reset", "button"})
# Languages written in both scripts: what people wrote in them is edited as typed (a form's
# field is never converted, or saving it would change the script of what nobody changed).
BOTH_SCRIPTS = ("sr", "bs", "cnr")
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


def is_cyrillic(character: str) -> bool:
    return "\u0400" <= character <= "\u052f"


def cyrillic_snippet(text: str, width: int = 40) -> str | None:
    """The text around its first Cyrillic letter, or None when it has none."""
    for index, character in enumerate(text):
        if is_cyrillic(character):
            start = max(0, index - width)
            return " ".join(text[start : index + width].split())
    return None


def edited_as_written(lang: str) -> bool:
    return lang.split("-")[0] in BOTH_SCRIPTS


class TextsWithLanguage(HTMLParser):
    """The texts of a page's body (and the attribute values people see or hear) with the
    language of the element they are in, and whether they may stay in Cyrillic: a language's
    own name, or Serbian or Bosnian text in a field where it is being edited as written."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str]] = []  # (tag, lang)
        self.texts: list[tuple[str, str, bool]] = []  # (text, lang, is a language's own name)
        self.in_body = False

    def lang(self) -> str:
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "body":
            self.in_body = True
        lang = attributes.get("lang") or self.lang()
        if self.in_body:
            for name in ("title", "alt", "aria-label", "placeholder", "content"):
                if attributes.get(name):
                    self.texts.append((attributes[name], lang, False))
            kind = (attributes.get("type") or "text").lower()
            if tag == "input" and kind in SHOWN_VALUE_TYPES and attributes.get("value"):
                edited = kind in ("text", "search") and edited_as_written(lang)
                self.texts.append((attributes["value"], lang, edited))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.in_body or not data.strip():
            return
        tags = [tag for tag, _ in self.stack]
        if UNSHOWN.intersection(tags):
            return
        lang = self.lang()
        own_name = tags[-1] in ("a", "option") and (lang, data.strip()) in OWN_NAMES
        edited = tags[-1] == "textarea" and edited_as_written(lang)
        self.texts.append((data, lang, own_name or edited))


def texts_of(html: str) -> list[tuple[str, str, bool]]:
    parser = TextsWithLanguage()
    parser.feed(html)
    parser.close()
    return parser.texts


def cyrillic_in(html: str) -> list[str]:
    """Each piece of Cyrillic in a page but the languages' own names and Serbian or Bosnian
    text being edited as written."""
    return [
        f"{snippet!r} (in lang={lang or '?'})"
        for text, lang, may_stay in texts_of(html)
        if not may_stay and (snippet := cyrillic_snippet(text)) is not None
    ]


# --- which pages -------------------------------------------------------------------------------


def other_association_pages(persona: str, demo) -> list[tuple[str, dict]]:
    """The Slovenian association's objects, one page of each kind."""
    other_network = {"network_slug": demo.other_network.slug}
    return [
        ("networks:detail", other_network),
        ("networks:call_detail", other_network | {"slug": demo.other_call.slug}),
        *(
            [("networks:statement_apply", other_network | {"slug": demo.other_call.slug})]
            if persona != ANONYMOUS
            else []
        ),
        ("events:meeting_list", other_network),
        ("events:meeting_detail", {"pk": demo.other_public_meeting.pk}),
        ("events:meeting_detail", {"pk": demo.english_meeting.pk}),
        ("programs:detail", {"slug": demo.other_program.slug}),
        ("organizations:detail", {"slug": demo.other_network.organization.slug}),
    ]


def pages_for(persona: str, demo) -> list[tuple[str, dict]]:
    """Every page of the walk this person may open and that answers with a page (not a
    redirect, a file or a form's POST), then the second association's."""
    pages = []
    for name in PAGES:
        for page in pages_of(name):
            if page.post_only or persona not in page.who or page.expected(persona) != 200:
                continue
            pages.append((name, page.args(demo)))
    return pages + other_association_pages(persona, demo)


def url_of(name: str, kwargs: dict, language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


# --- the tests ---------------------------------------------------------------------------------


def test_cyrillic_in_finds_content_and_leaves_the_languages_own_names():
    html = (
        "<html><head><title>Мрежа</title></head><body>"
        '<nav><ul><li><a href="/x" lang="sr-Cyrl" hreflang="sr-Cyrl">Српски (ћирилица)</a></li>'
        '</ul></nav><select><option value="sr" lang="sr-Cyrl">Српски (ћирилица)</option></select>'
        '<p lang="sr">Мрежа комуникатора</p><img src="/a.png" alt="Лого">'
        '<a href="/y" lang="sr-Cyrl">Мрежа</a><br><p>Latin only</p><script>"ш"</script>'
        '<input type="text" lang="sr" value="Назив"><textarea lang="sr">Опис</textarea>'
        '<input type="radio" value="Да"><input type="hidden" value="Не">'
        '<input type="text" value="Наслов"><textarea lang="hr">Текст</textarea>'
        "</body></html>"
    )

    assert cyrillic_in(html) == [
        "'Мрежа комуникатора' (in lang=sr)",
        "'Лого' (in lang=?)",
        "'Мрежа' (in lang=sr-Cyrl)",
        "'Наслов' (in lang=?)",
        "'Текст' (in lang=hr)",
    ]


def test_latin_script_pages_have_no_cyrillic(demo):
    demo_objects, sessions = demo
    leaks = []
    for persona in READERS:
        client = client_as(persona, sessions)
        for name, kwargs in pages_for(persona, demo_objects):
            for language in LATIN_SCRIPT_LANGUAGES:
                url = url_of(name, kwargs, language)
                response = client.get(url)
                if not response.get("Content-Type", "").startswith("text/html"):
                    continue
                assert response.status_code == 200, f"{name} as {persona}: GET {url}"
                snippets = cyrillic_in(response.content.decode())
                if snippets:
                    more = f" and {len(snippets) - 3} more" if len(snippets) > 3 else ""
                    leaks.append(f"{url} as {persona}: {', '.join(snippets[:3])}{more}")

    assert not leaks, "Cyrillic on pages in a Latin-script language:\n" + "\n".join(leaks)


def texts_in(html: str, language: str) -> list[str]:
    return [text for text, lang, _ in texts_of(html) if lang == language]


def slovenian_and_english_texts(demo) -> list[tuple[str, dict, str, str]]:
    """(URL name, arguments, text as written, its language) on the second association's pages."""
    network = demo.other_network
    call = demo.other_call
    network_kwargs = {"network_slug": network.slug}
    call_kwargs = network_kwargs | {"slug": call.slug}
    question = call.questions.order_by("position").first()
    meeting = demo.other_public_meeting
    english = demo.english_meeting
    association = network.organization
    return [
        ("networks:list", {}, network.name, "sl"),
        ("networks:detail", network_kwargs, network.name, "sl"),
        ("networks:detail", network_kwargs, network.summary, "sl"),
        ("networks:call_detail", call_kwargs, call.title, "sl"),
        ("networks:call_detail", call_kwargs, call.text.split("\n\n")[-1], "sl"),
        ("networks:call_detail", call_kwargs, call.eligibility, "sl"),
        ("networks:statement_apply", call_kwargs, question.label, "sl"),
        ("events:meeting_detail", {"pk": meeting.pk}, meeting.title, "sl"),
        ("events:meeting_detail", {"pk": meeting.pk}, meeting.description, "sl"),
        ("events:meeting_detail", {"pk": english.pk}, english.title, "en"),
        ("events:meeting_detail", {"pk": english.pk}, english.description, "en"),
        ("events:meeting_list", network_kwargs, english.title, "en"),
        ("programs:detail", {"slug": demo.other_program.slug}, demo.other_program.name, "sl"),
        ("organizations:detail", {"slug": network.organization.slug}, association.name, "sl"),
    ]


def test_serbian_cyrillic_pages_show_slovenian_and_english_content_as_written(demo):
    demo_objects, sessions = demo
    client = client_as(MEMBER, sessions)  # the statement form is for people signed in
    converted = []
    for name, kwargs, text, language in slovenian_and_english_texts(demo_objects):
        url = url_of(name, kwargs, "sr")
        response = client.get(url)
        assert response.status_code == 200, f"GET {url}"
        html = response.content.decode()
        texts = texts_in(html, language)
        if not any(text.strip() in shown for shown in texts):
            in_cyrillic = to_cyrillic(text.strip())
            found = "found in Cyrillic" if in_cyrillic in html else "not found at all"
            converted.append(
                f"{url}: {text!r} is not shown as written in an element with "
                f"lang={language!r} ({found}: {in_cyrillic[:60]!r})"
            )

    assert not converted, "\n".join(converted)
