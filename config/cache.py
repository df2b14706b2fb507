"""A Redis cache that an unreachable Redis slows down but never breaks.

With several app servers (REDIS_URL, docs/deploy.md) Redis holds the shared cache and
the session cache. Django's RedisCache raises when Redis is down or restarting, so
every page that reads its session would answer 500 for as long: an exam morning lost
to a cache. Nothing we keep in Redis is the only copy (sessions are written through to
the database, cached pages are rebuilt, a throttle count starts again), so here a
failed call is a miss: a read returns its default, a write is dropped, and a warning is
logged once per call. Short socket timeouts (settings.CACHES OPTIONS) keep a hung
Redis from holding a request for long.

The trade-off, while Redis is away: the join-code throttle does not count (it fails
open; logins are still throttled by django-axes in the database), and every page is
built afresh.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class ForgivingRedisCache(RedisCache):
    def _or(self, fallback, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except UNREACHABLE as exc:
            log.warning("Redis unreachable, cache %s skipped: %s", call.__name__, exc)
            return fallback

    def add(self, key, value, timeout=None, version=None):
        return self._or(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._or(default, super().get, key, default, version)

    def set(self, key, value, timeout=None, version=None):
        return self._or(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=None, version=None):
        return self._or(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._or(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._or({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._or(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read counts from the start again.
        return self._or(delta, super().incr, key, delta, version)

    def set_many(self, data, timeout=None, version=None):
        return self._or(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._or(None, super().delete_many, keys, version)

    def clear(self):
        return self._or(False, super().clear)
