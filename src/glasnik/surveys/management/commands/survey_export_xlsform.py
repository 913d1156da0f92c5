"""Export a survey as an XLSForm workbook (for KoboToolbox, ODK and pyxform)."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError

from glasnik.surveys.models import Survey
from glasnik.surveys.xlsform import survey_export_xlsform


class Command(BaseCommand):
    help = "Write a survey as an XLSForm workbook."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the survey's address")
        parser.add_argument("file", help="the workbook to write (.xlsx)")

    def handle(self, *args, slug, file, **options):
        survey = Survey.objects.filter(slug=slug).first()
        if survey is None:
            raise CommandError(f"No survey “{slug}”.")
        Path(file).write_bytes(survey_export_xlsform(survey))
        self.stdout.write(f"Exported “{survey.title}” to {file}")
