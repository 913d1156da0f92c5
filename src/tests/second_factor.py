"""Signing a test client in as allauth does after the password and the second factor.

Organisers, jurors, administrators and staff need a session that passed the second factor
(glasnik.accounts.middleware.RequireMfaMiddleware); `client.force_login` alone gives a session
that passed nothing. Tests use the `login_with_second_factor` fixture (src/tests/conftest.py);
helpers outside a fixture's reach (the browser tests' sign_in) import the function.
"""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.http import HttpRequest


def login_with_second_factor(client, person):
    """Sign `person` in on `client` as after the password and the code from their
    authenticator app. It sets up no authenticator: a person who must have one and has not
    (TOTP.activate) is still sent to set it up."""
    client.force_login(person)
    request = HttpRequest()
    request.session = client.session
    request.user = person
    # The same record allauth writes when the code is accepted at login.
    record_authentication(request, person, "mfa", type=Authenticator.Type.TOTP)
    request.session.save()
    return client
