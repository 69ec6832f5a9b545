"""Records describing the structure of council papers. Every piece of text keeps the page it is on (1-based)."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    """A piece of text and the page it starts on."""

    text: str
    page: int


@dataclass(frozen=True)
class AttendanceEntry:
    name: str
    role: str  # e.g. "Chairman", "Member", "Cabinet Member for Finance", "Officer"
    status: str  # one of meetings.models.AttendanceStatus values: present, apologies, in_attendance, virtual ...
    page: int
    substitute_for: str = ""  # "Councillor Jos Clark attended as substitute" for whom, where the minutes say


@dataclass(frozen=True)
class Motion:
    """A motion, a recommendation put to the vote, or an amendment, as the minutes record it."""

    key: str  # unique within its item: "m1", "m2" … in the order printed
    kind: str  # motion | amendment | recommendation | procedural
    label: str  # as the minutes name it: "Recommendation 2A", "Amendment", "Motion"
    mover: str
    seconder: str
    proposes: str  # what it proposed, as printed (may be empty when only the label is given)
    page: int
    parent: str | None = None  # for an amendment, the key of the motion it amends
    amount: str = ""  # the first sum of money it proposes, as printed
    funding: str = ""  # where the money comes from, where the text says
    outcome: str = ""  # carried | lost | withdrawn | fell | accepted | "" (not recorded)
    unanimous: bool = False
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    named: tuple[tuple[str, str], ...] = ()  # a recorded vote: (name as printed, "for" | "against" | "abstain")
    record: str = ""  # the sentence recording it whole, where one does: "Cllr A proposed approval; … Carried."


@dataclass(frozen=True)
class Participation:
    """A question, statement, petition or deputation from the public (or a councillor) on an item."""

    kind: str  # question | statement | petition | deputation
    number: str
    person: str
    title: str
    page: int
    signatures: int | None = None
    answer: str = ""


@dataclass(frozen=True)
class Vote:
    for_: int | None
    against: int | None
    abstaining: int | None
    text: str
    page: int
    outcome: str = ""  # as printed, e.g. "Amendment lost."


@dataclass(frozen=True)
class Declaration:
    member: str
    item: str | None
    text: str
    page: int


@dataclass(frozen=True)
class MinuteItem:
    minute_number: str  # as printed, e.g. "12"
    agenda_item: str | None  # the agenda item number it records, e.g. "7", when the minutes or the agenda give it
    title: str
    text: str  # the whole minute's text
    resolved: list[Span] = field(default_factory=list)  # the decisions (RESOLVED, AGREED, noted …), in order
    votes: list[Vote] = field(default_factory=list)
    page: int = 1  # page the minute starts on
    page_end: int = 1
    motions: list[Motion] = field(default_factory=list)
    participation: list[Participation] = field(default_factory=list)
    participation_counts: dict[str, int] = field(default_factory=dict)  # {"questions": 14, "statements": 67}


@dataclass(frozen=True)
class Minutes:
    present: list[AttendanceEntry] = field(default_factory=list)
    in_attendance: list[AttendanceEntry] = field(default_factory=list)
    apologies: list[AttendanceEntry] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)
    title: str = ""  # the printed heading: council, body, "Minutes of …"
    date: str = ""  # the meeting date the minutes print (YYYY-MM-DD), where they print one near the top


@dataclass(frozen=True)
class ReportSection:
    heading: str
    kind: str  # purpose, summary, recommendations, background, options, financial, legal, equalities, appendices, other
    text: str
    page: int
    page_end: int


@dataclass(frozen=True)
class Money:
    text: str  # as printed, e.g. "£1.2m"
    amount: float  # in pounds
    page: int


@dataclass(frozen=True)
class DateMention:
    text: str
    iso: str  # YYYY-MM-DD
    page: int


@dataclass(frozen=True)
class Report:
    title: str
    sections: list[ReportSection] = field(default_factory=list)
    recommendations: list[Span] = field(default_factory=list)  # each recommendation, in order
    money: list[Money] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)  # "MTFP" -> "Medium Term Financial Plan"


@dataclass(frozen=True)
class AgendaEntry:
    """One numbered item of an agenda frontsheet."""

    number: str  # as printed, e.g. "7"
    title: str
    page: int
    description: str = ""  # what the agenda says under the title
