"""Demo networks for `manage.py demo`: the Serbian and the Slovenian network of communicators,
their organisers and members. Idempotent."""

from django.contrib.auth import get_user_model
from django.db import transaction

from glasnik.access.models import Role
from glasnik.access.services import role_grant
from glasnik.organizations.models import Organization

from .models import (
    Interest,
    Membership,
    MembershipStatus,
    Network,
    TopicKind,
    TopicProposal,
    TopicStatus,
)
from .services.memberships import membership_apply, membership_approve
from .services.topics import topic_propose, topic_status_set, topic_vote_cast

EMAIL_DOMAIN = "demo.glasnik.test"

# Each network's organisers name the interests members choose from, in the network's language.
INTERESTS = {
    "mreza-komunikatora-srbija": [
        ("content-planning", "Planiranje sadržaja"),
        ("visual-communication", "Vizuelna komunikacija"),
        ("crisis-communication", "Krizno komuniciranje"),
        ("analytics", "Analitika društvenih mreža"),
        ("media-relations", "Odnosi s medijima"),
        ("writing-for-web", "Pisanje za internet"),
        ("video", "Video"),
        ("accessibility", "Pristupačnost"),
    ],
    "mreza-komunikatorjev": [
        ("content-planning", "Načrtovanje vsebin"),
        ("visual-communication", "Vizualno komuniciranje"),
        ("crisis-communication", "Krizno komuniciranje"),
        ("analytics", "Analitika družbenih omrežij"),
        ("media-relations", "Odnosi z mediji"),
        ("writing-for-web", "Pisanje za splet"),
        ("video", "Video"),
        ("accessibility", "Dostopnost"),
    ],
}

NETWORKS = [
    {
        "slug": "mreza-komunikatora-srbija",
        "association": ("RS", "Stalna konferencija gradova i opština"),
        "name": "Мрежа комуникатора локалних самоуправа",
        "summary": (
            "Платформа за узајамно учење службеника за односе с јавношћу у градовима и општинама."
        ),
        "aims": (
            "Јачање компетенција комуникатора, размена искуства и добре праксе, "
            "заједничко учење на месечним састанцима."
        ),
        "audience": (
            "Службеници за односе с јавношћу у градовима, општинама и јавним установама, "
            "начелници управа и градоначелници који сами комуницирају с јавношћу."
        ),
        "how_it_works": (
            "Мрежа се састаје отприлике једном месечно, онлајн или уживо. Први састанак "
            "утврђује потребе за учењем за годину; начин рада прилагођава се члановима."
        ),
        "time_zone": "Europe/Belgrade",
        "language": "sr",
        "organisers": ["jelena.markovic"],
        "members": ["marko.petrovic", "ana.jovanovic", "milica.stojanovic", "amra.hodzic"],
    },
    {
        "slug": "mreza-komunikatorjev",
        "association": ("SI", "Skupnost občin Slovenije"),
        "name": "Mreža komunikatorjev v občinah",
        "summary": "Platforma medsebojnega učenja za komunikatorje v občinah in javnih zavodih.",
        "aims": "Dvig kompetenc, izobraževanje, izmenjava dobrih praks in izkušenj.",
        "audience": (
            "Komunikatorji v občinah in občinskih javnih zavodih, direktorji občinskih uprav "
            "in župani, ki sami skrbijo za stike z javnostjo."
        ),
        "how_it_works": (
            "Mreža se srečuje približno mesečno. Prvo srečanje določi potrebe po izobraževanju "
            "za leto; način dela se prilagaja željam članov."
        ),
        "time_zone": "Europe/Ljubljana",
        "language": "sl",
        "organisers": ["mojca.novak"],
        "members": ["luka.kovac"],
    },
]


def demo_person(local_part: str):
    """The demo's person with this login (the part of the address before @)."""
    return get_user_model().objects.get(email=f"{local_part}@{EMAIL_DOMAIN}")


def demo_primary_position(person):
    """The position the person took most recently: the institution they act for."""
    return person.positions.select_related("organization").order_by("-since", "pk").first()


def _network(spec: dict) -> Network:
    country, association_name = spec["association"]
    association = Organization.objects.get(country=country, name=association_name)
    fields = {key: spec[key] for key in ("name", "summary", "aims", "audience", "how_it_works")} | {
        "time_zone": spec["time_zone"],
        "language": spec["language"],
        "organization": association,
    }
    network, _ = Network.objects.update_or_create(slug=spec["slug"], defaults=fields)
    return network


def _member(network: Network, person, organiser) -> Membership:
    membership = Membership.objects.filter(network=network, person=person).first()
    if membership is not None and membership.status == MembershipStatus.MEMBER:
        return membership
    position = demo_primary_position(person)
    membership = membership_apply(
        network=network,
        person=person,
        organization=position.organization if position else None,
        position_title=position.title if position else "",
    )
    return membership_approve(membership=membership, actor=organiser)


def _interests(network: Network) -> list[Interest]:
    return [
        Interest.objects.update_or_create(network=network, slug=slug, defaults={"name": name})[0]
        for slug, name in INTERESTS[network.slug]
    ]


@transaction.atomic
def demo_networks() -> list[Network]:
    networks = []
    for spec in NETWORKS:
        network = _network(spec)
        interests = _interests(network)
        organisers = [demo_person(local_part) for local_part in spec["organisers"]]
        for organiser in organisers:
            role_grant(person=organiser, role=Role.ORGANISER, scope=network)
        for number, local_part in enumerate(spec["members"]):
            membership = _member(network, demo_person(local_part), organisers[0])
            membership.interests.add(*interests[number % len(interests) :: 3])
        networks.append(network)
    demo_topics(networks[0])
    from .demo_calls import demo_calls

    demo_calls(networks)
    return networks


# (author, title, description, kind, voters, status) for the Serbian network.
TOPICS = [
    (
        "marko.petrovic",
        "Кризно комуницирање током ванредних ситуација",
        "Како обавештавати грађане на друштвеним мрежама током поплава и прекида снабдевања.",
        TopicKind.TRAINING,
        ["ana.jovanovic", "milica.stojanovic", "amra.hodzic"],
        TopicStatus.PLANNED,
    ),
    (
        "ana.jovanovic",
        "Kratki video za Instagram i TikTok",
        "Snimanje i montaža telefonom: razmena iskustava i primera opština.",
        TopicKind.MEETING,
        ["marko.petrovic", "milica.stojanovic"],
        TopicStatus.PROPOSED,
    ),
    (
        "milica.stojanovic",
        "Pristupačne objave za osobe sa invaliditetom",
        "Alternativni tekst, titlovi i kontrast na društvenim mrežama.",
        TopicKind.MEETING,
        ["amra.hodzic"],
        TopicStatus.PROPOSED,
    ),
]


def demo_topics(network: Network) -> None:
    """Topic proposals with votes, so the members' list of topics is not empty."""
    for author, title, description, kind, voters, status in TOPICS:
        proposal = TopicProposal.objects.filter(network=network, title=title).first()
        if proposal is None:
            proposal = topic_propose(
                network=network,
                author=demo_person(author),
                title=title,
                description=description,
                kind=kind,
            )
            for voter in voters:
                topic_vote_cast(proposal=proposal, person=demo_person(voter))
        if proposal.status != status:
            organiser = demo_person(NETWORKS[0]["organisers"][0])
            topic_status_set(proposal=proposal, status=status, actor=organiser)
