"""The post coach's rules, each with a post it flags and one it leaves alone, in every
language the rule reads; and any text at all answered without failing (hypothesis)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from glasnik.coach.platforms import TEXT_LIMITS, Platform
from glasnik.coach.rules import RULES, Severity, coach_check

GOOD_SR = "Pozivamo građane na Dan grada. Prijavite se na sajtu grada."


def details(code: str, **post) -> list[str]:
    """The specifics of the tips rule `code` gives for a post."""
    post.setdefault("platforms", [])
    return [tip.detail for tip in coach_check(**post) if tip.rule.code == code]


def test_each_rule_has_its_explanations_and_a_severity():
    assert len(RULES) >= 15
    for code, rule in RULES.items():
        assert rule.code == code
        assert str(rule.title)
        assert str(rule.why)
        assert str(rule.how)
        assert rule.severity in Severity.values


def test_length_against_each_platform_limit():
    text = "a" * 312

    assert details("length", text=text, platforms=["x", "facebook", "bluesky"]) == [
        "312 characters; X takes 280.",
        "312 characters; Bluesky takes 300.",
    ]
    assert details("length", text="a" * 280, platforms=["x"]) == []


def test_the_more_cut_is_advice_within_the_limit_only():
    assert details("more_cut", text="a" * 200, platforms=["instagram", "x"]) == [
        "Instagram shows the first 125 characters; the post has 200."
    ]
    assert details("more_cut", text="a" * 125, platforms=["instagram"]) == []
    assert details("more_cut", text="a" * 3000, platforms=["instagram"]) == []  # too long already


def test_many_hashtags():
    tags = " ".join(f"#Tag{n}" for n in range(7))

    assert details("hashtag_count", text=tags) == ["7 hashtags; more than 5 is too many."]
    assert details("hashtag_count", text="#Jedan #Dva #Tri") == []


def test_a_hashtag_in_lower_case_is_split_into_the_words_of_the_post():
    text = "Opština Kula slavi. #opstinakula #општинакула"

    assert details("hashtag_camel_case", text=text) == [
        "#opstinakula → #OpstinaKula",
        "#општинакула → #ОпштинаКула",
    ]


def test_a_hashtag_whose_words_cannot_be_guessed_is_explained():
    assert details("hashtag_camel_case", text="Vesti #zelenagradnja") == [
        "#zelenagradnja: if it is more than one word, start each with a capital letter."
    ]


def test_camel_case_and_short_hashtags_are_fine():
    assert details("hashtag_camel_case", text="#OpstinaKula #Kula #kula #EU2027") == []


def test_an_image_without_alt_text_is_a_problem():
    assert details("alt_text", text="x", has_media=True, alt_text="  ") == [
        "The image has no description."
    ]
    assert details("alt_text", text="x", has_media=True, alt_text="Gradonačelnik na trgu") == []
    assert details("alt_text", text="x", has_media=False) == []


def test_links_counted_shortened_and_in_an_instagram_caption():
    text = "Više na https://bit.ly/abc i www.kula.rs/vesti"

    assert details("link_count", text=text) == ["2 links."]
    assert details("link_shortened", text=text) == ["https://bit.ly/abc"]
    assert details("link_instagram", text=text, platforms=["instagram"]) == [
        "The caption has a link: https://bit.ly/abc"
    ]
    one = "Više na https://www.kula.rs/vesti"
    assert details("link_count", text=one) == []
    assert details("link_shortened", text=one) == []
    assert details("link_instagram", text=one, platforms=["facebook"]) == []


def test_emoji_density():
    assert details("emoji_density", text="Dan grada 🎉🎉🎉🎈🎈 🇷🇸") == ["6 emoji in 2 words."]
    words = " ".join(["reč"] * 60)
    assert details("emoji_density", text=f"{words} 🎉🎉🎉🎈🎈") == []
    assert details("emoji_density", text="Bravo 🎉") == []


def test_all_caps_but_not_acronyms():
    assert details("all_caps", text="VAŽNO: JKP Vodovod i ОБАВЕШТЕЊЕ za EU") == [
        "VAŽNO, ОБАВЕШТЕЊЕ"
    ]
    assert details("all_caps", text="JKP, EU, SKGO i MUP rade.") == []


def test_long_sentences():
    long = " ".join(["reč"] * 30) + "."

    assert details("long_sentence", text=f"Kratko. {long}") == [
        "A sentence of 30 words: “reč reč reč reč reč reč…”"
    ]
    assert details("long_sentence", text=" ".join(["reč"] * 25) + ".") == []


def test_cyrillic_and_latin_in_one_post():
    assert details("mixed_scripts", text="Данас је Дан града. Dođite na trg.") == [
        "4 words in Cyrillic, 3 in Latin."
    ]
    assert details("mixed_scripts", text="Данас је Дан града на Facebook страници.") == []


def test_a_word_typed_with_look_alike_letters_of_both_scripts():
    # "Beоgrad" with a Cyrillic "о"; "Кula" with a Cyrillic "К".
    assert details("mixed_script_word", text="Beоgrad i Кula") == ["Beоgrad", "Кula"]
    assert details("mixed_script_word", text="Beograd i Кула") == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sr", '"Dan grada" → „Dan grada“'),
        ("bs", '"Dan grada" → „Dan grada“'),
        ("hr", '"Dan grada" → „Dan grada“'),
        ("sl", '"Dan grada" → „Dan grada“'),
        ("en", '"Dan grada" → “Dan grada”'),
        ("", '"Dan grada" → „Dan grada“'),
    ],
)
def test_straight_quotes_get_the_language_s_own(language, expected):
    assert details("quotes", text='Počinje "Dan grada".', language=language) == [expected]
    assert details("quotes", text="Počinje „Dan grada“ i »Teden«.", language=language) == []


def test_a_lone_straight_quote_is_still_noted():
    assert details("quotes", text='Rekao je: "Dođite', language="sl") == ['Replace " with „…“.']


@pytest.mark.parametrize(
    ("language", "asking", "informing"),
    [
        ("sr", "Посетите сајт општине.", "Општина је усвојила буџет."),
        ("sr", "Posetite sajt opštine.", "Opština je usvojila budžet."),
        ("bs", "Posjetite stranicu općine.", "Općina je usvojila budžet."),
        ("hr", "Ispunite anketu do petka.", "Općina je usvojila proračun."),
        ("sl", "Oglejte si program.", "Občina je sprejela proračun."),
        ("en", "Read the whole plan on our website.", "The council adopted the budget."),
    ],
)
def test_a_call_to_action_in_each_language(language, asking, informing):
    assert details("call_to_action", text=asking, language=language) == []
    assert details("call_to_action", text=informing, language=language) == [
        "No verb or phrase asking the reader to do something was found."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sednica skupštine 12. 3. 2027. u 10 h u sali opštine, Trg slobode 3. Dođite.",
        "Sjednica 12.03. u 10.00 u zgradi općine, ul. Maršala Tita bb. Dođite.",
        "Sjednica vijeća 12. ožujka u 10 sati u gradskoj vijećnici, Trg bana Jelačića 1.",
        "Seja sveta bo 12. marca ob 10. uri v sejni sobi občine.",
        "Седница 12. марта у 10 часова у сали Дома културе.",
        "The council meets on 12 March at 10:30 in the town hall.",
        "Dan otvorenih vrata u subotu u podne, Centar za kulturu.",
    ],
)
def test_an_announcement_with_date_time_and_place(text):
    assert details("announcement_details", text=text, is_announcement=True) == []


def test_an_announcement_says_what_is_missing():
    assert details(
        "announcement_details", text="Dođite na Dan grada u sali opštine!", is_announcement=True
    ) == ["No date found.", "No time found."]
    assert details("announcement_details", text="Dan grada 12. 3.", is_announcement=True) == [
        "No time found.",
        "No place found.",
    ]
    assert details("announcement_details", text="Dan grada.", is_announcement=False) == []


def test_problems_come_first():
    tips = coach_check(
        text='VAŽNO "Dan grada" ' + "a" * 300, platforms=["x"], has_media=True, language="sr"
    )

    severities = [tip.rule.severity for tip in tips]
    assert severities == sorted(severities, key=lambda s: s != Severity.PROBLEM)
    assert {"length", "alt_text"} <= {tip.rule.code for tip in tips if tip.is_problem}


def test_disabled_rules_are_not_applied():
    post = {"text": "VAŽNO " + "a" * 300, "platforms": ["x"], "language": "sr"}

    codes = {tip.rule.code for tip in coach_check(**post)}
    disabled = {tip.rule.code for tip in coach_check(**post, disabled={"length", "all_caps"})}

    assert {"length", "all_caps"} <= codes
    assert disabled == codes - {"length", "all_caps"}


def test_a_good_post_has_nothing_to_fix():
    assert coach_check(text=GOOD_SR, platforms=["x", "facebook"], language="sr") == []


def test_unknown_platforms_are_left_out():
    assert details("length", text="a" * 400, platforms=["myspace", "x"]) == [
        "400 characters; X takes 280."
    ]


ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet="#@\"'.:/ \n😀🇷🇸‍️абвшђAaŠ0123456789hw", max_size=400),
    st.just(""),
    st.just("🎉" * 500),
    st.just("#" * 300),
    st.just("a" * 120_000),
    st.just("https://" + "x" * 5000),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=ODD_TEXT,
    platforms=st.lists(st.sampled_from([*Platform.values, "other"]), max_size=4),
    is_announcement=st.booleans(),
    has_media=st.booleans(),
    alt_text=st.text(max_size=50),
    language=st.sampled_from(["", "sr", "sr-latn", "bs", "hr", "sl", "en", "cnr", "mk", "xx"]),
)
def test_no_rule_fails_on_odd_input(
    text, platforms, is_announcement, has_media, alt_text, language
):
    tips = coach_check(
        text=text,
        platforms=platforms,
        is_announcement=is_announcement,
        has_media=has_media,
        alt_text=alt_text,
        language=language,
    )

    assert all(isinstance(tip.detail, str) and tip.detail for tip in tips)
    limits = [TEXT_LIMITS[p] for p in platforms if p in TEXT_LIMITS]
    if limits and len(text) > min(limits):
        assert any(tip.rule.code == "length" for tip in tips)
