"""`manage.py check --deploy` says what a production deployment gets wrong."""

from django.core.checks import Tags, run_checks


def deploy_check_ids() -> list[str]:
    return [
        message.id for message in run_checks(tags=[Tags.caches], include_deployment_checks=True)
    ]


def test_deploy_check_warns_when_each_process_has_its_own_cache():
    assert "glasnik.W001" in deploy_check_ids()


def test_deploy_check_is_quiet_with_a_shared_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/9",  # not contacted: the check reads settings
        },
        "layout": settings.CACHES["layout"],
    }

    assert "glasnik.W001" not in deploy_check_ids()


def test_deploy_check_warning_can_be_silenced(settings):
    settings.SILENCED_SYSTEM_CHECKS = ["glasnik.W001"]

    messages = run_checks(tags=[Tags.caches], include_deployment_checks=True)

    assert not [message for message in messages if not message.is_silenced()]
