from django.contrib import admin, messages

from councilwatch.api.models import ApiKey


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Staff create keys here; the secret is shown once, in the confirmation message, and only its hash is kept."""

    list_display = ("prefix", "name", "owner_email", "is_professional", "is_active", "created_at", "last_used_at")
    list_filter = ("is_professional", "is_active")
    search_fields = ("name", "owner_email", "prefix")
    readonly_fields = ("prefix", "created_by", "created_by_key", "created_at", "last_used_at")
    fields = ("name", "owner_email", "is_professional", "rate_per_minute", "is_active", *readonly_fields)

    def save_model(self, request, obj: ApiKey, form, change: bool) -> None:
        raw = None
        if not change:
            obj.created_by = request.user
            raw = obj.set_new_key()
        super().save_model(request, obj, form, change)
        if raw:
            messages.warning(request, f"The new API key is {raw} — copy it now, it will not be shown again.")
