import pytest
from django.core.management import call_command

from glasnik.competitions.demo import SLUG
from glasnik.competitions.models import Competition
from glasnik.competitions.selectors import competition_results

pytestmark = pytest.mark.django_db


def test_demo_competition_has_scored_entries_in_two_bands_with_conflicts(capsys):
    call_command("demo")
    call_command("demo")  # idempotent
    capsys.readouterr()
    competition = Competition.objects.get(slug=SLUG)
    assert competition.criteria.count() == 5
    assert competition.jurors.count() == 3
    assert competition.entries.filter(status="submitted").count() == 4
    assert competition.scoring_open()
    results = competition_results(competition)
    assert list(results) == ["do-200-hiljada", "preko-200-hiljada"]
    reasons = sorted(
        reason for rows in results.values() for row in rows for reason in row.excluded.values()
    )
    # Nenad Pavlović's own city is not scored; Dragan Ilić declared a conflict on Niš.
    totals = sum(len(row.totals) for rows in results.values() for row in rows)
    assert totals == 3 * 4 - 2
    assert reasons == []  # refused before anything was written, so no sheet to leave out
    assert all(row.rank for rows in results.values() for row in rows)
