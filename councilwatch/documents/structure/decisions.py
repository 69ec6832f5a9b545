"""Decisions in the words councils use, found in the text of one item's minutes (or a decision notice).

Two shapes:

* blocks that open with a decision word and may carry a list: "RESOLVED that Cabinet agree to: (a) … (b) …",
  "It was APPROVED:", "AGREED –", "Decision:", "Decision taken", "That the West of England Combined Authority
  Committee: (1) Approved …";
* single sentences that record one: "The Committee noted the report.", "It was proposed by Cllr X, seconded
  by Cllr Y and unanimously agreed to give £300 …", "The minutes of the previous meeting were agreed as
  accurate.", "Approved & signed as correct."

What is only reported ("the decision had been approved by the previous administration") is not a decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilwatch.documents.structure.lines import LIST_MARKER, Line, ends_sentence, flat, join_lines, split_sentences
from councilwatch.documents.structure.types import Span

_LEAD = r"^(?:\(?[0-9a-z]{1,3}[.)]\s+)?"
BLOCK_START = re.compile(
    _LEAD + r"(?:"
    r"(?:RESOLVED|Resolved|AGREED|DECIDED|APPROVED|RECOMMENDED|NOTED)\b"
    r"|It\s+was\s+(?:unanimously\s+|also\s+|further\s+)?(?:RESOLVED|AGREED|APPROVED|DECIDED|NOTED)\b"
    r"|Decision(?:s)?(?:\s+taken)?\s*[:\-–]?\s*$|DECISION\b|Decision\s*:"
    r"|That\s+(?:the\s+)?(?:[A-Z][\w&'’-]*\s+){0,10}?(?:Committee|Council|Cabinet|Panel|Board|Authority|Forum)"
    r"(?:\s+for\s+(?:[A-Z][\w&'’-]*\s*){1,6})?\s*[:;]\s*$"
    r")"
)
# A decision opening after a sentence on the same line: "… CARRIED unanimously. It was APPROVED that;"
_MID_START = re.compile(
    r"(?<=[.;:])\s+(?=(?:It\s+was\s+(?:unanimously\s+)?(?:RESOLVED|AGREED|APPROVED|DECIDED)|RESOLVED|AGREED)\b)"
)
_KEYWORD = re.compile(r"RESOLVED|Resolved|AGREED|DECIDED|APPROVED|RECOMMENDED|NOTED|It\s+was|Decision|DECISION|That\b")
_STOP = re.compile(
    r"^(?:Recommendation\s+\d|The\s+(?:recommendation|amendment|motion|report)s?\s+(?:was|were)\s+(?:moved|proposed)|"
    r"(?:Councillor|Cllr\.?|Mr|Mrs|Ms|Dr)\s+\S+(?:\s+\S+)?\s+(?:moved|proposed)|On being put to the vote|"
    r"SUMMARY OF|\(e\)\s+Exempt|\(f\)\s|Reason for decision|Reasons for (?:the )?decision|Alternative options)",
    re.I,
)
_VOTE_LINE = re.compile(r"^(?:For|Against|Abstain(?:ed|ing)?|Abstentions?)\s*(?:\(\s*\d+\s*\)|[:\-–]\s*\d+)\s*$", re.I)
_NUMBERED = re.compile(r"^(?:(?P<dot>\d{1,3})[.)]|\((?P<paren>\d{1,3}|[ivx]{1,4}|[a-z])\)|(?P<alpha>[a-z])[.)])\s+")
_SUBJECT = r"(?:committee|council|cabinet|panel|board|forum|authority|members|councillors|sub-committee|meeting)"
# Forms that record a decision even on a line opening with a dash
_STRONG = (
    r"[–-]\s*all\s+(?:approved|agreed)\b|\bapproval\s+recommended\b|\brecommended\s+approval\b"
    r"|\bconsensus\s+was\s+reached\b"
    # the council's answer the clerk is to send: "Clerk reply confirming TCC are happy to do this provided …"
    r"|\bconfirming\s+(?:that\s+)?(?-i:[A-Z]{2,5}|the\s+[Cc]ouncil)\s+(?:is|are)\s+(?:happy|willing|content|prepared)\s+to\b"
)
_RECORDED = re.compile(
    r"\bit\s+was\s+(?:[\w,.'’-]+\s+){0,14}?(?:unanimously\s+)?(?:resolved|agreed|approved|decided)\b"
    r"|\b" + _SUBJECT + r"\s+(?:\([^)]*\)\s+)?(?:unanimously\s+|also\s+|then\s+|further\s+)?"
    r"(?:noted|agreed|approved|resolved|endorsed|supported|accepted|adopted|rejected|refused|deferred|"
    r"delegated|authorised)\b"
    r"|\b(?:were|was)\s+(?:unanimously\s+)?(?:considered\s+and\s+)?(?:agreed|approved|accepted|adopted|resolved)\b"
    # an action the minutes record, as parish minutes do: "a letter was to be sent", "This matter to be discussed
    # again at the next meeting", "… and the standard reply, which had been sent last year, to be issued"
    r"|\b(?:a|an|the|this|these)\s+(?:[\w’'-]+\s+){0,3}?(?:was|were)\s+to\s+be\s+[a-z]+(?:ed|en|t)\b"
    r"|(?:^|\band\s+)(?:a|an|the|this|these)(?:\s+(?!(?:is|are|was|were|has|had|have|will|would|may|might|must|can|could|should|need|needs|seem|seems|appear|appears|ought)\b)[\w’'-]+){1,4}?"
    r"(?:,[^,]{1,60},)?\s+to\s+be\s+"
    r"(?:[a-z]+ed|sent|put|written|given|held|taken|brought|sought|made|set|kept|paid|shown|told)\b"
    r"|\band\s+(?:it\s+was\s+)?(?:unanimously\s+)?(?:agreed|approved|resolved)\s+(?:to|that)\b"
    r"|^(?:approved|agreed|noted|carried|accepted)\b"
    r"|" + _STRONG + r""
    # a matter put off to a named meeting: "the matter will be discussed at the October meeting"
    r"|\b(?:will|would|to)\s+be\s+(?:discussed|considered|reviewed|deferred|brought\s+back)\s+(?:again\s+)?"
    r"(?:at|to)\s+the\s+(?:next|[A-Z][a-z]+)\s+(?:[A-Z]{2,4}\s+)?meeting\b"
    r"|\bfor\s+(?:further\s+)?discussion\s+at\s+the\s+(?:next|[A-Z][a-z]+)\s+(?:[A-Z]{2,4}\s+)?meeting\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(?:had|has|have)\s+(?:previously\s+|already\s+)?been\s+(?:agreed|approved|decided|resolved)\b"
    r"|\b(?:would|will|could|should|may|might|to)\s+be\s+(?:agreed|approved|noted|decided)\b"
    r"|\b(?:if|when|once)\s+(?:\w+\s+){0,6}(?:agreed|approved)\b|\?\s*$"
    r"|\bat\s+(?:that|its|their|an?\s+earlier|the\s+last|the\s+previous)\s+meeting\b|\bpreviously\b|\blast\s+(?:year|month|week)\b"
    r"|\bput\s+(?:the\s+)?(?:substantive\s+)?(?:motion|amendment|recommendations?|proposal)\b|\bput\s+to\s+the\s+vote\b"
    r"|\bon\s+being\s+put\b",
    re.I,
)
_NEXT_DECISION = re.compile(
    r"It\s+was\s+(?:also\s+|further\s+|then\s+)?(?:unanimously\s+)?(?:agreed|resolved|decided|approved)\b", re.I
)
# The outcome printed at the end of a list entry, in the minutes' action column: "… £571.49. Noted"
_ACTION_ONLY = re.compile(r"^(?:Noted|Agreed|Approved|Accepted)\.?$")
_ACTION_END = re.compile(r"(?<=[\s.])(?:Noted|Agreed|Approved|Accepted)\.?$")
_ALL_APPROVED = re.compile(r"^[–-]?\s*all\s+(?:approved|agreed)\.?$", re.I)
_VERDICT = re.compile(r"^(?:Approved|Agreed|Refused|Supported|Carried|Accepted)\.?$")
_ASIDE = re.compile(r",\s*which\s[^,]{1,80},")
MAX_BLOCK_LINES = 60


def _number(text: str) -> tuple[str, str] | None:
    match = _NUMBERED.match(text)
    if not match:
        return None
    for style in ("dot", "paren", "alpha"):
        if match[style]:
            value = match[style]
            return ("roman" if style == "paren" and re.fullmatch(r"[ivx]+", value) else style), value
    return None


def _next_of(style: str, value: str, previous: str | None) -> bool:
    if previous is None:
        return value in ("1", "a", "i")
    if value.isdigit() and previous.isdigit():
        return int(value) == int(previous) + 1
    if len(value) == 1 and len(previous) == 1 and value.isalpha():
        return ord(value) == ord(previous) + 1
    return style == "roman"


def decision_blocks(body: Sequence[Line]) -> list[tuple[Span, int, int]]:
    """The decision blocks of an item: (span, first line index, last line index + 1), in order.

    A block runs from its opening line to the first line that is not its own: a paragraph that does not
    continue the block's own numbered list, a vote, a new motion, or the form's next heading.
    """
    found: list[tuple[Span, int, int]] = []
    i = 0
    while i < len(body):
        text = body[i].text
        opener = BLOCK_START.search(text) or _MID_START.search(text)
        if not opener:
            i += 1
            continue
        keyword = _KEYWORD.search(text, opener.start())
        first = text[keyword.start() :] if keyword else text[opener.start() :]
        block = [Line(first, body[i].page)]
        lists: dict[str, str] = {}
        opens_list = bool(re.search(r"(?::|;|-|–|as follows)\s*$", first)) or len(first.split()) <= 4
        k = i + 1
        while k < len(body) and k - i < MAX_BLOCK_LINES:
            line = body[k].text
            if BLOCK_START.match(line) and not _number(line):
                break
            if _STOP.match(line) or _VOTE_LINE.match(line) or (k > i + 1 and _NEXT_DECISION.match(line)):
                break  # "It was also agreed …" after the list: a decision of its own
            numbered = _number(line)
            if numbered:
                style, value = numbered
                if style in lists and value in ("1", "a", "i") and re.search(r":\s*$", block[-1].text):
                    del lists[style]  # a second list, introduced by the line before it ("… Services to:")
                out_of_turn = not (opens_list or style in lists) or not _next_of(style, value, lists.get(style))
                if out_of_turn and (style in lists or not opens_list):
                    break
                if style in lists:  # back to an outer list: the inner ones (a., b. …) start again
                    order = list(lists)
                    for inner in order[order.index(style) + 1 :]:
                        del lists[inner]
                lists[style] = value
                opens_list = True
            elif not opens_list and block and re.search(r"[.;]\s*$", block[-1].text) and len(block) >= 1:
                break  # a one-sentence decision has ended; what follows is the minute's next paragraph
            block.append(body[k])
            k += 1
        text_of_block = join_lines(block)
        if len(flat(text_of_block).split()) >= 2:
            found.append((Span(text_of_block, body[i].page), i, k))
        i = max(k, i + 1)
    return found


def _sentences(body: Sequence[Line]) -> list[tuple[str, int]]:
    """The item's sentences with the page each starts on (paragraphs joined, list entries kept apart)."""
    out: list[tuple[str, int]] = []
    paragraph: list[Line] = []

    def close() -> None:
        if paragraph:
            text = flat(" ".join(line.text for line in paragraph))
            if LIST_MARKER.match(text) and _ACTION_END.search(text):
                out.append((text, paragraph[0].page))  # "iv) Invitation to the St. David’s Parade. Noted": one entry
                paragraph.clear()
                return
            for sentence in split_sentences(text):
                out.append((sentence, paragraph[0].page))
            paragraph.clear()

    for line in body:
        action = _ACTION_ONLY.match(line.text.strip())  # the action column's "Noted", on a line of its own
        if (
            LIST_MARKER.match(line.text)
            or (paragraph and ends_sentence(paragraph[-1].text) and not action)
            or _NEXT_DECISION.match(line.text)  # after an action column's "Clerk", with no full stop before it
        ):
            close()
        paragraph.append(line)
    close()
    return out


