from django.contrib import admin

from councilwatch.summaries.models import Summary, Topic


@admin.register(Summary)
class SummaryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "backend", "is_latest", "created_at")
    list_filter = ("kind", "backend", "is_latest")
    raw_id_fields = ("meeting",)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
