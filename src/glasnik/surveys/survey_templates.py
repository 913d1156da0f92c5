"""The surveys an organiser can start from: a needs assessment of a local self-government's
communication on social media, a questionnaire after an event, and a knowledge test on social
media for public institutions (the same test before and after a training).

Each is written here in Serbian (Latin; Cyrillic readers see it converted) with translations
into Bosnian, Croatian, Slovenian and English, built into an XLSForm workbook and imported
with `glasnik.surveys.xlsform`, so the templates also keep the importer honest. The survey's
default language is the owner's when a template has it, else Serbian."""

import io

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from glasnik.core.languages import language_of

from .models import Question
from .xlsform import LANGUAGE_NAMES, XLSFormImport, survey_import_xlsform

LANGUAGES = ("sr", "bs", "hr", "sl", "en")


def t(sr, bs, hr, sl, en) -> dict:
    return dict(zip(LANGUAGES, (sr, bs, hr, sl, en), strict=True))


YES_NO = [
    ("yes", t("Da", "Da", "Da", "Da", "Yes")),
    ("no", t("Ne", "Ne", "Ne", "Ne", "No")),
]
AGREE = [
    (
        "1",
        t(
            "Uopšte se ne slažem",
            "Uopće se ne slažem",
            "Uopće se ne slažem",
            "Sploh se ne strinjam",
            "Strongly disagree",
        ),
    ),
    ("2", t("Ne slažem se", "Ne slažem se", "Ne slažem se", "Ne strinjam se", "Disagree")),
    (
        "3",
        t(
            "Niti se slažem niti ne slažem",
            "Niti se slažem niti ne slažem",
            "Niti se slažem niti ne slažem",
            "Niti se strinjam niti ne strinjam",
            "Neither agree nor disagree",
        ),
    ),
    ("4", t("Slažem se", "Slažem se", "Slažem se", "Strinjam se", "Agree")),
    (
        "5",
        t(
            "Potpuno se slažem",
            "Potpuno se slažem",
            "Potpuno se slažem",
            "Popolnoma se strinjam",
            "Strongly agree",
        ),
    ),
]

