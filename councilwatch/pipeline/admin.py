from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path

from councilwatch.pipeline.backlog import unpark
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.status import pipeline_status


@admin.register(WorkItem)
class WorkItemAdmin(admin.ModelAdmin):
    list_display = ("stage", "object_id", "council", "state", "attempts", "short_error", "claimed_by", "updated_at")
    list_filter = ("state", "stage", "council")
    search_fields = ("last_error", "claimed_by", "=object_id")
    list_select_related = ("council",)
    raw_id_fields = ("council",)
    readonly_fields = [f.name for f in WorkItem._meta.fields]
    actions = ["requeue_parked"]
    change_list_template = "admin/pipeline/workitem/change_list.html"

    @admin.display(description="reason")
    def short_error(self, item: WorkItem) -> str:
        return item.last_error.split("\n", 1)[0][:120]

    @admin.action(description="Queue the selected parked work again")
    def requeue_parked(self, request: HttpRequest, queryset: QuerySet[WorkItem]) -> None:
        count = unpark(list(queryset.filter(state=WorkState.PARKED).values_list("pk", flat=True)))
        self.message_user(request, f"{count} parked item(s) queued again", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list:
        status = path("status/", self.admin_site.admin_view(self.status_view), name="pipeline_status")
        return [status, *super().get_urls()]

    def status_view(self, request: HttpRequest) -> TemplateResponse:
        context = {**self.admin_site.each_context(request), "title": "Pipeline status", "status": pipeline_status()}
        return TemplateResponse(request, "admin/pipeline/status.html", context)
