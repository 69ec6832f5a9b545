"""Template tags the web pages use to show subscription panels (the subscriptions app fills them in)."""

from django import template

from councilwatch.councils.models import Council

register = template.Library()


@register.inclusion_tag("subscriptions/council_panel.html", takes_context=True)
def council_panel(context: template.Context, council: Council) -> dict:
    """The support banner and subscribe form shown on a council's page."""
    return {"council": council, "request": context.get("request")}
