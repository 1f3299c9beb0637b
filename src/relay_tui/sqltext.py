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
