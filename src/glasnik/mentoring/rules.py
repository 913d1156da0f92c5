"""Who may do what with a session's question queue. The programme's team runs it (organisers
and the programme's trainers and mentors, as for every event), and so does a mentor whose role
is granted on the session itself."""

import rules

from glasnik.access.rules import is_member_of, is_organiser_of, is_platform_admin, is_trainer_of
from glasnik.events.rules import runs_event

rules.add_perm("mentoring.moderate_queue", runs_event | is_trainer_of)

# Office hours: the programme's mentors (trainers) offer slots, its enrolled participants book
# them; the organisers see the page too.
rules.add_perm("mentoring.offer_office_hours", is_trainer_of)
rules.add_perm("mentoring.book_office_hours", is_member_of)
rules.add_perm(
    "mentoring.view_office_hours",
    is_trainer_of | is_member_of | is_organiser_of | is_platform_admin,
)
