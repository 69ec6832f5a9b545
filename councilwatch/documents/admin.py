from django.contrib import admin

from councilwatch.documents.models import Document, DocumentPage, DocumentVersion


class DocumentVersionInline(admin.TabularInline):
    model = DocumentVersion
    fields = ("sha256", "size", "media_type", "fetched_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "council", "extraction_status", "page_count", "size")
    list_filter = ("kind", "extraction_status", "council")
    search_fields = ("title", "upstream_id", "sha256")
    raw_id_fields = ("council", "meeting", "item")
    list_select_related = ("council",)
    inlines = [DocumentVersionInline]


@admin.register(DocumentPage)
class DocumentPageAdmin(admin.ModelAdmin):
    list_display = ("document", "number", "method")
    raw_id_fields = ("document",)
