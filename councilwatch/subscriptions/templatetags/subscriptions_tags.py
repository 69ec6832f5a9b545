"""The subscription panel shown on a council's page: limited-support banner with demand, and the subscribe form."""

from django import template

from councilwatch.councils.models import Council
from councilwatch.subscriptions.demand import queue_position, waiting_counts

register = template.Library()


@register.inclusion_tag("subscriptions/council_panel.html", takes_context=True)
def council_panel(context: template.Context, council: Council) -> dict:
    """The support banner (how many residents asked, place in the queue) and the subscribe form."""
    data = {"council": council, "request": context.get("request"), "csrf_token": context.get("csrf_token")}
    if not council.is_fully_supported:
        waiting, position = queue_position(council)
        data |= {"waiting": waiting, "position": position, "queue_length": len(waiting_counts())}
    return data
