"""The password hasher, sized for a class that logs in at the same minute.

Argon2id with OWASP's minimum configuration (19 MiB of memory, 2 passes, 1 lane):
memory-hard, so a guesser with GPUs gains far less than against PBKDF2, at about a
tenth of the CPU of Django's PBKDF2 (1,000,000 iterations). Measured figures and the
trade-off: docs/performance.md, `python -m bench.bench_hashers`.

Changing these numbers is safe: every hash stores its own parameters, and Django
rehashes a password with the current ones at the next successful login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class SchoolArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
