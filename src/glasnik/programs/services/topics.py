"""A programme's topics (`Program.topics`, one per line), as its organisers turn the needs
they researched into them."""

from django.db import transaction

from glasnik.audit.services import log_action

from ..models import Program


def program_topics(program: Program) -> list[str]:
    return program.topic_list


@transaction.atomic
def program_add_topic(*, program: Program, topic: str, actor, source=None) -> bool:
    """Add `topic` to the programme's topics unless it is there already (in any case);
    whether it was added. `source` (e.g. the survey it came from) is named in the audit log."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    topic = " ".join(topic.split())[:200]
    if not topic or topic.casefold() in {t.casefold() for t in program_topics(program)}:
        return False
    program.topics = "\n".join([*program_topics(program), topic])
    program.save(update_fields=["topics", "updated_at"])
    data = {"source": f"{source._meta.label_lower}:{source.pk}"} if source is not None else {}
    log_action("programs.topic.added", actor=actor, target=program, data=data)
    return True
