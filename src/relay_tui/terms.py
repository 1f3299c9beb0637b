"""The part of the vocabulary the fast capture path needs, with no imports at all.

`relay_tui.vocab` holds the full vocabulary as enumerations (importing `enum` costs
several milliseconds, too much for `relay capture`); a test checks that the values here
and there are the same.
"""

CHANNELS: tuple[str, ...] = ("email", "phone", "meeting", "chat", "other")
DIRECTIONS: tuple[str, ...] = ("in", "out")
DEFAULT_CHANNEL = "email"

# Limits, shared by every front end.
NAME_MAX = 120
TEXT_MAX = 4000
SUMMARY_MAX = 4000
#: The longest Message-ID kept (RFC 5322 lines end at 998 characters).
MESSAGE_ID_MAX = 998
EMAIL_MAX = 254
PHONE_MAX = 40
SCALE_MIN = 1
SCALE_MAX = 5
MARGIN_MAX_DAYS = 365
CHASE_DELAY_DEFAULT = 2
CHASE_DELAY_MAX = 60
DURATION_MAX_MINUTES = 24 * 60
#: A project's budget: up to 100,000 hours.
BUDGET_MAX_MINUTES = 100_000 * 60
PLANNING_HORIZON_DAYS = 21
#: How many changes each user can take back (`relay undo`; relay_tui.journal).
UNDO_STEPS_KEPT = 100