_NOTED_ONLY = re.compile(r"^(?:the\s+)?(?:\w+\s+){0,3}?(?:members|councillors)\s+(?:also\s+)?noted\b", re.I)
_OBSERVED = re.compile(r"\b(?:members|councillors)\s+(?:also\s+)?noted\s+that\b", re.I)


def recorded_decisions(body: Sequence[Line], taken: set[int]) -> list[Span]:
    """Sentences that record a decision, outside the lines already read as decision blocks (``taken``).

    A bullet of a discussion ("• Members noted the challenges …") is what was said, not what was decided; so
    is "Members noted …" in an item that records its decision in a block.
    """
    free = [line for n, line in enumerate(body) if n not in taken]
    found: list[Span] = []
    sentences = _sentences(free)
    since = 0  # the first sentence not yet part of a decision
    for n, (sentence, page) in enumerate(sentences):
        if _ACTION_END.search(sentence) and LIST_MARKER.match(sentence):
            found.append(Span(sentence, page))  # a list entry with its outcome in the action column
            since = n + 1
            continue
        if _ALL_APPROVED.match(sentence) and n > since:
            # "Merlin Waste - £30 (Ch. No. 300115), … – all approved.": the list before it is what was approved
            found.append(Span(" ".join(s for s, _ in sentences[since : n + 1]), sentences[since][1]))
            since = n + 1
            continue
        if _VERDICT.match(sentence) and n > 0 and not _RECORDED.search(sentences[n - 1][0]):
            # "DM/2019/00902 – Rear/side extension, Old Cider Mill Cottage. Approved.": the verdict on what precedes
            found.append(Span(f"{sentences[n - 1][0]} {sentence}", sentences[n - 1][1]))
            since = n + 1
            continue
        if (
            (sentence.startswith(("•", "-", "–")) and not re.search(_STRONG, sentence, re.I))
            or (taken and _NOTED_ONLY.search(sentence))
            or _OBSERVED.search(sentence)
        ):
            continue
        # A clause ", which had been sent last year," is background to the decision, not a report of an old one.
        main_clause = _ASIDE.sub(",", sentence)
        if _RECORDED.search(sentence) and not _REPORTED.search(main_clause) and len(sentence.split()) >= 2:
            found.append(Span(sentence, page))
            since = n + 1
    return found


def find_decisions(body: Sequence[Line]) -> list[Span]:
    """Every decision an item's text records, blocks first then single sentences, in the order printed."""
    blocks = decision_blocks(body)
    taken = {n for _, start, end in blocks for n in range(start, end)}
    spans = [span for span, _, _ in blocks] + recorded_decisions(body, taken)
    order = {id(span): n for n, span in enumerate(spans)}
    return sorted(spans, key=lambda s: (s.page, order[id(s)]))


def outcome_of(text: str) -> str:
    """A decision's outcome from its words: deferred, rejected, approved, noted, else other."""
    lower = text.lower()
    if re.search(r"\b(?:defer|deferred|postpone)", lower):
        return "deferred"
    if re.search(r"\b(?:not (?:be )?(?:agreed|approved|supported)|reject|refused|was lost|were lost)\b", lower):
        return "rejected"
    if re.search(
        r"\b(?:agree|agreed|approve|approved|adopt|adopts|adopted|endorse|endorsed|endorses|delegate|delegated|"
        r"confirm|be signed|correct record|authorised|supported|carried|allocated|initiated|implement)",
        lower,
    ):
        return "approved"
    if re.search(r"\bnot(?:e|ed|es)\b", lower):
        return "noted"
    return "other"
