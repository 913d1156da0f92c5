"""Print a competition's results per category: rank, entry, final score and jury score."""

import csv
import json

from django.core.management import BaseCommand, CommandError

from glasnik.competitions.models import Competition
from glasnik.competitions.scoring import results_rows
from glasnik.competitions.selectors import competition_results


class Command(BaseCommand):
    help = "Print a competition's results (scores rounded to 4 decimals)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the competition's address")
        parser.add_argument("--format", choices=("json", "csv"), default="json")

    def handle(self, *args, slug, format, **options):
        competition = Competition.objects.filter(slug=slug).first()
        if competition is None:
            raise CommandError(f"No competition “{slug}”.")
        rows = results_rows(competition_results(competition))
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        writer = csv.writer(self.stdout, lineterminator="\n")
        writer.writerow(["category", "rank", "entry", "final", "jury"])
        for category, results in rows.items():
            for row in results:
                writer.writerow(
                    [
                        category,
                        _blank(row["rank"]),
                        row["entry"],
                        _blank(row["final"]),
                        _blank(row["jury"]),
                    ]
                )


def _blank(value):
    return "" if value is None else value
