from allauth.mfa.models import Authenticator


def user_has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def positions_of(person):
    return person.positions.select_related("organization").order_by("-since", "pk")


def dashboard_for_user(user) -> dict:
    """What the dashboard shows: a panel for each role the person holds."""
    from glasnik.access.selectors import user_is_platform_admin, user_roles

    return {
        "roles": sorted(user_roles(user)),
        "is_platform_admin": user_is_platform_admin(user),
        "positions": list(positions_of(user)),
        "has_mfa": user_has_mfa(user),
    }
