"""Plain English by rule: decisions and recommendations rewritten from their parsed parts, faithfully.

"RESOLVED that Cabinet agree to: (a) Note the forecast revenue overspend of £23.3m (excluding Schools).
(e) Agree the Capital budget changes." becomes "Cabinet noted the forecast revenue overspend of £23.3m
(excluding Schools) and agreed the Capital budget changes." The rules only remove (lead-ins, list markers,
cross-references such as "as set out in Appendix 1"), put the verb in the past (or after "will be asked to"),
and join short parts; every figure, name and date stays as printed, and the exact wording is kept beside the
sentence. Nothing is added but the subject and a few joining words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilwatch.summaries.verifier import normalise
from councilwatch.summaries.wording import plainer

_LEAD = re.compile(
    r"^\s*(?:\d{1,3}[.)]\s*)?(?:(?:It\s+was\s+)?(?:unanimously\s+|also\s+|further\s+|then\s+)?"
    r"(?:RESOLVED|AGREED|APPROVED|DECIDED|NOTED)\b(?:\s*\([^)]{0,60}\))?\s*[:;,–-]?\s*(?:that\b)?\s*[:;,]?\s*)+"
    r"|^\s*Decisions?(?:\s+taken)?\s*[:\-–]?\s*",
    re.I,
)
_BODY = (
    r"(?i:the\s+)?(?:[A-Z][\w&'’-]*\s+|(?:of|and|for|the|&)\s+){0,10}?"
    r"(?:Committee|Council|Cabinet|Panel|Board|Authority|Forum|Members?)"
    r"(?:\s+for\s+(?:[A-Z][\w&'’-]*\s*|(?:and|&|of)\s+){1,8})?"
)
_SUBJECT = re.compile(
    rf"^\s*(?i:that\s+)?{_BODY}\s*(?i:(?:is|are|was|were)\s+(?:asked|recommended|invited)\s+to|agrees?\s+to|"
    rf"agreed\s+to|resolves?\s+to|resolved\s+to)?\s*[:;,]?\s*(?=[A-Za-z(]|$)",
)
_ASKED = re.compile(r"^(?:is\s+asked\s+to|are\s+asked\s+to|agrees?\s+to|agreed\s+to|asked\s+to|to)\s+", re.I)
_MARKER = re.compile(
    r"(?:^|(?<=\s)|(?<=[:;]))(?:\((?:[a-zA-Z]|[ivx]{1,4}|\d{1,2})\)|[ivx]{2,4}\)|[a-z][.)]|[A-Z]\)|\d{1,2}[a-z]?[.)])\s+(?=[A-Za-z£“\"‘'(])"
)
_PROPOSED = re.compile(
    r"^(?:it\s+was\s+)?proposed\s+by\s+(?P<mover>.+?),?\s+(?:and\s+)?seconded\s+by\s+(?P<seconder>.+?),?\s+(?:and\s+)?"
    r"(?:it\s+was\s+)?(?P<unan>unanimously\s+)?(?P<verb>agreed|approved|resolved|carried)\s*,?\s*(?P<rest>.*)$",
    re.I,
)
_REFERENCE = re.compile(
    r"\s*\((?:see|attached(?:\s+at|\s+as)?|as\s+set\s+out\s+in|set\s+out\s+in|at|in)?\s*(?:Appendix|Annex|Appendices|paragraphs?|Figure|Table)\b[^)]{0,60}\)"
    r"|,?\s+as\s+(?:set\s+out|detailed|outlined|described|shown|presented|attached)\s+(?:in|at)\s+(?:the\s+|this\s+)?"
    r"(?:report|(?:Appendix|Annex|paragraphs?|Figure|Table)\s+[\w.]+(?:\s+(?:and|to)\s+(?-i:[A-Z0-9])[\w.]*)?)(?:\s+(?:of|to)\s+the\s+report)?",
    re.I,
)
_HEADING_PREFIX = re.compile(r"^(?P<head>[A-Z][^.:;–-]{3,80}?)\s+[-–]\s+(?=[A-Z][a-z])")
_PAST = {
    "agree": "agreed", "note": "noted", "adopt": "adopted", "endorse": "endorsed", "approve": "approved",
    "delegate": "delegated", "transfer": "transferred", "consider": "considered", "refer": "referred",
    "request": "requested", "submit": "submitted", "support": "supported", "recommend": "recommended",
    "confirm": "confirmed", "authorise": "authorised", "authorize": "authorised", "accept": "accepted",
    "reject": "rejected", "defer": "deferred", "appoint": "appointed", "allocate": "allocated", "set": "set",
    "receive": "received", "commission": "commissioned", "award": "awarded", "publish": "published",
    "launch": "launched", "implement": "implemented", "initiate": "initiated", "invite": "invited",
    "comment": "commented", "thank": "thanked", "welcome": "welcomed", "ask": "asked", "instruct": "instructed",
    "give": "gave", "make": "made", "renew": "renewed", "grant": "granted", "refuse": "refused", "approves": "approved",
    "extend": "extended", "increase": "increased", "introduce": "introduced", "agreeing": "agreed", "urge": "urged",
    "expect": "expected", "believe": "believed", "call": "called", "pay": "paid", "donate": "donated",
    "include": "included", "reaffirm": "reaffirmed", "establish": "established", "proceed": "proceeded",
    "amend": "amended", "retain": "retained", "remove": "removed", "review": "reviewed", "continue": "continued",
    "progress": "progressed", "spend": "spent", "provide": "provided", "mandate": "mandated", "resolve": "resolved",
}  # fmt: skip
_PAST_WORDS = set(_PAST.values())
_PAST_ALTERNATION = "|".join(sorted(_PAST_WORDS - {"set"}, key=len, reverse=True))
_NOTE_OF = re.compile(r"^agree(?:s|d)?\s+to\s+note\b", re.I)
_PASSIVE = re.compile(
    r"^(?:that\s+)?(?P<object>.{3,160}?)\s+be\s+(?P<verb>approved|agreed|noted|adopted|endorsed|received|accepted|signed|supported|confirmed)\b(?P<rest>.*)$",
    re.I,
)
_DONE = re.compile(
    r"^(?P<object>[^,;:]{2,120}?)\s+(?:was|were|(?:had|has|have)\s+been)\s+(?:duly\s+|unanimously\s+|formally\s+)?"
    r"(?P<verb>agreed|approved|adopted|accepted|noted|received|endorsed|confirmed|ratified|thanked)\b(?P<rest>.*)$",
    re.I,
)
_RECORD = re.compile(r"^\s*as\s+(?:a\s+)?(?:true|correct|accurate)\s+record", re.I)
MAX_WORDS = 36  # a clause longer than this is cut at a clause boundary (the exact wording is kept)
# "A discussion took place on X", "It was briefly discussed": talk, not a decision (X is what "it" then means)
_DISCUSSION = re.compile(
    r"(?:(?:a|an|some|further|brief|lengthy|general|full|short)\s+)*discussions?\s+"
    r"(?:took\s+place|was\s+held|was\s+had|followed|ensued)"
    r"(?:\s+(?:on|about|regarding|concerning|over|around|of)\s+(?P<topic>.+?))?"
    r"|(?:it|this|the\s+(?:matter|item|issue|report|document|proposal|request))\s+was\s+(?:then\s+)?"
    r"(?:briefly\s+|fully\s+|further\s+|duly\s+)?discussed"
    r"|(?:members|councillors|the\s+(?:council|committee|pc|panel|board))\s+(?:then\s+)?(?:briefly\s+)?"
    r"discussed\s+(?P<topic2>.+?)"
    r"|(?:after|following)\s+(?:a\s+)?(?:brief\s+|lengthy\s+|some\s+|further\s+|full\s+)?discussion",
    re.I,
)
_EMBEDDED = re.compile(
    r"^(?P<pre>[^.;:]{3,200}?)[,;]?\s+(?:and\s+)?"
    r"(?P<lead>it\s+was\s+(?:then\s+|therefore\s+|unanimously\s+|also\s+)?(?:agreed|resolved|decided)\b.*)$",
    re.I,
)
_FINITE = {
    "was", "were", "is", "are", "would", "should", "will", "be", "had", "has", "have", "could", "may", "must",
    "can", "shall", "might",
}  # fmt: skip
_NOTED_ENTRY = re.compile(r"^(?P<what>.{6,240}?)[.,]?\s+Noted\.?$")
_CONSENSUS = re.compile(r"^(?:a\s+|the\s+)?(?:general\s+)?consensus\s+was\s+(?:reached|agreed)\s+(?:that\s+)?", re.I)
_TOPIC_OF = re.compile(r"^(?:the\s+(?:future|question|issue|matter|subject|possibility|proposal)\s+of\s+)", re.I)
_DETERMINERS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "no", "there", "all", "any", "each", "every",
    "he", "she", "they", "we", "his", "her", "their", "our", "some", "such", "both", "either", "neither",
}  # fmt: skip
_TO_BE = re.compile(
    r"^(?P<object>(?:(?i:the|a|an|this|these|that|those|all|any|each|no|further|new)\b|[A-Z][a-z]+\b)[^;:]{0,120}?)"
    r"\s+to\s+be\s+(?P<rest>(?:[a-z]+ed|sent|made|put|held|written|given|taken|kept|done|brought|paid|sought|set|"
    r"shown|drawn|chosen|seen|met|left|told|read|spent|bought|built|undertaken|forwarded|signed)\b.*)$"
)


def _lower_determiner(text: str) -> str:
    """'The street light …' → 'the street light …' (inside a sentence); names and acronyms unchanged."""
    first = text.split(" ", 1)[0]
    return (
        text[:1].lower() + text[1:]
        if first.lower() in _DETERMINERS and (first[1:].islower() or len(first) == 1)
        else text
    )


def without_discussion(text: str) -> str:
    """'A discussion took place on X and it was agreed that it …' → 'it was agreed that X …'."""
    match = _EMBEDDED.match(text)
    if not match:
        return text
    talk = _DISCUSSION.fullmatch(match["pre"].strip(" .,;"))
    reason = re.match(r"^(?:As|Since|Because|Given\s+that|In\s+view\s+of|In\s+light\s+of)\b", match["pre"])
    if reason and not talk:  # "As there were many requests, it was agreed to …" → "it was agreed to …, as …"
        return f"{match['lead'].rstrip(' .')}, {match['pre'][:1].lower()}{match['pre'][1:].strip(' ,')}."
    if not talk:
        return text
    lead, topic = match["lead"], talk["topic"] or talk["topic2"]
    if topic:
        topic = _TOPIC_OF.sub("", topic.strip())
        lead = re.sub(
            r"^(it\s+was\s+(?:\w+\s+)?(?:agreed|resolved|decided)\s+that\s+)it\b",
            lambda m: m[1] + topic,
            lead,
            flags=re.I,
        )
    return lead


_RECORD_ONLY = re.compile(
    r"(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?\s+"
    r"(?:proposed|seconded)(?:\s+(?:approval|acceptance|adoption|this|it|the\s+motion))?\s*[;,.]?\s*(?:and\s+)?)+"
    r"(?:(?:it\s+was\s+)?(?:carried|agreed|approved|resolved)(?:\s+unanimously)?)?",
    re.I,
)


def is_discussion(text: str) -> bool:
    """Whether the text only says that something was discussed, or only who proposed and seconded (a vote told
    on its own)."""
    text = text.strip(" .,;")
    return bool(_DISCUSSION.fullmatch(text) or _RECORD_ONLY.fullmatch(text))


def _agreed(rest: str) -> Part:
    """A clause that followed 'It was agreed (to|that)': 'agreed to hold …', 'agreed that the Clerk …'."""
    manner = re.match(r"^(in\s+principle|unanimously)\s+(?:to\s+)?", rest, re.I)
    verb = f"agreed {manner[1].lower()}" if manner else "agreed"
    rest = rest[manner.end() :] if manner else rest
    words = rest.split()
    first = words[0] if words else ""
    finite = any(w.lower() in _FINITE for w in words[1:3])  # "information was awaited": a clause, not an act
    if first[:1].islower() and first not in _DETERMINERS and not finite:
        return Part(f"{verb} to", rest)
    tense = next((w.lower() for w in words[1:3] if w.lower() in _FINITE), "")
    if not manner and tense in ("was", "were", "had", "has", "have", "is", "are"):
        return Part("noted that", _lower_determiner(rest))  # "; information was awaited from them": news, not an act
    return Part(f"{verb} that", _lower_determiner(rest))


@dataclass(frozen=True)
class Part:
    verb: str  # the past (or base) form that opens the clause, lower case: "noted", "approved"; "" when none
    rest: str  # what follows it

    def past(self) -> str:
        return f"{self.verb} {self.rest}".strip() if self.verb else self.rest

    def base(self) -> str:
        words = [
            next((b for b, p in _PAST.items() if p == w and not b.endswith(("s", "ing"))), w) for w in self.verb.split()
        ]
        verb = " ".join(words)
        return f"{verb} {self.rest}".strip() if verb else self.rest

    def words(self) -> int:
        return len(self.past().split())


def strip_references(text: str) -> str:
    """Cross-references a resident cannot follow on the page ("as set out in Appendix 1") removed."""
    return re.sub(r"\s{2,}", " ", _REFERENCE.sub("", text)).strip()


def _verb(word: str) -> str | None:
    lower = word.lower().strip(",;:")
    if lower in _PAST_WORDS:
        return lower
    if lower in _PAST:
        return _PAST[lower]
    if lower.endswith("s") and lower[:-1] in _PAST:
        return _PAST[lower[:-1]]
    if lower.endswith("es") and lower[:-2] in _PAST:
        return _PAST[lower[:-2]]
    return None


def _clause(text: str) -> Part | None:
    text = text.strip(" ;,.:")
    text = re.sub(r"[\s;,]*(?:\band\b|\bor\b)?\s*$", "", text)
    if not _verb(text.split(" ", 1)[0]):
        text = _SUBJECT.sub("", text, count=1)
    text = _ASKED.sub("", text)
    heading = _HEADING_PREFIX.match(text)
    if heading and _verb(text[heading.end() :].split(" ", 1)[0]):
        text = text[heading.end() :]  # "Residents Parking - Approve and implement …"
    if _NOTE_OF.match(text):
        text = "note " + text[_NOTE_OF.match(text).end() :]  # type: ignore[union-attr]
    proposed = _PROPOSED.match(text)
    if proposed:  # "It was proposed by Cllr A, seconded by Cllr B and unanimously agreed to give £300 …"
        rest = re.sub(r"^(?:that\s+)?", "", proposed["rest"]).strip()
        verb = ("unanimously " if proposed["unan"] else "") + proposed["verb"].lower().replace("carried", "agreed")
        return Part(verb, rest) if rest else None
    passive = _PASSIVE.match(text)
    if passive and not _verb(text.split(" ", 1)[0]) and not re.search(r"\b(?:were|was|is|are|be)\b", passive["object"]):
        obj = passive["object"]
        obj = obj[:1].lower() + obj[1:] if obj[:4].lower() == "the " else obj
        text = f"{passive['verb'].lower()} {obj}{passive['rest']}"
    words = text.split()
    if len(words) < 2:
        return None
    verb = _verb(words[0])
    noted = _NOTED_ENTRY.match(text)
    if verb is None and noted:  # a correspondence list: "Lloyds Bank Statement …, Credit Balance £12,288.36. Noted."
        return Part("noted", _lower_determiner(noted["what"]))
    consensus = _CONSENSUS.match(text)
    if verb is None and consensus:  # "a consensus was reached that Option 1 … should be recommended"
        return Part("agreed that", _lower_determiner(text[consensus.end() :]))
    done = _DONE.match(text) if verb is None else None
    by = done and re.search(r"\bby\s+(?:the\s+)?(?P<who>[A-Z][\w.]*)", done["rest"].split(" and ")[0])
    own = by and re.match(r"(?:Councillors|Members|Council|Committee|Meeting|Chair(?:man)?|PC)$", by["who"], re.I)
    agent = by and not own  # "approved by the Borough Council": another body did it
    if own:  # "these suggestions were approved by the Councillors": the council's own act
        done = _DONE.match(f"{done['object']} were {done['verb']}{done['rest'][: by.start()].rstrip()}")
    if done and not agent and done["object"].lower() not in ("it", "this", "there"):
        # "These were agreed as a true record and signed by the Chairman" → "agreed the minutes as a true record"
        obj, rest = done["object"], re.sub(r",?\s+and\s+(?:duly\s+)?signed\b.*$", "", done["rest"]).rstrip(" .")
        if obj.lower() in ("these", "they", "those") and _RECORD.match(rest):
            obj = "the minutes"
        return Part(done["verb"].lower(), f"{_lower_determiner(obj)}{rest}")
    if done and agent:  # "The application was approved by the Borough Council": news the council heard
        return Part("noted that", _lower_determiner(text.rstrip(" .")))
    if verb is None:
        to_be = _TO_BE.match(text)
        if to_be and not re.search(r"\b(?:is|are|was|were|has|have|had|will|would)\b", to_be["object"]):
            return Part("agreed that", f"{_lower_determiner(to_be['object'])} would be {to_be['rest']}")
        if re.match(r"^(?:the|that|a|an)\b", text, re.I):  # "the minutes … were a correct record"
            rest = re.sub(r"^that\s+", "", text, flags=re.I)
            return Part("agreed that", _lower_determiner(rest))
        return Part("", text)
    rest = words[1:]
    if len(rest) >= 2 and rest[0] == "and" and _verb(rest[1]):  # "approve and implement" → "approved and implemented"
        verb = f"{verb} and {_verb(rest[1])}"
        rest = rest[2:]
    return Part(verb, " ".join(rest))


def decision_parts(text: str) -> list[Part]:
    """The actions of one decision (or recommendation), each its verb and what follows."""
    text = re.sub(r"^\(?(?:[ivx]{1,4}|[a-z])\)\s+(?=[A-Z])", "", strip_references(normalise(text)))  # "iii) It …"
    text = without_discussion(text)
    lead = _LEAD.match(text)
    led = bool(lead and re.search(r"agreed|resolved|decided", lead.group(0), re.I))
    text = _LEAD.sub("", text, count=1)
    if not _verb(text.split(" ", 1)[0]):
        text = _SUBJECT.sub("", text, count=1)
    text = _ASKED.sub("", text)
    pieces = [p for p in _MARKER.split(text) if p and p.strip(" ;,.:")]
    parts = []
    for piece in pieces:
        for chunk in re.split(r";\s+(?:and\s+)?(?=[a-z]+\b)|\s+and\s+(?=(?:" + _PAST_ALTERNATION + r")\s)", piece):
            own_lead = _LEAD.match(chunk)
            if own_lead and re.search(r"agreed|resolved|decided", own_lead.group(0), re.I):  # "…; it was agreed that X"
                part = _clause(chunk[own_lead.end() :])
                part = _agreed(part.rest) if part is not None and not part.verb else part
            else:
                part = _clause(chunk)
            if part is None or not part.rest or (not part.verb and is_discussion(part.rest)):
                continue
            parts.append(_agreed(part.rest) if led and not part.verb else part)
    return parts


_MINUTES_TITLE = re.compile(
    r"^(?:(?:to\s+)?(?:approve|confirm|agree|sign|receive)(?:\s+and\s+sign)?\s+|(?:approval|confirmation|adoption)\s+of\s+)?"
    r"(?:the\s+)?(?P<what>minutes\s+of\s+(?:the\s+)?(?:previous|last)\s+meeting\b.*|minutes\s+of\s+the\s+.*meeting"
    r"\s+(?:held\s+)?on\s+.{4,40}|(?:previous\s+)?minutes)$",
    re.I,
)


def minutes_part(title: str, decision: str) -> Part | None:
    """'Approval of minutes of previous meeting' + 'Approved & signed as correct.' → 'approved the minutes of the
    previous meeting as a correct record' (None when the minutes were amended or the decision says more)."""
    match = _MINUTES_TITLE.match(title.strip(" .:"))
    text = normalise(decision)
    if not match or len(text.split()) > 25 or re.search(r"\b(?:amend\w*|except|subject\s+to|not)\b", text, re.I):
        return None
    if not re.search(r"\b(?:approved|agreed|accepted|confirmed|signed|adopted)\b", text, re.I):
        return None
    if re.search(r"\bminutes\s+of\b", text, re.I):
        return None  # the decision names the minutes itself: its own wording says more than the title
    what = re.sub(r"\s+", " ", match["what"]).strip(" .:")
    what = re.sub(r"^(minutes\s+of\s+)(?=previous|last)", r"\1the ", what, flags=re.I)
    record = " as a correct record" if re.search(r"\b(?:correct|true|accurate)\b", text, re.I) else ""
    return Part("approved", f"the {what[:1].lower()}{what[1:]}{record}")


