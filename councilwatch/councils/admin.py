from django.contrib import admin

from councilwatch.councils.models import Committee, Council, Person


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "nation", "la_type_name", "platform", "support_level")
    list_filter = ("nation", "platform", "support_level", "la_type_name")
    search_fields = ("code", "name", "official_name", "gss_code")
    readonly_fields = ("created_at", "updated_at")


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "council", "upstream_id", "gone_upstream_at")
    list_filter = ("council",)
    search_fields = ("name", "upstream_id")
    list_select_related = ("council",)
    raw_id_fields = ("council",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "party", "ward", "council")
    list_filter = ("kind", "council")
    search_fields = ("name", "party", "ward")
    list_select_related = ("council",)
    raw_id_fields = ("council",)
