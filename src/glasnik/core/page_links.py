"""Links a higher app adds to a lower app's page, without the lower app knowing it: the
programme, network and event pages show the surveys to answer (and a way to manage them)
although surveys sit above programmes, networks and events.

The higher app registers a provider for a place (`page_links_register("programme",
provider)`, in its AppConfig.ready); the page draws `{% page_links "programme" program %}`
(`glasnik.core.templatetags.page_links`), and code such as an email task calls
`page_links("event_email", person, event)`. A provider takes (user, object) and returns a
list of `PageLink`; it must answer in a fixed number of queries."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageLink:
    group: str  # the heading the link is shown under
    label: str
    url: str
    lang: str = ""  # the language the label is written in, when it is what people wrote
    note: str = ""


_providers: dict[str, list[Callable]] = defaultdict(list)


def page_links_register(place: str, provider: Callable) -> None:
    if provider not in _providers[place]:
        _providers[place].append(provider)


def page_links(place: str, user, obj) -> list[PageLink]:
    return [link for provider in _providers[place] for link in provider(user, obj)]
