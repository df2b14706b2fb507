"""What the page benchmarks compare against, in the same process and middleware.

`bare` hands back bytes it already has (set BARE.html to the page's HTML first);
`bare-logged-in` does the same after loading the session and user; `empty-page`
renders this site's base.html. Use with override_settings(ROOT_URLCONF="bench.baseline").
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import include, path

from bench.timing import time_calls  # bench_exam puts a CPU-time version in its place


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


def time_page_against_baselines(client, url: str, runs: int) -> dict:
    """Median server time of the page at `url` and of each baseline, in ms.

    The probes run interleaved, so a busy machine slows every probe alike; after each
    round the cache is cleared for one more request: the page as the first visitor
    gets it. Keys: page_ms, bare_ms, bare_logged_in_ms, empty_page_ms, page_uncached_ms.
    """
    import statistics

    from django.core.cache import cache

    first = client.get(url)
    assert first.status_code == 200, first.status_code
    BARE.html = first.content

    def get(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    probes = {
        "page": lambda: get(url),
        "bare": lambda: get("/__bench__/bare/"),
        "bare_logged_in": lambda: get("/__bench__/bare-logged-in/"),
        "empty_page": lambda: get("/__bench__/empty-page/"),
    }
    for probe in probes.values():
        for _ in range(20):
            probe()
    times = {name: [] for name in [*probes, "page_uncached"]}
    for _ in range(runs):
        for name, probe in probes.items():
            times[name] += time_calls(probe, 1)
        cache.clear()
        times["page_uncached"] += time_calls(probes["page"], 1)
    return {f"{name}_ms": ms(statistics.median(t)) for name, t in times.items()}
