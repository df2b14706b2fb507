"""The layers of exam/ (docs: STYLE "Where things live"): no import cycles, texts never
imports exam, and the reads and writes never import the pages built on them.

Read from the source with ast, so no module is imported and no database is needed.
Every import counts, a function's own included: a cycle hidden in a function is still
a cycle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What pages are made of; the layers below them (access, selectors, services, rules,
# results) must not import them.
PAGES = ("exam.views", "exam.urls", "exam.presenters")


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _modules(package: str) -> dict[str, Path]:
    return {
        _module_name(path): path
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def _imports(path: Path, known: dict[str, Path]) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in known else node.module)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def _graph() -> dict[str, set[str]]:
    known = _modules("exam") | _modules("texts") | _modules("accounts")
    return {
        name: {dep for dep in _imports(path, known) if dep in known and dep != name}
        for name, path in known.items()
    }


def _cycle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    path, seen = [start], set()

    def visit(node: str) -> list[str] | None:
        for dep in sorted(graph[node]):
            if dep == start:
                return [*path, dep]
            if dep not in seen:
                seen.add(dep)
                path.append(dep)
                found = visit(dep)
                if found:
                    return found
                path.pop()
        return None

    return visit(start)


def test_no_module_of_exam_imports_itself_back_through_others():
    graph = _graph()
    exam = sorted(name for name in graph if name.startswith("exam"))
    cycles = [cycle for name in exam if (cycle := _cycle_from(name, graph))]
    assert cycles == []


def test_texts_never_imports_exam():
    graph = _graph()
    offenders = {
        name: sorted(dep for dep in deps if dep.startswith("exam"))
        for name, deps in graph.items()
        if name.startswith("texts")
    }
    assert {name: deps for name, deps in offenders.items() if deps} == {}


def test_reads_and_writes_never_import_the_pages_built_on_them():
    graph = _graph()
    offenders = {
        name: sorted(dep for dep in deps if dep.startswith(PAGES))
        for name, deps in graph.items()
        if name.startswith("exam") and not name.startswith(PAGES)
    }
    assert {name: deps for name, deps in offenders.items() if deps} == {}
