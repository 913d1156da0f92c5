from django_tasks import task


@task(priority=10)
def email_deliver(*, email_id: str = "", **message: str) -> None:
    """Send one OutgoingEmail (glasnik.core.outbox). Emails go before other background work:
    a person is waiting for a sign-in link or a password reset.

    `message` (to, subject, text, html) is only for tasks queued before the outbox existed,
    which carried the whole message: it is stored in the outbox, then sent."""
    from .outbox import outgoing_email_create, outgoing_email_deliver, outgoing_emails_reclaim_stale

    if not email_id:
        outgoing_email_create(**message)
        return
    outgoing_email_deliver(email_id=email_id)
    # A message a dead worker left half-sent is taken again by the next delivery.
    for stale_id in outgoing_emails_reclaim_stale():
        outgoing_email_deliver(email_id=stale_id)
