"""The envelope of every JSON document relay writes for scripts (docs/integrations.md,
"JSON for scripts"): `{"format": "relay-<thing>", "version": N, ...}`, a list under a
key named after its records. A script checks `format` and `version` before it reads the
rest; `version` goes up whenever a key is renamed, removed or changes meaning.

The keys inside follow one rule: a stored value is named as in `relay export json` (the
column's name: `due_on`, `is_chase`, `awaiting_reply`, `project_id`, `created_by`); a
computed one takes the same endings (`_on` a day as `2026-12-01`, `_at` an instant in
ISO 8601 with its offset, `_id` a record's id, `_minutes`, `_days`).
"""

from __future__ import annotations

TYPE_CHECKING = False  # no typing import on the fast path
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

#: The version of each JSON output (`relay-<thing>`), raised when its shape changes.
#: Version 1 of the lists was a bare JSON list, before they had an envelope.
VERSIONS: dict[str, int] = {
    "board": 2,
    "clients": 2,
    "projects": 2,
    "contacts": 2,
    "chase": 2,
    "deadlines": 2,
    "validations": 2,
    "risks": 2,
    "time_entries": 2,
    "incidents": 2,
    "remind": 1,
}


def envelope(thing: str, version: int | None = None, **body: Any) -> dict[str, Any]:
    """`body` under the envelope of `relay-<thing>` (`_` written `-`; its version from
    VERSIONS unless given)."""
    return {
        "format": "relay-" + thing.replace("_", "-"),
        "version": VERSIONS[thing] if version is None else version,
        **body,
    }


def listing(thing: str, records: Iterable[Any]) -> dict[str, Any]:
    """A list of records under the envelope, under the key `thing`."""
    return envelope(thing, **{thing: list(records)})
