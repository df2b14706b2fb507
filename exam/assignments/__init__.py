"""Assignments: the pure rules of windows, deadlines and what a pupil may see (rules),
and the services that assign an exam and start, time and close attempts (services)."""
