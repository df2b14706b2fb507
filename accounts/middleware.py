"""Log out a session that has been idle for SESSION_IDLE_MINUTES (shared computers)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

SEEN_KEY = "idle_seen_at"


def mark_seen_at_login(sender, request, user, **kwargs):
    """Start the idle clock in the login's own session write, not the next request's."""
    request.session[SEEN_KEY] = int(time.time())


class IdleTimeoutMiddleware:
    """Ends a session after a quiet spell a school can set; 0 turns it off.

    The time of the last request is kept in the session, but only rewritten when it is
    a minute old (or a tenth of the idle time, if shorter): an exam page autosaves
    every few seconds, and writing the session row on each save would double the
    database writes of an exam morning for nothing. So a session may live up to that
    much longer than the idle time; never shorter.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        idle_seconds = settings.SESSION_IDLE_MINUTES * 60
        if idle_seconds > 0 and request.user.is_authenticated:
            now = int(time.time())
            seen_at = request.session.get(SEEN_KEY)
            if seen_at is not None and now - seen_at > idle_seconds:
                logout(request)
                messages.info(
                    request,
                    _("You were logged out because you did nothing for %(minutes)d minutes.")
                    % {"minutes": settings.SESSION_IDLE_MINUTES},
                )
            elif seen_at is None or now - seen_at >= min(60, idle_seconds // 10):
                request.session[SEEN_KEY] = now
        return self.get_response(request)
