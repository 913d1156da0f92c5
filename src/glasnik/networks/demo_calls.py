"""Demo calls for expressions of interest: an open call for each demo network, its membership
statement, and a few statements (some approved, some awaiting a decision). Idempotent."""

from datetime import timedelta

from django.utils import timezone

from glasnik.core.demo import demo_pdf

from .models import Call, Network, QuestionKind, Statement, StatementQuestion
from .services.calls import Decision, statement_decide, statement_submit

SERBIAN_PRIVACY = (
    "Стална конференција градова и општина обрађује податке из ове изјаве (име, институцију, "
    "радно место, контакт и одговоре) ради пријема у Мрежу комуникатора и организовања њеног "
    "рада, на основу вашег пристанка. Подаци се чувају док сте члан мреже и годину дана након "
    "тога. Пристанак можете повући у сваком тренутку писмом на адресу мреже; повлачење не утиче "
    "на законитост ранијег обрађивања."
)
SLOVENIAN_PRIVACY = (
    "Skupnost občin Slovenije obdeluje podatke iz te izjave (ime, ustanovo, delovno mesto, "
    "kontakt in odgovore) za namen včlanitve v Mrežo komunikatorjev in organizacije njenega dela, "
    "na podlagi vaše privolitve. Podatke hranimo, dokler ste član mreže, in še eno leto zatem. "
    "Privolitev lahko kadar koli prekličete s sporočilom na naslov mreže."
)

CALLS = {
    "mreza-komunikatora-srbija": {
        "slug": "javni-poziv-2026",
        "title": "Јавни позив за исказивање интереса за чланство у Мрежи комуникатора 2026.",
        "text": (
            "Стална конференција градова и општина позива службенике за односе с јавношћу "
            "градова, општина и њихових јавних установа да се прикључе Мрежи комуникатора "
            "локалних самоуправа.\n\n"
            "Мрежа је платформа за узајамно учење: чланови се састају отприлике једном месечно, "
            "размењују искуства и добре праксе и заједно утврђују теме обука. Први састанак "
            "утврђује потребе за учењем за годину.\n\n"
            "Интерес се исказује попуњавањем онлајн изјаве о чланству до рока наведеног у позиву."
        ),
        "eligibility": (
            "Службеници за односе с јавношћу у градовима, општинама и градским општинама, "
            "запослени у јавним установама и предузећима чији је оснивач локална самоуправа, "
            "начелници управа и градоначелници и председници општина који сами комуницирају с "
            "јавношћу."
        ),
        "questions": [
            (QuestionKind.TEXT, "Организациона јединица у којој радите", "", True, ""),
            (
                QuestionKind.CHOICE,
                "Колико дуго радите на пословима комуникације?",
                "Мање од годину дана\nОд 1 до 3 године\nОд 3 до 10 година\nДуже од 10 година",
                True,
                "",
            ),
            (
                QuestionKind.YES_NO,
                "Да ли уређујете налоге институције на друштвеним мрежама?",
                "",
                True,
                "",
            ),
            (
                QuestionKind.LONG_TEXT,
                "Шта очекујете од Мреже и које теме бисте желели да обрадимо?",
                "",
                True,
                "",
            ),
            (
                QuestionKind.FILE,
                "Пример објаве или кампање на коју сте поносни (по жељи)",
                "",
                False,
                "",
            ),
            (
                QuestionKind.CONSENT,
                "Сагласан/сагласна сам са обрадом података о личности",
                "",
                True,
                SERBIAN_PRIVACY,
            ),
        ],
        "answers": [
            "Кабинет градоначелника",
            "Од 3 до 10 година",
            "yes",
            "Планирање садржаја и кризно комуницирање.",
            None,
            True,
        ],
        "approved": ["marko.petrovic", "ana.jovanovic"],
        "submitted": ["vesna.djordjevic", "nenad.pavlovic"],
    },
    "mreza-komunikatorjev": {
        "slug": "javni-poziv-2026",
        "title": "Javni poziv k izrazu interesa za članstvo v Mreži komunikatorjev 2026",
        "text": (
            "Skupnost občin Slovenije oblikuje mrežo komunikatorjev v občinah in njihovih javnih "
            "zavodih. Udeležba je brezplačna.\n\n"
            "Cilji mreže so dvig kompetenc, izobraževanje za začetnike in izkušene, zbirka dobrih "
            "praks in izmenjava izkušenj. Mreža se srečuje približno mesečno.\n\n"
            "Interes izrazite z oddajo spletne izjave o članstvu do roka."
        ),
        "eligibility": (
            "Komunikatorji v občinah in občinskih javnih zavodih, direktorji občinskih uprav in "
            "župani, ki sami skrbijo za odnose z javnostmi."
        ),
        "questions": [
            (QuestionKind.TEXT, "Oddelek ali služba, v kateri delate", "", True, ""),
            (
                QuestionKind.CHOICE,
                "Koliko let delate na področju komuniciranja?",
                "Manj kot eno leto\nOd 1 do 3 let\nOd 3 do 10 let\nVeč kot 10 let",
                True,
                "",
            ),
            (
                QuestionKind.YES_NO,
                "Ali urejate profile občine na družbenih omrežjih?",
                "",
                True,
                "",
            ),
            (QuestionKind.LONG_TEXT, "Katere teme bi želeli obravnavati v mreži?", "", False, ""),
            (
                QuestionKind.CONSENT,
                "Soglašam z obdelavo osebnih podatkov",
                "",
                True,
                SLOVENIAN_PRIVACY,
            ),
        ],
        "answers": ["Kabinet župana", "Od 1 do 3 let", "yes", "Analitika in video.", True],
        "approved": ["luka.kovac"],
        "submitted": [],
    },
}


