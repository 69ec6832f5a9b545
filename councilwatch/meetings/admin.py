from django.contrib import admin

from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ("number", "order", "title", "is_restricted")
    extra = 0
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "council", "status", "start", "gone_upstream_at")
    list_filter = ("status", "council")
    search_fields = ("title", "committee__name", "upstream_id")
    date_hierarchy = "start"
    list_select_related = ("council", "committee")
    raw_id_fields = ("council", "committee")
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "meeting", "is_restricted")
    search_fields = ("title", "upstream_id")
    raw_id_fields = ("meeting",)


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ("person", "meeting", "role", "status")
    list_filter = ("status",)
    raw_id_fields = ("meeting", "person")


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "meeting", "outcome")
    list_filter = ("outcome",)
    raw_id_fields = ("meeting", "item", "document")
