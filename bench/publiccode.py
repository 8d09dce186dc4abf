"""Validation throughput of publiccode.yml files, and how the corpus comes out.

Usage: .venv/bin/python bench/publiccode.py [--dir tests/harvest/data/publiccode] [--rounds 20]

Parses and validates every *.yml / *.yaml file in the directory ``rounds`` times
(after one warm-up round), prints files per second, then the same for a full import
read (parse, validate, map to a listing's answers) and how many files could be sent to
moderation without edits, then how many files are clean, have warnings only, or have
errors, and the commonest errors. Nothing is contacted
over the network.
"""

import argparse
import collections
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import os  # noqa: E402

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
os.environ.setdefault("DEBUG", "true")
import django  # noqa: E402

django.setup()

from harvest.publiccode import validate_publiccode  # noqa: E402
from harvest.publiccode.importer import read_publiccode  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(ROOT / "tests/harvest/data/publiccode"))
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()

    files = sorted(p for p in Path(args.dir).iterdir() if p.suffix in (".yml", ".yaml"))
    contents = [p.read_bytes() for p in files]
    results = [validate_publiccode(c) for c in contents]  # warm-up, and the figures

    start = time.perf_counter()
    for _ in range(args.rounds):
        for content in contents:
            validate_publiccode(content)
    elapsed = time.perf_counter() - start
    total = len(contents) * args.rounds
    size = sum(len(c) for c in contents)
    print(f"{len(files)} files ({size / 1024:.0f} KiB), {args.rounds} rounds")
    print(f"throughput: {total / elapsed:,.0f} files/second ({elapsed / total * 1000:.2f} ms/file)")

    start = time.perf_counter()
    for _ in range(args.rounds):
        imported = [read_publiccode(content) for content in contents]
    elapsed = time.perf_counter() - start
    print(f"import (parse, validate, map to a listing): {total / elapsed:,.0f} files/second")
    print(f"import-ready without edits: {_import_ready(imported)} of {len(files)}")

    status = collections.Counter(r.status for r in results)
    print(f"clean: {status['ok']}, warnings only: {status['warnings']}, errors: {status['errors']}")
    errors = collections.Counter()
    warnings = collections.Counter()
    for result in results:
        for problem in result.problems:
            key = re.sub(r"\[\d+\]", "[]", problem.key)
            key = re.sub(r"^description\.[^.]+", "description.*", key)
            counter = errors if problem.severity == "error" else warnings
            counter[f"{key}: {re.sub(r' [(].*', '', problem.message)}"] += 1
    print("commonest errors:")
    for text, count in errors.most_common(8):
        print(f"  {count:3} {text}")
    print("commonest warnings:")
    for text, count in warnings.most_common(5):
        print(f"  {count:3} {text}")


def _import_ready(imported) -> str:
    """Files whose answers pass every listing rule, so they can be sent as they are."""
    from django.db import DatabaseError

    from listings.submissions.answers import validate_answers

    try:
        ready = sum(
            1 for item in imported if not item.errors and validate_answers(item.answers).is_valid()
        )
    except DatabaseError:
        return "unknown (run `make setup` first: the check reads service areas)"
    return str(ready)


if __name__ == "__main__":
    main()
