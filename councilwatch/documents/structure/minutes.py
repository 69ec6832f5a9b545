"""Printed minutes: attendance, numbered minutes with their agenda item, RESOLVED blocks, votes, declarations.

The shape followed is the one ModernGov prints (and most UK councils copy)::

    PRESENT: Mr R W Gough (Chairman), Mr N Baker ...
    IN ATTENDANCE: Dr A Ghosh (Director of Public Health) ...
    84. Apologies
    (Item 1)
    Apologies were received from Mrs C Bell.
    ...
    3. RESOLVED that Cabinet agree to:
    (a) ...

Minutes are found by their "(Item N)" line and the numbered heading just above it; without such lines the
longest run of consecutively numbered headings is taken.
"""

import re

from councilwatch.documents.structure.attendance import apologies_in_text, parse_header
from councilwatch.documents.structure.lines import Line, flat, join_lines, page_lines
from councilwatch.documents.structure.types import Declaration, MinuteItem, Minutes, Span, Vote

_ITEM_ANCHOR = re.compile(
    r"\(\s*Item\s+(?:No\.?\s*)?(?P<item>\d{1,3}[A-Za-z]?(?:\.\d{1,2})?(?:\([a-z0-9]{1,3}\))?)\s*\)\s*$"
)
_HEADING = re.compile(r"^(?:Minute\s+)?(?P<num>\d{1,4}[A-Za-z]?)(?:[.)]|\s*[-–])?\s+(?P<title>\S.*)$")
_PLAIN_HEADING = re.compile(r"^(?:Minute\s+)?(?P<num>\d{1,4}(?:/\d{2,4})?)\.?\s+(?P<title>[A-Z][^.]{2,150})$")
_PARAGRAPH = re.compile(r"^(?:(?P<dot>\d{1,3})\.|(?P<paren>\d{1,3})\)|\((?P<bracket>\d{1,3})\))\s+")
_RESOLVED_START = re.compile(r"^(?:RESOLVED|Resolved|AGREED|DECIDED|RECOMMENDED)\b|\bRESOLVED\b")
_VOTE_LINE = re.compile(
    r"^(?P<side>For|Against|Abstain(?:ed|ing)?|Abstentions?)\s*(?:\(\s*(?P<a>\d+)\s*\)|[:\-–]\s*(?P<b>\d+)|\s+(?P<c>\d+))\s*$",
    re.IGNORECASE,
)
_VOTE_INLINE = re.compile(
    r"(?P<for>\d+)\s+(?:votes?\s+)?(?:for|in favour)[,;]?\s+(?P<against>\d+)\s+against"
    r"(?:[,;]?\s+(?:and\s+|with\s+)?(?P<abst>\d+)\s+abstentions?)?",
    re.IGNORECASE,
)
_OUTCOME = re.compile(r"\b(?:carried|lost|agreed|defeated|fell|approved|rejected)\.?\s*$", re.IGNORECASE)


def _find_headings(lines: list[Line]) -> list[tuple[int, int, str | None]]:
    """(first line of heading, last line of heading, agenda item) for every minute, in order."""
    anchors = [i for i, line in enumerate(lines) if _ITEM_ANCHOR.search(line.text)]
    found: list[tuple[int, int, str | None]] = []
    previous_end, previous_number = -1, None
    for a in anchors:
        item = _ITEM_ANCHOR.search(lines[a].text)["item"]  # type: ignore[index]
        candidates = []
        for j in range(a, max(previous_end, a - 6), -1):
            match = _HEADING.match(lines[j].text)
            if match and not _ITEM_ANCHOR.match(lines[j].text):
                candidates.append((j, match["num"]))
        if not candidates:
            continue
        start = candidates[0][0]
        if previous_number is not None:
            for j, num in candidates:
                if num.isdigit() and previous_number.isdigit() and int(num) == int(previous_number) + 1:
                    start = j
                    break
        found.append((start, a, item))
        previous_end, previous_number = a, _HEADING.match(lines[start].text)["num"]  # type: ignore[index]
    if found:
        return found
    # No "(Item N)" lines: take the longest run of consecutively numbered headings.
    plain = [(i, int(m["num"].split("/")[0])) for i, line in enumerate(lines) if (m := _PLAIN_HEADING.match(line.text))]
    best: list[tuple[int, int]] = []
    for k in range(len(plain)):
        run = [plain[k]]
        for nxt in plain[k + 1 :]:
            if nxt[1] == run[-1][1] + 1:
                run.append(nxt)
        if len(run) > len(best):
            best = run
    return [(i, i, None) for i, _ in best] if len(best) >= 2 else []


def _para_number(text: str) -> tuple[str, int] | None:
    match = _PARAGRAPH.match(text)
    if not match:
        return None
    for style in ("dot", "paren", "bracket"):
        if match[style]:
            return style, int(match[style])
    return None


