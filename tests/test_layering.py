"""The layering contract holds, so `make test` fails on a violation as CI's lint step does.

The contracts themselves (texts never imports exam, pure cores import no Django, the
layers of each app, no import cycles) are in .importlinter. Test modules get one rule
of their own: they never import from each other; what they share lives in conftest.py
and the tests/*_builders.py modules.
"""

import re
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
TEST_MODULE = re.compile(r"^tests(\.browser)?\.test_\w+$")


def test_the_import_contracts_hold(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert lint_imports(config_filename=str(ROOT / ".importlinter"), no_cache=True) == 0


def test_test_modules_never_import_from_other_test_modules():
    graph = grimp.build_graph("tests", cache_dir=None)
    borrowed = sorted(
        (importer, imported)
        for importer in graph.modules
        if TEST_MODULE.match(importer)
        for imported in graph.find_modules_directly_imported_by(importer)
        if TEST_MODULE.match(imported)
    )
    assert borrowed == []
