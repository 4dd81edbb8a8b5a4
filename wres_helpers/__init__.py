"""wres_helpers: the Workforce Race Equality Standard engine behind the reports.

Reading and validating an extract (:mod:`.read`, :mod:`.validate`), counting
(:mod:`.counts`), the indicators (:mod:`.indicators`), the publication rule
(:mod:`.publish`), and what the reports and the command line build on them.
"""

__version__ = "0.1.0"
