"""Who may do what with a session's question queue. The programme's team runs it (organisers
and the programme's trainers and mentors, as for every event), and so does a mentor whose role
is granted on the session itself."""

import rules

from glasnik.access.rules import is_trainer_of
from glasnik.events.rules import runs_event

rules.add_perm("mentoring.moderate_queue", runs_event | is_trainer_of)
