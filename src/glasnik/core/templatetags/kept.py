"""`{% kept %}`: a part of a page that is the same for every reader, kept with the object it
shows, so that signed-in people (who never get the whole-page cache) do not have it drawn and
read from the database on every request.

    {% load kept %}
    {% kept "network" network.pk "about" until=about_changes_at %} … {% endkept %}

The part is drawn once per language and time zone and kept in the object's cache namespace
(`glasnik.core.object_cache`) until `object_cache_clear(kind, pk)`, which whatever changes what
the part shows calls, or until `until` (a datetime, resolved after drawing: when the part would
read differently by itself, a call opening, a meeting being over), whichever comes first. What
the part reads from the database belongs in the view's context unread (a `SimpleLazyObject`, or
a function the template calls), so a kept part costs no query. Nothing personal belongs inside:
a part holding a CSRF token is never kept.
"""

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from glasnik.core.object_cache import object_cache_get_until

register = template.Library()

ENTRY = "kept"  # the cache's name for GLASNIK_BENCH_DISABLE_CACHES


class KeptNode(template.Node):
    def __init__(self, nodelist, kind, pk, name, until):
        self.nodelist = nodelist
        self.kind, self.pk, self.name, self.until = kind, pk, name, until

    def render(self, context):
        entry = (
            f"{ENTRY}:{self.name.resolve(context)}:{get_language()}:"
            f"{timezone.get_current_timezone_name()}"
        )

        def draw():
            html = self.nodelist.render(context)
            if "csrfmiddlewaretoken" in html:  # someone's own token: never kept
                return str(html), timezone.now()
            return str(html), self.until.resolve(context) if self.until is not None else None

        html = object_cache_get_until(
            self.kind.resolve(context), self.pk.resolve(context), entry, draw
        )
        return mark_safe(html)  # noqa: S308 - drawn by our templates


@register.tag
def kept(parser, token):
    """{% kept kind pk name [until=datetime] %} … {% endkept %}"""
    bits = token.split_contents()
    if len(bits) not in (4, 5):
        raise template.TemplateSyntaxError(
            "{% kept %} takes a kind, a primary key, a name and optionally until=…"
        )
    until = None
    if len(bits) == 5:
        if not bits[4].startswith("until="):
            raise template.TemplateSyntaxError("{% kept %}'s fourth argument is until=…")
        until = parser.compile_filter(bits[4][len("until=") :])
    kind, pk, name = (parser.compile_filter(bit) for bit in bits[1:4])
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, kind, pk, name, until)
