"""Dates and times as people write them in each interface language (FORMAT_MODULE_PATH).

Django's own format modules are the fallback for anything not set here (input formats, number
separators). What is set here, and why:
- Serbian, Bosnian and Croatian write the year of a date with a full stop ("6. januar 2027."), so
  a sentence that ends with a date needs no second one: translations leave it out.
- Croatian names the month in the genitive ("6. siječnja 2027."), as does Slovenian ("6. januarja
  2027"; locale-vendor/django/sl supplies the genitive names Django lacks), which writes no full
  stop after the year and separates hours and minutes with one ("ob 14.00").
- A short date is "6. 1. 2027." (Slovenian "6. 1. 2027"); times are on the 24-hour clock.
- English is written as in Europe, on the 24-hour clock ("6 January 2027, 14:00"): Django's
  "Jan. 6, 2027, 2 p.m." put two full stops at the end of a sentence.
- Django's Bosnian formats wrote "6. Jan.. 2027." and "2027 Jan 6"; Slovenian used the Serbian
  "6. januar 2027. 02:00".
"""
