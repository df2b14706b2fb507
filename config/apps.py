"""Django's own apps, as this project configures them."""

from django.contrib.staticfiles.apps import StaticFilesConfig

# django-bootstrap-static ships every build of Bootstrap: the grid, reboot and
# utilities alone, right to left, unminified, as an ES module, and jQuery (45 files,
# 9 MB). The pages load two, bootstrap.min.css and bootstrap.bundle.min.js
# (templates/base.html and 500.html), which collectstatic keeps with the source maps
# they name. Collecting the rest had whitenoise compress 8 MB that no page loads, in
# every deploy (and in the test runs that collect; docs/performance.md).
# tests/test_static_modules.py checks that every file a template names is collected.
BOOTSTRAP_NO_PAGE_LOADS = [
    "bootstrap/css/bootstrap-*",  # grid, reboot, utilities
    "bootstrap/css/*.rtl.*",
    "bootstrap/css/bootstrap.css*",
    "bootstrap/js/jquery*",
    "bootstrap/js/bootstrap.js*",
    "bootstrap/js/bootstrap.min.js*",
    "bootstrap/js/bootstrap.esm*",
    "bootstrap/js/bootstrap.bundle.js*",
]


class StaticFiles(StaticFilesConfig):
    ignore_patterns = [*StaticFilesConfig.ignore_patterns, *BOOTSTRAP_NO_PAGE_LOADS]
