"""One password hash with each hasher, in CPU seconds, against PBKDF2 in the same process.

.venv/bin/python -m bench.bench_hashers

A login costs one hash. The figure that matters on an exam morning is CPU time: a
class of 30 logging in at once needs 30 hashes from the server's cores. The ratio to
PBKDF2 (Django's default, 1,000,000 iterations) is measured here, on this machine,
so it holds wherever the absolute figures differ.
"""

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOW_INSECURE_KEY", "1")
django.setup()

from django.contrib.auth.hashers import (  # noqa: E402
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
)

from accounts.hashers import SchoolArgon2PasswordHasher  # noqa: E402

PASSWORD = "kq7m-x3pt-9rwa"
ROUNDS = 5


def cpu_seconds_per_hash(hasher) -> float:
    """The best of ROUNDS: the least disturbed by the other processes on the machine."""
    salt = hasher.salt()
    best = float("inf")
    for _i in range(ROUNDS):
        started = time.process_time()
        encoded = hasher.encode(PASSWORD, salt)
        best = min(best, time.process_time() - started)
    assert hasher.verify(PASSWORD, encoded)
    return best


def main() -> None:
    hashers = [
        ("PBKDF2-SHA256, 1,000,000 iterations (Django default)", PBKDF2PasswordHasher()),
        ("Argon2id, Django default (t=2, m=100 MiB, p=8)", Argon2PasswordHasher()),
        ("Argon2id, ours (t=2, m=19 MiB, p=1)", SchoolArgon2PasswordHasher()),
    ]
    baseline = None
    for name, hasher in hashers:
        seconds = cpu_seconds_per_hash(hasher)
        baseline = baseline or seconds
        print(f"{name:<55} {seconds * 1000:7.1f} ms CPU   {seconds / baseline:5.2f}x PBKDF2")


if __name__ == "__main__":
    main()
