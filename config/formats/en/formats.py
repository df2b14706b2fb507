"""Dates in the English interface, written out like the Dutch ones: "Mon 2 Mar 2026, 14:05"."""

DATE_FORMAT = "j F Y"  # 2 March 2026
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "D j M Y, H:i"  # Mon 2 Mar 2026, 14:05
SHORT_DATE_FORMAT = "j M Y"  # 2 Mar 2026
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