NEEDS = {
    "kind": "needs",
    "title": t(
        "Procena potreba: komunikacija lokalne samouprave na društvenim mrežama",
        "Procjena potreba: komunikacija lokalne samouprave na društvenim mrežama",
        "Procjena potreba: komunikacija lokalne samouprave na društvenim mrežama",
        "Ocena potreb: komuniciranje lokalne samouprave na družbenih omrežjih",
        "Needs assessment: a local self-government's communication on social media",
    ),
    "choices": {
        "yesno": YES_NO,
        "networks": [
            ("facebook", t("Facebook", "Facebook", "Facebook", "Facebook", "Facebook")),
            ("instagram", t("Instagram", "Instagram", "Instagram", "Instagram", "Instagram")),
            ("x", t("X (Twitter)", "X (Twitter)", "X (Twitter)", "X (Twitter)", "X (Twitter)")),
            ("tiktok", t("TikTok", "TikTok", "TikTok", "TikTok", "TikTok")),
            ("youtube", t("YouTube", "YouTube", "YouTube", "YouTube", "YouTube")),
            ("linkedin", t("LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn", "LinkedIn")),
        ],
        "people": [
            (
                "none",
                t(
                    "Niko nije zadužen",
                    "Niko nije zadužen",
                    "Nitko nije zadužen",
                    "Nihče ni zadolžen",
                    "Nobody is in charge",
                ),
            ),
            (
                "part",
                t(
                    "Jedna osoba, uz druge poslove",
                    "Jedna osoba, uz druge poslove",
                    "Jedna osoba, uz druge poslove",
                    "Ena oseba, poleg drugega dela",
                    "One person, besides other work",
                ),
            ),
            (
                "one",
                t(
                    "Jedna osoba, puno radno vreme",
                    "Jedna osoba, puno radno vrijeme",
                    "Jedna osoba, puno radno vrijeme",
                    "Ena oseba, polni delovni čas",
                    "One person, full time",
                ),
            ),
            (
                "team",
                t(
                    "Tim od dve ili više osoba",
                    "Tim od dvije ili više osoba",
                    "Tim od dvije ili više osoba",
                    "Ekipa dveh ali več oseb",
                    "A team of two or more",
                ),
            ),
        ],
        "topics": [
            (
                "planning",
                t(
                    "Planiranje sadržaja i kalendar objava",
                    "Planiranje sadržaja i kalendar objava",
                    "Planiranje sadržaja i kalendar objava",
                    "Načrtovanje vsebin in koledar objav",
                    "Content planning and a posting calendar",
                ),
            ),
            (
                "video",
                t(
                    "Kratki video za mreže",
                    "Kratki video za mreže",
                    "Kratki video za mreže",
                    "Kratki videi za omrežja",
                    "Short video for social media",
                ),
            ),
            (
                "crisis",
                t(
                    "Krizna komunikacija",
                    "Krizna komunikacija",
                    "Krizna komunikacija",
                    "Krizno komuniciranje",
                    "Crisis communication",
                ),
            ),
            (
                "comments",
                t(
                    "Odgovaranje na komentare i govor mržnje",
                    "Odgovaranje na komentare i govor mržnje",
                    "Odgovaranje na komentare i govor mržnje",
                    "Odzivanje na komentarje in sovražni govor",
                    "Answering comments and hate speech",
                ),
            ),
            (
                "analytics",
                t(
                    "Merenje rezultata i analitika",
                    "Mjerenje rezultata i analitika",
                    "Mjerenje rezultata i analitika",
                    "Merjenje rezultatov in analitika",
                    "Measuring results and analytics",
                ),
            ),
            (
                "accessibility",
                t(
                    "Pristupačne objave (za osobe sa invaliditetom)",
                    "Pristupačne objave (za osobe s invaliditetom)",
                    "Pristupačne objave (za osobe s invaliditetom)",
                    "Dostopne objave (za invalide)",
                    "Accessible posts (for people with disabilities)",
                ),
            ),
            (
                "law",
                t(
                    "Zaštita podataka i autorska prava",
                    "Zaštita podataka i autorska prava",
                    "Zaštita podataka i autorska prava",
                    "Varstvo podatkov in avtorske pravice",
                    "Data protection and copyright",
                ),
            ),
        ],
    },
    "sections": [
        (
            t(
                "Vaša institucija",
                "Vaša institucija",
                "Vaša institucija",
                "Vaša institucija",
                "Your institution",
            ),
            [
                {
                    "type": "select_one yesno",
                    "name": "has_accounts",
                    "required": "yes",
                    "label": t(
                        "Da li vaša opština ili grad ima zvanične naloge na društvenim mrežama?",
                        "Da li vaša općina ili grad ima zvanične račune na društvenim mrežama?",
                        "Ima li vaša općina ili grad službene račune na društvenim mrežama?",
                        "Ali ima vaša občina uradne račune na družbenih omrežjih?",
                        "Does your municipality or city have official social media accounts?",
                    ),
                },
                {
                    "type": "select_multiple networks",
                    "name": "networks",
                    "relevant": "${has_accounts} = 'yes'",
                    "required": "yes",
                    "label": t(
                        "Na kojim mrežama je vaša institucija prisutna?",
                        "Na kojim mrežama je vaša institucija prisutna?",
                        "Na kojim je mrežama vaša institucija prisutna?",
                        "Na katerih omrežjih je prisotna vaša institucija?",
                        "Which networks is your institution on?",
                    ),
                },
                {
                    "type": "select_one people",
                    "name": "people",
                    "required": "yes",
                    "label": t(
                        "Ko se u instituciji bavi društvenim mrežama?",
                        "Ko se u instituciji bavi društvenim mrežama?",
                        "Tko se u instituciji bavi društvenim mrežama?",
                        "Kdo v instituciji skrbi za družbena omrežja?",
                        "Who looks after social media in your institution?",
                    ),
                },
                {
                    "type": "integer",
                    "name": "posts_per_week",
                    "relevant": "${has_accounts} = 'yes'",
                    "constraint": ". >= 0 and . <= 200",
                    "label": t(
                        "Koliko objava nedeljno u proseku objavite?",
                        "Koliko objava sedmično u prosjeku objavite?",
                        "Koliko objava tjedno u prosjeku objavite?",
                        "Koliko objav na teden v povprečju objavite?",
                        "How many posts a week do you publish on average?",
                    ),
                },
            ],
        ),
        (
            t(
                "Potrebe za obukom",
                "Potrebe za obukom",
                "Potrebe za obukom",
                "Potrebe po usposabljanju",
                "Training needs",
            ),
            [
                {
                    "type": "range",
                    "name": "confidence",
                    "parameters": "start=1 end=5 step=1",
                    "required": "yes",
                    "label": t(
                        "Koliko ste sigurni u svoje veštine komunikacije na mrežama? (1–5)",
                        "Koliko ste sigurni u svoje vještine komunikacije na mrežama? (1–5)",
                        "Koliko ste sigurni u svoje vještine komunikacije na mrežama? (1–5)",
                        "Kako samozavestni ste pri komuniciranju na omrežjih? (1–5)",
                        "How confident are you in your social media skills? (1–5)",
                    ),
                },
                {
                    "type": "select_multiple topics or_other",
                    "name": "topics",
                    "required": "yes",
                    "label": t(
                        "Koje teme su vam najpotrebnije? Izaberite do tri.",
                        "Koje teme su vam najpotrebnije? Izaberite do tri.",
                        "Koje su vam teme najpotrebnije? Odaberite do tri.",
                        "Katere teme najbolj potrebujete? Izberite do tri.",
                        "Which topics do you need most? Choose up to three.",
                    ),
                },
                {
                    "type": "rank topics",
                    "name": "priority",
                    "label": t(
                        "Poređajte teme po važnosti za vaš rad.",
                        "Poredajte teme po važnosti za vaš rad.",
                        "Poredajte teme po važnosti za vaš rad.",
                        "Razvrstite teme po pomembnosti za vaše delo.",
                        "Order the topics by their importance for your work.",
                    ),
                },
                {
                    "type": "text",
                    "name": "challenge",
                    "appearance": "multiline",
                    "label": t(
                        "Opišite najveći izazov u komunikaciji sa građanima na mrežama.",
                        "Opišite najveći izazov u komunikaciji s građanima na mrežama.",
                        "Opišite najveći izazov u komunikaciji s građanima na mrežama.",
                        "Opišite največji izziv pri komuniciranju z občani na omrežjih.",
                        "Describe your biggest challenge in talking with citizens online.",
                    ),
                },
            ],
        ),
    ],
}

