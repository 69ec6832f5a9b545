from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "councilwatch.subscriptions"
    label = "subscriptions"
    default_auto_field = "django.db.models.BigAutoField"
