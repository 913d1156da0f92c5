"""Import a competition's open archive as a new, read-only competition."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.utils import translation

from glasnik.competitions.archive import archive_import, archive_load
from glasnik.programs.models import Program


class Command(BaseCommand):
    help = "Import a glasnik-competition/1 archive as a new, read-only competition."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive (JSON)")
        parser.add_argument("--program", help="the address of the programme it belongs to")

    def handle(self, *args, file, program=None, **options):
        with translation.override("en"):
            try:
                text = Path(file).read_text(encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot read {file}: {error}") from error
            owner = None
            if program:
                owner = Program.objects.filter(slug=program).first()
                if owner is None:
                    raise CommandError(f"No programme “{program}”.")
            try:
                competition = archive_import(archive_load(text), program=owner)
            except ValidationError as error:
                problems = "\n".join(f"- {message}" for message in error.messages)
                raise CommandError(f"The archive is refused:\n{problems}") from error
        self.stdout.write(f"Imported “{competition.title}” as {competition.slug}")
