"""Serbian Latin ↔ Cyrillic from standard input to standard output."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from glasnik.core.transliteration import transliterate, transliterate_html


class Command(BaseCommand):
    help = (
        "Transliterate Serbian UTF-8 text from standard input to standard output, line for line "
        "(with --html the whole input is read first, as one document)."
    )
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument("--to", required=True, choices=["cyrl", "latn"], dest="target")
        parser.add_argument(
            "--html", action="store_true", help="Treat the input as HTML: convert only the text."
        )
        parser.add_argument(
            "--errors",
            choices=["strict", "replace"],
            default="strict",
            help="Invalid UTF-8: stop with an error naming the line (strict, the default), or "
            "write U+FFFD for each bad byte and say so on standard error (replace).",
        )

    def handle(self, *args, target, html, errors, **options):
        source = options.get("stdin") or sys.stdin.buffer
        lines = _decoded_lines(source, errors, self.stderr)
        if html:
            self._write(transliterate_html("".join(lines), target))
            return
        for line in lines:
            self._write(transliterate(line, target))

    def _write(self, text: str) -> None:
        self.stdout.write(text, ending="")
        self.stdout.flush()


def _decoded_lines(source, errors: str, stderr):
    """The input's lines as text, line endings kept. `source` yields bytes (or text, in tests)."""
    for number, raw in enumerate(source, start=1):
        if isinstance(raw, str):
            yield raw
            continue
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            if errors == "strict":
                raise CommandError(_invalid_line_message(number, error)) from error
            stderr.write(_invalid_line_message(number, error))
            yield raw.decode("utf-8", errors="replace")


def _invalid_line_message(number: int, error: UnicodeDecodeError) -> str:
    return _("Line %(line)d is not valid UTF-8 (byte 0x%(byte)02x at position %(column)d).") % {
        "line": number,
        "byte": error.object[error.start],
        "column": error.start + 1,
    }
