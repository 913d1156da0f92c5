"""Who may see and manage a certificate: its holder sees it; the organisers of its event or
programme see and revoke it. Everyone may verify it through its public code (no rule needed)."""

import rules


@rules.predicate
def is_holder(user, certificate) -> bool:
    return certificate is not None and certificate.person_id == user.pk


@rules.predicate
def manages_certificate(user, certificate) -> bool:
    if certificate is None:
        return False
    if certificate.event_id is not None:
        return user.has_perm("events.manage_event", certificate.event)
    return user.has_perm("programs.manage_program", certificate.program)


rules.add_perm("certificates.view_certificate", is_holder | manages_certificate)
rules.add_perm("certificates.manage_certificate", manages_certificate)
