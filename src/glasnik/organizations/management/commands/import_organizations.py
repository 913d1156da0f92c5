from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from glasnik.organizations.services import (
    ImportResult,
    OrganizationImportError,
    organizations_import_paths,
)


def report_import(command: BaseCommand, result: ImportResult) -> None:
    command.stdout.write(
        command.style.SUCCESS(
            _("Organizations: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % result.as_dict()
        )
    )


def import_error(error: OrganizationImportError) -> CommandError:
    header = _("Nothing was imported. Fix these rows and run the import again:")
    return CommandError("\n".join([header, *(f"  {problem}" for problem in error.problems)]))


class Command(BaseCommand):
    help = (
        "Create or update organizations from CSV files; all rows are checked before any is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="UTF-8 CSV files")

    def handle(self, *args, files, **options):
        missing = [path for path in files if not Path(path).is_file()]
        if missing:
            raise CommandError(_("No such file: %(files)s") % {"files": ", ".join(missing)})
        try:
            result = organizations_import_paths(paths=files)
        except OrganizationImportError as error:
            raise import_error(error) from error
        report_import(self, result)
