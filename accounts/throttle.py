"""A small failure counter in the cache, for guesses that are not logins.

Used for class join codes: a pupil who keeps trying codes is stopped for a while,
counted per pupil and address together (like the login lockout, django-axes). With
the default per-process cache the count is per worker, so a guesser gets at most
limit x workers tries per cool-off; a shared cache (Redis) makes it exact.
"""

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def failure_key(scope: str, *, user_id: int, address: str) -> str:
    return f"throttle:{scope}:{user_id}:{address}"


def is_blocked(key: str, *, limit: int) -> bool:
    return cache.get(key, 0) >= limit


def record_failure(key: str, *, cooloff_minutes: int) -> int:
    """Count one failure; the count is forgotten cooloff_minutes after the first."""
    if cache.add(key, 1, timeout=cooloff_minutes * 60):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=cooloff_minutes * 60)
        return 1


def reset(key: str) -> None:
    cache.delete(key)


def client_address(request) -> str:
    # The same address django-axes counts logins against.
    return get_client_ip_address(request) or ""