EVENT = {
    "kind": "feedback",
    "title": t(
        "Upitnik posle događaja",
        "Upitnik nakon događaja",
        "Upitnik nakon događaja",
        "Vprašalnik po dogodku",
        "Questionnaire after the event",
    ),
    "choices": {
        "agree": AGREE,
        "format": [
            ("in_person", t("Uživo", "Uživo", "Uživo", "V živo", "In person")),
            ("online", t("Onlajn", "Online", "Online", "Na spletu", "Online")),
            ("hybrid", t("Kombinovano", "Kombinovano", "Kombinirano", "Kombinirano", "Hybrid")),
        ],
    },
    "sections": [
        (
            t("Vaši utisci", "Vaši utisci", "Vaši dojmovi", "Vaši vtisi", "Your impressions"),
            [
                {
                    "type": "range",
                    "name": "overall",
                    "parameters": "start=1 end=5 step=1",
                    "required": "yes",
                    "label": t(
                        "Kako biste ukupno ocenili događaj? (1–5)",
                        "Kako biste ukupno ocijenili događaj? (1–5)",
                        "Kako biste ukupno ocijenili događaj? (1–5)",
                        "Kako bi na splošno ocenili dogodek? (1–5)",
                        "How would you rate the event overall? (1–5)",
                    ),
                },
                {
                    "type": "select_one agree",
                    "name": "useful",
                    "required": "yes",
                    "label": t(
                        "Sadržaj je koristan za moj posao.",
                        "Sadržaj je koristan za moj posao.",
                        "Sadržaj je koristan za moj posao.",
                        "Vsebina je koristna za moje delo.",
                        "The content is useful for my work.",
                    ),
                },
                {
                    "type": "select_one agree",
                    "name": "speakers",
                    "label": t(
                        "Predavači su teme izložili jasno.",
                        "Predavači su teme izložili jasno.",
                        "Predavači su teme izložili jasno.",
                        "Predavatelji so teme predstavili jasno.",
                        "The speakers presented the topics clearly.",
                    ),
                },
                {
                    "type": "select_one format",
                    "name": "format",
                    "label": t(
                        "Kakav oblik vam najviše odgovara za sledeći događaj?",
                        "Kakav oblik vam najviše odgovara za sljedeći događaj?",
                        "Kakav vam oblik najviše odgovara za sljedeći događaj?",
                        "Katera oblika vam najbolj ustreza za naslednji dogodek?",
                        "Which format suits you best for the next event?",
                    ),
                },
                {
                    "type": "range",
                    "name": "recommend",
                    "parameters": "start=0 end=10 step=1",
                    "label": t(
                        "Koliko je verovatno da biste događaj preporučili kolegi? (0–10)",
                        "Koliko je vjerovatno da biste događaj preporučili kolegi? (0–10)",
                        "Koliko je vjerojatno da biste događaj preporučili kolegi? (0–10)",
                        "Kako verjetno bi dogodek priporočili kolegu? (0–10)",
                        "How likely are you to recommend the event to a colleague? (0–10)",
                    ),
                },
                {
                    "type": "text",
                    "name": "best",
                    "appearance": "multiline",
                    "label": t(
                        "Šta vam je bilo najkorisnije?",
                        "Šta vam je bilo najkorisnije?",
                        "Što vam je bilo najkorisnije?",
                        "Kaj vam je bilo najbolj koristno?",
                        "What was most useful to you?",
                    ),
                },
                {
                    "type": "text",
                    "name": "improve",
                    "appearance": "multiline",
                    "label": t(
                        "Šta bismo sledeći put mogli bolje?",
                        "Šta bismo sljedeći put mogli bolje?",
                        "Što bismo sljedeći put mogli bolje?",
                        "Kaj bi lahko naslednjič naredili bolje?",
                        "What could we do better next time?",
                    ),
                },
            ],
        ),
    ],
}

