import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glasnik.settings.production")
application = get_wsgi_application()

from django.db import connections  # noqa: E402 - Django is set up by now

from glasnik.core.checks import check_before_serving  # noqa: E402

# Refuse to start rather than serve, e.g. with the demo's logins (glasnik.accounts.checks); the
# connection the checks opened is not handed on to forked workers.
check_before_serving()
connections.close_all()
