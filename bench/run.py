"""Run every benchmark in bench/ (files named bench_*.py, each with a ``main() -> None``).

Each benchmark prints its figures and a ratio against a baseline measured in the same run. Each runs in a
process of its own, so each has its own fresh database (``_django.setup_django``) and nothing one leaves
behind changes another's figures. ``python bench/run.py NAME`` runs only the benchmarks whose file name
contains NAME. The exit status is 1 when any benchmark failed, after all of them ran.
"""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_one(path: Path) -> int:
    """Run one benchmark in this process; 0 when it finished."""
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        module.main()
    except Exception as exc:  # reported by name and reason; the other benchmarks still run
        print(f"FAILED {path.stem}: {type(exc).__name__}: {exc}", flush=True)
        return 1
    return 0


def main(argv: list[str]) -> int:
    if len(argv) == 3 and argv[1] == "--one":
        return run_one(Path(argv[2]))
    wanted = argv[1:]
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(w in path.stem for w in wanted):
            continue
        print(f"=== {path.stem}", flush=True)
        started = time.perf_counter()
        status = subprocess.run([sys.executable, __file__, "--one", str(path)], check=False).returncode
        if status:
            failed.append(path.stem)
        print(f"--- {path.stem} took {time.perf_counter() - started:.1f}s", flush=True)
    if failed:
        print(f"FAILED: {', '.join(failed)}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
