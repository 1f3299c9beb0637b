"""SQL fragments shared by the ORM services and the light DB-API reads.

Literal values on purpose: SQLite uses a partial index only when a query repeats the
index's WHERE clause, and a bound parameter does not.
"""

#: "Outbound, flagged awaiting, and no later inbound contact on the same project".
AWAITING = (
    "contact.direction = 'out' AND contact.awaiting_reply = TRUE AND NOT EXISTS ("
    "SELECT 1 FROM contact AS reply WHERE reply.project_id = contact.project_id "
    "AND reply.direction = 'in' AND reply.at > contact.at)"
)

#: The WHERE clause of the partial index `ix_contact_awaiting`.
AWAITING_INDEX_WHERE = "direction = 'out' AND awaiting_reply = TRUE"

#: The projects a name may name (`rules.resolve_project` then chooses among them): those
#: whose folded name (`project.name_folded`, migration 0011) lies in the range of the
#: folded name typed, through the index `ix_project_name_folded`, and those not folded
#: yet (a row written by another program). `{ge}` and `{lt}` compare code point by code
#: point: `>=` and `<` on SQLite, `~>=~` and `~<~` on PostgreSQL (`text_pattern_ops`).
PROJECTS_NAMED = (
    "SELECT id, name, status FROM project "
    "WHERE (name_folded {ge} ? AND name_folded {lt} ?) OR name_folded IS NULL ORDER BY id"
)
#: The same for a prefix no text is above (only U+10FFFF): no upper bound.
PROJECTS_NAMED_FROM = (
    "SELECT id, name, status FROM project "
    "WHERE name_folded {ge} ? OR name_folded IS NULL ORDER BY id"
)
#: The projects that are not folded yet (a name that no store can hold: only those).
PROJECTS_UNFOLDED = "SELECT id, name, status FROM project WHERE name_folded IS NULL ORDER BY id"
#: The project of an id, and the active projects (no name given: the only active one).
PROJECT_BY_ID = "SELECT id, name, status FROM project WHERE id = ?"
PROJECTS_ACTIVE = "SELECT id, name, status FROM project WHERE status = 'active' ORDER BY id"
#: The projects that may bear a name (`services.common.same_name`): the same folded name
#: (the index `ix_project_name_folded`), or not folded yet.
PROJECTS_FOLDED_AS = (
    "SELECT id, name FROM project WHERE name_folded = ? OR name_folded IS NULL ORDER BY id"
)
