"""Apps depend one way only (../shared/STYLE.md, docs/architecture.md): a lower layer never imports a higher one."""

import ast
from pathlib import Path

import councilwatch

PACKAGE = Path(councilwatch.__file__).parent
# Layer of each app; an app may import apps of a lower number, and those named in ALLOWED.
LAYERS = {
    "core": 0,
    "replay": 0,
    "councils": 1,
    "meetings": 2,
    "ingest": 3,
    "documents": 3,
    "webcasts": 3,
    "summaries": 4,
    "search": 5,
    "subscriptions": 6,
    "pipeline": 7,
    "api": 8,
    "web": 8,
}
ALLOWED = {
    # The crawler stores what it downloads through the documents app's storage and models.
    ("ingest", "documents"),
    # Transcripts are documents of the meeting: webcasts stores recordings and pages through documents.
    ("webcasts", "documents"),
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_apps_import_only_lower_layers():
    wrong = []
    for app, layer in LAYERS.items():
        for path in (PACKAGE / app).rglob("*.py"):
            if "tests" in path.relative_to(PACKAGE).parts:
                continue
            for module in _imports(path):
                parts = module.split(".")
                if parts[0] != "councilwatch" or len(parts) < 2 or parts[1] not in LAYERS:
                    continue
                other = parts[1]
                if other == app or LAYERS[other] < layer or (app, other) in ALLOWED:
                    continue
                if app == "replay" and other != "core":
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module} (replay may use only core)")
                    continue
                wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_every_app_has_a_layer():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert apps == set(LAYERS)
