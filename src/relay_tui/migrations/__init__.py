"""Alembic migrations, shipped inside the package and applied on open."""

#: Tables that exist in the store but not in the models: SQLite's full-text search, and
#: the board's read model kept by triggers (migration 0012).
UNMODELLED_PREFIXES = ("contact_fts", "project_time_total", "pending_reply")


#: Columns and indexes that exist in the store but not in the models: each project's
#: folded name, derived and kept by relay (`relay_tui.folded_names`, migration 0011), and
#: SQLite's index of the day an open deadline's margin starts (an expression, 0013).
UNMODELLED = {
    ("column", "name_folded"),
    ("index", "ix_project_name_folded"),
    ("index", "ix_deadline_margin_start"),
}


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's comparisons: leave out the full-text search tables, the board's read model,
    the folded project names and the index on an expression."""
    if (type_, name) in UNMODELLED:
        return False
    return not (type_ == "table" and name is not None and name.startswith(UNMODELLED_PREFIXES))
