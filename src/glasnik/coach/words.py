"""What the post coach's rules look for, per language: calls to action, the words of dates,
times and places, quotation marks, link shorteners. Words are written as `search_key` gives
them (Latin, lower case, no diacritics), so one list serves Serbian in either script and text
typed without diacritics ("posetite", "посетите" and "Posetite" all match "posetite")."""

import re

# Verbs and phrases that ask the reader to do something, matched at the start of a word.
CALLS_TO_ACTION: dict[str, tuple[str, ...]] = {
    "sr": (
        "pogledaj", "prijavi", "saznaj", "posetit", "poseti", "procitaj", "podelit", "podeli",
        "pridruzi", "dodjite", "dodji", "posaljit", "javite", "javi se", "glasaj", "klikn",
        "preuzmi", "registruj", "upisi", "ucestvuj", "pratite", "komentarisi", "pozivamo",
        "vise na", "vise informacija", "detaljnije", "popunit", "popuni", "pisite", "pozovite",
        "zakazite", "prijave", "odgovorite", "recite nam", "ostavite",
    ),
    "bs": (
        "pogledaj", "prijavi", "saznaj", "posjetit", "posjeti", "procitaj", "podijelit",
        "podijeli", "pridruzi", "dodjite", "dodji", "posaljit", "javite", "glasaj", "klikn",
        "preuzmi", "registruj", "upisi", "ucestvuj", "ucestvujte", "pratite", "komentarisi",
        "pozivamo", "vise na", "vise informacija", "detaljnije", "popunit", "popuni", "pisite",
        "pozovite", "zakazite", "prijave", "odgovorite", "recite nam", "ostavite",
    ),
    "hr": (
        "pogledaj", "prijavi", "saznaj", "posjetit", "posjeti", "procitaj", "podijelit",
        "podijeli", "pridruzi", "dodjite", "dodji", "posaljit", "javite", "glasaj", "klikn",
        "preuzmi", "registriraj", "upisi", "sudjeluj", "pratite", "komentiraj", "pozivamo",
        "vise na", "vise informacija", "detaljnije", "ispunit", "ispuni", "pisite", "nazovite",
        "rezervir", "prijave", "odgovorite", "recite nam", "ostavite",
    ),
    "sl": (
        "oglejte", "poglejte", "prijavite", "prijavi se", "preberite", "obiscite", "pridruzite",
        "delite", "sodelujte", "pisite", "poklicite", "izpolnite", "vec na", "vec informacij",
        "vabimo", "vabljeni", "spremljajte", "glasujte", "kliknite", "prenesite", "rezervirajte",
        "povejte nam", "odgovorite", "pridite", "sporocite",
    ),
    "en": (
        "sign up", "register", "read", "visit", "join", "share", "learn more", "find out", "apply",
        "call us", "vote", "download", "watch", "book", "tell us", "come", "follow", "contact",
        "more at", "fill in", "check out", "see", "send", "reply", "comment", "subscribe",
        "take part",
    ),
}  # fmt: skip

# Quotation marks by language: (opening, closing) pairs, the first one suggested.
QUOTES: dict[str, tuple[tuple[str, str], ...]] = {
    "sr": (("„", "“"),),
    "bs": (("„", "“"),),
    "hr": (("„", "“"),),
    "cnr": (("„", "“"),),
    "sl": (("„", "“"), ("»", "«")),
    "en": (("“", "”"),),
}

# Words a municipality's hashtags are often made of, besides the words of the post itself.
TAG_WORDS = (
    "grad", "opstina", "opcina", "obcina", "dan", "dani", "nas", "nasa", "nase", "nasi", "mesto",
    "mjesto", "kultura", "sport", "vesti", "vijesti", "novice", "info", "zdravlje", "skola",
    "mladi", "zajedno", "turizam", "leto", "ljeto", "zima", "jesen", "prolece", "proljece",
    "festival", "sajam", "konkurs", "natjecaj", "javni", "poziv", "city", "day", "news", "our",
)  # fmt: skip

