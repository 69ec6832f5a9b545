"""Run every benchmark in bench/ (files named bench_*.py, each with a ``main() -> None``).

Each benchmark prints its figures and a ratio against a baseline measured in the same run.
``python bench/run.py NAME`` runs only the benchmarks whose file name contains NAME.
"""

import importlib.util
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")
    wanted = argv[1:]
    failures = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and not any(w in path.stem for w in wanted):
            continue
        print(f"=== {path.stem}", flush=True)
        sys.path.insert(0, str(HERE))
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as exc:  # a broken benchmark is reported, the others still run
            failures += 1
            print(f"FAILED {path.stem}: {type(exc).__name__}: {exc}", flush=True)
        print(f"--- {path.stem} took {time.perf_counter() - started:.1f}s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
