"""Turning a needs survey's topics into the programme's topics or the network's learning topics,
through those apps' services (which write the audit entry)."""

from glasnik.networks.services.learning_topics import (
    learning_topic_lines,
    network_add_learning_topic,
)
from glasnik.programs.services.topics import program_add_topic, program_topics

from ..models import Choice, Survey
from ..texts import text_for_reader


def owner_topics(survey: Survey) -> set[str]:
    """The topics the survey's programme or network has already, case-folded."""
    if survey.program_id is not None:
        topics = program_topics(survey.program)
    else:
        topics = learning_topic_lines(survey.network)
    return {topic.casefold() for topic in topics}


def survey_topic_adopt(*, survey: Survey, choice: Choice, actor) -> bool:
    """Add the topic `choice` names (in the survey's language) to the owner's topics; whether it
    was new."""
    topic = text_for_reader(choice.label, survey.language, survey.language).text
    if survey.program_id is not None:
        return program_add_topic(program=survey.program, topic=topic, actor=actor, source=survey)
    return network_add_learning_topic(
        network=survey.network, topic=topic, actor=actor, source=survey
    )
