from django.contrib import admin

from .models import AgendaItem, Event, EventSeries, Rsvp


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "kind", "starts_at", "mode", "status"]
    list_filter = ["kind", "status", "mode", "network"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    list_select_related = ["network"]
    raw_id_fields = ["series", "created_by"]
    # Cancelling and recording minutes go through the organisers' pages, which notify people.
    readonly_fields = ["status", "cancelled_at", "minutes_updated_at", "uid"]
    inlines = [AgendaItemInline]


@admin.register(EventSeries)
class EventSeriesAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "rrule", "first_starts_at"]
    list_select_related = ["network"]
    raw_id_fields = ["created_by"]
    readonly_fields = ["rrule", "first_starts_at", "duration_minutes"]


@admin.register(Rsvp)
class RsvpAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "answer", "updated_at"]
    list_filter = ["answer"]
    list_select_related = ["event", "person"]
    raw_id_fields = ["event", "person"]
