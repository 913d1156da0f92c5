"""Demo data: the competition of cities and municipalities that ends the demo programme (seed
000), in two population bands with five weighted criteria. Four participants' institutions
have entered; the jury period is under way: three jurors have scored, one declared a conflict
(Dragan Ilić, on Niš) and one is excluded automatically where he works (Nenad Pavlović, at
Kragujevac). The public vote opens after the jury. Safe to run again."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from glasnik.core.demo import demo_png
from glasnik.programs.models import Enrolment, EnrolmentStatus, Program

from . import selectors, services
from .models import Competition, Eligibility, Method

EMAIL_DOMAIN = "demo.glasnik.test"
SLUG = "najbolje-predstavljanje-na-drustvenim-mrezama"
BANDS = [
    ("do-200-hiljada", "Do 200.000 stanovnika"),
    ("preko-200-hiljada", "Preko 200.000 stanovnika"),
]
CRITERIA = [
    {"key": "sadrzaj", "name": "Kvalitet i korisnost sadržaja", "weight": 3, "max": 5},
    {"key": "vizuelni-identitet", "name": "Vizuelni identitet", "weight": 2, "max": 5},
    {"key": "interakcija", "name": "Interakcija sa građanima", "weight": 2, "max": 5},
    {"key": "redovnost", "name": "Redovnost objavljivanja", "weight": 1, "max": 5},
    {"key": "inovativnost", "name": "Inovativnost", "weight": 1, "max": 5},
]
RULES = (
    "Takmičenje je otvoreno za gradove i opštine čiji su zaposleni učestvovali u programu. "
    "Svaka institucija prijavljuje svoje naloge na društvenim mrežama u jednoj kategoriji "
    "prema broju stanovnika, sa pet primera objava iz perioda koji prijava obuhvata. Žiri "
    "ocenjuje svaku prijavu prema pet kriterijuma; član žirija iz institucije koja se "
    "prijavila, ili iz njoj nadređene ili podređene institucije, ne ocenjuje tu prijavu."
)
# participant → (band, description, metric)
ENTRANTS = {
    "marko.petrovic": (
        0,
        "Grad Kragujevac na Fejsbuku i Instagramu: vesti iz gradske uprave, "
        "servisne informacije i priče o građanima.",
        "4.20",
    ),
    "amra.hodzic": (
        0,
        "Grad Tuzla: redovne objave o komunalnim radovima i kulturnim "
        "događajima, odgovori na pitanja građana.",
        "3.10",
    ),
    "ana.jovanovic": (
        1,
        "Grad Niš: kampanje o javnom prevozu i video serijal o mesnim zajednicama.",
        "5.60",
    ),
    "milica.stojanovic": (
        1,
        "Grad Novi Sad: dnevne informacije, prenosi sednica i saveti za građane.",
        None,
    ),
}
JURORS = ["vesna.djordjevic", "dragan.ilic", "nenad.pavlovic"]
DECLARED = ("dragan.ilic", "ana.jovanovic")


def _person(local_part: str):
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


@transaction.atomic
def demo_competitions(program: Program) -> Competition:
    existing = Competition.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    organiser = _person("jelena.markovic")
    now = timezone.now()
    competition = services.competition_create(
        program=program,
        actor=organiser,
        slug=SLUG,
        title="Najbolje predstavljanje na društvenim mrežama",
        rules=RULES,
        eligibility=Eligibility.ENROLLED,
        entries_open_at=now - timedelta(days=30),
        entries_close_at=now + timedelta(hours=1),
        jury_starts_at=now - timedelta(days=1),
        jury_ends_at=now + timedelta(days=14),
        vote_opens_at=now + timedelta(days=14),
        vote_closes_at=now + timedelta(days=21),
        method=Method.MEAN,
        alpha="0.1",
        beta="0.1",
        metric_name="Stopa angažovanja prema dosegu (%)",
        categories=BANDS,
        criteria=CRITERIA,
    )
    categories = list(competition.categories.all())
    entries = {}
    for local_part, (band, description, metric) in ENTRANTS.items():
        person = _person(local_part)
        enrolment = Enrolment.objects.get(
            program=program, person=person, status=EnrolmentStatus.ENROLLED
        )
        entry = services.entry_create(
            competition=competition,
            category=categories[band],
            institution=enrolment.organization,
            actor=person,
            description=description,
            profile_links=[f"https://www.facebook.com/{enrolment.organization.slug}"],
        )
        services.example_post_add(
            entry=entry,
            actor=person,
            url=f"https://www.facebook.com/{enrolment.organization.slug}/posts/1",
            screenshot=demo_png(f"{enrolment.organization.slug}-objava.png", "Radovi na vodovodu"),
            why_chosen="Objava o radovima na vodovodu dobila je najviše pitanja građana, "
            "i na sva smo odgovorili istog dana.",
        )
        services.entry_submit(entry=entry, actor=person)
        if metric is not None:
            services.entry_metric_set(entry=entry, value=metric, actor=organiser)
        entries[local_part] = entry
    # The entries have closed; the jury is at work.
    services.competition_timeline_set(
        competition=competition, actor=organiser, entries_close_at=now - timedelta(days=2)
    )
    criteria = list(competition.criteria.all())
    for number, local_part in enumerate(JURORS):
        juror = services.juror_assign(
            competition=competition, person=_person(local_part), actor=organiser
        )
        for entrant, entry in entries.items():
            if (local_part, entrant) == DECLARED:
                services.conflict_declare(
                    juror=juror, entry=entry, actor=juror.person, reason="Savetnik te opštine."
                )
            if selectors.juror_conflicted(juror, entry):
                continue
            for position, criterion in enumerate(criteria):
                value = 2 + (number + position + len(entrant)) % 4
                services.score_set(
                    juror=juror, entry=entry, criterion=criterion, value=value, actor=juror.person
                )
            services.feedback_set(
                juror=juror,
                entry=entry,
                feedback="Jasne i korisne objave; više videa i brži odgovori na komentare "
                "bi dodatno približili rad uprave građanima.",
                actor=juror.person,
            )
    return competition