def _call(network: Network, spec: dict) -> Call:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    fields = {
        "title": spec["title"],
        "text": spec["text"],
        "eligibility": spec["eligibility"],
        "opens_at": now - timedelta(days=14),
        "closes_at": now + timedelta(days=30),
        "fee": None,
        "is_published": True,
    }
    call, _ = Call.objects.update_or_create(network=network, slug=spec["slug"], defaults=fields)
    if not call.questions.exists():
        for position, (kind, label, options, required, privacy) in enumerate(spec["questions"]):
            StatementQuestion.objects.create(
                call=call,
                position=position,
                kind=kind,
                label=label,
                options=options,
                is_required=required,
                privacy_text=privacy,
            )
    return call


def _statement(call: Call, spec: dict, local_part: str) -> Statement | None:
    from .demo import demo_person, demo_primary_position

    person = demo_person(local_part)
    existing = Statement.objects.filter(call=call, person=person).first()
    if existing is not None:
        return None
    position = demo_primary_position(person)
    if position is None:
        return None
    questions = list(call.questions.all())
    answers = {
        question.pk: answer
        for question, answer in zip(questions, spec["answers"], strict=False)
        if answer is not None
    }
    if local_part == spec["approved"][0]:
        # The first approved statement comes with an example, so its file can be opened.
        for question in questions:
            if question.kind == QuestionKind.FILE:
                answers[question.pk] = demo_pdf("primer-objave.pdf", "Primer objave")
    return statement_submit(
        call=call,
        person=person,
        organization=position.organization,
        position_title=position.title,
        answers=answers,
        notify=False,  # demo people have no real inboxes
    )


def demo_calls(networks) -> None:
    for network in networks:
        spec = CALLS.get(network.slug)
        if spec is None:
            continue
        call = _call(network, spec)
        organiser = next(iter(network_organisers(network)), None)
        for local_part in spec["approved"]:
            statement = _statement(call, spec, local_part)
            if statement is not None and organiser is not None:
                statement_decide(
                    statement=statement,
                    actor=organiser,
                    decision=Decision.APPROVE,
                    notify=False,
                )
        for local_part in spec["submitted"]:
            _statement(call, spec, local_part)


def network_organisers(network: Network):
    from glasnik.access.models import Role
    from glasnik.access.selectors import role_holders

    return role_holders(Role.ORGANISER, network).order_by("pk")