KNOWLEDGE = {
    "kind": "knowledge",
    "title": t(
        "Test znanja: društvene mreže za javne institucije",
        "Test znanja: društvene mreže za javne institucije",
        "Test znanja: društvene mreže za javne institucije",
        "Preizkus znanja: družbena omrežja za javne institucije",
        "Knowledge test: social media for public institutions",
    ),
    "choices": {
        "q_comment": [
            (
                "delete",
                t(
                    "Obrisati ga bez odgovora",
                    "Obrisati ga bez odgovora",
                    "Obrisati ga bez odgovora",
                    "Ga izbrisati brez odgovora",
                    "Delete it without an answer",
                ),
            ),
            (
                "answer",
                t(
                    "Odgovoriti mirno, činjenicama, i uputiti na nadležnu službu",
                    "Odgovoriti mirno, činjenicama, i uputiti na nadležnu službu",
                    "Odgovoriti mirno, činjenicama, i uputiti na nadležnu službu",
                    "Odgovoriti mirno, z dejstvi, in napotiti na pristojno službo",
                    "Answer calmly with facts and point to the service in charge",
                ),
            ),
            (
                "ignore",
                t("Ignorisati ga", "Ignorisati ga", "Ignorirati ga", "Ga prezreti", "Ignore it"),
            ),
        ],
        "q_alt": [
            (
                "hashtag",
                t(
                    "Hešteg ispod fotografije",
                    "Hashtag ispod fotografije",
                    "Hashtag ispod fotografije",
                    "Ključnik pod fotografijo",
                    "A hashtag under the photo",
                ),
            ),
            (
                "alt",
                t(
                    "Opis slike (alternativni tekst) za čitače ekrana",
                    "Opis slike (alternativni tekst) za čitače ekrana",
                    "Opis slike (alternativni tekst) za čitače zaslona",
                    "Opis slike (nadomestno besedilo) za bralnike zaslona",
                    "An image description (alt text) for screen readers",
                ),
            ),
            (
                "filter",
                t(
                    "Filter koji poboljšava kontrast",
                    "Filter koji poboljšava kontrast",
                    "Filter koji poboljšava kontrast",
                    "Filter, ki izboljša kontrast",
                    "A filter that improves contrast",
                ),
            ),
        ],
        "q_reach": [
            (
                "followers",
                t(
                    "Broj pratilaca naloga",
                    "Broj pratilaca računa",
                    "Broj pratitelja računa",
                    "Število sledilcev računa",
                    "The number of followers",
                ),
            ),
            (
                "reach",
                t(
                    "Broj različitih ljudi kojima je objava prikazana",
                    "Broj različitih ljudi kojima je objava prikazana",
                    "Broj različitih ljudi kojima je objava prikazana",
                    "Število različnih ljudi, ki jim je bila objava prikazana",
                    "The number of different people who were shown the post",
                ),
            ),
            (
                "likes",
                t(
                    "Broj lajkova",
                    "Broj lajkova",
                    "Broj lajkova",
                    "Število všečkov",
                    "The number of likes",
                ),
            ),
        ],
        "q_crisis": [
            (
                "wait",
                t(
                    "Sačekati da se situacija potpuno razjasni",
                    "Sačekati da se situacija potpuno razjasni",
                    "Pričekati da se situacija potpuno razjasni",
                    "Počakati, da se stanje povsem razjasni",
                    "Wait until everything is clear",
                ),
            ),
            (
                "early",
                t(
                    "Brzo objaviti ono što se zna i kada stižu nove informacije",
                    "Brzo objaviti ono što se zna i kada stižu nove informacije",
                    "Brzo objaviti ono što se zna i kada stižu nove informacije",
                    "Hitro objaviti, kar je znano, in kdaj sledijo nove informacije",
                    "Quickly post what is known and when more will follow",
                ),
            ),
            (
                "press",
                t(
                    "Komunicirati samo preko medija",
                    "Komunicirati samo preko medija",
                    "Komunicirati samo preko medija",
                    "Komunicirati le prek medijev",
                    "Speak only through the media",
                ),
            ),
        ],
        "q_photo": [
            (
                "consent",
                t(
                    "Pristanak osoba koje se na fotografiji jasno prepoznaju",
                    "Pristanak osoba koje se na fotografiji jasno prepoznaju",
                    "Privola osoba koje se na fotografiji jasno prepoznaju",
                    "Privolitev oseb, ki so na fotografiji jasno prepoznavne",
                    "The consent of people clearly recognisable in the photo",
                ),
            ),
            (
                "none",
                t(
                    "Ništa, fotografija je snimljena na javnom mestu",
                    "Ništa, fotografija je snimljena na javnom mjestu",
                    "Ništa, fotografija je snimljena na javnom mjestu",
                    "Nič, fotografija je posneta na javnem mestu",
                    "Nothing, it was taken in a public place",
                ),
            ),
            (
                "mayor",
                t(
                    "Odobrenje gradonačelnika",
                    "Odobrenje načelnika",
                    "Odobrenje gradonačelnika",
                    "Odobritev župana",
                    "The mayor's approval",
                ),
            ),
        ],
    },
    "correct": {
        "comment": "answer",
        "alt": "alt",
        "reach": "reach",
        "crisis": "early",
        "photo": "consent",
    },
    "sections": [
        (
            t("Test", "Test", "Test", "Preizkus", "Test"),
            [
                {
                    "type": "select_one q_comment",
                    "name": "comment",
                    "required": "yes",
                    "label": t(
                        "Građanin ostavi ljutit, ali pristojan komentar o kvaru u ulici. "
                        "Šta je najbolje uraditi?",
                        "Građanin ostavi ljutit, ali pristojan komentar o kvaru u ulici. "
                        "Šta je najbolje uraditi?",
                        "Građanin ostavi ljutit, ali pristojan komentar o kvaru u ulici. "
                        "Što je najbolje učiniti?",
                        "Občan pusti jezen, a vljuden komentar o okvari na ulici. "
                        "Kaj je najbolje storiti?",
                        "A citizen leaves an angry but polite comment about a broken "
                        "street light. What is best to do?",
                    ),
                },
                {
                    "type": "select_one q_alt",
                    "name": "alt",
                    "required": "yes",
                    "label": t(
                        "Šta objavu sa fotografijom čini pristupačnom slepim osobama?",
                        "Šta objavu s fotografijom čini pristupačnom slijepim osobama?",
                        "Što objavu s fotografijom čini pristupačnom slijepim osobama?",
                        "Kaj naredi objavo s fotografijo dostopno slepim?",
                        "What makes a post with a photo accessible to blind people?",
                    ),
                },
                {
                    "type": "select_one q_reach",
                    "name": "reach",
                    "required": "yes",
                    "label": t(
                        "Šta meri „doseg” objave?",
                        "Šta mjeri „doseg” objave?",
                        "Što mjeri „doseg” objave?",
                        "Kaj meri „doseg” objave?",
                        "What does a post's “reach” measure?",
                    ),
                },
                {
                    "type": "select_one q_crisis",
                    "name": "crisis",
                    "required": "yes",
                    "label": t(
                        "U kriznoj situaciji (npr. poplava) institucija treba da:",
                        "U kriznoj situaciji (npr. poplava) institucija treba da:",
                        "U kriznoj situaciji (npr. poplava) institucija treba:",
                        "V krizni situaciji (npr. poplava) mora institucija:",
                        "In a crisis (e.g. a flood) an institution should:",
                    ),
                },
                {
                    "type": "select_one q_photo",
                    "name": "photo",
                    "required": "yes",
                    "label": t(
                        "Šta vam je potrebno pre objave fotografije sa javnog događaja?",
                        "Šta vam je potrebno prije objave fotografije s javnog događaja?",
                        "Što vam je potrebno prije objave fotografije s javnog događaja?",
                        "Kaj potrebujete pred objavo fotografije z javnega dogodka?",
                        "What do you need before posting a photo from a public event?",
                    ),
                },
            ],
        ),
    ],
}

