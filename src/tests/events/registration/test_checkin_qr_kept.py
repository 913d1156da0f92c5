"""A registration's check-in QR code is drawn once and kept with the registration, named by
what it encodes: the registration page is opened again and again, and the QR was its cost."""

import pytest
from factories.events import RegistrationFactory

from glasnik.events.selectors import registration as selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawings(monkeypatch):
    """How often a QR code is drawn (the real drawing, counted)."""
    drawn = []
    real = selectors.qr_png

    def counted(data: str) -> bytes:
        drawn.append(data)
        return real(data)

    monkeypatch.setattr(selectors, "qr_png", counted)
    return drawn


def test_the_qr_code_is_drawn_once_and_then_read_from_the_cache(drawings):
    registration = RegistrationFactory()

    first = selectors.checkinqr_png(registration)
    second = selectors.checkinqr_png(registration)

    assert first == second
    assert first.startswith(b"\x89PNG")
    assert len(drawings) == 1


def test_a_new_check_in_token_draws_a_new_code(drawings):
    registration = RegistrationFactory()
    before = selectors.checkinqr_png(registration)

    registration.checkin_token = "a-new-token-after-a-reset"
    after = selectors.checkinqr_png(registration)

    assert after != before
    assert [selectors.checkin_url(registration) in data for data in drawings] == [False, True]
