"""What a database server's refusal means, in one clear line (a PostgreSQL store)."""

from __future__ import annotations

from relay_tui.errors import StoreError
from relay_tui.i18n import N_, tr

TYPE_CHECKING = False
if TYPE_CHECKING:
    from relay_tui.db import StoreLocation


#: What a database server's refusal means, and what to do about it (message ids, shown
#: with `tr`).
_SERVER_PROBLEMS = (
    (
        ("connection refused",),
        N_("the server does not answer: is it running, on that host and port?"),
    ),
    (
        ("timeout expired",),
        N_("the server did not answer in time: check the host and the network"),
    ),
    (("could not translate host name",), N_("no such host: check the host name in the URL")),
    (("name or service not known",), N_("no such host: check the host name in the URL")),
    (("failed to resolve host",), N_("no such host: check the host name in the URL")),
    (("password authentication failed",), N_("the server refused the password: check the URL")),
    (
        ("no password supplied",),
        N_("the server wants a password: put it in the URL or ~/.pgpass"),
    ),
    (('role "', "does not exist"), N_("the server does not know this user: check the URL")),
    (('database "', "does not exist"), N_("no such database on the server: create it first")),
    (
        ("server closed the connection",),
        N_("the server went away: it may be restarting, try again"),
    ),
    (
        ("terminating connection",),
        N_("the server ended the connection: try again in a moment"),
    ),
    (
        ("consuming input failed",),
        N_("the connection to the server broke: try again in a moment"),
    ),
)


def explain_server_error(exc: BaseException, location: StoreLocation) -> StoreError:
    """One clear line for a failure of a database server store."""
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    lowered = str(exc).lower()
    for markers, meaning in _SERVER_PROBLEMS:
        if all(marker in lowered for marker in markers):
            return StoreError(
                tr(
                    "the store {store}: {meaning} ({detail})",
                    store=location.describe(),
                    meaning=tr(meaning),
                    detail=detail,
                )
            )
    return StoreError(
        tr("the store {store} failed: {detail}", store=location.describe(), detail=detail)
    )
