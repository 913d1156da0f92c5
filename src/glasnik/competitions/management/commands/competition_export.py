"""Write a competition's open archive (format glasnik-competition/1)."""

import json
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from glasnik.competitions.archive import archive_export
from glasnik.competitions.models import Competition


class Command(BaseCommand):
    help = "Write a competition's archive, from which anyone can recompute its results."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the competition's address")
        parser.add_argument("file", help="the JSON file to write")
        parser.add_argument(
            "--pseudonymous",
            action="store_true",
            help="key institutions by pseudonyms instead of their addresses",
        )

    def handle(self, *args, slug, file, pseudonymous, **options):
        competition = Competition.objects.filter(slug=slug).first()
        if competition is None:
            raise CommandError(f"No competition “{slug}”.")
        archive = archive_export(competition, pseudonymous=pseudonymous)
        Path(file).write_text(json.dumps(archive, ensure_ascii=False, indent=1), encoding="utf-8")
        self.stdout.write(f"Exported “{competition.title}” to {file}")
