"""Import an XLSForm (KoboToolbox, ODK) workbook as a new draft survey of a programme or a
network; a malformed form is refused with each problem and its sheet and row, nothing written."""

from pathlib import Path

from django.core.management import BaseCommand, CommandError
from django.utils import translation

from glasnik.networks.models import Network
from glasnik.programs.models import Program
from glasnik.surveys.xlsform import XLSFormError, survey_import_xlsform


class Command(BaseCommand):
    help = "Import an XLSForm workbook as a draft survey of a programme or a network."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the XLSForm workbook (.xlsx)")
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--program", metavar="SLUG", help="the programme that owns the survey")
        owner.add_argument("--network", metavar="SLUG", help="the network that owns the survey")

    def handle(self, *args, file, program=None, network=None, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        model, slug = (Program, program) if program else (Network, network)
        owner = model.objects.filter(slug=slug).first()
        if owner is None:
            raise CommandError(f"No {'programme' if program else 'network'} “{slug}”.")
        with translation.override("en"):
            try:
                with path.open("rb") as handle:
                    result = survey_import_xlsform(
                        owner=owner, actor=None, file=handle, filename=path.name
                    )
            except XLSFormError as error:
                for message in error.messages:
                    self.stderr.write(message)
                raise CommandError(
                    f"{path.name} is not a valid XLSForm: {len(error.problems)} problem(s), "
                    "nothing imported."
                ) from error
            self.stdout.write(
                f"Imported “{result.survey.title}” as survey {result.survey.slug}: "
                f"{result.question_count} questions in {result.section_count} sections"
            )
            for item in result.unsupported:
                self.stdout.write(f"unsupported: {item}")
