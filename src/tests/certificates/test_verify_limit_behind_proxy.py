"""Behind the load balancer, the limit on certificate lookups counts each client apart."""

import pytest

pytestmark = pytest.mark.django_db

BALANCER = "10.0.0.2"


def lookup(client, forwarded_for: str):
    return client.get(
        "/en/certificates/verify/no-such-code/",
        REMOTE_ADDR=BALANCER,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_verify_limit_behind_the_load_balancer_is_per_client(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.CERTIFICATES_VERIFY_LIMIT = 3
    for _ in range(3):
        assert lookup(client, "203.0.113.66").status_code == 404

    assert lookup(client, "203.0.113.66").status_code == 429
    assert lookup(client, "198.51.100.10").status_code == 404
