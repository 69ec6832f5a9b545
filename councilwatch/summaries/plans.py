"""A forward plan (a notice of the key decisions a body expects to take) filed as a 'meeting' of its own.

Councils publish their forward plans beside their meetings, and a platform may list one as the only paper of a
date. It has no items and records no decision: its headline says what it is, when it was published and on which
later dates decisions are expected, each cited to the page that prints it, and claims nothing was decided; what
is due on each date (``plan_entries``) is told a sentence a date, the first date's in the headline too.
"""

from __future__ import annotations

import re

from councilwatch.documents.structure.mentions import find_dates
from councilwatch.documents.structure.types import DateMention
from councilwatch.summaries.body import Citation, Said
from councilwatch.summaries.inputs import MeetingSources, SourceDocument
from councilwatch.summaries.plan_entries import PlanEntry, plan_entries

_PUBLISHED = re.compile(r"\b(?:published|updated|issued|produced)\b", re.I)
_OTHER_PAPERS = ("agenda", "minutes", "page", "decision", "report", "supplement")


def forward_plan(sources: MeetingSources) -> SourceDocument | None:
    """The meeting's forward plan when it is all the meeting has: no agenda items and no other papers."""
    plans = [d for d in sources.documents if d.kind == "plan" and d.pages]
    if not plans or sources.agenda or any(d.kind in _OTHER_PAPERS for d in sources.documents):
        return None
    return plans[0]


def _published(plan: SourceDocument, dates: list[DateMention]) -> DateMention | None:
    return next((d for d in dates if d.page == 1 and _PUBLISHED.search(_line_of(plan.pages[0], d.text))), None)


def plan_expected(plan: SourceDocument) -> list[Said]:
    """A sentence a date: 'On 5 Feb 2026, for decision: Streetspace 2: Denmark St and Rosemary Lane; …', cited to
    the pages of its entries; a date with reports for information only says so."""
    published = _published(plan, find_dates(list(plan.pages)))
    by_date: dict[str, list[PlanEntry]] = {}
    for entry in plan_entries(plan.pages):
        if published is None or entry.iso > published.iso:
            by_date.setdefault(entry.iso, []).append(entry)
    out = []
    for iso in sorted(by_date):
        entries = by_date[iso]
        decided = [e for e in entries if e.for_decision]
        shown = decided or entries
        titles = [e.title.rstrip(" .") for e in shown]
        listed = " and ".join(titles) if len(titles) <= 2 else "; ".join(titles[:-1]) + "; and " + titles[-1]
        what = "for decision" if decided else "reports for information"
        pages = sorted({e.page for e in shown})
        out.append(
            Said(f"On {entries[0].due}, {what}: {listed}.", tuple(Citation(plan.id, plan.title, p) for p in pages))
        )
    return out


def plan_headline(plan: SourceDocument, who: str) -> list[Said]:
    """'This is the committee's forward plan, published 20 January 2026: …' and the dates decisions are due."""
    dates = find_dates(list(plan.pages))
    published = _published(plan, dates)
    when = f", published {published.text}" if published else ""
    opening = Said(
        f"This is {who}'s forward plan{when}: notice of the key decisions it expects to take at later meetings; "
        "nothing was decided at a meeting.",
        (Citation(plan.id, plan.title, 1),),
    )
    later: dict[str, tuple[str, int]] = {}
    for mention in dates:
        if (published is None or mention.iso > published.iso) and mention.iso not in later:
            later[mention.iso] = (mention.text, mention.page)
    if not later:
        return [opening]
    ordered = [later[iso] for iso in sorted(later)]
    if len(ordered) > 8:  # a long plan: its span
        ordered = [ordered[0], ordered[-1]]
        listed = f"between {ordered[0][0]} and {ordered[1][0]}"
    else:
        shown = [text for text, _ in ordered]
        listed = "on " + (shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1])
    pages = sorted({page for _, page in ordered})
    due = Said(f"It lists decisions expected {listed}.", tuple(Citation(plan.id, plan.title, p) for p in pages))
    return [opening, due]


def _line_of(page: str, text: str) -> str:
    """The line of ``page`` holding ``text``."""
    return next((line for line in page.splitlines() if text in line), "")
