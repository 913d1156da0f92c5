from django.apps import AppConfig


class SiteConfig(AppConfig):
    """Pages and commands above the domain apps: what reads or writes several of them. No
    models, so the admin never shows its name."""

    name = "glasnik.site"