_PAYMENTS = re.compile(
    r"\b(?:payments?|accounts?\s+(?:for|to\s+be)\s+(?:paid|payment|approval)|invoices|cheques|schedule\s+of\s+"
    r"(?:payments|accounts))\b",
    re.I,
)
_APPROVAL = re.compile(r"\b(?:approv\w*|agreed|carried|authoris\w*|authoriz\w*|accepted|resolved)\b", re.I)
_TABLE_HEAD = re.compile(r"\b(?:Net|Gross|VAT|Payee|Amount|Chq|Cheque)\b")
_AMOUNT_CELL = r"£?\s?(\d[\d,]*\.\d{2})"
_TOTAL_ROW = re.compile(
    rf"(?:\bTotals?\b\s*:?\s*{_AMOUNT_CELL}(?:\s+{_AMOUNT_CELL})?(?:\s+{_AMOUNT_CELL})?"
    rf"|£\s?(\d[\d,]*\.\d{{2}})\s+{_AMOUNT_CELL}(?:\s+{_AMOUNT_CELL})?)(?![\d.])"
)


def payments_total(text: str) -> str | None:
    """The total of a table of payments (the largest figure of its totals row: the gross), as printed.

    Parish and town council minutes approve a schedule of payments printed as a table (payee, net, VAT,
    gross) ending in a totals row, "Total 1495.06 180.25 1675.31" or "£ 1191.55 4.89 1196.44".
    """
    heads = _TABLE_HEAD.findall(text)
    if len(set(heads)) < 2:
        return None
    start = _TABLE_HEAD.search(text).start()  # type: ignore[union-attr]
    rows = list(_TOTAL_ROW.finditer(text, start))
    if not rows:
        return None
    figures = [g for g in rows[-1].groups() if g]
    return max(figures, key=lambda f: float(f.replace(",", "")))


