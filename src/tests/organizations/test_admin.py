import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse

from glasnik.accounts.models import User
from glasnik.audit.models import AuditLogEntry
from glasnik.organizations.models import Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, login_with_second_factor):
    user = User.objects.create_superuser(email="admin@example.org", password="pw-for-tests-only")
    TOTP.activate(user, "GLASNIKTESTSECRETGLASNIKTESTSECR")  # administrators must have MFA
    login_with_second_factor(client, user)
    return client


def test_admin_search_finds_by_code(admin_client, make_organization):
    make_organization(name="Niš", slug="rs-nis", official_code="70858")
    make_organization(name="Bor", slug="rs-bor", official_code="70327")

    response = admin_client.get(reverse("admin:organizations_organization_changelist") + "?q=70858")

    assert [o.name for o in response.context["cl"].result_list] == ["Niš"]


def test_admin_edit_is_audited_and_refreshes_search(admin_client, make_organization):
    bor = make_organization(name="Bor", slug="rs-bor", kind="city")

    response = admin_client.post(
        reverse("admin:organizations_organization_change", args=[bor.pk]),
        {
            "name": "Grad Bor",
            "name_cyrillic": "Град Бор",
            "slug": "rs-bor",
            "country": "RS",
            "kind": "city",
            "official_code": "70327",
            "region": "Borski okrug",
            "population": "",
            "website": "",
            "email": "",
            "children-TOTAL_FORMS": "0",
            "children-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    bor.refresh_from_db()
    assert bor.official_code == "70327"
    assert bor.search_name == "grad bor"  # one script: the Cyrillic name has the same key
    entry = AuditLogEntry.objects.get(action="organizations.organization.changed")
    assert entry.data == {"fields": ["name", "name_cyrillic", "official_code", "region"]}
    assert Organization.objects.count() == 1


def _unsearchable_relations(model_admin, model, request, *, parent_link: str = "") -> list[str]:
    """Fields of an admin form that would list every institution or every person."""
    obj = model()
    if not (
        model_admin.has_add_permission(request, *([obj] if parent_link else []))
        or model_admin.has_change_permission(request, obj)
    ):
        return []  # shown read-only: a name, not a list
    shown = set(flatten_fieldsets(model_admin.get_fieldsets(request, obj)))
    searchable = {
        *model_admin.raw_id_fields,
        *model_admin.autocomplete_fields,
        *model_admin.get_readonly_fields(request, obj),
    }
    return [
        f"{model.__name__}.{field.name}"
        for field in model._meta.get_fields()
        if field.concrete
        and (field.many_to_one or field.many_to_many or field.one_to_one)
        and field.related_model in (User, Organization)
        and field.name in shown
        and field.name not in searchable
        and field.name != parent_link
    ]


def test_admin_forms_never_list_every_institution_or_person(rf):
    request = rf.get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    found = []
    for model, model_admin in admin.site._registry.items():
        found += _unsearchable_relations(model_admin, model, request)
        for inline in model_admin.get_inline_instances(request, model()):
            link = _fk_name(inline, model)
            found += _unsearchable_relations(inline, inline.model, request, parent_link=link)

    assert found == []


def _fk_name(inline, parent) -> str:
    from django.forms.models import _get_foreign_key

    return _get_foreign_key(parent, inline.model, fk_name=inline.fk_name).name


def test_admin_institution_search_folds_script_and_diacritics(admin_client, make_organization):
    nis = make_organization(name="Grad Niš", name_cyrillic="Град Ниш", kind="city")
    make_organization(name="Grad Bor", kind="city")

    for query in ("nis", "Ниш", "NIŠ"):
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {
                "term": query,
                "app_label": "networks",
                "model_name": "network",
                "field_name": "organization",
            },
        )

        assert [item["id"] for item in response.json()["results"]] == [str(nis.pk)], query
