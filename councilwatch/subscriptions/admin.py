from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from councilwatch.subscriptions.models import (
    Alert,
    AlertMatch,
    Delivery,
    DeliveryState,
    Digest,
    Subscriber,
    Subscription,
)


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    extra = 0
    raw_id_fields = ("council",)


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "frequency", "is_professional", "confirmed_at", "bounced_at")
    list_filter = ("is_professional", "frequency", ("bounced_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    readonly_fields = ("token_key", "created_at", "updated_at")
    inlines = [SubscriptionInline]
    actions = ["mark_professional", "unmark_professional", "mark_bounced", "clear_bounce", "rotate_links"]

    @admin.action(description="Mark as professional (can set alerts)")
    def mark_professional(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.message_user(request, f"{queryset.update(is_professional=True)} marked professional")

    @admin.action(description="Unmark professional")
    def unmark_professional(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.message_user(request, f"{queryset.update(is_professional=False)} unmarked")

    @admin.action(description="Mark as bounced (send nothing)")
    def mark_bounced(self, request: HttpRequest, queryset: QuerySet) -> None:
        n = queryset.update(bounced_at=timezone.now(), bounce_reason="marked by staff")
        self.message_user(request, f"{n} marked bounced", messages.WARNING)

    @admin.action(description="Clear bounce")
    def clear_bounce(self, request: HttpRequest, queryset: QuerySet) -> None:
        self.message_user(request, f"{queryset.update(bounced_at=None, bounce_reason='')} cleared")

    @admin.action(description="Revoke every link mailed so far")
    def rotate_links(self, request: HttpRequest, queryset: QuerySet) -> None:
        from councilwatch.subscriptions.models import new_token_key

        for subscriber in queryset:
            subscriber.token_key = new_token_key()
            subscriber.save(update_fields=["token_key", "updated_at"])
        self.message_user(request, "links revoked")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("subscriber", "council", "confirmed_at")
    list_filter = ("council__support_level",)
    search_fields = ("subscriber__email", "council__code", "council__name")
    raw_id_fields = ("subscriber", "council")
    list_select_related = ("subscriber", "council")


class AlertMatchInline(admin.TabularInline):
    model = AlertMatch
    extra = 0
    raw_id_fields = ("summary", "delivery")
    readonly_fields = ("reasons", "created_at")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("name", "subscriber", "frequency", "is_active", "checked_until")
    list_filter = ("frequency", "is_active")
    search_fields = ("name", "subscriber__email")
    raw_id_fields = ("subscriber",)
    filter_horizontal = ("topics", "councils")
    inlines = [AlertMatchInline]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ("council", "week", "subject", "created_at")
    list_filter = ("week",)
    search_fields = ("council__code", "council__name", "subject")
    raw_id_fields = ("council",)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "subscriber", "state", "attempts", "sent_at", "unconfirmed", "last_error")
    list_filter = ("state", "kind", "unconfirmed")
    search_fields = ("key", "subscriber__email")
    raw_id_fields = ("subscriber", "digest", "alert", "council")
    readonly_fields = ("claim", "claimed_at", "created_at", "updated_at")
    actions = ["retry_now"]

    @admin.action(description="Retry failed deliveries now")
    def retry_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        n = queryset.filter(state=DeliveryState.FAILED).update(state=DeliveryState.QUEUED, next_attempt_at=None)
        self.message_user(request, f"{n} queued again")