LINK_SHORTENERS = (
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "tiny.cc",
    "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "s.id", "lnkd.in", "fb.me",
)  # fmt: skip

# --- announcements: date, time, place (on the search key of the text) ---------------------------

_MONTHS = (
    "januar", "februar", "mart", "april", "maj", "jun", "jul", "avgust", "august", "septemb",
    "oktob", "novemb", "decemb", "sijec", "veljac", "ozuj", "travn", "svib", "lipn", "srpn",
    "kolovoz", "rujn", "listopad", "studen", "prosin", "marca", "junij", "julij", "january",
    "february", "march", "may", "june", "july", "october", "december",
)  # fmt: skip
_WEEKDAYS = (
    "ponedelj", "ponedjelj", "utor", "sred[aiu]", "srijed[aiu]", "cetvrt[aeiuo]k", "pet[ak]",
    "petk", "subot", "nedelj", "nedjelj", "torek", "cetrtek", "sobot", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "danas", "sutra", "today", "tomorrow",
    "tonight", "jutri", "nocas", "veceras", "drevi", "nocoj",
)  # fmt: skip
MONTH = "(?:" + "|".join(_MONTHS) + r")\w*"
DATE_PATTERN = re.compile(
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4}\.?)?"  # 12. 3. 2027, 12.03., 12.3.2027
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"  # 12/3, 3/12/2027
    r"|\b\d{4}-\d{2}-\d{2}\b"  # 2027-03-12
    rf"|\b\d{{1,2}}\.?\s+{MONTH}"  # 12. marta, 12. ožujka, 12 March
    rf"|\b{MONTH}\s+\d{{1,2}}\b"  # March 12
    r"|\b(?:" + "|".join(_WEEKDAYS) + r")\w*"
)
TIME_PATTERN = re.compile(
    r"\b\d{1,2}:\d{2}\b"  # 10:30
    r"|\b\d{1,2}\.(?:00|15|30|45)\b(?!\.\d)"  # 10.00, 18.30 (not a date 12.03.2027)
    r"|\b\d{1,2}\s?(?:h|casova|casa|sati|sat|ure|uri|am|pm|o'clock)\b"  # 10 h, 10 časova
    r"|\b(?:u|ob|at|od|from)\s+\d{1,2}\.(?!\d)"  # ob 10. uri, u 10.
    r"|\b(?:podne|podnev|poldne|noon|midnight|ponoc|polnoc)\b"
)
_PLACE_WORDS = (
    r"sal(?:a|e|i|u|om|ama)", r"ulic\w*", r"zgrad\w*", r"cent(?:ar|ra|ru|rom|er|re)\w*",
    r"dvoran\w*", r"kancelarij\w*", r"prostorij\w*", r"bibliotek\w*", r"knjiznic\w*", r"skol\w*",
    r"sol(?:a|e|i|o)", r"dvorist\w*", r"plato\w*", r"bulevar\w*", r"muzej\w*", r"pozorist\w*",
    r"kazalist\w*", r"teat(?:ar|er|r)\w*", r"gledalisc\w*", r"galerij\w*", r"park\w*",
    r"stadion\w*", r"hal(?:a|e|i|u|om)", r"adres\w*", r"cest(?:a|e|i)", r"trg\w*", r"kin(?:o|a|u)",
    r"hotel\w*", r"restoran\w*", r"amfiteat\w*", r"aul(?:a|e|i)", r"hol(?:u|l)?", r"dom(?:u|ov)?",
    r"sejn\w*", r"sob(?:a|i|o)", r"kabinet\w*", r"street", r"square", r"building", r"room",
    r"library", r"venue", r"hall", r"online", r"zoom", r"kampus\w*", r"fakultet\w*",
    r"atri(?:j|um)\w*", r"plaz(?:a|e|i)", r"pijac\w*", r"trznic\w*", r"stanic\w*", r"ul\.", r"bb",
    r"br\.\s?\d+",
)  # fmt: skip
PLACE_PATTERN = re.compile(r"\b(?:" + "|".join(_PLACE_WORDS) + r")(?!\w)")
