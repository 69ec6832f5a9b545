"""Loading the UK council registry (mySociety register joined with Democracy Club's platform map)."""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction

from councilwatch.councils.models import Council, Nation, Platform

REGISTER_COLUMNS = (
    "local-authority-code",
    "official-name",
    "nice-name",
    "gss-code",
    "nation",
    "region",
    "local-authority-type",
    "local-authority-type-name",
    "alt-names",
    "current-authority",
    "gov-uk-slug",
)
PLATFORM_COLUMNS = ("lgsf_dir", "cms_type", "base_url", "end_date")
PLATFORMS = {
    "moderngov": Platform.MODERNGOV,
    "cmis": Platform.CMIS,
    "custom html": Platform.CUSTOM_HTML,
    "custom html (paged)": Platform.CUSTOM_HTML,
    "custom base": Platform.CUSTOM_HTML,
    "json api": Platform.JSON_API,
    "": Platform.UNKNOWN,
}
CODE_PATTERN = re.compile(r"[A-Z]{3,4}")  # councils have three letters, combined authorities four
NATIONS = {n.value for n in Nation}
# Fields the registry owns; support level and options are the service's own and never overwritten.
REGISTRY_FIELDS = (
    "gss_code",
    "official_name",
    "name",
    "alt_names",
    "slug",
    "nation",
    "region",
    "la_type",
    "la_type_name",
    "platform",
    "platform_base_url",
)


class RegistryError(ValueError):
    """A registry file is malformed; the message names the file, the line and the problem."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        where = f"{path}, line {line}" if line else str(path)
        super().__init__(f"{where}: {problem}")
        self.path, self.line, self.problem = path, line, problem


@dataclass(frozen=True)
class CouncilRecord:
    code: str
    gss_code: str
    official_name: str
    name: str
    alt_names: list[str]
    slug: str
    nation: str
    region: str
    la_type: str
    la_type_name: str
    platform: str
    platform_base_url: str


@dataclass
class LoadReport:
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    changed_codes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.created + self.changed + self.unchanged


def default_paths() -> tuple[Path, Path]:
    folder = settings.DATA_DIR / "registry"
    return folder / "mysociety_uk_local_authorities.csv", folder / "lgsf_council_platforms.csv"


def _rows(path: Path, required: Iterable[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV file, checking its header first."""
    try:
        fh = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise RegistryError(path, None, f"cannot be read ({exc.strerror})") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        missing = [c for c in required if c not in header]
        if missing:
            raise RegistryError(path, 1, f"missing column(s) {', '.join(missing)}")
        for row in reader:
            if None in row:
                raise RegistryError(path, reader.line_num, "more values than the header has columns")
            yield reader.line_num, row


def _split_alt_names(value: str, official: str, name: str) -> list[str]:
    seen = {official.casefold(), name.casefold()}
    names = []
    for raw in value.split(","):
        alt = raw.strip()
        if alt and alt.casefold() not in seen:
            seen.add(alt.casefold())
            names.append(alt)
    return names


def read_platforms(path: Path, warnings: list[str] | None = None) -> dict[str, tuple[str, str]]:
    """Map code -> (platform, base URL). A current row with a known platform wins over an ended one.

    Democracy Club keeps a few bodies under a name rather than a code (``london-london``); they cannot be
    joined, so they are passed over with a warning rather than failing the load.
    """
    best: dict[str, tuple[int, str, str]] = {}
    for line, row in _rows(path, PLATFORM_COLUMNS):
        prefix = row["lgsf_dir"].split("-", 1)[0].strip()
        code = prefix.upper()
        if len(prefix) != 3 or not prefix.isalpha() or not prefix.isupper():
            if warnings is not None:
                warnings.append(f"{path}, line {line}: {row['lgsf_dir']!r} has no three-letter code; not joined")
            continue
        cms = row["cms_type"].strip().lower()
        if cms not in PLATFORMS:
            raise RegistryError(path, line, f"unknown cms_type {row['cms_type']!r}")
        score = (0 if row["end_date"].strip() else 2) + (1 if cms else 0)
        if code not in best or score > best[code][0]:
            best[code] = (score, PLATFORMS[cms], row["base_url"].strip().rstrip("/"))
    return {code: (platform, url) for code, (_, platform, url) in best.items()}


def read_registry(register: Path, platforms: Path, warnings: list[str] | None = None) -> list[CouncilRecord]:
    """Read and validate both files; return the current councils. Raises RegistryError on bad input."""
    platform_map = read_platforms(platforms, warnings)
    records: list[CouncilRecord] = []
    seen: dict[str, int] = {}
    for line, row in _rows(register, REGISTER_COLUMNS):
        code = row["local-authority-code"].strip().upper()
        if not code:
            raise RegistryError(register, line, "empty local-authority-code")
        if code in seen:
            raise RegistryError(register, line, f"duplicated code {code} (first on line {seen[code]})")
        seen[code] = line
        if row["current-authority"].strip() != "True":
            continue
        if not CODE_PATTERN.fullmatch(code):
            raise RegistryError(register, line, f"local-authority-code {code!r} is not three or four letters")
        nation = row["nation"].strip()
        if nation not in NATIONS:
            raise RegistryError(register, line, f"unknown nation {nation!r} for {code}")
        official, name = row["official-name"].strip(), row["nice-name"].strip()
        if not official or not row["gss-code"].strip():
            raise RegistryError(register, line, f"{code} has no official name or GSS code")
        platform, base_url = platform_map.get(code, (Platform.UNKNOWN, ""))
        records.append(
            CouncilRecord(
                code=code,
                gss_code=row["gss-code"].strip(),
                official_name=official,
                name=name or official,
                alt_names=_split_alt_names(row["alt-names"], official, name),
                slug=row["gov-uk-slug"].strip(),
                nation=nation,
                region=row["region"].strip(),
                la_type=row["local-authority-type"].strip(),
                la_type_name=row["local-authority-type-name"].strip(),
                platform=str(platform),
                platform_base_url=base_url,
            )
        )
    if not records:
        raise RegistryError(register, None, "no current authorities found")
    return records


@transaction.atomic
def load_councils(register: Path | None = None, platforms: Path | None = None) -> LoadReport:
    """Create or update every current council; idempotent, one transaction, nothing written on bad input."""
    default_register, default_platforms = default_paths()
    report = LoadReport()
    records = read_registry(register or default_register, platforms or default_platforms, report.warnings)
    existing = {c.code: c for c in Council.objects.select_for_update()}
    for record in records:
        values = asdict(record)
        council = existing.get(record.code)
        if council is None:
            Council.objects.create(**values)
            report.created += 1
            continue
        changed = [f for f in REGISTRY_FIELDS if getattr(council, f) != values[f]]
        if changed:
            for f in changed:
                setattr(council, f, values[f])
            council.save(update_fields=[*changed, "updated_at"])
            report.changed += 1
            report.changed_codes.append(record.code)
        else:
            report.unchanged += 1
    return report
