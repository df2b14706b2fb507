"""The static files storage in production: whitenoise's compressed, hashed files.

The exam pages load their scripts as ES modules (static/js/exam/), which import one
another by relative path ("./tabs.js"). Collectstatic gives every file a hashed name,
so those import paths must be rewritten to the hashed names too, as url() in CSS is.
Django can do that (support_js_module_import_aggregation), but for every *.js file,
third-party ones included, and django-htmx's extensions import "../htmx", which is no
file: collectstatic fails. So the same rewriting, for our own scripts under js/ only.
"""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage

_glob, _MODULE_IMPORT_PATTERNS = ManifestStaticFilesStorage._js_module_import_aggregation_patterns


class ModuleAwareStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = CompressedManifestStaticFilesStorage.patterns + (
        ("js/*.js", _MODULE_IMPORT_PATTERNS),
    )
