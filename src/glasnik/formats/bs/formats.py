# Bosnian (and, converted to Cyrillic, bs-cyrl): "6. januar 2027.", "6. januar 2027. u 14:00",
# "6. 1. 2027."
DATE_FORMAT = "j. F Y."
TIME_FORMAT = "G:i"
DATETIME_FORMAT = r"j. F Y. \u G:i"
YEAR_MONTH_FORMAT = "F Y."
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "j. n. Y."
SHORT_DATETIME_FORMAT = "j. n. Y. G:i"
