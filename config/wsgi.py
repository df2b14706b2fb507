import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Load the Dutch hyphenation dictionary now rather than in the first upload's request.
from texts.parsing import warm_up  # noqa: E402

warm_up()
