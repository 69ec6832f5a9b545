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


def _module_name(path: Path) -> str:
    parts = ["councilwatch", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> set[str]:
    """What a module imports, "from a import b" counted as a.b too (b may be a module)."""
    found = _imports(path)
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _cycles() -> list[list[str]]:
    """Import cycles between the package's modules (tests aside), imports inside functions included."""
    graph: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.relative_to(PACKAGE).parts or "migrations" in path.relative_to(PACKAGE).parts:
            continue
        graph[_module_name(path)] = set()
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        if name not in graph:
            continue
        for module in _imported(path):
            while module and module not in graph:  # "from a.b import c" where a.b.c is a module counts as a.b.c
                module = module.rpartition(".")[0]
            if module and module != name and not name.startswith(module + "."):  # a package's own __init__
                graph[name].add(module)
    cycles, state = [], dict.fromkeys(graph, 0)

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for other in sorted(graph[node]):
            if state[other] == 1:
                cycles.append([*path[path.index(other) :], other])
            elif state[other] == 0:
                visit(other, [*path, other])
        state[node] = 2

    for node in sorted(graph):
        if state[node] == 0:
            visit(node, [node])
    return cycles


def test_no_module_imports_itself_round_a_cycle():
    """Within an app too, modules depend one way (the pipeline: work → planner → backlog → dispatch → stages)."""
    assert _cycles() == []


def test_tests_share_support_from_councilwatch_testing_not_from_a_higher_apps_tests():
    """Factories and browser helpers shared by several apps' tests live in councilwatch/testing and core/testing.py;
    no app's tests reach into a higher app's tests for them."""
    wrong = []
    for app, layer in LAYERS.items():
        for path in (PACKAGE / app).rglob("tests/*.py"):
            for module in _imports(path):
                parts = module.split(".")
                tests_of = parts[1] if len(parts) > 2 and parts[0] == "councilwatch" and "tests" in parts[2:] else ""
                if tests_of in LAYERS and tests_of != app and LAYERS[tests_of] >= layer:
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert wrong == []
