"""`{% page_links "programme" program %}`: the links higher apps add to this page (see
`glasnik.core.page_links`), under their headings."""

from django import template

from .. import page_links as registry

register = template.Library()


@register.inclusion_tag("core/_page_links.html", takes_context=True)
def page_links(context, place: str, obj):
    request = context.get("request")
    user = getattr(request, "user", None)
    groups: dict[str, list] = {}
    if user is not None:
        for link in registry.page_links(place, user, obj):
            groups.setdefault(link.group, []).append(link)
    return {"groups": groups}
