from django.utils.functional import SimpleLazyObject

from accounts import roles as _roles
from accounts.models import ReadingPreferences
from accounts.reading import preferences_for


def roles(request):
    _roles.remember_roles(request)
    user = request.user
    return {
        "is_admin": _roles.is_admin(user),
        "is_teacher": _roles.is_teacher(user),
        "is_pupil": _roles.is_pupil(user),
    }


def reading(request):
    # Lazy: only a page that shows the preferences (base.html's <html>) asks the
    # database, once.
    return {
        "reading": SimpleLazyObject(lambda: preferences_for(request.user)),
        "reading_sizes": ReadingPreferences.Size.choices,
        "reading_spacings": ReadingPreferences.Spacing.choices,
    }