def payments_part(title: str, decision: str, context: str) -> Part | None:
    """'approved payments totalling £1675.31' for an approved schedule of payments (its table in ``decision`` or
    in the item's text before it, ``context``), else None."""
    if not (_PAYMENTS.search(title) or _PAYMENTS.search(decision)) or not _APPROVAL.search(f"{title} {decision}"):
        return None
    if re.search(r"\b(?:not|refused|rejected|deferred|lost)\b", decision, re.I):
        return None
    total = payments_total(decision) or payments_total(context)
    if total:
        return Part("approved", f"payments totalling £{total}")
    listed = _payments_list(decision)
    return Part("approved", f"payments: {listed}") if listed else None


_CHEQUE = re.compile(
    r"\s*\((?:Ch(?:q|eque)?\.?\s*No\.?|Chq|DD|BACS|SO|Inv(?:oice)?\.?\s*No\.?)\s*[\w/-]{0,20}\s*\)?", re.I
)  # "(Ch. No. 300093)", and "(Ch. No. 300117." with its bracket never closed


def _payments_list(decision: str) -> str:
    """'Accounts for payment: A £30.00 (Ch. No. 1), B £335.78 – all approved.' → 'A £30.00, B £335.78'."""
    text = normalise(decision)
    label = re.match(r"^[^:£]{0,60}:\s*", text)
    if label and _PAYMENTS.search(label.group(0)):
        text = text[label.end() :]
    text = re.sub(
        r"\s*[-–,;]?\s*(?:and\s+)?(?:were\s+|are\s+)?(?:all\s+)?(?:approved|agreed)(?:\s+for\s+payment)?\.?$",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\.\s+(?=[A-Z])", ", ", _CHEQUE.sub("", text)).strip(" .,;")  # entries on lines of their own
    if len(re.findall(r"£\s?\d", text)) < 2 or re.search(r"\b(?:was|were|is|are|had|has|will)\b", text):
        return ""
    return text


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _cut(text: str, limit: int = MAX_WORDS) -> str:
    """At most ``limit`` words, cut at a clause boundary (the rest is in the exact wording)."""
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" and "), head.rfind(" to "))
    return (head[:cut] if cut > len(head) // 2 else head).rstrip(" ,;") + " …"


def past_sentences(subject: str, parts: list[Part], *, joiner_limit: int = 26) -> list[str]:
    """'Cabinet noted … and agreed …': parts in the past, two short ones to a sentence, long ones cut."""
    sentences: list[str] = []
    pending: list[Part] = []

    def flush() -> None:
        if not pending:
            return
        clauses = [p.past() if p.verb else f"decided: {p.rest}" for p in pending]
        body = " and ".join(_cut(c) for c in clauses)
        sentences.append(f"{subject} {body}".rstrip(" .") + ("" if body.endswith("…") else "."))
        pending.clear()

    for part in parts:
        if not part.verb:
            flush()
            sentences.append(f"{subject} decided: {_cut(part.rest)}".rstrip(".") + ".")
            continue
        if pending and sum(p.words() for p in pending) + part.words() > joiner_limit:
            flush()
        pending.append(part)
        if len(pending) == 2:
            flush()
    flush()
    return [_tidy(s) for s in sentences]


def asked_sentences(subject: str, parts: list[Part], *, joiner_limit: int = 26) -> list[str]:
    """'Cabinet will be asked to note … and agree …' for a meeting not yet held."""
    sentences: list[str] = []
    pending: list[Part] = []

    def flush() -> None:
        if pending:
            body = " and ".join(_cut(p.base()) for p in pending)
            sentences.append(_tidy(f"{subject} will be asked to {body}".rstrip(" .") + "."))
            pending.clear()

    for part in parts:
        if not part.verb:
            flush()
            sentences.append(_tidy(f"The report recommends: {_cut(part.rest)}".rstrip(".") + "."))
            continue
        if pending and sum(p.words() for p in pending) + part.words() > joiner_limit:
            flush()
        pending.append(part)
        if len(pending) == 2:
            flush()
    flush()
    return sentences


def _tidy(sentence: str) -> str:
    sentence = plainer(re.sub(r"\s+([,.;:])", r"\1", sentence))
    sentence = re.sub(r"\.\s*\.$", ".", sentence)
    sentence = re.sub(r"\s{2,}", " ", sentence)
    return _cap(sentence.strip())


def subject_of(committee: str) -> str:
    """How a summary names the body meeting: 'Cabinet', 'The council', 'The committee'."""
    name = committee.strip()
    if re.search(r"\bcabinet\b", name, re.I) and len(name.split()) <= 3:
        return "Cabinet"
    if re.search(r"\b(?:county|city|borough|district|parish|town|community|full)\s+council\b|^council$", name, re.I):
        return "The council"
    if re.search(r"\bcouncil\b", name, re.I) and not re.search(r"committee|panel|board|cabinet", name, re.I):
        return "The council"
    if re.search(r"\bpanel\b", name, re.I):
        return "The panel"
    if re.search(r"\bboard\b", name, re.I):
        return "The board"
    return "The committee"


def vote_counts(votes_for: int | None, against: int | None, abstain: int | None) -> str:
    """'by 6 votes to none, with 3 abstentions' (or '' when the minutes give no counts)."""
    if votes_for is None and against is None:
        return ""
    text = f"by {votes_for if votes_for is not None else 'an unrecorded number of'} votes to {against if against else 'none'}"
    if abstain:
        text += f", with {abstain} abstention{'s' if abstain != 1 else ''}"
    return text


def short(text: str, limit: int = 18) -> str:
    """The start of a proposal, for a sentence about it."""
    text = strip_references(normalise(text)).strip(" “”\"'")
    text = re.sub(
        r"^(?:to\s+the\s+(?:substantive\s+)?motion|to\s+(?:the\s+)?recommendations?)(?:\s+set\s+out)?(?:\s+(?:in|at)\s+paragraph\s+\d+)?\s*:?\s*[“\"']?",
        "",
        text,
        flags=re.I,
    )
    text = _LEAD.sub("", text)
    text = re.sub(
        r"^(?:(?:County\s+)?Council|Cabinet|This Council|The Committee)\s+(?:is\s+asked\s+to|believes\s+that)\s*:?\s*",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"^\(?(?:[a-z]|[ivx]{1,4}|\d{1,2})[.)]\s+", "", text)
    return _cut(text, limit)
