"""What the page benchmarks compare against, in the same process and middleware.

`bare` hands back bytes it already has (set BARE.html to the page's HTML first);
`bare-logged-in` does the same after loading the session and user; `empty-page`
renders this site's base.html. Use with override_settings(ROOT_URLCONF="bench.baseline").
"""

import time

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path


class BARE:
    html = b""


def bare_view(request):
    """The floor: a Django view that only hands back bytes it already has."""
    return HttpResponse(BARE.html)


@login_required
def bare_view_logged_in(request):
    """The floor for any page that needs a logged-in user: session and user loaded."""
    request.user.is_staff  # noqa: B018 - touch the user, as every real page does
    return HttpResponse(BARE.html)


@login_required
def empty_page(request):
    """What any page of this site costs before its content: base.html, roles, menu."""
    return render(request, "base.html")


# The project's URLs plus the bare views, so all go through the same middleware.
urlpatterns = [
    path("__bench__/bare/", bare_view),
    path("__bench__/bare-logged-in/", bare_view_logged_in),
    path("__bench__/empty-page/", empty_page),
    path("", include("config.urls")),
]


def ms(seconds: float) -> float:
    return seconds * 1000


def time_calls(func, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times
