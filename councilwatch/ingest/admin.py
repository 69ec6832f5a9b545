from django.contrib import admin

from councilwatch.ingest.models import IngestRun


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ("council", "since", "until", "status", "started_at", "finished_at", "failure_count")
    list_filter = ("status",)
    search_fields = ("council__code", "council__name")
    date_hierarchy = "started_at"
    readonly_fields = [f.name for f in IngestRun._meta.fields]

    @admin.display(description="failures")
    def failure_count(self, run: IngestRun) -> int:
        return len(run.failures)
