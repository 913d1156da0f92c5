"""Keep personal data out of logs: email addresses and phone numbers are masked."""

import logging
import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# Not inside a longer token: the digits of a UUID or a hash are not a phone number.
PHONE = re.compile(r"(?<![\w-])\+?\d[\d /-]{7,}\d(?![\w-])")


def scrub(text: str) -> str:
    return PHONE.sub("[phone]", EMAIL.sub("[email]", text))


class ScrubPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        return True
