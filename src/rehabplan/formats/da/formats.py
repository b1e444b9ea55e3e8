"""The Danish formats every screen, letter text and admin page uses.

Text: "2. december 2026", with a time "2. december 2026 kl. 09.30", a time alone "09.30" (the
templates write "kl." before it). Inputs show dd-mm-åååå and accept the ways people type a date;
the ISO form stays accepted for links and the browser's own date values.
"""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H.i"
DATETIME_FORMAT = r"j. F Y \k\l. H.i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "j. F Y"
SHORT_DATETIME_FORMAT = r"j. F Y \k\l. H.i"
FIRST_DAY_OF_WEEK = 1

DATE_INPUT_FORMATS = [
    "%d-%m-%Y",  # 02-12-2026, the form every input shows
    "%d.%m.%Y",  # 02.12.2026
    "%d/%m/%Y",  # 02/12/2026
    "%Y-%m-%d",  # 2026-12-02, links and the browser's date values
    "%d%m%Y",  # 02122026
]
DATETIME_INPUT_FORMATS = [
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y %H.%M",
    "%d-%m-%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
]
TIME_INPUT_FORMATS = ["%H.%M", "%H:%M", "%H:%M:%S", "%H.%M.%S"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
