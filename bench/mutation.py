"""Mutation testing of the services and permissions modules, on demand (``make mutation``).

Runs mutmut 3 with the configuration in ``pyproject.toml`` (``[tool.mutmut]``: which modules
are mutated and which test folders may kill them), then prints the score of each module:
killed / (total - equivalent), with the equivalent mutants listed in ``docs/mutation.md``.

Two things mutmut does not do on its own, done here:

* **Services decorated with ``@transaction.atomic`` are mutated.** mutmut skips every
  decorated function, which would leave most services untested. For a decorator in
  ``MUTABLE_DECORATORS`` the function is mutated like any other; the decorator stays on
  the trampoline that dispatches to the original or a mutant, and is taken off the copies,
  so each call still runs in exactly one transaction.
* **Each mutant starts from one migrated database.** pytest-django would build the test
  database (every migration) again in each forked mutant; ``tests/conftest.py`` copies a
  template made once instead, when ``HUB_MUTATION_DB_TEMPLATE`` is set (see there).

Usage::

    .venv/bin/python bench/mutation.py                    # run (results are kept in mutants/)
    .venv/bin/python bench/mutation.py "hub.services.*"   # run these mutants again
    .venv/bin/python bench/mutation.py --score            # the scores of the last run
    .venv/bin/mutmut show hub.services.x_membership_decide__mutmut_3   # one mutant's diff

Every test runs on SQLite, on one core (``--max-children 1``), so other work keeps the other.
"""

from __future__ import annotations

import fnmatch
import os
import re
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "docs" / "mutation.md"

#: Decorators that do not change what a function computes, only how it runs.
MUTABLE_DECORATORS = {"transaction.atomic"}


def _decorator_name(decorator) -> str:
    import libcst as cst

    node = decorator.decorator
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if isinstance(node, cst.Name):
        parts.append(node.value)
    return ".".join(reversed(parts))


def _only_mutable_decorators(function) -> bool:
    return bool(function.decorators) and all(
        _decorator_name(d) in MUTABLE_DECORATORS for d in function.decorators
    )


def patch_mutmut() -> None:
    """Let mutmut mutate functions whose only decorators are in ``MUTABLE_DECORATORS``."""
    import libcst as cst
    from mutmut.mutation import file_mutation

    skip = file_mutation.MutationVisitor._skip_node_and_children

    def _skip_node_and_children(self, node):
        if isinstance(node, cst.FunctionDef) and _only_mutable_decorators(node):
            undecorated = node.with_changes(decorators=[])
            position = self.get_metadata(file_mutation.PositionProvider, node, None)
            if position and position.start.line in self._ignored_node_lines:
                self.ignored_functions.add(node.name.value)
                return True
            return skip(self, undecorated)
        return skip(self, node)

    arrange = file_mutation.function_trampoline_arrangement

    def function_trampoline_arrangement(function, mutants, class_name):
        declarations, nodes, assignments, names = arrange(function, mutants, class_name)
        if _only_mutable_decorators(function):
            trampoline, *copies = nodes
            nodes = [trampoline, *(copy.with_changes(decorators=[]) for copy in copies)]
        return declarations, nodes, assignments, names

    file_mutation.MutationVisitor._skip_node_and_children = _skip_node_and_children
    file_mutation.function_trampoline_arrangement = function_trampoline_arrangement


# Scores ------------------------------------------------------------------------------------


def equivalent_mutants() -> set[str]:
    """Mutant names listed in docs/mutation.md's table of equivalent mutants."""
    if not EQUIVALENTS.exists():
        return set()
    return set(re.findall(r"^\|\s*`([\w.ǁ]+__mutmut_\d+)`", EQUIVALENTS.read_text(), re.M))


def module_of(path: str, groups: dict[str, list[str]]) -> str:
    """The row a file is scored in: its ``only_mutate`` pattern, or the file itself when
    the pattern is a folder's glob (each module of ``pledges/services/`` has its own target)."""
    for module, patterns in groups.items():
        if any(fnmatch.fnmatch(path, p) for p in patterns):
            return path.removesuffix(".py") if any("*" in p for p in patterns) else module
    return path


def scores() -> int:
    """Print each module's figures and the mutants not killed; 1 if a module is below 95%.

    The score is detected / (total - equivalent), where detected is killed plus timed
    out (a mutant that makes a test hang, such as a loop that never ends, is caught);
    ``strict`` counts killed only.
    """
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    groups = {p.removesuffix("/*").removesuffix(".py"): [p] for p in patterns["only_mutate"]}
    equivalent = equivalent_mutants()
    rows: dict[str, Counter] = {}
    left = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        counts = rows.setdefault(module_of(str(path), groups), Counter())
        for name, exit_code in data.exit_code_by_key.items():
            status = status_by_exit_code[exit_code]
            counts["total"] += 1
            if name in equivalent:
                counts["equivalent"] += 1
                if status == "killed":
                    print(f"note: {name} is listed as equivalent but was killed", file=sys.stderr)
                continue
            counts[status] += 1
            if status not in ("killed", "timeout"):
                left.append(f"{name}: {status}")
    columns = ("total", "killed", "timeout", "survived", "no tests", "other", "equivalent")
    print(f"{'module':<34}" + "".join(f"{c:>11}" for c in columns) + f"{'score':>9}{'strict':>9}")
    worst = 100.0
    for module, c in sorted(rows.items()):
        if not c["total"]:
            continue
        c["other"] = c["total"] - sum(c[k] for k in columns if k not in ("total", "other"))
        denominator = c["total"] - c["equivalent"]
        score = 100.0 * (c["killed"] + c["timeout"]) / denominator if denominator else 100.0
        strict = 100.0 * c["killed"] / denominator if denominator else 100.0
        worst = min(worst, score)
        figures = "".join(f"{c[k]:>11}" for k in columns)
        print(f"{module:<34}{figures}{score:>8.1f}%{strict:>8.1f}%")
    if left:
        print("\nNot killed (survived, no tests, suspicious or not checked):")
        for line in left:
            print("   ", line)
    return 0 if worst >= 95.0 else 1


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    if argv[:1] == ["--score"]:
        return scores()
    patch_mutmut()
    template = ROOT / "mutants" / "template.sqlite3"
    template.unlink(missing_ok=True)
    os.environ["HUB_MUTATION_DB_TEMPLATE"] = str(template)
    os.environ.pop("DATABASE_URL", None)
    from mutmut.__main__ import cli

    try:
        cli(["run", "--max-children", "1", *argv], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            return int(stop.code)
    return scores()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
