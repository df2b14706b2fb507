"""Test settings: the real settings with fast hashing and plain static storage."""

import os

os.environ.setdefault("ALLOW_INSECURE_KEY", "1")
# The test client speaks plain http, like the classroom laptop.
os.environ.setdefault("PLAIN_HTTP", "1")

from config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
LANGUAGE_CODE = "nl"
