"""Admin for networks, interests, memberships and topic proposals. Decisions about members and
topics are taken on the network's own pages, through the services; the admin shows them."""

from django.contrib import admin

from glasnik.audit.services import log_action

from . import admin_calls  # noqa: F401 - registers the calls' admin
from .models import Interest, Membership, MembershipChange, Network, TopicProposal
from .selectors.directory import directory_cache_clear
from .services.network import PAGE_FIELDS, network_update


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "organization", "time_zone"]
    search_fields = ["name", "slug"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["learning_topics_updated_at", "created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.save()
            log_action("networks.network.created", actor=request.user, target=obj)
            return
        fields = {
            name: form.cleaned_data[name] for name in PAGE_FIELDS if name in form.cleaned_data
        }
        network = Network.objects.get(pk=obj.pk)
        # Address and organising institution are admin-only fields, saved as they are.
        other = [name for name in ("slug", "organization") if name in form.changed_data]
        if other:
            directory_cache_clear(network.pk, old_address=network.slug)
            for name in other:
                setattr(network, name, form.cleaned_data[name])
            network.save(update_fields=[*other, "updated_at"])
            log_action(
                "networks.network.changed",
                actor=request.user,
                target=network,
                data={"fields": other},
            )
        network_update(
            network=network,
            actor=request.user,
            learning_topics=form.cleaned_data.get("learning_topics"),
            **fields,
        )


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "slug"]
    list_filter = ["network"]
    list_select_related = ["network"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipChangeInline(admin.TabularInline):
    model = MembershipChange
    fields = ["created_at", "status", "actor", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read-only: statuses change on the network's members page, which emails the person."""

    list_display = ["person", "network", "organization", "status", "joined_at"]
    list_filter = ["status", "network"]
    search_fields = ["person__email", "person__last_name", "search_text"]
    list_select_related = ["person", "network", "organization"]
    inlines = [MembershipChangeInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TopicProposal)
class TopicProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "status", "created_at"]
    list_filter = ["status", "kind", "network"]
    search_fields = ["title"]
    list_select_related = ["network"]
    readonly_fields = ["network", "author", "status", "created_at", "updated_at"]
