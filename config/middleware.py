"""Dutch unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language; a Dutch school's
exam app speaks Dutch whatever language the computer's browser is set to, and
switches only when someone picks another language in the menu (the language cookie).
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
