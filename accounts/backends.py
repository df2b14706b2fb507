"""Login throttling in front of Django's own password check."""

from axes.backends import AxesStandaloneBackend


class ThrottledBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every login made through a web request.

    Logins without a request (management commands, `authenticate()` in a shell) have no
    address to count against; they skip the throttle and go to ModelBackend as usual.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
