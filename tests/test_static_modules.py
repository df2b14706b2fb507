"""The exam pages' ES modules still find one another after collectstatic.

In production every static file gets a hashed name (config/storage.py); an import
such as `from "./tabs.js"` must then name the hashed file, or the exam page loads
without its scripts. Module scripts are loaded with type="module" and no inline code.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parent.parent
IMPORT = re.compile(r"""\b(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']""")
HASHED = re.compile(r"\.[0-9a-f]{12}\.js$")


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    # Only our scripts, through the production storage: quick, and what the check is
    # about. A copy keeps their path (js/...), which the storage's rewriting matches.
    source = tmp_path_factory.mktemp("source")
    shutil.copytree(ROOT / "static" / "js", source / "js")
    root = tmp_path_factory.mktemp("static")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "config.storage.ModuleAwareStaticFilesStorage"},
    }
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=storages,
        STATICFILES_DIRS=[source],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_every_module_import_names_a_hashed_file_that_exists(collected):
    # The files pages load: the manifest's (collectstatic leaves earlier passes beside them).
    manifest = json.loads((collected / "staticfiles.json").read_text())["paths"]
    modules = [collected / name for name in manifest.values() if name.endswith(".js")]
    imports = [(path, target) for path in modules for target in IMPORT.findall(path.read_text())]
    assert any(target.startswith("./tabs.") for _path, target in imports)
    for path, target in imports:
        assert HASHED.search(target), (path.name, target)
        assert (path.parent / target).resolve().is_file(), (path.name, target)


def test_the_exam_pages_load_their_entry_modules_as_modules():
    for template, entry in [
        ("exam/attempt_detail.html", "js/exam/exam-page.js"),
        ("exam/attempt_result.html", "js/exam/result-page.js"),
        ("exam/authoring_exam_preview.html", "js/exam/preview.js"),
    ]:
        text = (ROOT / "templates" / template).read_text()
        assert f"""<script type="module" src="{{% static '{entry}' %}}"></script>""" in text


def imports_of(module: Path) -> set[Path]:
    """Every module that `module` imports, directly or through another."""
    found: set[Path] = set()
    todo = [module]
    while todo:
        current = todo.pop()
        for target in IMPORT.findall(current.read_text()):
            path = (current.parent / target).resolve()
            if path not in found:
                found.add(path)
                todo.append(path)
    return found


@pytest.mark.parametrize("template", ["exam/attempt_detail.html", "exam/attempt_result.html"])
def test_a_page_preloads_exactly_the_modules_its_entry_modules_import(template):
    text = (ROOT / "templates" / template).read_text()
    static = ROOT / "static"
    entries = re.findall(r"""<script type="module" src="\{% static '([^']+)' %\}">""", text)
    preloaded = re.findall(r"""<link rel="modulepreload" href="\{% static '([^']+)' %\}">""", text)
    needed = set().union(*(imports_of((static / entry).resolve()) for entry in entries))
    assert {(static / name).resolve() for name in preloaded} == needed


def test_static_once_renders_the_links_once_and_again_for_a_new_storage():
    """exam/templatetags/static_once.py: the exam page's links are rendered once per
    process, never with a request's context, and anew when the storage changes."""
    from django.template import Context, Template

    page = Template(
        "{% load static static_once %}"
        "{% static_once %}<script src=\"{% static 'js/site.js' %}\"></script>{{ who }}"
        "{% endstatic_once %}"
    )
    first = page.render(Context({"who": "pupil-one"}))
    assert first == page.render(Context({"who": "pupil-two"}))
    assert "pupil" not in first
    assert first == '<script src="/static/js/site.js"></script>'
    with override_settings(STATIC_URL="/elsewhere/"):
        assert page.render(Context()) == '<script src="/elsewhere/js/site.js"></script>'
    assert page.render(Context()) == first


# A file a template names: {% static 'path' %}; django-htmx's {% htmx_script %} names
# its own, which the pages of test_serving and test_production_server load.
NAMED = re.compile(r"""\{%\s*static\s+['"]([^'"]+)['"]""")


def test_collectstatic_keeps_every_file_a_template_names_and_leaves_out_unused_bootstrap(
    collected_static,
):
    """config/apps.py leaves Bootstrap's builds that no page loads out of collectstatic;
    whatever a template names is still collected, under its hashed name."""
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    named = {
        name
        for path in (ROOT / "templates").rglob("*.html")
        for name in NAMED.findall(path.read_text())
    }
    assert {"bootstrap/css/bootstrap.min.css", "bootstrap/js/bootstrap.bundle.min.js"} <= named
    assert named - manifest.keys() == set()
    for name in named:
        assert (collected_static / manifest[name]).is_file(), name
    # The source maps the two Bootstrap files name, and none of the other builds.
    bootstrap = sorted(name for name in manifest if name.startswith("bootstrap/"))
    assert bootstrap == [
        "bootstrap/css/bootstrap.min.css",
        "bootstrap/css/bootstrap.min.css.map",
        "bootstrap/js/bootstrap.bundle.min.js",
        "bootstrap/js/bootstrap.bundle.min.js.map",
    ]
