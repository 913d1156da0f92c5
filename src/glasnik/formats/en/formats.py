# English, as written in Europe: "6 January 2027", "6 January 2027, 14:00", "6 Jan 2027".
# (Django's "Jan. 6, 2027, 2 p.m." ended a sentence with two full stops.)
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
