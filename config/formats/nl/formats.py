"""Dates as Dutch schools write them: "ma 2 mrt 2026, 14:05", never "2-3-2026".

Django's own nl formats are numeric, and its "M" capitalises the month ("Mrt"); "b" is
the lower-case abbreviation. Month and day names come from Django's translations.
"""

DATE_FORMAT = "j F Y"  # 2 maart 2026
TIME_FORMAT = "H:i"
# Deadlines and assignment windows: the weekday helps a pupil plan.
DATETIME_FORMAT = "D j b Y, H:i"  # ma 2 mrt 2026, 14:05
SHORT_DATE_FORMAT = "j b Y"  # 2 mrt 2026
SHORT_DATETIME_FORMAT = "j b Y, H:i"  # 2 mrt 2026, 14:05
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
