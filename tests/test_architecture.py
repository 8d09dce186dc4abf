"""No module of the four apps imports, directly or through others, a module that imports it.

import-linter's contracts (``make test``) say which app may import which; this says the
modules form no loop at all. grimp reads every import statement, those inside functions
and under ``TYPE_CHECKING`` included, so an import moved into a function to dodge a
cycle still counts as the cycle it is.

The loops are the strongly connected components of the import graph (Tarjan's
algorithm, iterative: one pass over every module and import), and each one found is
shown as a chain of imports that goes round it.
"""

from collections.abc import Callable, Iterable

import grimp
import pytest

APPS = ("hub", "listings", "pledges", "harvest")


def strongly_connected_components(
    nodes: Iterable[str], successors: Callable[[str], Iterable[str]]
) -> list[list[str]]:
    """Tarjan's algorithm without recursion: every component, each sorted."""
    index: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []

    for root in sorted(nodes):
        if root in index:
            continue
        index[root] = lowlink[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(sorted(successors(root))))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = lowlink[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(successors(child)))))
                    break
                if child in on_stack:
                    lowlink[node] = min(lowlink[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    lowlink[parent] = min(lowlink[parent], lowlink[node])
                if lowlink[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
    return components


def import_cycles(graph: grimp.ImportGraph) -> list[str]:
    """One line per cycle, A to Z: a chain of imports from a module round to itself."""
    cycles = []
    components = strongly_connected_components(
        graph.modules, graph.find_modules_directly_imported_by
    )
    for component in components:
        if len(component) < 2:
            continue
        first = component[0]
        back = next(
            module
            for module in component
            if first in graph.find_modules_directly_imported_by(module)
        )
        chain = graph.find_shortest_chain(importer=first, imported=back) or (first,)
        cycles.append(f"{' -> '.join((*chain, first))} ({len(component)} modules in the loop)")
    return sorted(cycles)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*APPS, cache_dir=None)


def test_the_apps_have_no_import_cycles(graph):
    cycles = import_cycles(graph)

    assert not cycles, "Import cycles:\n" + "\n".join(cycles)


def test_the_graph_covers_every_app(graph):
    assert {module.split(".")[0] for module in graph.modules} == set(APPS)
    assert "listings.models.index_pages" in graph.modules


def _graph_of(imports: list[tuple[str, str]]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_a_cycle_through_several_modules_is_found_and_shown():
    graph = _graph_of(
        [
            ("app.models", "app.views"),
            ("app.views", "app.selectors"),
            ("app.selectors", "app.models"),
        ]
    )

    assert import_cycles(graph) == [
        "app.models -> app.views -> app.selectors -> app.models (3 modules in the loop)"
    ]


def test_imports_that_only_go_down_are_no_cycle():
    graph = _graph_of(
        [
            ("app.views", "app.selectors"),
            ("app.views", "app.models"),
            ("app.selectors", "app.models"),
        ]
    )

    assert import_cycles(graph) == []


def test_two_separate_cycles_are_both_reported():
    graph = _graph_of(
        [("a.x", "a.y"), ("a.y", "a.x"), ("b.x", "b.y"), ("b.y", "b.x"), ("a.y", "b.x")]
    )

    assert import_cycles(graph) == [
        "a.x -> a.y -> a.x (2 modules in the loop)",
        "b.x -> b.y -> b.x (2 modules in the loop)",
    ]
