"""Filters the public pages use to name things and build links."""

import html

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from councilwatch.councils.models import Committee, Council, Person
from councilwatch.meetings.models import Meeting
from councilwatch.web import formatting

register = template.Library()


@register.filter
def meeting_title(meeting: Meeting) -> str:
    return formatting.meeting_title(meeting)


@register.filter
def long_date(value) -> str:
    return formatting.long_date(value) if value else ""


@register.filter
def clock(value) -> str:
    from django.utils import timezone

    return formatting.clock(timezone.localtime(value)) if value else ""


@register.filter
def meeting_url(meeting: Meeting) -> str:
    return reverse("web:meeting", args=[meeting.council.code, meeting.pk])


@register.filter
def committee_url(committee: Committee) -> str:
    return reverse("web:committee", args=[committee.council.code, formatting.committee_slug(committee)])


@register.filter
def person_url(person: Person) -> str:
    return reverse("web:person", args=[person.council.code, person.pk])


@register.filter
def council_url(council: Council) -> str:
    return reverse("web:council", args=[council.code])


@register.simple_tag
def cites(citations: list) -> str:
    """Citation links, e.g. ' [p. 9]', each naming its document and page for screen readers."""
    return format_html_join(
        "",
        ' <a class="cite" href="{}" title="{}">[{}<span class="visually-hidden">: {}</span>]</a>',
        (
            (c.url, c.label, getattr(c, "at", "") or (f"p.\u00a0{c.page}" if c.page else "source"), c.label)
            for c in citations or []
            if c.url
        ),
    )


@register.simple_tag
def select_options(choices: list, chosen: object) -> SafeString:
    """``<option>`` elements for (value, label) pairs, ``chosen`` selected: one call for hundreds of councils
    (a template loop, or a widget rendering a template per option, costs milliseconds per page)."""
    chosen = str(chosen or "")
    return mark_safe(  # noqa: S308 - every value and label is escaped here (as django.utils.html.escape does)
        "".join(
            f'<option value="{html.escape(str(value))}"{" selected" if str(value) == chosen else ""}>{html.escape(str(label))}</option>'
            for value, label in choices
        )
    )
