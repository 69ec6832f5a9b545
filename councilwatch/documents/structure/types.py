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
    agenda_item: str | None  # the agenda item number it records, e.g. "7", when the minutes give it
    title: str
    text: str  # the whole minute's text
    resolved: list[Span] = field(default_factory=list)  # the RESOLVED / AGREED blocks, in order
    votes: list[Vote] = field(default_factory=list)
    page: int = 1  # page the minute starts on
    page_end: int = 1


@dataclass(frozen=True)
class Minutes:
    present: list[AttendanceEntry] = field(default_factory=list)
    in_attendance: list[AttendanceEntry] = field(default_factory=list)
    apologies: list[AttendanceEntry] = field(default_factory=list)
    items: list[MinuteItem] = field(default_factory=list)
    declarations: list[Declaration] = field(default_factory=list)


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
