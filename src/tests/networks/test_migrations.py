"""The data migrations of this app: each network's language written from its institution's
country, and the shared list of interests turned into one list per network."""

import pytest
from migrating import back_to_latest_migrations, migrate_to

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures(back_to_latest_migrations.__name__),
]

BEFORE = [
    ("networks", "0002_directory_search"),
    ("organizations", "0003_search_name_in_one_script"),
    ("accounts", "0002_preferred_language_bosnian_cyrillic"),
]
AFTER = [
    ("networks", "0009_interest_network_required"),
    ("organizations", "0005_content_language_from_country"),
]


def test_languages_and_interests_are_given_to_each_network():
    old = migrate_to(BEFORE)
    Organization = old.get_model("organizations", "Organization")
    Network = old.get_model("networks", "Network")
    Interest = old.get_model("networks", "Interest")
    Membership = old.get_model("networks", "Membership")
    User = old.get_model("accounts", "User")
    serbian = Network.objects.create(
        name="Mreža komunikatora",
        slug="rs",
        organization=Organization.objects.create(
            name="SKGO", slug="skgo", country="RS", kind="association"
        ),
    )
    slovenian = Network.objects.create(
        name="Mreža komunikatorjev",
        slug="si",
        organization=Organization.objects.create(
            name="SOS", slug="sos", country="SI", kind="association"
        ),
    )
    video = Interest.objects.create(name="Video", slug="video")
    Interest.objects.create(name="Pristupačnost", slug="accessibility")
    for network, email in ((serbian, "ana@example.org"), (slovenian, "luka@example.org")):
        person = User.objects.create(email=email)
        Membership.objects.create(network=network, person=person).interests.add(video)

    new = migrate_to(AFTER)

    Network = new.get_model("networks", "Network")
    Membership = new.get_model("networks", "Membership")
    assert dict(Network.objects.values_list("slug", "language")) == {"rs": "sr", "si": "sl"}
    by_network = {
        slug: sorted(Network.objects.get(slug=slug).interests.values_list("name", flat=True))
        for slug in ("rs", "si")
    }
    assert by_network == {"rs": ["Pristupačnost", "Video"], "si": ["Pristupačnost", "Video"]}
    for membership in Membership.objects.all():
        (interest,) = membership.interests.all()
        assert interest.network_id == membership.network_id
        assert interest.name == "Video"
