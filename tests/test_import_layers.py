"""What .importlinter (tests/test_layering.py) cannot say: no module imports itself back
(its acyclic contract looks at whole packages), and the cores that translate their own
messages take nothing else from Django.

Read from the source with ast, so no module is imported and no database is needed.
Every import counts, a function's own included: a cycle hidden in a function is still
a cycle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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


# They translate their own messages, and take nothing else from Django: the kinds and
# the scoring that use them stay testable without a database.
TRANSLATING_CORES = ("exam.problems", "exam.references", "exam.assignments.rules", "exam.exam_data")
TRANSLATION = ("django.utils.translation", "django.utils.translation.")


def _django_names(path: Path) -> set[str]:
    """Every name taken from Django, in full ("django.utils.timezone", not "django.utils")."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django"):
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("django")}
    return names


def test_the_cores_that_translate_their_messages_import_nothing_else_of_django():
    known = _modules("exam")
    used = {
        name: sorted(n for n in _django_names(known[name]) if not n.startswith(TRANSLATION))
        for name in TRANSLATING_CORES
    }
    assert used == {name: [] for name in TRANSLATING_CORES}
