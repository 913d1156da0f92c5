"""A programme's topics, as its organisers turn the needs they researched into them.

Until programmes have a field of their own for topics, a topic is a line of the programme's
description that starts with `TOPIC_MARK`, so it shows on the programme's page as a list."""

from django.db import transaction

from glasnik.audit.services import log_action

from ..models import Program

TOPIC_MARK = "• "


def program_topics(program: Program) -> list[str]:
    return [
        line[len(TOPIC_MARK) :].strip()
        for line in program.description.splitlines()
        if line.startswith(TOPIC_MARK) and line[len(TOPIC_MARK) :].strip()
    ]


@transaction.atomic
def program_add_topic(*, program: Program, topic: str, actor, source=None) -> bool:
    """Add `topic` to the programme's topics unless it is there already (in any case);
    whether it was added. `source` (e.g. the survey it came from) is named in the audit log."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    topic = " ".join(topic.split())[:200]
    if not topic or topic.casefold() in {t.casefold() for t in program_topics(program)}:
        return False
    description = program.description.rstrip("\n")
    program.description = (
        f"{description}\n{TOPIC_MARK}{topic}" if description else TOPIC_MARK + topic
    )
    program.save(update_fields=["description", "updated_at"])
    data = {"source": f"{source._meta.label_lower}:{source.pk}"} if source is not None else {}
    log_action("programs.topic.added", actor=actor, target=program, data=data)
    return True