def _resolved_blocks(body: list[Line]) -> list[Span]:
    """The RESOLVED blocks of a minute: from the RESOLVED line to the next paragraph of the minute."""
    spans: list[Span] = []
    i = 0
    while i < len(body):
        match = _RESOLVED_START.search(body[i].text)
        if not match:
            i += 1
            continue
        first = body[i].text[match.start() :]
        block = [Line(first, body[i].page)]
        last_sub: dict[str, int] = {}
        k = i + 1
        while k < len(body):
            text = body[k].text
            if _RESOLVED_START.match(text) or (_PARAGRAPH.match(text) and "RESOLVED" in text):
                break
            numbered = _para_number(text)
            if numbered:
                style, num = numbered
                if last_sub.get(style, 0) != num - 1:
                    break  # the minute's next paragraph (or a list that is not the block's own)
                last_sub[style] = num
            if _VOTE_LINE.match(text):
                break
            block.append(body[k])
            k += 1
        spans.append(Span(join_lines(block), body[i].page))
        i = k
    return spans


def _votes(body: list[Line]) -> list[Vote]:
    votes: list[Vote] = []
    current: dict[str, int] | None = None
    lines_of_vote: list[str] = []
    page = 1

    def close(outcome: str = "") -> None:
        nonlocal current, lines_of_vote
        if current is not None:
            text = ", ".join(lines_of_vote) + (f": {outcome}" if outcome else "")
            votes.append(
                Vote(current.get("for"), current.get("against"), current.get("abstaining"), text, page, outcome)
            )
        current, lines_of_vote = None, []

    for line in body:
        match = _VOTE_LINE.match(line.text)
        if match:
            side = match["side"].lower()
            key = "for" if side == "for" else "against" if side == "against" else "abstaining"
            if current is None or key in current:
                close()
                current, page = {}, line.page
            current[key] = int(match["a"] or match["b"] or match["c"])
            lines_of_vote.append(flat(line.text))
        elif current is not None and _OUTCOME.search(line.text) and len(line.text) < 80:
            close(flat(line.text))
    close()
    for line in body:
        for match in _VOTE_INLINE.finditer(line.text):
            abst = int(match["abst"]) if match["abst"] else None
            votes.append(Vote(int(match["for"]), int(match["against"]), abst, match.group(0), line.page))
    return votes


_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_ITEM_REF = re.compile(r"\b(?:agenda\s+)?items?\s+(?:no\.?\s*)?(\d{1,3}[a-z]?)\b", re.IGNORECASE)


def _declarations(item: MinuteItem, body: list[Line]) -> list[Declaration]:
    out: list[Declaration] = []
    is_declarations_minute = "declaration" in item.title.lower()
    for line_text, page in _sentences(body):
        lower = line_text.lower()
        if re.search(r"\bno (?:declarations|interests)\b|\bnone\b|\bwere no\b", lower):
            continue
        declared = re.search(r"\bdeclared\b|\bdeclaration\b", lower) and "interest" in lower
        if not declared and not (is_declarations_minute and "interest" in lower):
            continue
        member_match = re.match(r"^(?P<who>.+?)\s+(?:declared|made a declaration|had an interest)", line_text)
        member = member_match["who"] if member_match else ""
        ref = _ITEM_REF.search(line_text)
        out.append(Declaration(member=member, item=ref.group(1) if ref else None, text=line_text, page=page))
    return out


def _sentences(body: list[Line]) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for paragraph_lines in _paragraphs(body):
        text = flat(" ".join(line.text for line in paragraph_lines))
        for sentence in _SENTENCE.split(text):
            if sentence:
                out.append((sentence, paragraph_lines[0].page))
    return out


def _paragraphs(body: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in body:
        if not groups or _PARAGRAPH.match(line.text):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def parse_minutes(pages: list[str]) -> Minutes:
    """Parse printed minutes given page by page (index 0 is page 1)."""
    lines = page_lines(pages)
    headings = _find_headings(lines)
    header_end = headings[0][0] if headings else len(lines)
    lists = parse_header(lines[:header_end])
    items: list[MinuteItem] = []
    declarations: list[Declaration] = []
    apologies = list(lists["apologies"])
    for n, (start, anchor, agenda_item) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        heading = _HEADING.match(lines[start].text) or _PLAIN_HEADING.match(lines[start].text)
        title_lines = [heading["title"] if heading else lines[start].text] + [
            x.text for x in lines[start + 1 : anchor + 1]
        ]
        if anchor == start and agenda_item is None:
            title_lines = [heading["title"] if heading else lines[start].text]
        title = _ITEM_ANCHOR.sub("", flat(" ".join(title_lines))).strip(" -–")
        body = lines[anchor + 1 : end]
        item = MinuteItem(
            minute_number=heading["num"] if heading else str(n + 1),
            agenda_item=agenda_item,
            title=title,
            text=join_lines(body),
            resolved=_resolved_blocks(body),
            votes=_votes(body),
            page=lines[start].page,
            page_end=(body[-1].page if body else lines[anchor].page),
        )
        items.append(item)
        declarations.extend(_declarations(item, body))
        if title.lower().startswith("apolog") and body:
            known = {a.name for a in apologies}
            apologies.extend(
                a for a in apologies_in_text(" ".join(x.text for x in body), body[0].page) if a.name not in known
            )
    return Minutes(
        present=lists["present"],
        in_attendance=lists["in_attendance"],
        apologies=apologies,
        items=items,
        declarations=declarations,
    )