SURVEY_TEMPLATES = {
    "needs-communication": NEEDS,
    "event-questionnaire": EVENT,
    "knowledge-social-media": KNOWLEDGE,
}
TEMPLATE_DESCRIPTIONS = {
    "needs-communication": _(
        "What a local self-government's communication on social media needs: people, "
        "networks, skills and the topics to train."
    ),
    "event-questionnaire": _(
        "After an event: overall rating, usefulness, speakers, format and recommendation."
    ),
    "knowledge-social-media": _(
        "Five questions with correct answers, to give before and after a training."
    ),
}


def template_workbook(key: str, language: str) -> bytes:
    """The template as an XLSForm workbook with `language` as its default language."""
    from openpyxl import Workbook

    template = SURVEY_TEMPLATES[key]
    languages = [language, *(code for code in LANGUAGES if code != language)]
    columns = ["type", "name", "required", "relevant", "constraint", "appearance", "parameters"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append([*columns, *(f"label::{LANGUAGE_NAMES[code]} ({code})" for code in languages)])
    for index, (title, questions) in enumerate(template["sections"], start=1):
        sheet.append(
            [
                "begin group",
                f"page{index}",
                "",
                "",
                "",
                "",
                "",
                *(title[code] for code in languages),
            ]
        )
        for question in questions:
            sheet.append(
                [question.get(column, "") for column in columns]
                + [question["label"][code] for code in languages]
            )
        sheet.append(["end group"])
    choices = workbook.create_sheet("choices")
    choices.append(["list_name", "name", *(f"label::{LANGUAGE_NAMES[c]} ({c})" for c in languages)])
    for list_name, options in template["choices"].items():
        for name, label in options:
            choices.append([list_name, name, *(label[code] for code in languages)])
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "default_language", "glasnik_kind"])
    settings.append(
        [template["title"][language], f"{LANGUAGE_NAMES[language]} ({language})", template["kind"]]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_title(key: str, language: str) -> str:
    titles = SURVEY_TEMPLATES[key]["title"]
    return titles.get(language) or titles["sr"]


@transaction.atomic
def survey_template_import(key: str, *, owner, actor) -> XLSFormImport:
    """A new draft survey of `owner` from the template `key`; a knowledge test gets its correct
    answers (one point each)."""
    template = SURVEY_TEMPLATES[key]
    language = language_of(owner)
    if language not in LANGUAGES:
        language = "sr"
    result = survey_import_xlsform(
        owner=owner, actor=actor, file=io.BytesIO(template_workbook(key, language))
    )
    correct = template.get("correct", {})
    if correct:
        questions = Question.objects.filter(section__survey=result.survey).prefetch_related(
            "choices"
        )
        for question, name in zip(
            questions.order_by("section__position", "position"),
            [q["name"] for _t, qs in template["sections"] for q in qs],
            strict=True,
        ):
            if name not in correct:
                continue
            options = [
                option
                for option, _label in template["choices"][
                    next(q for _t, qs in template["sections"] for q in qs if q["name"] == name)[
                        "type"
                    ].split()[1]
                ]
            ]
            choice = list(question.choices.all())[options.index(correct[name])]
            question.correct_answer = [choice.pk]
            question.points = 1
            question.save(update_fields=["correct_answer", "points"])
    return result
