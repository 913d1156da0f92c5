from django.core.management.base import BaseCommand

from glasnik.organizations.services import OrganizationImportError, reference_organizations_load

from .import_organizations import import_error, report_import


class Command(BaseCommand):
    help = (
        "Load the shipped lists of municipalities of Serbia, Bosnia and Herzegovina and Slovenia."
    )

    def handle(self, *args, **options):
        try:
            result = reference_organizations_load()
        except OrganizationImportError as error:
            raise import_error(error) from error
        report_import(self, result)
