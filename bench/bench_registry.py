"""Registry load: a full load and an unchanged reload, against the bare cost of reading the two CSV files."""

import csv

from _django import best_of, setup_django


def main() -> None:
    setup_django()
    from councilwatch.councils.models import Council
    from councilwatch.councils.registry import default_paths, load_councils

    register, platforms = default_paths()

    def read_csv_only() -> None:
        for path in (register, platforms):
            with path.open(newline="", encoding="utf-8") as fh:
                list(csv.DictReader(fh))

    def first_load() -> None:
        Council.objects.all().delete()
        load_councils()

    baseline = best_of(5, read_csv_only)
    full = best_of(3, first_load)
    reload = best_of(5, load_councils)
    n = Council.objects.count()
    print(f"councils loaded: {n}")
    print(f"baseline read both CSVs: {baseline * 1000:.1f} ms")
    print(f"full load (insert):      {full * 1000:.1f} ms  ratio {full / baseline:.1f}x baseline")
    print(f"unchanged reload:        {reload * 1000:.1f} ms  ratio {reload / baseline:.1f}x baseline")
